import type { AuditActor } from '../data/audit.ts';
import { heldBedsOf, holdsOfOffer } from '../data/holds.ts';
import { newReadStats, type ReadStats } from '../data/query.ts';
import type { Deps } from '../deps.ts';
import type { CoordinatorScope } from '../domain/coordinator-scope.ts';
import { todayIn } from '../domain/country-day.ts';
import type { HeldBeds } from '../domain/matching/nights.ts';
import { checkPair, type HardRule, stillWaiting } from '../domain/matching/rules.ts';
import { type Score, scorePair } from '../domain/matching/score.ts';
import type { OfferRecord, RequestRecord } from '../domain/records.ts';
import { declinedOffers, requestsReaching, topCandidates } from '../matching/candidates.ts';
import { createMatchingService } from '../matching/matcher.ts';
import { type RecordKind, scopedKeptRecord } from './records.ts';
import { auditViewed } from './viewed.ts';

/**
 * "Propose this pair" on a record page: the candidates the matcher itself would consider for the
 * record (its candidate search and score, shared/matching/candidates.ts), each with its score
 * breakdown and the hard rules it breaks now, and proposing one through the matcher's own
 * race-safe proposal transaction, which mails the coordinators as any proposal does.
 */

export const SHOWN_CANDIDATES = 5;
/**
 * For an offer, the open requests arriving while it is open, earliest first, read at most this
 * many: the page stays within its reading budget in a country where thousands wait, and the
 * earliest arrivals are the most urgent.
 */
const REQUESTS_READ = 150;
/**
 * For a request, the matcher's candidate search reads at most this many items: proving the five
 * best among 100,000 open offers took it about 480 reads, and the partitions it reads first are
 * those that could score highest, so what it has found by then is the best there is or close.
 */
const OFFER_READS = 150;

export interface PairCandidate {
  readonly offer: OfferRecord;
  readonly request: RequestRecord;
  readonly score: Score;
  /** The hard rules the pair breaks now; any one of them blocks proposing it. */
  readonly broken: readonly HardRule[];
}

export interface Candidates {
  readonly record: OfferRecord | RequestRecord;
  readonly candidates: readonly PairCandidate[];
  readonly stats: ReadStats;
}

function judge(
  offer: OfferRecord,
  request: RequestRecord,
  holds: readonly HeldBeds[],
  declined: boolean,
  today: number,
): PairCandidate {
  const waiting = stillWaiting(request, today);
  const check = checkPair(offer, waiting, {
    holds,
    declined,
    // A proposed request has its one pending proposal already (rule 6).
    requestHasPending: request.status === 'proposed',
    today,
  });
  return { offer, request, score: scorePair(offer, waiting, check.distanceKm), broken: check.broken };
}

/** Proposable first, then by score: what a coordinator should look at first. */
const byUsefulness = (a: PairCandidate, b: PairCandidate) =>
  Number(a.broken.length > 0) - Number(b.broken.length > 0) || b.score.score - a.score.score;

/** The record as the matcher's search takes it: open and matchable, whatever it is now. */
const asSearched = <R extends OfferRecord | RequestRecord>(record: R): R => {
  const { blockedAt: _ignored, ...rest } = record;
  return { ...rest, status: 'open' } as R;
};

/**
 * The five best candidates for a record in the coordinator's countries. For a request, the
 * matcher's bounded candidate search (the k best offers that keep every hard rule, declined
 * pairs left out); for an offer, the open requests it could serve, as the matcher reads them
 * when an offer opens. Each is then checked as the pair stands now, the record's own state
 * included (a paused offer or a proposed request blocks every pair).
 */
export async function candidatesFor(
  deps: Deps,
  scope: CoordinatorScope,
  kind: RecordKind,
  id: string,
): Promise<Candidates> {
  const record = await scopedKeptRecord(deps, scope, kind, id);
  const stats = newReadStats();
  const today = todayIn(record.country, deps.now());
  if (record.kind === 'request') {
    const declined = await declinedOffers(deps, record.id, stats);
    const found = await topCandidates(
      deps,
      asSearched(stillWaiting(record, today)),
      SHOWN_CANDIDATES,
      declined,
      stats,
      OFFER_READS,
    );
    const candidates = found.map(({ offer, holds }) => judge(offer, record, holds, false, today));
    return shown(deps, scope, { record, candidates: candidates.sort(byUsefulness), stats });
  }
  const holds = (await holdsOfOffer(deps, record.id, stats)).map(heldBedsOf);
  const reaching = await requestsReaching(deps, asSearched(record), stats, REQUESTS_READ);
  const ranked = reaching
    .map((request) => judge(record, request, holds, false, today))
    .sort(byUsefulness)
    .slice(0, SHOWN_CANDIDATES);
  // Declined pairs (rule 6) are looked up for the shown requests only: one Query each.
  const candidates = await Promise.all(
    ranked.map(async (candidate) =>
      (await declinedOffers(deps, candidate.request.id, stats)).has(record.id)
        ? judge(record, candidate.request, holds, true, today)
        : candidate,
    ),
  );
  return shown(deps, scope, { record, candidates: candidates.sort(byUsefulness), stats });
}

/** Each person the candidates page names is looked at (auditViewed). */
async function shown(deps: Deps, scope: CoordinatorScope, page: Candidates): Promise<Candidates> {
  const others = page.candidates.map((candidate) =>
    page.record.kind === 'offer' ? candidate.request : candidate.offer,
  );
  await auditViewed(deps, scope, [page.record, ...others], 'candidates');
  return page;
}

/**
 * Proposes a pair a coordinator picked, through the matcher's own writeProposal: it re-reads
 * both records consistently, checks every hard rule again, and writes the proposal, its hold,
 * the request's move to proposed, the audit events (under the coordinator's address) and the
 * coordinators' mail in one transaction conditioned on what it read. Both records must be in
 * the coordinator's countries. False when a hard rule stands in the way now.
 */
export async function proposePair(
  deps: Deps,
  scope: CoordinatorScope,
  offerId: string,
  requestId: string,
): Promise<boolean> {
  await scopedKeptRecord(deps, scope, 'offer', offerId);
  await scopedKeptRecord(deps, scope, 'request', requestId);
  const actor: AuditActor = `coordinator:${scope.email}`;
  const outcome = await createMatchingService(deps).writeProposal(
    offerId,
    requestId,
    newReadStats(),
    { retries: 0 },
    actor,
  );
  return outcome === 'proposed';
}
