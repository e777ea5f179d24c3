import type { Decision } from '../../approval/links.ts';
import type { DecisionFacts } from '../../approval/service.ts';
import type { OfferRecord, ProposalStatus } from '../../domain/records.ts';
import { decisionDue, proposalFacts, proposalReader } from '../../mail/templates/proposal.ts';
import { ActionPage, DonePage, type Fact, FactList } from './action-page.tsx';
import { ContactFacts } from './contact-facts.tsx';
import { Layout, localHref, type PageContext } from './layout.tsx';
import { ZonesWhole } from './row-parts.tsx';

/** The field a decision page's button is named; its value must be the link's own decision. */
export const DECISION_BUTTON = 'decision';

/** The reader of a decision page: its language, and the offer's country's time zone for instants. */
const readerOf = (facts: DecisionFacts, page: PageContext) =>
  proposalReader({ locale: page.locale, t: page.t }, facts.offer.country);

/**
 * Seeker, host and score as fact lists, the very facts of the proposal mail in the reader's
 * language (notes too). Contact details stay in the mail.
 */
function factGroups(facts: DecisionFacts, page: PageContext): { title: string; facts: Fact[] }[] {
  const groups = proposalFacts(facts.proposal, facts.offer, facts.request, readerOf(facts, page));
  return [groups.seeker, groups.host, groups.score].map((group) => ({
    title: group.title,
    facts: group.rows.map(([label, value]) => ({ label, value })),
  }));
}

/**
 * Approving waits for a coordinator's check of the host: say so, whom to check and how to
 * reach them (to a coordinator of the offer's country only), what to check, and where it is recorded.
 */
interface HostCheckProps {
  page: PageContext;
  offerId: string;
  rejected: boolean;
  /** Whom to check: said to everyone who holds the link. */
  hostName: string;
  /** The offer as its record page shows it (hostToCheck): only for a coordinator who may see it. */
  contacts?: OfferRecord | undefined;
}

function HostCheckFirst({ page, offerId, rejected, hostName, contacts }: HostCheckProps) {
  const { t } = page;
  return (
    <>
      <p class="notice">
        {t(rejected ? 'decision.hostCheckFirst.rejectedText' : 'decision.hostCheckFirst.text', {
          button: t('decision.decline.button'),
        })}
      </p>
      <section class="panel" id="host-check" aria-labelledby="host-check-title">
        <h2 id="host-check-title">{t('coordinator.verify.whom')}</h2>
        {contacts ? (
          <ContactFacts record={contacts} page={page} />
        ) : (
          <>
            <p>{hostName}</p>
            <p class="hint">{t('decision.hostCheckFirst.contacts')}</p>
          </>
        )}
        <p>{t('coordinator.verify.what')}</p>
        <p>
          <a
            class="button primary"
            href={localHref(`/coordinator/offers/${encodeURIComponent(offerId)}`, page.locale)}
          >
            {t('decision.hostCheckFirst.link')}
          </a>
        </p>
      </section>
    </>
  );
}

/** A refused approval (REQUIRE_VERIFIED_HOSTS): nothing changed, the host must be checked first. */
export function HostCheckFirstPage(props: HostCheckProps) {
  const { page, rejected } = props;
  const title = page.t(rejected ? 'decision.hostCheckFirst.rejectedTitle' : 'decision.hostCheckFirst.title');
  return (
    <Layout page={page} title={title} noindex>
      <h1>{title}</h1>
      <HostCheckFirst {...props} />
    </Layout>
  );
}

/** A refused approval: one side left no way to reach them, so the placement would hand over nothing. */
export function UnreachablePage({ page, side }: { page: PageContext; side: 'host' | 'seeker' }) {
  const title = page.t('decision.unreachable.title');
  return (
    <Layout page={page} title={title} noindex>
      <h1>{title}</h1>
      <p class="notice">{page.t(`decision.unreachable.${side}`)}</p>
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
  contacts,
  action,
  unchanged,
}: {
  page: PageContext;
  decision: Decision;
  facts: DecisionFacts;
  hostCheckDue: boolean;
  /** The host with how to reach them, when a coordinator of the offer's country reads the page. */
  contacts?: OfferRecord | undefined;
  action: string;
  /** A POST came without the button's value: say that nothing happened. */
  unchanged?: boolean;
}) {
  const { t } = page;
  const approve = decision === 'approve';
  const details = (
    <>
      <p>
        {t('decision.due')}:{' '}
        <strong>
          <ZonesWhole text={decisionDue(facts.proposal, readerOf(facts, page))} />
        </strong>
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
    const rejected = facts.offer.verification?.state === 'rejected';
    const title = t(rejected ? 'decision.hostCheckFirst.rejectedTitle' : 'decision.hostCheckFirst.title');
    return (
      <Layout page={page} title={title} noindex>
        <h1>{title}</h1>
        <HostCheckFirst
          page={page}
          offerId={facts.offer.id}
          rejected={rejected}
          hostName={facts.offer.name}
          contacts={contacts}
        />
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

/**
 * A working link whose proposal someone (or the expiry, or a withdrawal) has already settled.
 * One that expired or was cancelled was decided by nobody, so its heading says it can no longer
 * be decided, not that it has been. Only coordinators hold these links: the button opens the queue.
 */
export function AlreadyDecidedPage({
  page,
  status,
}: {
  page: PageContext;
  status: Exclude<ProposalStatus, 'pending'>;
}) {
  const title = page.t(
    status === 'approved' || status === 'declined' ? 'decision.decided.title' : 'decision.closed.title',
  );
  return (
    <Layout page={page} title={title} noindex>
      <h1>{title}</h1>
      <p class="lead">{page.t(`decision.decided.${status}`)}</p>
      <p>
        <a class="button secondary" href={localHref('/coordinator', page.locale)}>
          {page.t('link.gone.toQueue')}
        </a>
      </p>
    </Layout>
  );
}
