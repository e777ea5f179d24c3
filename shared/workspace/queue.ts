import type { Decision } from '../approval/links.ts';
import { type DecisionOutcome, decideAsCoordinator } from '../approval/service.ts';
import { guarded, isConditionFailure } from '../data/errors.ts';
import { unlessErased } from '../data/intake-records.ts';
import { getOffer } from '../data/offers.ts';
import { getProposal } from '../data/proposals.ts';
import { newReadStats, type ReadStats } from '../data/query.ts';
import {
  openProblemsOf,
  openProblemsPage,
  type Page,
  type Problem,
  pendingProposalsPage,
  problemsResolvedItems,
  staleOffersPage,
  unreachableRecordsPage,
  unverifiedHostsPage,
  waitingRequestsPage,
} from '../data/queues.ts';
import { transact } from '../data/transact.ts';
import type { Deps } from '../deps.ts';
import { type CoordinatorScope, inScope } from '../domain/coordinator-scope.ts';
import { NotFound } from '../domain/errors.ts';
import { ISO_3166_ALPHA2 } from '../domain/iso-codes.ts';
import type { OfferRecord, ProposalRecord, RequestRecord, VerificationMethod } from '../domain/records.ts';
import { isLive } from '../domain/retention.ts';
import { DAY_MS } from '../domain/time.ts';
import { scopedRecord, verifyHost } from './records.ts';
import { auditViewed } from './viewed.ts';

/** The queue's sections, in the order the page shows them. */
export const QUEUE_SECTIONS = ['proposals', 'waiting', 'verify', 'problems', 'unreachable', 'stale'] as const;
export type QueueSection = (typeof QUEUE_SECTIONS)[number];

/** Rows per page of a section; the filtered sections read this many items and show what passes. */
const ROWS = 20;
const FILTERED_READS = 60;
/** An offer its host has not confirmed for this long is going stale: the "still available?" mail is out. */
export const STALE_AFTER_MS = 14 * DAY_MS;

export interface Queue {
  readonly proposals?: Page<ProposalRecord>;
  readonly waiting?: Page<RequestRecord>;
  readonly verify?: Page<OfferRecord>;
  readonly problems?: Page<Problem>;
  /** Live records nobody could reach once placed: no proposal for them can be approved. */
  readonly unreachable?: Page<OfferRecord | RequestRecord>;
  readonly stale?: Page<OfferRecord>;
  readonly stats: ReadStats;
}

/** The countries a coordinator may pick, listed ones first; `*` may pick any. */
export function countriesOf(scope: CoordinatorScope): readonly string[] {
  return scope.countries === '*' ? [...ISO_3166_ALPHA2].sort() : scope.countries;
}

/** Most urgent first: the earliest arrival, then more children, then the longest wait. */
const byUrgency = (a: RequestRecord, b: RequestRecord) =>
  a.arrival.localeCompare(b.arrival) || b.children - a.children || a.createdAt.localeCompare(b.createdAt);

/**
 * One country's queue: every section's first page, or, when `only` names a section, just that
 * section from its cursor. Each section reads its own GSI partition: one Query, and for a
 * filtered section that filled its page one more (a one-item count, data/queues.ts).
 */
export async function loadQueue(
  deps: Deps,
  scope: CoordinatorScope,
  country: string,
  only?: { section: QueueSection; cursor: string | undefined },
): Promise<Queue> {
  if (!inScope(scope, country)) throw new NotFound('There is nothing at this address.');
  const stats = newReadStats();
  const want = (section: QueueSection) => only === undefined || only.section === section;
  const cursor = (section: QueueSection) => (only?.section === section ? only.cursor : undefined);
  const staleBefore = new Date(deps.now().getTime() - STALE_AFTER_MS);
  const [proposals, waiting, verify, problems, unreachable, stale] = await Promise.all([
    want('proposals') ? pendingProposalsPage(deps, country, cursor('proposals'), ROWS, stats) : undefined,
    want('waiting') ? waitingRequestsPage(deps, country, cursor('waiting'), ROWS, stats) : undefined,
    want('verify') ? unverifiedHostsPage(deps, country, cursor('verify'), FILTERED_READS, stats) : undefined,
    want('problems') ? openProblemsPage(deps, country, cursor('problems'), ROWS, stats) : undefined,
    want('unreachable')
      ? unreachableRecordsPage(deps, country, cursor('unreachable'), ROWS, stats)
      : undefined,
    want('stale')
      ? staleOffersPage(deps, country, staleBefore, cursor('stale'), FILTERED_READS, stats)
      : undefined,
  ]);
  return {
    ...(proposals ? { proposals } : {}),
    ...(waiting ? { waiting: { ...waiting, items: [...waiting.items].sort(byUrgency) } } : {}),
    ...(verify ? { verify } : {}),
    ...(problems ? { problems } : {}),
    ...(unreachable ? { unreachable } : {}),
    ...(stale ? { stale } : {}),
    stats,
  };
}

/**
 * Approve or decline from the queue: the mailed links' own transaction, under the coordinator's
 * address. A proposal outside the coordinator's countries is NotFound, as if it did not exist.
 */
export async function decideFromQueue(
  deps: Deps,
  scope: CoordinatorScope,
  decision: Decision,
  proposalId: string,
  check?: VerificationMethod,
): Promise<{ outcome: DecisionOutcome; country: string }> {
  const proposal = await getProposal(deps, proposalId);
  if (!proposal?.country || !inScope(scope, proposal.country)) {
    throw new NotFound('There is nothing at this address.');
  }
  const country = proposal.country;
  if (decision === 'approve' && deps.config.REQUIRE_VERIFIED_HOSTS && proposal.status === 'pending') {
    const offer = unlessErased(await getOffer(deps, proposal.offerId));
    // A closed offer's host is not checked (verifyHost): its proposal, whose cancellation is
    // still queued, is answered as the links answer it, cancelled.
    if (offer && isLive(offer) && offer.verification?.state !== 'verified') {
      if (check === undefined) {
        const rejected = offer.verification?.state === 'rejected';
        return {
          outcome: { state: 'unverified', offerId: offer.id, hostName: offer.name, rejected },
          country,
        };
      }
      await verifyHost(deps, scope, offer.id, { outcome: 'verified', method: check });
    }
  }
  const outcome = await decideAsCoordinator(deps, decision, proposalId, scope.email);
  return { outcome, country };
}

/**
 * Whom a "check the host first" names with how to reach them: the host, under the record page's
 * rules (a confirmed offer of one of the coordinator's countries; shown, it is audited as
 * viewed). Undefined when the host is not theirs to see, or their offer has closed (there is no
 * host left to check): the page then names no contact.
 */
export async function hostToCheck(
  deps: Deps,
  scope: CoordinatorScope,
  offerId: string,
): Promise<OfferRecord | undefined> {
  const offer = await scopedRecord(deps, scope, 'offer', offerId).catch((error: unknown) => {
    if (error instanceof NotFound) return undefined;
    throw error;
  });
  if (offer?.kind !== 'offer' || offer.erasedAt !== undefined || !isLive(offer)) return undefined;
  await auditViewed(deps, scope, [offer], 'host-check');
  return offer;
}

/** The host of a proposal of the coordinator's countries, as hostToCheck shows them to this coordinator. */
export async function hostOfProposalToCheck(
  deps: Deps,
  scope: CoordinatorScope,
  proposalId: string,
): Promise<OfferRecord | undefined> {
  const proposal = await getProposal(deps, proposalId);
  if (!proposal?.country || !inScope(scope, proposal.country)) return undefined;
  return hostToCheck(deps, scope, proposal.offerId);
}

/** Open problems dealt with in one transaction: each is one item, with the open mark and the audit beside them. */
const RESOLVED_PER_TRANSACTION = 90;

/**
 * A coordinator has dealt with the problems one side of a placement reported: they leave the
 * country's queue, and the next report from that side tells the coordinators again. A
 * placement of another country is not there (404); a problem another coordinator dealt with
 * meanwhile stays dealt with. Returns the placement's country, whose queue the page goes back to.
 */
export async function dealWithProblem(
  deps: Deps,
  scope: CoordinatorScope,
  proposalId: string,
  side: Problem['side'],
): Promise<string> {
  const proposal = await getProposal(deps, proposalId);
  if (!proposal?.country || !inScope(scope, proposal.country)) {
    throw new NotFound('There is nothing at this address.');
  }
  const open = await guarded(() => openProblemsOf(deps, proposalId, side));
  for (let start = 0; start < open.length; start += RESOLVED_PER_TRANSACTION) {
    const items = problemsResolvedItems(
      deps.config.TABLE_NAME,
      open.slice(start, start + RESOLVED_PER_TRANSACTION),
      `coordinator:${scope.email}`,
      deps.now(),
    );
    try {
      await transact(deps.db, items);
    } catch (error) {
      if (!isConditionFailure(error)) return guarded(() => Promise.reject(error));
    }
  }
  return proposal.country;
}
