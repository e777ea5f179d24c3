import type { Page, Problem } from '../../data/queues.ts';
import {
  type OfferRecord,
  type ProposalRecord,
  type RequestRecord,
  VERIFICATION_METHODS,
} from '../../domain/records.ts';
import { awaitsContact } from '../../domain/unreachable.ts';
import { formatCount, formatPercent } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { placeName } from '../../places/gazetteer.ts';
import { QUEUE_SECTIONS, type Queue, type QueueSection } from '../../workspace/queue.ts';
import { ContactFacts } from './contact-facts.tsx';
import {
  CountryPicker,
  CsrfInput,
  ExportLinks,
  SearchBox,
  WorkspaceLayout,
  type WorkspaceReader,
} from './coordinator-pages.tsx';
import { DisclosureMarker, localHref, type PageContext } from './layout.tsx';
import { Parts } from './row-parts.tsx';

/** A day as a row shows it: short, in the reader's language ("3 Dec", "3 дек."). */
export function shortDate(isoDate: string, page: PageContext): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(page.locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    date,
  );
}

/** How long something has waited, in one short unit: minutes, then hours, then days. */
export function waited(sinceIso: string, now: Date, page: PageContext): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(sinceIso)) / 60_000));
  // "0 min" is how a clock says it, not a person.
  if (minutes === 0) return page.t('coordinator.row.justNow');
  const [value, unit] =
    minutes < 60
      ? [minutes, 'minute']
      : minutes < 48 * 60
        ? [Math.floor(minutes / 60), 'hour']
        : [Math.floor(minutes / 1440), 'day'];
  return new Intl.NumberFormat(page.locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
}

const SECTION_TITLES: Record<QueueSection, MessageKey> = {
  proposals: 'coordinator.queue.proposals',
  waiting: 'coordinator.queue.waiting',
  verify: 'coordinator.queue.verify',
  problems: 'coordinator.queue.problems',
  unreachable: 'coordinator.queue.unreachable',
  stale: 'coordinator.queue.stale',
};

interface RowProps {
  readonly page: PageContext;
  readonly now: Date;
}

/** One line: what it is (a link to the record) and how long it has waited. */
function Line({
  href,
  parts,
  since,
  page,
  now,
}: RowProps & { href: string; parts: readonly string[]; since: string }) {
  return (
    <li class="queue-row">
      <a class="queue-line" href={localHref(href, page.locale)}>
        <Parts parts={parts} />
      </a>
      <span class="queue-waited">{waited(since, now, page)}</span>
    </li>
  );
}

const people = (request: Pick<RequestRecord, 'adults' | 'children'>, page: PageContext) => {
  const total = page.t('coordinator.row.people', { count: request.adults + request.children });
  return request.children > 0
    ? [total, page.t('coordinator.row.children', { count: request.children })]
    : [total];
};

/** A row that opens: its line and wait, then links to both records and the row's buttons. */
function DecideRow({
  line,
  since,
  requestId,
  offerId,
  page,
  now,
  children,
}: RowProps & {
  line: readonly string[];
  since: string;
  requestId: string;
  offerId: string;
  children: unknown;
}) {
  return (
    <li class="queue-row decide">
      <details>
        <summary>
          <DisclosureMarker shape="▸" />
          <span class="queue-line">
            <Parts parts={line} />
          </span>
          <span class="queue-waited">{waited(since, now, page)}</span>
        </summary>
        <div class="queue-decide">
          <p>
            <a class="tap" href={localHref(`/coordinator/requests/${requestId}`, page.locale)}>
              {page.t('coordinator.decide.request')}
            </a>
            {' · '}
            <a class="tap" href={localHref(`/coordinator/offers/${offerId}`, page.locale)}>
              {page.t('coordinator.decide.offer')}
            </a>
          </p>
          {children}
        </div>
      </details>
    </li>
  );
}

function ProposalRow({
  proposal,
  reader,
  page,
  now,
}: RowProps & { proposal: ProposalRecord; reader: WorkspaceReader }) {
  const { t } = page;
  const line = [
    t('coordinator.row.people', { count: proposal.partySize }),
    `→ ${proposal.city && proposal.country ? placeName(proposal.country, proposal.city, page.locale) : (proposal.city ?? '')}`,
    shortDate(proposal.nightsFrom, page),
    formatPercent(proposal.score, page.locale),
  ];
  const action = (decision: 'approve' | 'decline') =>
    localHref(`/coordinator/proposals/${proposal.id}/${decision}`, page.locale);
  return (
    <DecideRow
      line={line}
      since={proposal.createdAt}
      requestId={proposal.requestId}
      offerId={proposal.offerId}
      page={page}
      now={now}
    >
      <form method="post" action={action('approve')}>
        <CsrfInput csrf={reader.csrf} />
        <button type="submit" class="button small" name="decision" value="approve">
          {t('decision.approve.button')}
        </button>
      </form>
      <form method="post" action={action('decline')}>
        <CsrfInput csrf={reader.csrf} />
        <button type="submit" class="button small danger" name="decision" value="decline">
          {t('decision.decline.button')}
        </button>
      </form>
    </DecideRow>
  );
}

/** A waiting request as a row says it: the party, where, from when. */
const requestLine = (request: RequestRecord, page: PageContext) => [
  ...people(request, page),
  request.city ? placeName(request.country, request.city, page.locale) : page.t('coordinator.row.anywhere'),
  shortDate(request.arrival, page),
];

/** An offer as a row says it: where, how many beds, from when. */
const offerLine = (offer: OfferRecord, page: PageContext) => [
  placeName(offer.country, offer.city, page.locale),
  page.t('coordinator.row.beds', { count: offer.beds }),
  shortDate(offer.availableFrom, page),
];

function WaitingRow({ request, ...props }: RowProps & { request: RequestRecord }) {
  // Why they may wait in vain: no proposal for someone nobody could reach can be approved.
  const unreachable = awaitsContact(request) ? [props.page.t('coordinator.row.noContact')] : [];
  return (
    <Line
      {...props}
      href={`/coordinator/requests/${request.id}`}
      parts={[...requestLine(request, props.page), ...unreachable]}
      since={request.confirmedAt ?? request.createdAt}
    />
  );
}

function OfferRow({ offer, since, ...props }: RowProps & { offer: OfferRecord; since: string }) {
  return (
    <Line
      {...props}
      href={`/coordinator/offers/${offer.id}`}
      parts={offerLine(offer, props.page)}
      since={since}
    />
  );
}

/** A host or a seeker nobody could reach once placed: which side, then the offer's or request's line. */
function UnreachableRow({ record, ...props }: RowProps & { record: OfferRecord | RequestRecord }) {
  const { page } = props;
  const side = page.t(record.kind === 'offer' ? 'decision.host.title' : 'decision.seeker.title');
  const line = record.kind === 'offer' ? offerLine(record, page) : requestLine(record, page);
  return (
    <Line
      {...props}
      href={`/coordinator/${record.kind === 'offer' ? 'offers' : 'requests'}/${record.id}`}
      parts={[side, ...line]}
      since={record.confirmedAt ?? record.createdAt}
    />
  );
}

function ProblemRow({
  problem,
  reader,
  page,
  now,
}: RowProps & { problem: Problem; reader: WorkspaceReader }) {
  const { t } = page;
  const line = [
    t(problem.side === 'host' ? 'coordinator.row.problem.host' : 'coordinator.row.problem.seeker'),
    placeName(problem.country, problem.city, page.locale),
  ];
  return (
    <DecideRow
      line={line}
      since={problem.reportedAt}
      requestId={problem.requestId}
      offerId={problem.offerId}
      page={page}
      now={now}
    >
      <form
        method="post"
        action={localHref(`/coordinator/problems/${problem.proposalId}/${problem.side}/resolve`, page.locale)}
      >
        <CsrfInput csrf={reader.csrf} />
        <button type="submit" class="button small">
          {t('coordinator.problem.resolve')}
        </button>
      </form>
    </DecideRow>
  );
}

function Section<T>({
  id,
  page,
  data,
  more,
  hint,
  children,
}: {
  id: QueueSection;
  page: PageContext;
  data: Page<T>;
  more: (cursor: string) => string;
  /** What the rows have in common and what to do about them, said above them. */
  hint?: string;
  children: unknown;
}) {
  const { t } = page;
  return (
    <section class="queue" aria-labelledby={`queue-${id}`} id={id}>
      <h2 id={`queue-${id}`}>{t(SECTION_TITLES[id])}</h2>
      {data.items.length === 0 ? (
        <p class="queue-empty">{t(data.next ? 'coordinator.queue.later' : 'coordinator.queue.empty')}</p>
      ) : (
        <>
          {hint ? <p class="hint">{hint}</p> : null}
          <ul>{children}</ul>
        </>
      )}
      {data.next ? (
        <p>
          <a class="button secondary small" href={more(data.next)}>
            {t('coordinator.queue.more')}
          </a>
        </p>
      ) : null}
    </section>
  );
}

/** What each section's summary line says, by how many rows its first page holds. */
const SUMMARY: Record<QueueSection, MessageKey> = {
  proposals: 'coordinator.summary.proposals',
  waiting: 'coordinator.summary.waiting',
  verify: 'coordinator.summary.verify',
  problems: 'coordinator.summary.problems',
  unreachable: 'coordinator.summary.unreachable',
  stale: 'coordinator.summary.stale',
};

/**
 * The queue at a glance, above its sections: how many rows each holds, each a link to its
 * section ("3 proposals to decide · 2 hosts to check"). A section with nothing in it is left
 * out (the section itself says it is empty); a section with more than its first page says
 * "20+". A filtered section (hosts to check, offers going stale) may keep none of the offers
 * its first page read and still have more: it stays in, named, as "on later pages", so
 * "nothing waits" is said only when no section has more. Only over the whole queue, not over
 * a later page of one section.
 */
function QueueSummary({ queue, page }: { queue: Queue; page: PageContext }) {
  const { t } = page;
  const counts = QUEUE_SECTIONS.flatMap((section) => {
    const data = queue[section];
    if (!data) return [];
    if (data.items.length === 0) {
      return data.next
        ? [{ section, text: t('coordinator.summary.later', { section: t(SECTION_TITLES[section]) }) }]
        : [];
    }
    const count = data.items.length;
    const shown = `${formatCount(count, page.locale)}${data.next ? '+' : ''}`;
    return [{ section, text: t(SUMMARY[section], { count, shown }) }];
  });
  return (
    <nav class="queue-summary" aria-label={t('coordinator.summary.label')}>
      {counts.length === 0 ? (
        <p>{t('coordinator.summary.none')}</p>
      ) : (
        <p>
          <Parts
            parts={counts.map(({ section, text }) => (
              <a class="tap" href={`#${section}`}>
                {text}
              </a>
            ))}
          />
        </p>
      )}
    </nav>
  );
}

export type QueueNotice =
  | {
      readonly kind: 'unverified';
      readonly proposalId: string;
      readonly rejected: boolean;
      /** The host to check, when the reader may see them (hostToCheck): named, with how to reach them. */
      readonly host?: OfferRecord;
    }
  | { readonly kind: 'unreachable'; readonly side: 'host' | 'seeker' }
  | { readonly kind: 'done'; readonly status: 'approved' | 'declined' }
  | { readonly kind: 'decided'; readonly status: 'approved' | 'declined' | 'expired' | 'cancelled' };

/** Whom to check and how to reach them, and what to check: the offer's own words. */
function HostToCheck({ host, page }: { host: OfferRecord; page: PageContext }) {
  const { t } = page;
  return (
    <>
      <h3>{t('coordinator.verify.whom')}</h3>
      <ContactFacts record={host} page={page} />
      <p>{t('coordinator.verify.what')}</p>
      <p>
        <a class="tap-line" href={localHref(`/coordinator/offers/${host.id}`, page.locale)}>
          <Parts parts={offerLine(host, page)} />
        </a>
      </p>
    </>
  );
}

function Notice({
  notice,
  page,
  reader,
}: {
  notice: QueueNotice;
  page: PageContext;
  reader: WorkspaceReader;
}) {
  const { t } = page;
  if (notice.kind === 'unverified') {
    return (
      <section class="notice" id="check" aria-labelledby="check-title">
        <h2 id="check-title">{t('coordinator.verify.title')}</h2>
        <p>{t(notice.rejected ? 'coordinator.verify.firstRejected' : 'coordinator.verify.first')}</p>
        {notice.host ? <HostToCheck host={notice.host} page={page} /> : null}
        <form
          method="post"
          action={localHref(`/coordinator/proposals/${notice.proposalId}/approve`, page.locale)}
          class="stack"
        >
          <CsrfInput csrf={reader.csrf} />
          <label for="check-method">{t('coordinator.verify.how')}</label>
          <select id="check-method" name="method" required>
            <option value="">—</option>
            {VERIFICATION_METHODS.map((method) => (
              <option value={method}>{t(`coordinator.verify.method.${method}`)}</option>
            ))}
          </select>
          <button type="submit" class="button small">
            {t('coordinator.verify.andApprove')}
          </button>
        </form>
      </section>
    );
  }
  if (notice.kind === 'unreachable') {
    return (
      <div class="notice" role="status">
        <p>{t('decision.unreachable.title')}</p>
        <p>{t(`decision.unreachable.${notice.side}`)}</p>
      </div>
    );
  }
  if (notice.kind === 'done') {
    return (
      <div class="notice done" role="status">
        <p>{t(`decision.${notice.status}.title`)}</p>
        <p>{t(`decision.${notice.status}.text`)}</p>
      </div>
    );
  }
  return (
    <div class="notice" role="status">
      {/* Expired or cancelled: nobody decided it, so "someone else decided first" would be untrue. */}
      <p>
        {t(
          notice.status === 'approved' || notice.status === 'declined'
            ? 'coordinator.decide.first'
            : 'decision.closed.title',
        )}
      </p>
      <p>{t(`decision.decided.${notice.status}`)}</p>
    </div>
  );
}

/** `GET /coordinator`: the country picker and the queue's sections. */
export function QueuePage({
  page,
  reader,
  countries,
  country,
  queue,
  now,
  notice,
}: {
  page: PageContext;
  reader: WorkspaceReader;
  countries: readonly string[];
  country: string | undefined;
  queue: Queue | undefined;
  now: Date;
  notice?: QueueNotice | undefined;
}) {
  const { t } = page;
  const row = { page, now };
  const more = (section: QueueSection) => (cursor: string) =>
    `${localHref(`/coordinator?country=${country}&section=${section}&after=${cursor}`, page.locale)}#${section}`;
  return (
    <WorkspaceLayout page={page} reader={reader} title={t('coordinator.title')} current="queue">
      <h1>{t('coordinator.title')}</h1>
      {notice ? <Notice notice={notice} page={page} reader={reader} /> : null}
      <SearchBox page={page} {...(country ? { country } : {})} />
      {countries.length > 1 ? (
        <CountryPicker page={page} action="/coordinator" countries={countries} selected={country} />
      ) : null}
      {queue === undefined ? <p>{t('coordinator.queue.pickCountry')}</p> : null}
      {queue && QUEUE_SECTIONS.every((section) => queue[section] !== undefined) ? (
        <QueueSummary queue={queue} page={page} />
      ) : null}
      {queue?.proposals ? (
        <Section id="proposals" page={page} data={queue.proposals} more={more('proposals')}>
          {queue.proposals.items.map((proposal) => (
            <ProposalRow {...row} proposal={proposal} reader={reader} />
          ))}
        </Section>
      ) : null}
      {queue?.waiting ? (
        <Section id="waiting" page={page} data={queue.waiting} more={more('waiting')}>
          {queue.waiting.items.map((request) => (
            <WaitingRow {...row} request={request} />
          ))}
        </Section>
      ) : null}
      {queue?.verify ? (
        <Section id="verify" page={page} data={queue.verify} more={more('verify')}>
          {queue.verify.items.map((offer) => (
            <OfferRow {...row} offer={offer} since={offer.confirmedAt ?? offer.createdAt} />
          ))}
        </Section>
      ) : null}
      {queue?.problems ? (
        <Section id="problems" page={page} data={queue.problems} more={more('problems')}>
          {queue.problems.items.map((problem) => (
            <ProblemRow {...row} problem={problem} reader={reader} />
          ))}
        </Section>
      ) : null}
      {queue?.unreachable ? (
        <Section
          id="unreachable"
          page={page}
          data={queue.unreachable}
          more={more('unreachable')}
          hint={t('coordinator.queue.unreachableHint')}
        >
          {queue.unreachable.items.map((record) => (
            <UnreachableRow {...row} record={record} />
          ))}
        </Section>
      ) : null}
      {queue?.stale ? (
        <Section id="stale" page={page} data={queue.stale} more={more('stale')}>
          {queue.stale.items.map((offer) => (
            <OfferRow
              {...row}
              offer={offer}
              since={offer.availabilityConfirmedAt ?? offer.confirmedAt ?? offer.createdAt}
            />
          ))}
        </Section>
      ) : null}
      <ExportLinks page={page} country={country} all={countries.length > 1} />
    </WorkspaceLayout>
  );
}
