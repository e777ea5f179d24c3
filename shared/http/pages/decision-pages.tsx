import type { Decision } from '../../approval/links.ts';
import type { DecisionFacts } from '../../approval/service.ts';
import type { ProposalStatus } from '../../domain/records.ts';
import { hostCheckText } from '../../mail/templates/proposal.ts';
import { placeName } from '../../places/gazetteer.ts';
import { ActionPage, DonePage, type Fact, FactList } from './action-page.tsx';
import { languageName } from './intake-fields.tsx';
import { Layout, localHref, type PageContext } from './layout.tsx';
import { formatDate } from './manage-page.tsx';

/** The field a decision page's button is named; its value must be the link's own decision. */
export const DECISION_BUTTON = 'decision';

const percent = (value: number) => `${Math.round(value * 100)}%`;

/** Host, seeker and score as fact lists. Names and circumstances only: contact details stay in the mail. */
function factGroups(facts: DecisionFacts, page: PageContext): { title: string; facts: Fact[] }[] {
  const { proposal, offer, request } = facts;
  const { t } = page;
  const yesNo = (value: boolean) => t(value ? 'decision.fact.yes' : 'decision.fact.no');
  const date = (iso: string) => formatDate(iso, page);
  const span = (from: string, to: string | undefined) =>
    `${date(from)} – ${to ? date(to) : t('decision.fact.openEnded')}`;
  const languages = (codes: readonly string[]) =>
    codes.map((code) => languageName(code, page.locale)).join(', ');
  const host: Fact[] = [
    { label: t('decision.fact.name'), value: offer.name },
    {
      label: t('decision.fact.place'),
      value: `${placeName(offer.country, offer.city, page.locale)}, ${offer.country}`,
    },
    { label: t('decision.fact.beds'), value: String(offer.beds) },
    { label: t('decision.fact.available'), value: span(offer.availableFrom, offer.availableTo) },
    { label: t('decision.fact.petsAllowed'), value: yesNo(offer.petsAllowed) },
    { label: t('decision.fact.childrenAllowed'), value: yesNo(offer.childrenAllowed) },
    { label: t('decision.fact.stepFree'), value: yesNo(offer.stepFree) },
    { label: t('decision.fact.multipleParties'), value: yesNo(offer.multipleParties) },
    ...(offer.hostHousehold ? [{ label: t('decision.fact.household'), value: offer.hostHousehold }] : []),
    { label: t('decision.fact.languages'), value: languages(offer.languages) },
    { label: t('decision.fact.hostCheck'), value: hostCheckText(offer, t) },
  ];
  const seeker: Fact[] = [
    { label: t('decision.fact.name'), value: request.name },
    {
      label: t('decision.fact.party'),
      value: t('decision.fact.partyValue', {
        total: request.adults + request.children,
        adults: request.adults,
        children: request.children,
      }),
    },
    { label: t('decision.fact.dates'), value: span(request.arrival, request.departure) },
    {
      label: t('decision.fact.place'),
      value: request.city
        ? `${placeName(request.country, request.city, page.locale)}, ${request.country}`
        : t('decision.fact.anywhere'),
    },
    ...(proposal.distanceKm === undefined
      ? []
      : [{ label: t('decision.fact.distance'), value: `${proposal.distanceKm} km` }]),
    { label: t('decision.fact.pets'), value: yesNo(request.pets) },
    { label: t('decision.fact.needsStepFree'), value: yesNo(request.needsStepFree) },
    { label: t('decision.fact.safeHousehold'), value: yesNo(request.safeHousehold) },
    { label: t('decision.fact.languages'), value: languages(request.languages) },
  ];
  const score: Fact[] = [
    { label: t('decision.score.total'), value: percent(proposal.score) },
    { label: t('decision.score.coverage'), value: percent(proposal.breakdown.coverage) },
    { label: t('decision.score.closeness'), value: percent(proposal.breakdown.distance) },
    { label: t('decision.score.fit'), value: percent(proposal.breakdown.fit) },
    { label: t('decision.score.sharedLanguages'), value: percent(proposal.breakdown.languages) },
  ];
  return [
    { title: t('decision.seeker.title'), facts: seeker },
    { title: t('decision.host.title'), facts: host },
    { title: t('decision.score.title'), facts: score },
  ];
}

/** Approving waits for a coordinator's check of the host: say so, and where it is recorded. */
function HostCheckFirst({ page, offerId }: { page: PageContext; offerId: string }) {
  const { t } = page;
  return (
    <>
      <p class="notice">{t('decision.hostCheckFirst.text')}</p>
      <p>
        <a
          class="button primary"
          href={localHref(`/coordinator/offers/${encodeURIComponent(offerId)}`, page.locale)}
        >
          {t('decision.hostCheckFirst.link')}
        </a>
      </p>
    </>
  );
}

/** A refused approval (REQUIRE_VERIFIED_HOSTS): nothing changed, the host must be checked first. */
export function HostCheckFirstPage({ page, offerId }: { page: PageContext; offerId: string }) {
  const title = page.t('decision.hostCheckFirst.title');
  return (
    <Layout page={page} title={title} noindex>
      <h1>{title}</h1>
      <HostCheckFirst page={page} offerId={offerId} />
    </Layout>
  );
}

/**
 * `GET /proposals/{decision}/{token}`: the facts to decide on and the one button that decides;
 * no button to approve while the host still waits for a coordinator's check.
 */
export function DecisionPage({
  page,
  decision,
  facts,
  hostCheckDue,
  action,
  unchanged,
}: {
  page: PageContext;
  decision: Decision;
  facts: DecisionFacts;
  hostCheckDue: boolean;
  action: string;
  /** A POST came without the button's value: say that nothing happened. */
  unchanged?: boolean;
}) {
  const { t } = page;
  const approve = decision === 'approve';
  const due = facts.proposal.decisionDueAt;
  const details = (
    <>
      <p>
        {t('decision.due')}: <strong>{`${due.slice(0, 10)} ${due.slice(11, 16)} UTC`}</strong>
      </p>
      {factGroups(facts, page).map((group, index) => (
        <section class="panel" aria-labelledby={`decision-facts-${index}`}>
          <h2 id={`decision-facts-${index}`}>{group.title}</h2>
          <FactList facts={group.facts} />
        </section>
      ))}
    </>
  );
  if (approve && hostCheckDue) {
    const title = t('decision.hostCheckFirst.title');
    return (
      <Layout page={page} title={title} noindex>
        <h1>{title}</h1>
        <HostCheckFirst page={page} offerId={facts.offer.id} />
        {details}
      </Layout>
    );
  }
  return (
    <ActionPage
      page={page}
      title={t(`decision.${decision}.title`)}
      lead={t(`decision.${decision}.lead`)}
      action={action}
      button={{
        name: DECISION_BUTTON,
        value: decision,
        label: t(`decision.${decision}.button`),
        tone: approve ? 'primary' : 'danger',
      }}
    >
      {unchanged ? <p class="notice">{t('decision.unchanged')}</p> : null}
      {details}
    </ActionPage>
  );
}

/** After the decision took effect. */
export function DecisionDonePage({ page, status }: { page: PageContext; status: 'approved' | 'declined' }) {
  return (
    <DonePage
      page={page}
      title={page.t(`decision.${status}.title`)}
      text={page.t(`decision.${status}.text`)}
    />
  );
}

/** A working link whose proposal someone (or the expiry, or a withdrawal) has already settled. */
export function AlreadyDecidedPage({
  page,
  status,
}: {
  page: PageContext;
  status: Exclude<ProposalStatus, 'pending'>;
}) {
  const title = page.t('decision.decided.title');
  return (
    <Layout page={page} title={title} noindex>
      <h1>{title}</h1>
      <p class="lead">{page.t(`decision.decided.${status}`)}</p>
      <p>
        <a class="button secondary" href={localHref('/', page.locale)}>
          {page.t('site.home')}
        </a>
      </p>
    </Layout>
  );
}
