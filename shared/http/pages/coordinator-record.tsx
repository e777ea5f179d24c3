import type { Child } from 'hono/jsx';
import type { ErasedRecord, OfferRecord, ProposalRecord, RequestRecord } from '../../domain/records.ts';
import { VERIFICATION_METHODS } from '../../domain/records.ts';
import { isLive } from '../../domain/retention.ts';
import { liveWithoutContact } from '../../domain/unreachable.ts';
import { countryZone, formatInstant, formatPercent, formatSpan, languageList } from '../../i18n/format.ts';
import { partyText, placeText, statusText } from '../../mail/templates/facts.ts';
import { hostCheckText, proposalReader } from '../../mail/templates/proposal.ts';
import { placeName } from '../../places/gazetteer.ts';
import type { RecordAction, RecordView } from '../../workspace/records.ts';
import { type Fact, FactList } from './action-page.tsx';
import { ContactFacts } from './contact-facts.tsx';
import { CsrfInput, WorkspaceLayout, type WorkspaceReader } from './coordinator-pages.tsx';
import { actorText, historyLines, lineText } from './history-lines.ts';
import { localHref, type PageContext } from './layout.tsx';
import { countryName, formatDate } from './manage-page.tsx';
import { Parts, ZonesWhole } from './row-parts.tsx';

/** An instant in the time of the record's country, where its coordinators live, the zone named. */
const when = (iso: string, country: string | undefined, page: PageContext) =>
  formatInstant(iso, page.locale, countryZone(country ?? ''));

/** An instant as `when` writes it, on a narrow phone its zone's brackets kept whole ("(час у Туреччині)"). */
function When({ iso, country, page }: { iso: string; country: string | undefined; page: PageContext }) {
  const text = when(iso, country, page);
  const zone = text.lastIndexOf(' (');
  if (zone < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, zone)} <span class="part">{text.slice(zone + 1)}</span>
    </>
  );
}

const ADDRESS_BLOCK = {
  title: 'coordinator.block.title',
  hint: 'coordinator.block.hint',
  block: 'coordinator.block.block',
  blocked: 'coordinator.block.blocked',
  sentWhileBlocked: 'coordinator.block.sentWhileBlocked',
} as const;
const CHAT_BLOCK = {
  title: 'coordinator.block.chatTitle',
  hint: 'coordinator.block.chatHint',
  block: 'coordinator.block.chatBlock',
  blocked: 'coordinator.block.chatBlocked',
  sentWhileBlocked: 'coordinator.block.chatSentWhileBlocked',
} as const;

/** What a block is about: the address, or for a person who came through Telegram and gave none, their chat. */
const blockWords = (record: OfferRecord | RequestRecord) =>
  record.email.trim() === '' && record.telegramChatId !== undefined ? CHAT_BLOCK : ADDRESS_BLOCK;

/** "Blocked by …, {at}. …", its instant written by When so its zone's brackets stay whole. */
function BlockedLine(props: {
  by: string;
  at: string;
  record: OfferRecord | RequestRecord;
  page: PageContext;
}) {
  return (
    <p>
      <Filled text={props.page.t(blockWords(props.record).blocked, { by: props.by, at: SLOT })}>
        <When iso={props.at} country={props.record.country} page={props.page} />
      </Filled>
    </p>
  );
}

/** Stands in a message for markup (Filled puts it there): a catalog message is plain text. */
const SLOT = '\u0001';

/** A message with SLOT in it, the slot filled with markup ("proposed <When>"). */
function Filled({ text, children }: { text: string; children: Child }) {
  const [before, after] = text.split(SLOT);
  return (
    <>
      {before}
      {children}
      {after}
    </>
  );
}

function recordFacts(record: OfferRecord | RequestRecord, page: PageContext): Fact[] {
  const { t } = page;
  const yesNo = (value: boolean) => t(value ? 'decision.fact.yes' : 'decision.fact.no');
  const span = (from: string, to: string | undefined) =>
    formatSpan(formatDate(from, page), to ? formatDate(to, page) : t('decision.fact.openEnded'), page.locale);
  const languages = languageList(record.languages, page.locale);
  const common: Fact[] = [
    { label: t('coordinator.record.status'), value: statusText(record, t) },
    { label: t('coordinator.record.reference'), value: record.id },
    {
      label: t('coordinator.record.received'),
      value: <When iso={record.createdAt} country={record.country} page={page} />,
    },
    ...(record.blockedAt
      ? [{ label: t(blockWords(record).title), value: t(blockWords(record).sentWhileBlocked) }]
      : []),
  ];
  if (record.kind === 'offer') {
    return [
      ...common,
      {
        label: t('decision.fact.place'),
        value: `${placeName(record.country, record.city, page.locale)}, ${countryName(record.country, page)}`,
      },
      { label: t('decision.fact.beds'), value: String(record.beds) },
      { label: t('decision.fact.available'), value: span(record.availableFrom, record.availableTo) },
      { label: t('decision.fact.petsAllowed'), value: yesNo(record.petsAllowed) },
      { label: t('decision.fact.childrenAllowed'), value: yesNo(record.childrenAllowed) },
      { label: t('decision.fact.stepFree'), value: yesNo(record.stepFree) },
      { label: t('decision.fact.multipleParties'), value: yesNo(record.multipleParties) },
      ...(record.hostHousehold
        ? [{ label: t('decision.fact.household'), value: t(`household.${record.hostHousehold}`) }]
        : []),
      { label: t('decision.fact.languages'), value: languages },
      ...(record.notes ? [{ label: t('coordinator.record.notes'), value: record.notes }] : []),
    ];
  }
  return [
    ...common,
    {
      label: t('decision.fact.party'),
      value: partyText(record.adults, record.children, t),
    },
    { label: t('decision.fact.dates'), value: span(record.arrival, record.departure) },
    {
      label: t('decision.fact.place'),
      value: placeText(record.country, record.city, page.locale, t),
    },
    { label: t('decision.fact.pets'), value: yesNo(record.pets) },
    { label: t('decision.fact.needsStepFree'), value: yesNo(record.needsStepFree) },
    { label: t('decision.fact.safeHousehold'), value: yesNo(record.safeHousehold) },
    { label: t('decision.fact.languages'), value: languages },
    ...(record.notes ? [{ label: t('coordinator.record.notes'), value: record.notes }] : []),
  ];
}

/**
 * What is left of an erased record (records.ts ErasedRecord): what the overview counts it by. A
 * request's place is the city it counts under.
 */
function erasedFacts(record: ErasedRecord, page: PageContext): Fact[] {
  const { t } = page;
  const at = (iso: string) => <When iso={iso} country={record.country} page={page} />;
  return [
    { label: t('coordinator.record.status'), value: statusText(record, t) },
    { label: t('coordinator.record.reference'), value: record.id },
    { label: t('coordinator.record.received'), value: at(record.createdAt) },
    ...(record.kind === 'request'
      ? [
          { label: t('decision.fact.place'), value: placeText(record.country, record.city, page.locale, t) },
          { label: t('coordinator.record.people'), value: String(record.people) },
          ...(record.placedAt ? [{ label: t('coordinator.record.placed'), value: at(record.placedAt) }] : []),
        ]
      : [{ label: t('decision.fact.place'), value: countryName(record.country, page) }]),
    { label: t('coordinator.record.erasedAt'), value: at(record.erasedAt) },
  ];
}

/** The host's check as a sentence: unverified, verified by whom, when and how, or rejected and why. */
export function verificationText(offer: OfferRecord, page: PageContext): string {
  return hostCheckText(offer, proposalReader(page, offer.country));
}

function PostButton({
  action,
  reader,
  label,
  tone,
}: {
  action: string;
  reader: WorkspaceReader;
  label: string;
  tone?: 'danger' | 'secondary';
}) {
  return (
    <form method="post" action={action}>
      <CsrfInput csrf={reader.csrf} />
      <button type="submit" class={tone ? `button small ${tone}` : 'button small'}>
        {label}
      </button>
    </form>
  );
}

function ProposalList({
  proposals,
  kind,
  page,
}: {
  proposals: ProposalRecord[];
  kind: 'offer' | 'request';
  page: PageContext;
}) {
  const { t } = page;
  if (proposals.length === 0) return <p class="queue-empty">{t('coordinator.queue.empty')}</p>;
  return (
    <ul class="plain">
      {proposals.map((proposal) => {
        const other =
          kind === 'offer'
            ? `/coordinator/requests/${proposal.requestId}`
            : `/coordinator/offers/${proposal.offerId}`;
        return (
          <li>
            <Parts
              parts={[
                <a class="tap" href={localHref(other, page.locale)}>
                  {kind === 'offer' ? t('coordinator.decide.request') : t('coordinator.decide.offer')}
                </a>,
                t(`record.status.proposal.${proposal.status}`),
                formatPercent(proposal.score, page.locale),
                t('coordinator.record.proposalStay', { date: formatDate(proposal.nightsFrom, page) }),
                <Filled text={t('coordinator.record.proposalMade', { when: SLOT })}>
                  <When iso={proposal.createdAt} country={proposal.country} page={page} />
                </Filled>,
              ]}
            />
          </li>
        );
      })}
    </ul>
  );
}

/**
 * What is missing and what to do, above everything else: approving a placement for this person
 * would hand the other side no way to reach them, so approval refuses it (approval/service.ts).
 * The link in their chat with the bot is the way out, unless that chat refuses Haven's messages.
 */
function UnreachableNotice({
  record,
  chatRefused,
  page,
}: {
  record: OfferRecord | RequestRecord;
  chatRefused: boolean;
  page: PageContext;
}) {
  const { t } = page;
  return (
    <section class="notice" id="unreachable" aria-labelledby="unreachable-title">
      <h2 id="unreachable-title">{t('coordinator.unreachable.title')}</h2>
      <p>{t(record.kind === 'offer' ? 'coordinator.unreachable.host' : 'coordinator.unreachable.seeker')}</p>
      <p>
        {t(
          record.telegramChatId === undefined
            ? 'coordinator.unreachable.todoNoChat'
            : chatRefused
              ? 'coordinator.unreachable.todoChatRefused'
              : record.kind === 'offer'
                ? 'coordinator.unreachable.todo.host'
                : 'coordinator.unreachable.todo.seeker',
        )}
      </p>
    </section>
  );
}

/**
 * Haven's messages no longer reach the person in Telegram (their chat refused one lately), and
 * whether their address gets them instead: whoever approves a placement for them, or wonders
 * why they never answered, reads it before anything else. For a person who gave no other way to
 * reach them, the notice above it already says what is left to do.
 */
function ChatRefusedNotice({
  refused,
  record,
  unreachable,
  page,
}: {
  refused: NonNullable<RecordView['chatUnreachable']>;
  record: OfferRecord | RequestRecord;
  unreachable: boolean;
  page: PageContext;
}) {
  const { t } = page;
  const when = formatInstant(refused.at, page.locale, countryZone(record.country ?? ''));
  return (
    <section class="notice" id="chat-refused" aria-labelledby="chat-refused-title">
      <h2 id="chat-refused-title">{t('coordinator.chatRefused.title')}</h2>
      <p>
        <ZonesWhole text={t('coordinator.chatRefused.text', { when })} />
      </p>
      {unreachable ? null : (
        <p>{t(refused.mailed ? 'coordinator.chatRefused.mailed' : 'coordinator.chatRefused.notMailed')}</p>
      )}
    </section>
  );
}

const ACTION_LABELS = {
  pause: 'coordinator.action.pause',
  reopen: 'coordinator.action.reopen',
  close: 'coordinator.action.close',
} as const;

/** `GET /coordinator/requests/{id}`, `GET /coordinator/offers/{id}`. */
export function RecordPage({
  page,
  reader,
  view,
  actions,
}: {
  page: PageContext;
  reader: WorkspaceReader;
  view: RecordView;
  actions: readonly RecordAction[];
}) {
  const { t } = page;
  const { record } = view;
  if (record.erasedAt !== undefined)
    return <ErasedRecordPage page={page} reader={reader} view={view} record={record} />;
  const base = `/coordinator/${record.kind === 'offer' ? 'offers' : 'requests'}/${record.id}`;
  const post = (path: string) => localHref(`${base}/${path}`, page.locale);
  const title = t(record.kind === 'offer' ? 'coordinator.record.offer' : 'coordinator.record.request', {
    name: record.name,
  });
  const unreachable = liveWithoutContact(record);
  return (
    <WorkspaceLayout page={page} reader={reader} title={title}>
      <h1>{title}</h1>
      {unreachable ? (
        <UnreachableNotice record={record} chatRefused={view.chatUnreachable !== undefined} page={page} />
      ) : null}
      {view.chatUnreachable ? (
        <ChatRefusedNotice
          refused={view.chatUnreachable}
          record={record}
          unreachable={unreachable}
          page={page}
        />
      ) : null}
      <section class="panel" aria-labelledby="record-contact">
        <h2 id="record-contact">{t('coordinator.record.contact')}</h2>
        <ContactFacts record={record} page={page} />
      </section>
      <section class="panel" aria-labelledby="record-facts">
        <h2 id="record-facts">{t('coordinator.record.facts')}</h2>
        <FactList facts={recordFacts(record, page)} />
      </section>
      {record.kind === 'offer' ? (
        <section class="panel" aria-labelledby="record-verify" id="verify">
          <h2 id="record-verify">{t('coordinator.verify.title')}</h2>
          <p>{verificationText(record, page)}</p>
          {/* A closed offer is not checked any more (workspace/records.ts verifyHost). */}
          {isLive(record) ? (
            <>
              <form method="post" action={post('verify')} class="stack">
                <CsrfInput csrf={reader.csrf} />
                <label for="method">{t('coordinator.verify.how')}</label>
                <select id="method" name="method">
                  {VERIFICATION_METHODS.map((method) => (
                    <option value={method}>{t(`coordinator.verify.method.${method}`)}</option>
                  ))}
                </select>
                <button type="submit" class="button small" name="outcome" value="verified">
                  {t('coordinator.verify.confirm')}
                </button>
              </form>
              <form method="post" action={post('verify')} class="stack">
                <CsrfInput csrf={reader.csrf} />
                <label for="reason">{t('coordinator.verify.reason')}</label>
                <textarea id="reason" name="reason" maxlength={1000} required />
                <button type="submit" class="button small danger" name="outcome" value="rejected">
                  {t('coordinator.verify.reject')}
                </button>
              </form>
            </>
          ) : (
            <p>{t('coordinator.verify.closed')}</p>
          )}
        </section>
      ) : null}
      {actions.length > 0 ? (
        <section class="panel" aria-labelledby="record-actions">
          <h2 id="record-actions">{t('coordinator.record.actions')}</h2>
          <div class="actions-row">
            {actions.map((action) => (
              <PostButton
                action={post(action)}
                reader={reader}
                label={t(ACTION_LABELS[action])}
                tone={action === 'close' ? 'danger' : 'secondary'}
              />
            ))}
          </div>
        </section>
      ) : null}
      <section class="panel" aria-labelledby="record-address" id="address">
        <h2 id="record-address">{t(blockWords(record).title)}</h2>
        {view.block ? (
          <BlockedLine by={view.block.by} at={view.block.at} record={record} page={page} />
        ) : (
          <p class="hint">{t(blockWords(record).hint)}</p>
        )}
        {view.mayLiftBlock ? (
          <PostButton
            action={post(view.block ? 'unblock' : 'block')}
            reader={reader}
            label={t(view.block ? 'coordinator.block.unblock' : blockWords(record).block)}
            tone={view.block ? 'secondary' : 'danger'}
          />
        ) : (
          <p class="hint">{t('coordinator.block.notYours')}</p>
        )}
      </section>
      <section class="panel" aria-labelledby="record-proposals">
        <h2 id="record-proposals">{t('coordinator.record.proposals')}</h2>
        <ProposalList proposals={view.proposals} kind={record.kind} page={page} />
        <p>
          <a class="tap" href={localHref(`${base}/candidates`, page.locale)}>
            {t('coordinator.propose.link')}
          </a>
        </p>
      </section>
      <section class="panel" aria-labelledby="record-notes">
        <h2 id="record-notes">{t('coordinator.note.title')}</h2>
        <p class="hint">{t('coordinator.note.hint')}</p>
        {view.notes.length > 0 ? (
          <ul class="plain">
            {view.notes.map((note) => (
              <li>
                <span class="meta">
                  <Parts parts={[<When iso={note.at} country={record.country} page={page} />, note.by]} />
                </span>
                <br />
                {note.text}
              </li>
            ))}
          </ul>
        ) : null}
        <form method="post" action={post('note')} class="stack">
          <CsrfInput csrf={reader.csrf} />
          <label for="note">{t('coordinator.note.label')}</label>
          <textarea id="note" name="note" maxlength={2000} required />
          <button type="submit" class="button small secondary">
            {t('coordinator.note.add')}
          </button>
        </form>
      </section>
      <LooksAndHistory view={view} page={page} />
    </WorkspaceLayout>
  );
}

/** Who has looked at a record, and its history: shown alike once it is erased. */
function LooksAndHistory({ view, page }: { view: RecordView; page: PageContext }) {
  const { t } = page;
  const { record } = view;
  const base = `/coordinator/${record.kind === 'offer' ? 'offers' : 'requests'}/${record.id}`;
  return (
    <>
      <section class="panel" aria-labelledby="record-looked">
        <h2 id="record-looked">{t('coordinator.record.looked')}</h2>
        <ul class="plain">
          {view.lookedAt.map((look) => (
            <li>
              <Parts parts={[look.by, <When iso={look.at} country={record.country} page={page} />]} />
            </li>
          ))}
        </ul>
      </section>
      <section class="panel" aria-labelledby="record-history">
        <h2 id="record-history">{t('coordinator.record.history')}</h2>
        {view.newestHistory ? null : (
          <p>
            <a class="button secondary small" href={`${localHref(base, page.locale)}#record-history`}>
              {t('coordinator.record.historyNewest')}
            </a>
          </p>
        )}
        <ol class="plain history">
          {historyLines(view.history, countryZone(record.country ?? '').timeZone).map((line) => (
            <li>
              <span class="meta">
                <Parts
                  parts={[
                    <When iso={line.event.at} country={record.country} page={page} />,
                    actorText(line.event.actor, t),
                  ]}
                />
              </span>
              <br />
              {lineText(line, record.kind, t)}
            </li>
          ))}
        </ol>
        {view.olderHistory ? (
          <p>
            <a
              class="button secondary small"
              href={`${localHref(`${base}?before=${encodeURIComponent(view.olderHistory)}`, page.locale)}#record-history`}
            >
              {t('coordinator.record.historyOlder')}
            </a>
          </p>
        ) : null}
      </section>
    </>
  );
}

/** An erased record: what erasure kept, its proposals, who looked and its history; nothing to act on. */
function ErasedRecordPage({
  page,
  reader,
  view,
  record,
}: {
  page: PageContext;
  reader: WorkspaceReader;
  view: RecordView;
  record: ErasedRecord;
}) {
  const { t } = page;
  const title = t(
    record.kind === 'offer' ? 'coordinator.record.erasedOffer' : 'coordinator.record.erasedRequest',
  );
  return (
    <WorkspaceLayout page={page} reader={reader} title={title}>
      <h1>{title}</h1>
      <section class="panel" aria-labelledby="record-facts">
        <h2 id="record-facts">{t('coordinator.record.erasedLeft')}</h2>
        <p class="hint">{t('coordinator.record.erasedHint')}</p>
        <FactList facts={erasedFacts(record, page)} />
      </section>
      <section class="panel" aria-labelledby="record-proposals">
        <h2 id="record-proposals">{t('coordinator.record.proposals')}</h2>
        <ProposalList proposals={view.proposals} kind={record.kind} page={page} />
      </section>
      <LooksAndHistory view={view} page={page} />
    </WorkspaceLayout>
  );
}
