import type { DynamoDBBatchResponse } from 'aws-lambda';
import { runCancellations } from '../approval/cancel.ts';
import { sendDueCheckIns } from '../approval/check-in.ts';
import { hasCoordinators } from '../approval/coordinators.ts';
import { expireOverdue } from '../approval/expire.ts';
import { announceProposal } from '../approval/links.ts';
import type { AuditActor } from '../data/audit.ts';
import { isConditionFailure, isTransient } from '../data/errors.ts';
import { holdsOf } from '../data/holds.ts';
import { sendingAtOnce } from '../data/outbox.ts';
import { clearBlockers } from '../data/overview.ts';
import {
  declinedCheckAt,
  getProposal,
  type NewProposal,
  offerAfter,
  offerBumpFor,
  PROPOSAL_ITEM,
  proposalTransaction,
  proposedOn,
} from '../data/proposals.ts';
import { newReadStats, type ReadStats } from '../data/query.ts';
import { changedItems } from '../data/stream.ts';
import { type TransactItem, transact } from '../data/transact.ts';
import type { Deps } from '../deps.ts';
import { todayIn } from '../domain/country-day.ts';
import { ISO_3166_ALPHA2 } from '../domain/iso-codes.ts';
import { freshOffersAtStake, requestsTheyAllow } from '../domain/matching/fresh-offers.ts';
import { placeableOnly, poolAfter } from '../domain/matching/later-stays.ts';
import {
  matchNightByNight,
  type NightlyMatch,
  type NightlyOptions,
} from '../domain/matching/night-by-night.ts';
import {
  checkPair,
  isMatchable,
  isProposable,
  type PairCheck,
  partySize,
  stillWaiting,
} from '../domain/matching/rules.ts';
import { scorePair } from '../domain/matching/score.ts';
import { type Pool, pairKey } from '../domain/matching/solver/pool.ts';
import {
  differsIn,
  type OfferRecord,
  type ProposalRecord,
  type RequestRecord,
  STAY_FIELDS,
} from '../domain/records.ts';
import { isScheduledTask, type StreamOrSchedule } from '../events.ts';
import { inParallel } from '../in-parallel.ts';
import { describeError } from '../log.ts';
import type { HandOff } from '../mail/mailer.ts';
import { runAvailabilityChecks } from '../upkeep/availability.ts';
import { runBlockSteps } from '../upkeep/block-steps.ts';
import { runLifecycle } from '../upkeep/lifecycle.ts';
import { recordBlockers } from './blockers.ts';
import {
  type CellsRead,
  declinedOffers,
  fewOpenOffersOfCountry,
  getOffer,
  getRequest,
  isOpenToMatch,
  type LoadedOffer,
  openOffersOfCountry,
  openRequestsOfCountry,
  requestsReachingAny,
  searchCandidates,
} from './candidates.ts';

export interface MatcherOptions {
  /** From this many requests of one country in a run, read the country's whole pool once instead of per request. */
  readonly wholeCountryFrom: number;
  /** A country with fewer open offers than this is read whole, whatever the number of requests. */
  readonly fewOffers: number;
  /**
   * Offers a request's candidate search may find full (held for the party's nights) before the
   * batch reads its country's pool whole instead (see poolFor).
   */
  readonly fullOffersSearched: number;
  /**
   * How long a country whose candidate search stopped on `fullOffersSearched` stays read whole
   * at once by the runs after it (in one process), without searching first. In a scarce surge
   * most runs name a few requests; each searched until it had found its 20 full offers, dozens
   * of queries a request, and then read the country whole all the same.
   */
  readonly fullRememberedMs: number;
  /**
   * Rounds of re-matching for requests whose proposal lost a race, each at once after the last
   * (a lost race has just freed or taken what decides the next); requests still losing after
   * them fail the batch, so the stream delivers it again rather than leave them waiting.
   */
  readonly rounds: number;
  /**
   * Solves of one country's pool in a round while each still writes proposals (later stays,
   * later-stays.ts); a surge's took at most 3. What is left after the last that some offer still
   * allows goes to the next round.
   */
  readonly turns: number;
  /** Tries to write one proposal when the transaction is cancelled by contention. */
  readonly writeAttempts: number;
  /** Transactions written at once; proposals to the same offer are always written one after another. */
  readonly writeConcurrency: number;
  /**
   * Proposals written in one transaction, each to another offer and for another request (a
   * transaction may touch an item once, and carry 100 items: 7 proposals of 13). DynamoDB Local
   * commits one transaction at a time, each synced to disk: 7 proposals together commit about
   * twice as fast as one after another, and in AWS one round trip carries 7.
   */
  readonly groupSize: number;
  /** Requests whose candidates are searched at once. */
  readonly readConcurrency: number;
  /**
   * The work one pass of chains may do in a stream run's night-by-night search (NightlyOptions;
   * the sweep's is the search's own, CHAIN_PASS_BUDGET). A run's solve is on the path of every
   * confirmation behind it, and in a scarce surge's last minutes the search spent its every pass
   * in full (thousands of requests without a place, each chain trying offers that hundreds of
   * them could take) and moved nobody: at a sixteenth of the budget, fifteen replayed surges
   * (200 + 1,000) placed two people fewer in all (docs/matching.md, "The search's budget in a
   * stream run"). The sweep searches with the full budget.
   */
  readonly streamChainPassBudget: number;
}

export const defaultMatcherOptions: MatcherOptions = {
  wholeCountryFrom: 20,
  fewOffers: 100,
  fullOffersSearched: 20,
  fullRememberedMs: 60_000,
  rounds: 3,
  turns: 8,
  writeAttempts: 5,
  writeConcurrency: 8,
  groupSize: 7,
  readConcurrency: 8,
  streamChainPassBudget: 2 ** 14,
};

export interface MatchReport {
  readonly requests: number;
  readonly proposed: number;
  readonly reads: ReadStats;
  readonly retries: number;
  /** Open requests that were still losing races after the last round. */
  readonly unsettled: number;
}

/** What a sweep's matching keeps for the overview: each country's first pool, and who was proposed. */
interface SweptPools {
  readonly pools: Map<string, Pool<OfferRecord, RequestRecord>>;
  readonly proposed: Set<string>;
}

/** A country's pool as a run read it; `declinesRead` says whether its declined pairs are in it yet (see poolFor). */
interface PoolRead {
  readonly pool: Pool<OfferRecord, RequestRecord> & { declined: Set<string> };
  readonly declinesRead: boolean;
}

/** Requests kept losing races for their proposals: the batch must be delivered again. */
export class MatchingUnsettled extends Error {
  override readonly name = 'MatchingUnsettled';
}

/** Offer fields that change what the offer can be matched with; a version bump alone changes none. */
const WHERE = ['status', 'country', 'lat', 'lon'] as const;
/** How a person can be reached: a record nobody could reach is out of the pool until one is added (isProposable). */
const CONTACT_FIELDS = ['email', 'phone', 'telegramUsername'];
const OFFER_MATCH_FIELDS = [
  ...WHERE,
  ...STAY_FIELDS.offer,
  'languages',
  'blockedAt',
  'verification',
  ...CONTACT_FIELDS,
];
const REQUEST_MATCH_FIELDS = [
  ...WHERE,
  'maxDistanceKm',
  ...STAY_FIELDS.request,
  'languages',
  'blockedAt',
  ...CONTACT_FIELDS,
];

const changed = (
  fields: readonly string[],
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
) => before === undefined || differsIn(fields, before, after);

const FREEING_STATUSES = new Set(['declined', 'expired', 'cancelled']);

/**
 * What a stream batch asks of the matcher: requests to match, offers whose neighbourhood to
 * re-match, and `newest`, the latest `updatedAt` its items were written with: an offer changed
 * after it has its stream record, and so its own run, still to come (see aroundFreshOffers).
 * `oldest` is the earliest write among them that set its `updatedAt` (a hold's version bump or a
 * re-index keeps the record's), for how far behind the table the matcher runs.
 */
export function triggersOf(event: Parameters<typeof changedItems>[0]) {
  const requestIds = new Set<string>();
  const offerIds = new Set<string>();
  let newest: string | undefined;
  let oldest: string | undefined;
  for (const { newItem, oldItem } of changedItems(event)) {
    if (!newItem) continue;
    // ISO instants of one format (toISOString) order as strings.
    if (typeof newItem.updatedAt === 'string') {
      if (newest === undefined || newItem.updatedAt > newest) newest = newItem.updatedAt;
      if (newItem.updatedAt !== oldItem?.updatedAt && (oldest === undefined || newItem.updatedAt < oldest))
        oldest = newItem.updatedAt;
    }
    if (
      newItem.kind === 'request' &&
      newItem.status === 'open' &&
      changed(REQUEST_MATCH_FIELDS, oldItem, newItem)
    ) {
      requestIds.add(String(newItem.id));
    } else if (
      newItem.kind === 'offer' &&
      newItem.status === 'open' &&
      changed(OFFER_MATCH_FIELDS, oldItem, newItem)
    ) {
      offerIds.add(String(newItem.id));
    } else if (
      newItem.kind === 'proposal' &&
      FREEING_STATUSES.has(String(newItem.status)) &&
      oldItem?.status !== newItem.status
    ) {
      offerIds.add(String(newItem.offerId));
    }
  }
  return { requestIds, offerIds, newest, oldest };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The wait before a write's next try after contention or throttling. */
const backoff = (attempt: number) => sleep(20 * 2 ** attempt + Math.random() * 20);

/** The most items DynamoDB takes in one transaction. */
const TRANSACTION_ITEMS = 100;

type WriteOutcome = 'proposed' | 'request-gone' | 'rematch';

/** What a proposal is checked against: the offer and its holds (undefined: not open), and the request. */
interface Sight {
  readonly open: LoadedOffer | undefined;
  readonly stored: RequestRecord | undefined;
}

/** A proposal ready to write: its transaction's items, its mails, and its offer once written. */
interface Draft {
  readonly record: ProposalRecord;
  readonly items: readonly TransactItem[];
  /** Where among `items` the check that the pair was never declined is (found by its key). */
  readonly declinedAt: number;
  readonly leased: Record<string, unknown>[];
  readonly after: LoadedOffer;
  /** The offer's version bump as read for this stay and an offer's later stays in the same transaction. */
  readonly bumpWith: (later: readonly ProposalRecord[]) => TransactItem;
}

/**
 * A draft of an offer's later stay written in one transaction with an earlier one: without its
 * own bump of the offer's version (a transaction may touch an item once), which the earlier
 * stay's carries for both; its `after` is already the version bumped once.
 */
function withoutVersionBump(draft: Draft): Draft {
  const items = draft.items.filter((_, i) => i !== PROPOSAL_ITEM.offer);
  return {
    ...draft,
    items,
    declinedAt: declinedCheckAt(items, draft.record.requestId, draft.record.offerId),
  };
}

/**
 * A stay's items as its pack writes them: an offer's first stay carries the one version bump of
 * all its stays in the pack (withoutVersionBump), so it also puts each later stay's hold in the
 * offer's map; a later stay's items are its own.
 */
function withLaterStaysHeld(
  entry: { readonly draft: Draft; readonly later: boolean; readonly pair: { readonly offerId: string } },
  pack: readonly {
    readonly draft: Draft;
    readonly later: boolean;
    readonly pair: { readonly offerId: string };
  }[],
): readonly TransactItem[] {
  if (entry.later) return entry.draft.items;
  const later = pack
    .filter((other) => other.later && other.pair.offerId === entry.pair.offerId)
    .map((other) => other.draft.record);
  if (later.length === 0) return entry.draft.items;
  return entry.draft.items.map((item, i) => (i === PROPOSAL_ITEM.offer ? entry.draft.bumpWith(later) : item));
}

/** Entries grouped by their pair's offer, in order: each offer's stays are written one after another. */
function bundlesOf<T extends { readonly pair: { readonly offerId: string } }>(entries: readonly T[]): T[][] {
  const byOffer = new Map<string, T[]>();
  for (const entry of entries)
    byOffer.set(entry.pair.offerId, [...(byOffer.get(entry.pair.offerId) ?? []), entry]);
  return [...byOffer.values()];
}

/** What a run's writes share: retries counted, mails being handed off, each offer as the run left it. */
interface WriteBatch {
  retries: number;
  readonly mailing?: Promise<void>[];
  readonly written?: Map<string, LoadedOffer>;
}

/** A pair to propose, with its request as the run's pool read it. */
interface WritePair {
  readonly offerId: string;
  readonly requestId: string;
  readonly pooled: RequestRecord | undefined;
}

/** When a record joined the pool: its confirmation (its creation, for one stored before that was kept). */
const confirmedMs = (record: Pick<RequestRecord, 'confirmedAt' | 'createdAt'>) =>
  Date.parse(record.confirmedAt ?? record.createdAt);

/**
 * Offers' stays (a bundle per offer) in groups of at most `size` stays, in order, no request twice
 * in a group: a transaction may touch an item once (each bundle's offer is its own already).
 */
function groupsOf<T extends { readonly request: number }>(
  bundles: readonly (readonly T[])[],
  size: number,
): (readonly T[])[][] {
  const groups: (readonly T[])[][] = [];
  const stays = (group: (readonly T[])[]) => group.reduce((sum, bundle) => sum + bundle.length, 0);
  for (const bundle of bundles) {
    const open = groups.find(
      (group) =>
        stays(group) + bundle.length <= size &&
        group.every((other) => other.every((pair) => bundle.every((mine) => mine.request !== pair.request))),
    );
    if (open) open.push(bundle);
    else groups.push([bundle]);
  }
  return groups;
}

/** The proposal of a pair the rules allow, scored and sized as every proposal is. */
export function proposalOfPair(
  offer: OfferRecord,
  request: RequestRecord,
  check: PairCheck,
  proposedBy: AuditActor = 'process:matcher',
): NewProposal {
  return {
    offer,
    request,
    score: scorePair(offer, request, check.distanceKm),
    distanceKm: check.distanceKm,
    partySize: partySize(request),
    stay: check.stay,
    proposedBy,
  };
}

/**
 * The matcher's work on one table, for the Lambda handler, the local runner, the sweep and the
 * tests. With `handOff`, each proposal's mail to its coordinators
 * is handed off as soon as the proposal is written (mail/handoff.ts), ahead of the outbox
 * stream's queue; without it, through that stream's mailer only.
 */
export function createMatchingService(
  deps: Deps,
  options: MatcherOptions = defaultMatcherOptions,
  handOff?: HandOff,
) {
  const { log } = deps;
  /**
   * When each country's candidate search last stopped on its full offers (poolFor). Only a
   * choice of reads: a pool read whole holds every offer a search would have found.
   */
  const foundFull = new Map<string, number>();

  /**
   * What a proposal is checked against: the offer and its holds (undefined when it is not open)
   * and the request. The offer and its holds are read consistently (the candidate reads may come
   * from eventually consistent indexes, where an offer's version can be newer than the holds
   * beside it): offer first, then its holds, so the version the transaction conditions on is
   * never newer than the holds it was checked against. Unless `fresh`, an offer this run has
   * just written to is not read again: `batch.written` keeps the version its proposal left and
   * the holds as of that version, which is exactly what a read would find unless someone else
   * changed the offer since, and then its version differs and the transaction fails. Unless
   * `fresh`, the request is taken as the pool read it (`pooled`, as stored): one version of one
   * item, whether from the table or an index, and the transaction requires that version. In a
   * surge each read waits in DynamoDB Local's one queue behind the confirmations, and the three
   * a proposal made were most of its round trips.
   */
  async function sight(
    offerId: string,
    requestId: string,
    stats: ReadStats,
    written: ReadonlyMap<string, LoadedOffer> | undefined,
    pooled: RequestRecord | undefined,
    fresh: boolean,
  ): Promise<Sight> {
    const offerAndHolds = async () => {
      const known = fresh ? undefined : written?.get(offerId);
      if (known) return known;
      const offer = await getOffer(deps, offerId, stats);
      if (offer?.status !== 'open') return undefined;
      // On the offer's item (read consistently, at the version the transaction requires), or beside it.
      return { offer, holds: await holdsOf(deps, offer, stats) };
    };
    const requestNow = async () =>
      !fresh && pooled?.id === requestId ? pooled : getRequest(deps, requestId, stats);
    // The request beside them: one read fewer to wait for on the way to each proposal's mail.
    const [open, stored] = await Promise.all([offerAndHolds(), requestNow()]);
    return { open, stored };
  }

  /**
   * The proposal of a pair as seen, or why there is none. Someone still waiting after their
   * arrival day is checked and scored as arriving today (stillWaiting), and the proposal's stay
   * starts today; their record keeps the arrival they gave, which is theirs, shown on their
   * manage page, and indexes their address.
   */
  function draft({ open, stored }: Sight, proposedBy: AuditActor): Draft | WriteOutcome {
    if (open === undefined) return 'rematch';
    const { offer, holds } = open;
    if (stored?.status !== 'open') return 'request-gone';
    const today = todayIn(offer.country, deps.now());
    const waiting = stillWaiting(stored, today);
    const check = checkPair(offer, waiting, { holds, declined: false, today });
    if (check.broken.length > 0) return 'rematch';
    const pair = { ...proposalOfPair(offer, waiting, check, proposedBy), request: stored };
    const proposal = proposalTransaction(deps, pair, announceProposal(deps.config, offer, stored));
    const { items, leased } = handOff
      ? sendingAtOnce(proposal.items, deps.now())
      : { items: proposal.items, leased: [] };
    // The day its transaction requires the offer not to have ended by (proposalTransaction).
    const madeOn = proposedOn(proposal.record, offer);
    return {
      record: proposal.record,
      items,
      declinedAt: declinedCheckAt(items, proposal.record.requestId, proposal.record.offerId),
      leased,
      // What the offer is once it is written: its version bumped (offerVersionBump), this stay held.
      after: {
        offer: offerAfter(offer, madeOn, [proposal.record]),
        holds: [...holds, { beds: pair.partySize, nights: pair.stay }],
      },
      bumpWith: (later) => offerBumpFor(deps.config.TABLE_NAME, offer, madeOn, [proposal.record, ...later]),
    };
  }

  /**
   * What follows a transaction's commit: its proposals, as many as fit its 100 items. With
   * `batch.mailing`, their mails are handed off together but not waited for: the hand-off joins
   * `mailing`, which the batch awaits at its end, so the next transaction is written while this
   * one's is under way. Together, so that in AWS a transaction is one invocation of the mailer,
   * not one a proposal.
   */
  async function proposed(committed: readonly Draft[], batch: WriteBatch) {
    for (const { record, after } of committed) {
      batch.written?.set(record.offerId, after);
      log.info('matcher.proposed', {
        proposalId: record.id,
        offerId: record.offerId,
        requestId: record.requestId,
        score: record.score,
      });
    }
    const mailed = handOff?.(committed.flatMap((written) => written.leased));
    if (batch.mailing && mailed) batch.mailing.push(mailed);
    else await mailed;
  }

  /**
   * Whether a transaction whose answer never came (a timeout, a dropped connection: not a
   * refusal, which writes nothing) committed all the same: its proposal, read by its own id. Then
   * it is this run's, counted and mailed at once, and a retry would only be refused.
   */
  async function committedUnseen(unanswered: Draft | undefined, batch: WriteBatch) {
    if (unanswered === undefined || (await getProposal(deps, unanswered.record.id)) === undefined)
      return false;
    await proposed([unanswered], batch);
    return true;
  }

  /**
   * Writes one proposal, checked against the pair as the transaction finds it (sight: the
   * first try as the run last saw the pair, or as `seen` shows it; a write that fails reads
   * both again). `unanswered`: a draft of the pair whose transaction may have committed.
   */
  async function writeProposal(
    offerId: string,
    requestId: string,
    stats: ReadStats,
    batch: WriteBatch,
    proposedBy: AuditActor = 'process:matcher',
    pooled?: RequestRecord,
    seen?: Sight,
    unanswered?: Draft,
  ) {
    let unknown = unanswered;
    for (let attempt = 1; attempt <= options.writeAttempts; attempt++) {
      if (await committedUnseen(unknown, batch)) return 'proposed' satisfies WriteOutcome;
      unknown = undefined;
      const drafted = draft(
        attempt === 1 && seen
          ? seen
          : await sight(offerId, requestId, stats, batch.written, pooled, attempt > 1),
        proposedBy,
      );
      if (typeof drafted === 'string') return drafted;
      try {
        await transact(deps.db, drafted.items);
        await proposed([drafted], batch);
        return 'proposed' satisfies WriteOutcome;
      } catch (error) {
        batch.written?.delete(offerId);
        const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
        if (reasons[PROPOSAL_ITEM.declined]?.Code === 'ConditionalCheckFailed')
          return 'rematch' satisfies WriteOutcome;
        if (!isConditionFailure(error) && !isTransient(error)) throw error;
        if (reasons.length === 0 && !isConditionFailure(error)) unknown = drafted;
        batch.retries++;
        log.warn('matcher.write-retry', { offerId, requestId, attempt, ...describeError(error) });
        if (isTransient(error)) await backoff(attempt);
      }
    }
    if (await committedUnseen(unknown, batch)) return 'proposed' satisfies WriteOutcome;
    return 'rematch' satisfies WriteOutcome;
  }

  /**
   * Writes the proposals of pairs, given offer by offer (a bundle: one offer's stays, in order;
   * no request twice: DynamoDB refuses a transaction that touches an item twice), as many in one
   * transaction as its 100 items hold, each checked as writeProposal checks it, an offer's later
   * stays against the holds of its earlier ones; an offer's stays share one version bump, so they
   * commit together. Their mails leave once it is written. A transaction that fails writes
   * nothing, so its proposals are then written one by one, each offer's in order, each as a lone
   * write would be: one whose own items the cancellation names (by position) is read again
   * first, its pair declined meanwhile is left to be matched again, and the others are tried as
   * they were seen (an offer's later stays as its earlier ones left it). A lost race costs one
   * write more, and no proposal is lost or made twice. The outcome of each pair, in order.
   */
  async function writeProposals(
    bundles: readonly (readonly WritePair[])[],
    stats: ReadStats,
    batch: WriteBatch,
  ) {
    const pairs = bundles.flat();
    const outcomes: WriteOutcome[] = [];
    // An offer and its holds once for its stays; each stay's request as the pool read it.
    const seen = await Promise.all(
      bundles.map((stays) =>
        Promise.all(
          stays.map(async (pair, j): Promise<Sight> => {
            if (j === 0) return sight(pair.offerId, pair.requestId, stats, batch.written, pair.pooled, false);
            const stored =
              pair.pooled?.id === pair.requestId
                ? pair.pooled
                : await getRequest(deps, pair.requestId, stats);
            return { open: undefined, stored };
          }),
        ),
      ),
    );
    type Entry = { pair: WritePair; index: number; seen: Sight; draft: Draft; later: boolean };
    const drafted: Entry[][] = [];
    let index = 0;
    bundles.forEach((stays, b) => {
      const entries: Entry[] = [];
      const sights = seen[b] as Sight[];
      // The offer as the stays drafted so far leave it: its version unbumped (they share one bump).
      let open = sights[0]?.open;
      stays.forEach((pair, j) => {
        const at = index++;
        const sighted: Sight = { open, stored: (sights[j] as Sight).stored };
        const made = draft(sighted, 'process:matcher');
        if (typeof made === 'string') {
          outcomes[at] = made;
          return;
        }
        const later = entries.length > 0;
        entries.push({
          pair,
          index: at,
          seen: sighted,
          draft: later ? withoutVersionBump(made) : made,
          later,
        });
        // Its version as read (the stays share the first's bump), its map with the stays so far.
        open = open && {
          offer: { ...made.after.offer, version: open.offer.version },
          holds: made.after.holds,
        };
      });
      if (entries.length > 0) drafted.push(entries);
    });
    // An offer's stays go in one pack; a pack is at most a transaction's items.
    const packs: Entry[][] = [];
    const overflow: Entry[][] = [];
    let items = 0;
    for (const entries of drafted) {
      const size = entries.reduce((sum, { draft }) => sum + draft.items.length, 0);
      // A coordinator reached on Telegram adds an outbox item: what does not fit goes in the next.
      if (packs.length === 0 || items + size > TRANSACTION_ITEMS) {
        packs.push([]);
        items = 0;
      }
      let fitted = 0;
      for (const entry of entries) {
        if (items + entry.draft.items.length > TRANSACTION_ITEMS) break;
        items += entry.draft.items.length;
        packs.at(-1)?.push(entry);
        fitted++;
      }
      // Stays beyond one transaction (several Telegram coordinators): written alone after it.
      if (fitted < entries.length) overflow.push(entries.slice(fitted));
    }
    // As seen (the pair untouched by a failure), or read again (its own items failed); an offer's
    // later stay as its earlier ones left it (batch.written), not as drafted beside them.
    const alone = async (entry: Entry, asSeen: boolean, unanswered?: Draft) => {
      const { pair, index } = entry;
      outcomes[index] = asSeen
        ? await writeProposal(
            pair.offerId,
            pair.requestId,
            stats,
            batch,
            undefined,
            pair.pooled,
            entry.later ? undefined : entry.seen,
            unanswered,
          )
        : await writeProposal(pair.offerId, pair.requestId, stats, batch);
    };
    for (const pack of packs) {
      if (pack.length === 1) {
        await alone(pack[0] as Entry, true);
        continue;
      }
      try {
        await transact(
          deps.db,
          pack.flatMap((entry) => withLaterStaysHeld(entry, pack)),
        );
      } catch (error) {
        batch.retries++;
        log.warn('matcher.group-retry', { proposals: pack.length, ...describeError(error) });
        const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
        let at = 0;
        const own = pack.map(({ draft }) => {
          const codes = reasons.slice(at, at + draft.items.length).map((reason) => reason.Code ?? 'None');
          at += draft.items.length;
          return codes;
        });
        // Throttled or cut off as a whole: nobody's items named, everyone waits a moment.
        if (reasons.length === 0 && isTransient(error)) await backoff(1);
        const settle = async (entry: Entry) => {
          const codes = own[pack.indexOf(entry)] ?? [];
          // No reasons: not refused but unanswered (a timeout), so the group may have committed.
          if (reasons.length === 0) return alone(entry, true, entry.draft);
          if (codes.every((code) => code === 'None')) return alone(entry, true);
          batch.written?.delete(entry.pair.offerId);
          if (codes[entry.draft.declinedAt] === 'ConditionalCheckFailed') {
            outcomes[entry.index] = 'rematch';
            return;
          }
          if (codes.some((code) => code !== 'None' && code !== 'ConditionalCheckFailed')) await backoff(1);
          return alone(entry, false);
        };
        // Every one settled before the run goes on (or ends, awaiting the mails of those written);
        // offers at once, each offer's stays one after another.
        const settled = await Promise.allSettled(
          bundlesOf(pack).map(async (entries) => {
            for (const entry of entries) await settle(entry);
          }),
        );
        const thrown = settled.find((result) => result.status === 'rejected');
        if (thrown) throw thrown.reason;
        continue;
      }
      for (const { index } of pack) outcomes[index] = 'proposed';
      await proposed(
        pack.map(({ draft }) => draft),
        batch,
      );
    }
    await Promise.all(
      overflow.map(async (entries) => {
        for (const entry of entries) await alone(entry, true);
      }),
    );
    return pairs.map((_, i) => outcomes[i] as WriteOutcome);
  }

  /** Adds the declined pairs (rule 6) of these requests to `declined`, one query per request; each request's offers. */
  async function readDeclined(requestIds: readonly string[], declined: Set<string>, stats: ReadStats) {
    const found = await Promise.all(requestIds.map((id) => declinedOffers(deps, id, stats)));
    requestIds.forEach((requestId, i) => {
      for (const offerId of found[i] ?? []) declined.add(pairKey(requestId, offerId));
    });
    return found;
  }

  /**
   * Reads the candidates of a group of requests of one country. `declinesRead` is false when the
   * pool holds the country's every open offer and no declined pair yet: a stream batch re-matches
   * every open request around a new offer (hundreds in a surge), and reading each request's
   * declined pairs first was most of its reads; solved lazily (solveLazily) it reads only the
   * chosen requests'. A search per request (few requests, many offers) must know a request's
   * declined offers before it picks that request's best candidates, and the sweep keeps its pool
   * whole for the overview's blockers: both read every request's first.
   */
  async function poolFor(
    country: string,
    requests: RequestRecord[],
    stats: ReadStats,
    wholeCountry: boolean,
  ): Promise<PoolRead> {
    const declined = new Set<string>();
    let offers: LoadedOffer[] | undefined;
    const lastFull = foundFull.get(country);
    const stillFull = lastFull !== undefined && deps.now().getTime() - lastFull < options.fullRememberedMs;
    if (wholeCountry || requests.length >= options.wholeCountryFrom || stillFull) {
      offers = await openOffersOfCountry(deps, country, stats);
    } else offers = await fewOpenOffersOfCountry(deps, country, options.fewOffers, stats);
    if (offers !== undefined && !wholeCountry)
      return { pool: { offers, requests, declined }, declinesRead: false };
    const declinedByRequest = await readDeclined(
      requests.map((request) => request.id),
      declined,
      stats,
    );
    if (offers === undefined) {
      const byId = new Map<string, LoadedOffer>();
      // Each search is a chain of small dependent reads: one after another they made a batch of
      // 15 requests take 12 s on a busy laptop, which every confirmation behind it waited for.
      // Where nearly every offer is full (a surge's scarcity) a search finds too little to stop
      // early and reads offer after offer, each with its holds: 80 queries a request in a surge
      // of 300 offers, 11 s for a batch of four requests on a busy laptop, with every
      // confirmation behind it waiting. Once a search has found that many offers full, the
      // batch reads the country's pool whole, in a few pages, as a larger batch's is, and so do
      // the batches of the next `fullRememberedMs` at once (foundFull). Full
      // offers, not queries, are the sign: a search in a large pool with room makes as many
      // queries (43 a request at 100,000 offers), but pages of offers and probes, where the
      // whole pool would be thousands of items.
      let saturated = false;
      await inParallel([...requests.entries()], options.readConcurrency, async ([i, request]) => {
        if (saturated) return;
        const found = await searchCandidates(
          deps,
          request,
          requests.length,
          declinedByRequest[i] ?? new Set(),
          stats,
          { full: options.fullOffersSearched },
        );
        if (found.stopped) saturated = true;
        for (const candidate of found.offers) byId.set(candidate.offer.id, candidate);
      });
      if (saturated) foundFull.set(country, deps.now().getTime());
      offers = saturated ? await openOffersOfCountry(deps, country, stats) : [...byId.values()];
    }
    return { pool: { offers, requests, declined }, declinesRead: true };
  }

  /**
   * A stream run's pool with the open requests around its fresh offers added. A run reads the
   * table as it is, which may already hold offers confirmed after its batch, their own stream
   * records not yet matched (the lane is busy while confirmations arrive). Seated by the few
   * requests a run names, by their best score, such an offer's beds are gone when its own run
   * matches everyone waiting around it: a larger party waiting there loses them. So the run solves
   * what the offer's own run would, earlier: the requests around each fresh offer that a request of
   * the pool could take (freshOffersAtStake), those of them that offer could take too
   * (requestsTheyAllow), with the pool read again for them, until no new one is at stake.
   * Requests are only added and the pool is read as poolFor reads it: no offer is left out, so no
   * request loses the offer it needs. Fresh is "changed after the newest item of the batch"
   * (`freshAfter`, triggersOf): no write, one lane or many shards alike. A guess wrong one
   * way (an offer another shard already matched around, a change outside the matching fields)
   * costs a redundant re-match; the other way (a write whose clock ran behind its commit) is a run
   * as before.
   */
  async function aroundFreshOffers(
    country: string,
    first: PoolRead,
    freshAfter: string,
    stats: ReadStats,
    admit: (requests: readonly RequestRecord[]) => RequestRecord[],
    cellsRead: CellsRead,
  ): Promise<PoolRead> {
    const today = todayIn(country, deps.now());
    const matchedAround = new Set<string>();
    let read = first;
    for (;;) {
      const fresh = freshOffersAtStake(
        read.pool,
        (offer) => offer.updatedAt > freshAfter && !matchedAround.has(offer.id),
        today,
      );
      if (fresh.length === 0) return read;
      for (const offer of fresh) matchedAround.add(offer.id);
      const known = new Set(read.pool.requests.map((request) => request.id));
      const atStake = new Set(fresh);
      const added = requestsTheyAllow(
        read.pool.offers.filter(({ offer }) => atStake.has(offer)),
        admit(
          (await requestsReachingAny(deps, fresh, stats, cellsRead)).filter(
            (request) => !known.has(request.id),
          ),
        ),
        today,
      );
      if (added.length === 0) continue;
      log.info('matcher.around-fresh', { country, offers: fresh.length, requests: added.length });
      const requests = [...read.pool.requests, ...added];
      // A pool whose declined pairs are still unread holds its country's every open offer
      // (poolFor): more requests bring no offer in, so only the requests change. In a surge this
      // was most runs, and reading the country again for each round of fresh offers made a run's
      // reads and solve take up to 110 s at the 99th percentile (1,000 + 5,000).
      read = read.declinesRead
        ? await poolFor(country, requests, stats, false)
        : { pool: { ...read.pool, requests }, declinesRead: false };
    }
  }

  /**
   * Solves a pool whose declined pairs are not yet read: reads those of the requests the
   * solution chose, and solves again while it chose a declined pair. A solution of the pool
   * without some requests' declined pairs that chooses none of them is a solution of the whole
   * problem, and no better one exists there (fewer pairs are allowed), so the result is the same
   * as reading every request's first; each round reads at least one request more, so it ends.
   */
  async function solveLazily(
    pool: Pool<OfferRecord, RequestRecord> & { declined: Set<string> },
    stats: ReadStats,
    searchOptions: NightlyOptions,
  ): Promise<NightlyMatch> {
    const read = new Set<string>();
    for (;;) {
      const solved = matchNightByNight(pool, searchOptions);
      const chosenIds = [
        ...new Set(solved.chosen.map((pair) => (pool.requests[pair.request] as RequestRecord).id)),
      ];
      const unread = chosenIds.filter((id) => !read.has(id));
      if (unread.length === 0) return solved;
      await readDeclined(unread, pool.declined, stats);
      for (const id of unread) read.add(id);
      const declinedChosen = solved.chosen.some((pair) =>
        pool.declined.has(
          pairKey(
            (pool.requests[pair.request] as RequestRecord).id,
            (pool.offers[pair.offer] as LoadedOffer).offer.id,
          ),
        ),
      );
      if (!declinedChosen) return solved;
    }
  }

  /**
   * Proposes the best set of pairs for these open requests; requests that lost a race are matched
   * again. With `sweep`, each country's whole pool is read, and the first round's pool of each
   * country and every request proposed are kept there: what the overview's blockers are found in.
   * With `freshAfter` (a stream run), the first round also matches around the pool's fresh offers
   * (aroundFreshOffers), reading each pool cell of requests once with what `cellsRead` holds.
   */
  async function matchRequests(
    initial: readonly RequestRecord[],
    {
      sweep,
      freshAfter,
      cellsRead = new Map(),
    }: { sweep?: SweptPools; freshAfter?: string; cellsRead?: CellsRead } = {},
  ): Promise<MatchReport> {
    const stats = newReadStats();
    // A stream run's search is on the path of the confirmations behind it; the sweep's is not.
    const searchOptions: NightlyOptions = sweep ? {} : { chainPassBudget: options.streamChainPassBudget };
    // Each proposal's mail leaves as soon as its proposal is written; the batch ends once all have.
    const batch = { retries: 0, mailing: [] as Promise<void>[], written: new Map<string, LoadedOffer>() };
    let proposed = 0;
    // Each request as read, by id: the pool matches the waiting view, and a proposal writes this.
    const asRead = new Map<string, RequestRecord>();
    const waiting = (requests: readonly RequestRecord[]) => {
      const now = deps.now();
      return requests.flatMap((request) => {
        const today = todayIn(request.country, now);
        if (!isOpenToMatch(request, today) || !hasCoordinators(deps.config, request.country)) return [];
        asRead.set(request.id, request);
        return [stillWaiting(request, today)];
      });
    };
    let pending = waiting(initial);
    try {
      for (let round = 0; round < options.rounds && pending.length > 0; round++) {
        const byCountry = new Map<string, RequestRecord[]>();
        for (const request of pending)
          byCountry.set(request.country, [...(byCountry.get(request.country) ?? []), request]);
        const again: string[] = [];
        for (const [country, requests] of byCountry) {
          let first = await poolFor(country, requests, stats, sweep !== undefined);
          if (round === 0 && freshAfter !== undefined)
            first = await aroundFreshOffers(country, first, freshAfter, stats, waiting, cellsRead);
          if (sweep && round === 0) sweep.pools.set(country, first.pool);
          // A solve seats stays night by night among the offers each request read, several in one
          // offer where their nights allow; each offer's are written one after another, each
          // checked against the holds the ones before it wrote. A stay it did not see waits for the
          // next turn, solved with the stays written so far held (later-stays.ts), until a turn
          // chooses nothing or the round has had its turns; what the last turn left that an offer
          // still allows then goes to the next round, read again, as a lost race does (so never
          // left waiting for the sweep).
          // A turn whose every write failed still goes on: a request gone since the read leaves
          // its offer to the runner-up, whom no later stream record would bring back.
          // Each turn solves only the requests some offer still allows (placeableOnly): the same
          // pairs, where a scarce pool's turns re-solved hundreds that its first turn had left
          // without any, and its last turn solved them all to choose nobody. The filter's time is
          // the solve's (its own field beside), or its own line when no solve follows it.
          let pool = first.pool;
          for (let turn = 1; ; turn++) {
            const solving = performance.now();
            pool = placeableOnly(pool);
            const placeableMs = Math.round(performance.now() - solving);
            if (pool.requests.length === 0 || turn > options.turns) {
              log.info('matcher.placeable', {
                country,
                turn,
                placeable: pool.requests.length,
                ms: placeableMs,
              });
              // Only a request some offer still allows goes on; one none does (its every offer
              // taken this round, or none ever in reach) would only be read again for nothing,
              // and, left after the last round, fail the batch as unsettled.
              again.push(...pool.requests.map((request) => request.id));
              break;
            }
            const { chosen, exact, moved, breaches, work } = first.declinesRead
              ? matchNightByNight(pool, searchOptions)
              : await solveLazily(pool, stats, searchOptions);
            const solveMs = Math.round(performance.now() - solving);
            // A pair the solve chose that breaks a rule is a bug: it was left out (the country
            // proposes the solver's checked set instead), and the alarm on this event sees it.
            for (const breach of breaches)
              log.error('matcher.breach', {
                country: breach.country,
                requestId: breach.requestId,
                offerId: breach.offerId,
                broken: breach.broken.join(','),
                by: breach.by,
              });
            log.info('matcher.solved', {
              country,
              turn,
              requests: pool.requests.length,
              offers: pool.offers.length,
              chosen: chosen.length,
              exact,
              moved,
              // The most work one pass of the search's chains did: at the budget, the budget ended it.
              chainPassMost: Math.max(0, ...work.chains),
              // The solve's own time (its filter's and a lazy solve's reads of declined pairs
              // included): the bench tells a run's reads from its solves by it (surge-stages.ts).
              ms: solveMs,
              placeableMs,
            });
            // The stays that could have been proposed longest are written first: a run's writes
            // queue one after another in a busy table (seconds for a large run), and a pair made
            // possible before this run began has waited for it already.
            const possibleSince = new Map(
              chosen.map((pair) => [
                pair,
                Math.max(
                  confirmedMs((pool.offers[pair.offer] as LoadedOffer).offer),
                  confirmedMs(pool.requests[pair.request] as RequestRecord),
                ),
              ]),
            );
            const since = (pair: (typeof chosen)[number]) => possibleSince.get(pair) as number;
            const byOffer = new Map<number, typeof chosen>();
            for (const pair of [...chosen].sort((a, b) => since(a) - since(b)))
              byOffer.set(pair.offer, [...(byOffer.get(pair.offer) ?? []), pair]);
            const written: typeof chosen = [];
            const settled = new Set<string>();
            // An offer's stays are written together (one bump of its version), each checked
            // against the holds of the ones before it, up to groupSize of them; an offer with more
            // writes the next ones in the next layer. Several offers' stays go to a transaction
            // (writeProposals). Written one layer a stay, in the full surge a run's proposals waited
            // for up to six layers one after another, each a transaction's round trip through a
            // table busy with the confirmations: seconds each.
            for (let layer = [...byOffer.values()]; layer.length > 0; ) {
              const heads = layer.map((pairs) => pairs.slice(0, options.groupSize));
              await inParallel(
                groupsOf(heads, options.groupSize),
                options.writeConcurrency,
                async (group) => {
                  const pairs = group.flat();
                  const requests = pairs.map((pair) => pool.requests[pair.request] as RequestRecord);
                  let at = 0;
                  const outcomes = await writeProposals(
                    group.map((stays) =>
                      stays.map(() => {
                        const pair = pairs[at] as (typeof chosen)[number];
                        const request = requests[at++] as RequestRecord;
                        return {
                          offerId: (pool.offers[pair.offer] as LoadedOffer).offer.id,
                          requestId: request.id,
                          pooled: asRead.get(request.id),
                        };
                      }),
                    ),
                    stats,
                    batch,
                  );
                  pairs.forEach((pair, i) => {
                    const requestId = (requests[i] as RequestRecord).id;
                    settled.add(requestId);
                    if (outcomes[i] === 'proposed') {
                      proposed++;
                      written.push(pair);
                      sweep?.proposed.add(requestId);
                    } else if (outcomes[i] === 'rematch') again.push(requestId);
                  });
                },
              );
              layer = layer
                .filter((pairs) => pairs.length > options.groupSize)
                .map((pairs) => pairs.slice(options.groupSize));
            }
            if (chosen.length === 0) break;
            const next = poolAfter(pool, written);
            pool = {
              ...next,
              requests: next.requests.filter((request) => !settled.has(request.id)),
              declined: pool.declined,
            };
          }
        }
        const fresh = await Promise.all(again.map((id) => getRequest(deps, id, stats)));
        pending = waiting(fresh.filter((request): request is RequestRecord => request !== undefined));
      }
      if (pending.length > 0) log.warn('matcher.unsettled', { requests: pending.length });
    } finally {
      // Thrown or not, the batch ends only once its mails were handed off (mail/handoff.ts: to
      // the mailer, or sent here should it not take them): a send still in flight when the
      // invocation ends is frozen mid-send and may go on once thawed, after the sweep has taken
      // its claim over and sent it. A hand-off never throws (a mail it could not send is left
      // for the sweep), and allSettled lets nothing here hide the batch's own error.
      await Promise.allSettled(batch.mailing);
    }
    return {
      requests: initial.length,
      proposed,
      reads: stats,
      retries: batch.retries,
      unsettled: pending.length,
    };
  }

  const withReads = (report: MatchReport, stats: ReadStats): MatchReport => ({
    ...report,
    reads: { queries: report.reads.queries + stats.queries, items: report.reads.items + stats.items },
  });

  /** Matches the requests named by id (as read now, consistently). */
  async function matchRequestIds(ids: Iterable<string>, stats: ReadStats = newReadStats()) {
    const requests = await Promise.all([...ids].map((id) => getRequest(deps, id, stats)));
    return withReads(
      await matchRequests(requests.filter((r): r is RequestRecord => r !== undefined && isProposable(r))),
      stats,
    );
  }

  /**
   * The open requests these offers (they opened, changed, or had beds freed) could take now, with
   * the beds their proposals hold: one read of the requests a country, one of each offer's holds.
   * Those reaching an offer that it has no room for are left out (requestsTheyAllow): in a
   * scarce surge an offer's own run came after runs that had filled it around it as fresh, and
   * solved the country's hundreds of requests reaching it to propose nothing.
   */
  async function requestsAroundOffers(offerIds: Iterable<string>, stats: ReadStats, cellsRead: CellsRead) {
    // An offer brings its holds on its item: one read. One stored before offers carried them
    // has them read beside it, after it (they only choose whom to solve: no proposal is written
    // from them, see sight), until the re-index has given it its copy.
    const read = await Promise.all(
      [...offerIds].map(async (id): Promise<LoadedOffer | undefined> => {
        const offer = await getOffer(deps, id, stats);
        if (offer === undefined || !isProposable(offer)) return undefined;
        return { offer, holds: await holdsOf(deps, offer, stats) };
      }),
    );
    const byCountry = new Map<string, LoadedOffer[]>();
    for (const loaded of read) {
      if (loaded === undefined) continue;
      byCountry.set(loaded.offer.country, [...(byCountry.get(loaded.offer.country) ?? []), loaded]);
    }
    const now = deps.now();
    const found = await Promise.all(
      [...byCountry].map(async ([country, offers]) =>
        requestsTheyAllow(
          offers,
          await requestsReachingAny(
            deps,
            offers.map(({ offer }) => offer),
            stats,
            cellsRead,
          ),
          todayIn(country, now),
        ),
      ),
    );
    return new Map(found.flat().map((request) => [request.id, request]));
  }

  /**
   * What a stream batch asks: the requests it names and those around the offers it names,
   * matched together in one solve (matched apart, the second solve re-read what the first had),
   * with those around the fresh offers it reads (offers changed after `newest`, the batch's
   * newest item: see aroundFreshOffers).
   */
  async function matchBatch(requestIds: Iterable<string>, offerIds: Iterable<string>, newest?: string) {
    const stats = newReadStats();
    // Each pool cell of requests is read once in the run, for the offers it names and its fresh ones.
    const cellsRead: CellsRead = new Map();
    // The requests it names and those around its offers at once: neither read waits for the other.
    const [named, requests] = await Promise.all([
      Promise.all([...requestIds].map((id) => getRequest(deps, id, stats))),
      requestsAroundOffers(offerIds, stats, cellsRead),
    ]);
    for (const request of named) if (request && isProposable(request)) requests.set(request.id, request);
    return withReads(await matchRequests([...requests.values()], { freshAfter: newest, cellsRead }), stats);
  }

  /**
   * Why the requests the sweep left waiting still wait, for the overview page, from the pool it
   * solved (no second read); a country nobody waits in loses its old finding. Never fails the sweep.
   */
  async function explainWaiting(country: string, swept: SweptPools | undefined, stats: ReadStats) {
    try {
      const pool = swept?.pools.get(country);
      if (!swept || !pool) {
        await clearBlockers(deps, country, stats);
        return;
      }
      const requests = pool.requests.filter((request) => !swept.proposed.has(request.id));
      await recordBlockers(deps, country, { ...pool, requests });
      log.info('overview.blockers', { country, waiting: requests.length });
    } catch (error) {
      log.error('overview.blockers_failed', { country, ...describeError(error) });
    }
  }

  /**
   * The periodic sweep: every open request of every country, matched against its country's pool,
   * each country on its own: one that fails (a throttled partition, a bad item) is logged and the
   * others are still matched, and the sweep then fails with every country that did, so the
   * invocation reports an error (the function's alarm) and the next sweep tries them again.
   * Countries go in order of their codes, so a run is the same whatever its reads' timing.
   */
  async function sweep(): Promise<MatchReport> {
    const stats = newReadStats();
    const waiting: [string, RequestRecord[]][] = [];
    const idle: string[] = [];
    const failed: string[] = [];
    const failedIn = (country: string, error: unknown) => {
      failed.push(country);
      log.error('matcher.country-failed', { country, ...describeError(error) });
    };
    // One small query per country, many at once: most countries have nothing open.
    await inParallel([...ISO_3166_ALPHA2], 16, async (country) => {
      try {
        const requests = await openRequestsOfCountry(deps, country, stats);
        if (requests.length > 0) waiting.push([country, requests]);
        else idle.push(country);
      } catch (error) {
        failedIn(country, error);
      }
    });
    waiting.sort(([a], [b]) => a.localeCompare(b));
    let total = { requests: 0, proposed: 0, retries: 0, unsettled: 0 };
    for (const [country, requests] of waiting) {
      // Nobody could see a proposal here, so the matcher makes none (hasCoordinators) and these
      // people would wait unseen: the operator is told on every sweep, and the stack alarms on it.
      const unseen = hasCoordinators(deps.config, country) ? 0 : requests.filter(isMatchable).length;
      if (unseen > 0) log.warn('matcher.no-coordinator', { country, count: unseen });
      const swept: SweptPools = { pools: new Map(), proposed: new Set() };
      let report: MatchReport;
      try {
        report = await matchRequests(requests, { sweep: swept });
      } catch (error) {
        // Its old finding on the overview stays: a half-solved pool would explain nothing.
        failedIn(country, error);
        continue;
      }
      await explainWaiting(country, swept, stats);
      total = {
        requests: total.requests + report.requests,
        proposed: total.proposed + report.proposed,
        retries: total.retries + report.retries,
        unsettled: total.unsettled + report.unsettled,
      };
      stats.queries += report.reads.queries;
      stats.items += report.reads.items;
    }
    await inParallel(idle, 16, (country) => explainWaiting(country, undefined, stats));
    if (failed.length > 0) throw new SweepCountriesFailed(`matching failed in ${failed.sort().join(', ')}`);
    return { ...total, reads: stats };
  }

  return { matchRequests, matchRequestIds, matchBatch, sweep, writeProposal };
}

/** Countries the sweep could not match (each logged as matcher.country-failed); the others were. */
export class SweepCountriesFailed extends Error {
  override readonly name = 'SweepCountriesFailed';
}

export class SweepStepsFailed extends Error {
  override readonly name = 'SweepStepsFailed';
}

interface SweepStep {
  readonly name:
    | 'lifecycle'
    | 'block-steps'
    | 'cancellations'
    | 'expiry'
    | 'check-ins'
    | 'availability'
    | 'matching';
  run(): Promise<void>;
}

/**
 * The scheduled sweep's steps, in order, each on its own: one that fails (a bad item, a
 * throttled query) is logged and the next still runs, so a broken check-in cannot keep
 * proposals from expiring or requests from being matched. The lifecycle task, every minute, runs
 * the first three only.
 */
function sweepSteps(deps: Deps, service: ReturnType<typeof createMatchingService>): SweepStep[] {
  return [
    {
      // Ended offers and requests leave the pool, and personal data past its horizon goes.
      name: 'lifecycle',
      run: async () => deps.log.info('lifecycle.sweep', { ...(await runLifecycle(deps)) }),
    },
    {
      // What a press that blocked a chat or an address left undone: its earlier records still match.
      name: 'block-steps',
      run: async () => deps.log.info('block-steps.sweep', { ...(await runBlockSteps(deps)) }),
    },
    {
      // What a change voided and had no room to cancel: its proposals still hold their requests.
      name: 'cancellations',
      run: async () => deps.log.info('cancellations.sweep', { ...(await runCancellations(deps)) }),
    },
    {
      // Overdue proposals before matching, so the sweep re-matches what their expiry frees.
      name: 'expiry',
      run: async () => deps.log.info('approval.sweep', { ...(await expireOverdue(deps)) }),
    },
    {
      name: 'check-ins',
      run: async () => {
        const checkIns = await sendDueCheckIns(deps);
        deps.log.info('check-in.sweep', { checkInsSent: checkIns.sent, checkInsFailed: checkIns.failed });
      },
    },
    {
      // Offers paused for want of an answer leave the pool before matching reads it.
      name: 'availability',
      run: async () => deps.log.info('availability.sweep', { ...(await runAvailabilityChecks(deps)) }),
    },
    {
      name: 'matching',
      run: async () => {
        const report = await service.sweep();
        deps.log.info('matcher.sweep', {
          requests: report.requests,
          proposed: report.proposed,
          items: report.reads.items,
        });
      },
    },
  ];
}

/** The matcher Lambda's work: a stream batch or the periodic sweep in, proposals out. */
export function createMatcher(
  deps: Deps,
  options: MatcherOptions = defaultMatcherOptions,
  handOff?: HandOff,
) {
  const service = createMatchingService(deps, options, handOff);
  return async (event: StreamOrSchedule): Promise<DynamoDBBatchResponse> => {
    if (isScheduledTask(event)) {
      const steps =
        event.task === 'lifecycle' ? sweepSteps(deps, service).slice(0, 3) : sweepSteps(deps, service);
      const failed: string[] = [];
      for (const step of steps) {
        try {
          await step.run();
        } catch (error) {
          failed.push(step.name);
          deps.log.error('sweep.step-failed', { step: step.name, ...describeError(error) });
        }
      }
      // Every step has had its turn; the failure still shows (function errors alarm, a retry).
      if (failed.length > 0) throw new SweepStepsFailed(`sweep steps failed: ${failed.join(', ')}`);
      return { batchItemFailures: [] };
    }
    const { requestIds, offerIds, newest, oldest } = triggersOf(event);
    try {
      const started = performance.now();
      const report = await service.matchBatch(requestIds, offerIds, newest);
      deps.log.info('matcher.batch', {
        records: event.Records.length,
        // How far the matcher runs behind the table: the age of the batch's oldest write, by the
        // write's own time (the stream's ApproximateCreationDateTime is whole minutes locally).
        ...(oldest === undefined
          ? {}
          : { behindS: Math.round((deps.now().getTime() - Date.parse(oldest)) / 100) / 10 }),
        requests: report.requests,
        proposed: report.proposed,
        queries: report.reads.queries,
        items: report.reads.items,
        ms: Math.round(performance.now() - started),
      });
      if (report.unsettled > 0) throw new MatchingUnsettled(`${report.unsettled} requests kept losing races`);
      return { batchItemFailures: [] };
    } catch (error) {
      // Matching is idempotent (only open requests are matched), so the whole batch may run again.
      deps.log.error('matcher.failed', describeError(error));
      const first = event.Records[0]?.dynamodb?.SequenceNumber;
      return { batchItemFailures: first ? [{ itemIdentifier: first }] : [] };
    }
  };
}
