import { randomUUID } from 'node:crypto';
import type { AuditActor } from '../data/audit.ts';
import {
  type Cancellations,
  cancellationsPut,
  dropCancellations,
  dueCancellations,
} from '../data/cancellations.ts';
import { voidTransaction } from '../data/decisions.ts';
import { type DueReport, SWEEP_GRACE_MS, workDueItems } from '../data/due.ts';
import { guarded, isConditionFailure } from '../data/errors.ts';
import { holdsOfOffer, withHoldsKept } from '../data/holds.ts';
import { getOffer } from '../data/offers.ts';
import { bothSidesKept, loadProposalContext, type ProposalContext } from '../data/proposal-context.ts';
import { pendingProposals, proposalIdsOfRequest } from '../data/proposals.ts';
import { type TransactItem, transact } from '../data/transact.ts';
import type { Deps } from '../deps.ts';
import { todayIn } from '../domain/country-day.ts';
import {
  checkThatStillHolds,
  differsIn,
  type OfferRecord,
  type RequestRecord,
  STAY_FIELDS,
  type VoidReason,
} from '../domain/records.ts';
import { describeError } from '../log.ts';
import { renderProposalVoidMail } from '../mail/templates/proposal-void.ts';
import { coordinatorLanguages, coordinatorsToTell } from './coordinators.ts';
import { proposalEndedNotices } from './ended.ts';

type IntakeRecord = OfferRecord | RequestRecord;

/** The most items DynamoDB takes in one TransactWriteItems. */
const TRANSACTION_ITEMS = 100;
/**
 * Room kept for the change's own items. The largest is a Mini App resubmission's 18 that gives an
 * address whose own unconfirmed record it repeats: 12 of its own (the record, its audit event, the
 * chat's notice, the manage token, the chat's registry, a block check for the chat and one for the
 * address (and, when neither is blocked, one more per blocked address the chat proved: in practice
 * none or one), the lifecycle schedule, the phone, mailbox and both Telegram lookups) and 6 of the
 * merge link (its token, the address's manage token, outbox item and audit event, the mailbox's
 * window and the hourly cap); a confirmed resubmission on the web writes 9.
 */
const CHANGE_ITEMS = 20;
/**
 * Items of one cancellation whose coordinators are all reached by email (one outbox item more per
 * Telegram chat): the proposal, the request, the hold's Delete, the offer's pointer to the
 * proposal, the coordinators' mail, and three audit events.
 */
const CANCELLATION_ITEMS = 8;
/**
 * How many cancellations by email the change carries itself when it has more than fit: the rest
 * follow it (cancelRemaining), and one item of its room goes to the queue item that lists them.
 */
export const MAX_CANCELLED_AT_ONCE = Math.floor((TRANSACTION_ITEMS - CHANGE_ITEMS - 1) / CANCELLATION_ITEMS);

/**
 * The facts a coordinator decides on (what the proposal mail shows of each side and what
 * matching read), and the name and contact details an approval hands to the other side. A
 * change of any of them makes a pending proposal stale: a coordinator approves these people,
 * and a new phone number or address is not one the coordinator saw.
 */
const WHO_AND_WHERE = ['name', 'email', 'phone', 'country', 'city', 'lat', 'lon'] as const;
const DECISION_FIELDS = {
  offer: [...WHO_AND_WHERE, ...STAY_FIELDS.offer, 'languages', 'notes'],
  request: [...WHO_AND_WHERE, 'maxDistanceKm', ...STAY_FIELDS.request, 'languages', 'notes'],
} as const;

/** Whether a change touches what a coordinator would decide a pending proposal on, contacts included. */
export function decisionFactsChanged(before: IntakeRecord, after: IntakeRecord): boolean {
  return differsIn(DECISION_FIELDS[before.kind], before, after);
}

type Cause = 'withdrawn' | 'closed' | 'blocked' | 'ended' | 'rejected' | 'paused' | 'changed' | 'unanswered';

const rejected = (record: IntakeRecord) =>
  record.kind === 'offer' && record.verification?.state === 'rejected';

/**
 * Who ended a record, as the coordinators are told: a coordinator closed it, its last night
 * passed (the lifecycle closes it), or else its owner withdrew it (by their link or chat, or an
 * operator's erasure at their request). Told "the host withdrew", coordinators would look for a
 * host who never left. A block is told as a block, whoever's step carried it out (causeOf).
 */
function endingCause(actor: AuditActor): Cause {
  if (actor.startsWith('coordinator:')) return 'closed';
  return actor === 'process:lifecycle' ? 'ended' : 'withdrawn';
}

/** Why the change voids the record's pending proposals, or undefined when it leaves them standing. */
function causeOf(before: IntakeRecord, after: IntakeRecord, actor: AuditActor): Cause | undefined {
  // Taking on a blocked address (confirmed for a chat's record, or sent again) leaves the pool as
  // the block's own closing of the address's records does (closeForBlock), and is told alike.
  if (before.blockedAt === undefined && after.blockedAt !== undefined) return 'blocked';
  if (after.kind === 'offer' ? after.status === 'closed' : after.status === 'withdrawn')
    return endingCause(actor);
  // Its seeker left "still looking?" unanswered (upkeep/availability.ts): the one way a request
  // with a pending proposal expires.
  if (after.kind === 'request' && before.status !== 'expired' && after.status === 'expired')
    return 'unanswered';
  if (!rejected(before) && rejected(after)) return 'rejected';
  if (before.status !== 'paused' && after.status === 'paused') return 'paused';
  return decisionFactsChanged(before, after) ? 'changed' : undefined;
}

/**
 * The reason each cause gives the coordinators. A request is never rejected, and time closes no
 * request with a pending proposal (a proposed request waits for its decision, retention.ts), so
 * a request's `rejected` and `ended` never occur: they are told as its withdrawal.
 */
const REASON_OF_CAUSE: Record<IntakeRecord['kind'], Record<Cause, VoidReason>> = {
  offer: {
    withdrawn: 'offer-withdrawn',
    closed: 'offer-closed',
    blocked: 'offer-blocked',
    ended: 'offer-ended',
    rejected: 'offer-rejected',
    paused: 'offer-paused',
    changed: 'offer-changed',
    // An offer left unanswered is paused, not expired.
    unanswered: 'offer-paused',
  },
  request: {
    withdrawn: 'request-withdrawn',
    closed: 'request-closed',
    blocked: 'request-blocked',
    ended: 'request-withdrawn',
    rejected: 'request-withdrawn',
    paused: 'request-paused',
    changed: 'request-changed',
    unanswered: 'request-unanswered',
  },
};

async function pendingProposalIdsOf(deps: Deps, record: IntakeRecord): Promise<string[]> {
  if (record.kind === 'offer') {
    const holds = await guarded(() => holdsOfOffer(deps, record.id));
    return holds.map((hold) => hold.proposalId);
  }
  // Only a proposed request has a pending proposal (the matcher moves it open → proposed).
  if (record.status !== 'proposed') return [];
  return guarded(() => proposalIdsOfRequest(deps, record.id));
}

/**
 * One pending proposal's cancellation, its own TransactWriteItems: void, its beds released, the
 * request back in the pool unless `reopenRequest` is false (the request's own change reopens it),
 * its coordinators told why, and the other side's chat that it did not work out.
 */
interface CancellationHow {
  readonly reason: VoidReason;
  readonly actor: AuditActor;
  /** The side whose change (or rejected host) voids it: not told that it did not work out. */
  readonly endedBy: IntakeRecord['kind'];
  readonly reopenRequest: boolean;
}

function cancellationOf(
  deps: Deps,
  ctx: ProposalContext,
  how: CancellationHow,
  now: Date,
  /** Whether it goes into the offer's own change, whose Put drops the hold from the offer's map. */
  offerPutBeside = false,
): TransactItem[] {
  return voidTransaction(
    deps.config.TABLE_NAME,
    ctx,
    {
      to: 'cancelled',
      actor: how.actor,
      mail: renderProposalVoidMail(
        ctx.proposal,
        ctx.offer,
        ctx.request,
        how.reason,
        coordinatorsToTell(deps.config, deps.log, ctx.offer.country),
        coordinatorLanguages(deps.config, ctx.offer.country),
      ),
      notices: proposalEndedNotices(ctx, how.endedBy),
      reopenRequest: how.reopenRequest,
      offerPutBeside,
    },
    now,
    randomUUID(),
  );
}

/**
 * The cancellations a change had no room for (a multi-party offer with more pending proposals
 * than MAX_CANCELLED_AT_ONCE, fewer with coordinators on Telegram), a transaction each, and the
 * queue item the change's own transaction writes for them (data/cancellations.ts), so that they
 * survive a crash after it: pass it to cancelRemaining once the change is saved.
 */
export interface RemainingCancellations {
  readonly queued?: string;
  readonly transactions: readonly TransactItem[][];
  /** The proposal each transaction cancels, and how: to build it anew when a condition refuses it. */
  readonly proposalIds?: readonly string[];
  readonly how?: CancellationHow;
}

/** What a change that voids nothing leaves to cancel after it. */
export const NOTHING_REMAINING: RemainingCancellations = { transactions: [] };

export interface StaleProposalCancellation<R extends IntakeRecord> {
  /** The record to write: as asked, except that a proposed request whose proposal is cancelled returns to open. */
  readonly record: R;
  /** The items to add to the change's own TransactWriteItems (the queue item of `remaining` among them). */
  readonly items: TransactItem[];
  readonly remaining: RemainingCancellations;
}

/** How many of `cancellations`, in order, fit into `room` items. */
function fitting(cancellations: readonly TransactItem[][], room: number): number {
  let carried = 0;
  for (let left = room; carried < cancellations.length; carried++) {
    left -= cancellations[carried]?.length ?? 0;
    if (left < 0) break;
  }
  return carried;
}

/** The change as written: without a host check the change made stale (checkThatStillHolds). */
function withStaleCheckDropped<R extends IntakeRecord>(before: IntakeRecord, after: R): R {
  if (before.kind !== 'offer' || after.kind !== 'offer' || after.verification === undefined) return after;
  const verification = checkThatStillHolds(before, after);
  if (verification !== undefined) return after;
  const { verification: _stale, ...unchecked } = after;
  return unchecked as R;
}

/**
 * Cancels the pending proposals a change of an offer or request makes stale (and drops a host
 * check it makes stale, checkThatStillHolds), inside the
 * change's own TransactWriteItems, and counts the change in the record's factsVersion: a withdrawal (or a blocked address taken on), an offer paused (by its host or for want of an
 * answer to "still available?"), a host a coordinator rejected, or an edit of the facts a coordinator decides on. Each
 * proposal turns cancelled (conditioned on still pending), its beds are released, the request
 * returns to the pool (for a request's own edit, through the record returned here), and the
 * coordinators get the "proposal void" mail with the reason. So the change and its
 * cancellations happen together or not at all; if a coordinator decides in between, the whole
 * transaction fails and can be tried again.
 *
 * Approved proposals are left alone on purpose: a placement is an agreement between people
 * who now know each other, and a host who shortens the dates or beds of an offer with guests
 * already placed must settle it with them and the coordinator, not by a silent cancellation.
 *
 * Call it with the record as read before the change (its version is what the change is
 * conditioned on, and the matcher bumps it with every new proposal, so none can slip in).
 */
export async function cancelStaleProposals<R extends IntakeRecord>(
  deps: Deps,
  before: IntakeRecord,
  asked: R,
  actor: AuditActor,
  {
    spent = 0,
    forBlock = false,
  }: {
    /** Items of the change's transaction already spoken for by another record's change and cancellations. */
    spent?: number;
    /** The change closes the record for a block (closeForBlock), whichever step carries it out. */
    forBlock?: boolean;
  } = {},
): Promise<StaleProposalCancellation<R>> {
  // Counted whether or not a proposal is pending now: approval compares it with the count the
  // proposal was made at, so one this change had no room to cancel still cannot be approved.
  const counted = decisionFactsChanged(before, asked)
    ? { ...asked, factsVersion: (before.factsVersion ?? 0) + 1 }
    : asked;
  const after = withStaleCheckDropped(before, counted);
  const cause = forBlock ? 'blocked' : causeOf(before, after, actor);
  if (cause === undefined) return { record: after, items: [], remaining: NOTHING_REMAINING };
  const ids = await pendingProposalIdsOf(deps, before);
  const contexts = (await Promise.all(ids.map((id) => loadProposalContext(deps, id)))).filter(
    (ctx): ctx is ProposalContext => ctx?.proposal.status === 'pending' && bothSidesKept(ctx),
  );
  if (contexts.length === 0) return { record: after, items: [], remaining: NOTHING_REMAINING };
  const now = deps.now();
  const reason = REASON_OF_CAUSE[before.kind][cause];
  const how = { reason, actor, endedBy: before.kind, reopenRequest: before.kind === 'offer' };
  const reopened =
    after.kind === 'request' && after.status === 'proposed' ? ({ ...after, status: 'open' } as R) : after;
  // Counted in items, not proposals: a coordinator reached on Telegram adds one to each. Those
  // the change carries leave an offer's map through its own Put (withHoldsKept), those after it
  // through their own update of the offer.
  const ownOffer = before.kind === 'offer';
  const cancellations = contexts.map((ctx) => cancellationOf(deps, ctx, how, now, ownOffer));
  const room = TRANSACTION_ITEMS - CHANGE_ITEMS - spent;
  const today = todayIn(reopened.country, now);
  const kept = (items: TransactItem[]) =>
    reopened.kind === 'offer' ? (withHoldsKept(reopened, before.version, items, today) as R) : reopened;
  if (fitting(cancellations, room) === cancellations.length) {
    const items = cancellations.flat();
    return { record: kept(items), items, remaining: NOTHING_REMAINING };
  }
  // One item of the room goes to the queue item that keeps the rest from being lost.
  const carried = fitting(cancellations, room - 1);
  const queued: Cancellations = {
    kind: 'cancellations',
    id: randomUUID(),
    proposalIds: contexts.slice(carried).map((ctx) => ctx.proposal.id),
    ...how,
    dueAt: new Date(now.getTime() + SWEEP_GRACE_MS).toISOString(),
  };
  const items = cancellations.slice(0, carried).flat();
  return {
    record: kept(items),
    items: [...items, cancellationsPut(deps.config.TABLE_NAME, queued)],
    remaining: {
      queued: queued.id,
      transactions: contexts.slice(carried).map((ctx) => cancellationOf(deps, ctx, how, now)),
      proposalIds: contexts.slice(carried).map((ctx) => ctx.proposal.id),
      how,
    },
  };
}

/**
 * Cancels, a transaction each, the pending proposals a change had no room for, once the change
 * is saved. The offer is then closed, paused or changed, so the matcher cannot have added one
 * the list misses, and a proposal left pending on an offer that is no longer open cannot be
 * approved (approval/service.ts) while it waits. One a coordinator decided in between stays
 * decided; any other failure is logged and the rest still go. Once all are done the queue item
 * goes; after a failure (or a crash before this runs) the sweep works it (runCancellations).
 */
export async function cancelRemaining(deps: Deps, remaining: RemainingCancellations): Promise<void> {
  let failed = false;
  for (const [i, items] of remaining.transactions.entries()) {
    const proposalId = remaining.proposalIds?.[i];
    try {
      if (proposalId === undefined || remaining.how === undefined) await transact(deps.db, items);
      else await cancelWhilePending(deps, proposalId, remaining.how, items);
    } catch (error) {
      if (proposalId === undefined && isConditionFailure(error)) continue;
      failed = true;
      deps.log.warn('proposal.cancel-failed', describeError(error));
    }
  }
  if (remaining.queued === undefined || failed) return;
  // The change is in: a failed delete leaves the item to the sweep, which finds nothing pending.
  await dropCancellations(deps, remaining.queued).catch((error: unknown) =>
    deps.log.warn('proposal.cancel-failed', describeError(error)),
  );
}

/** Tries of one cancellation that conditions keep refusing while its proposal is still pending. */
const CANCEL_ATTEMPTS = 4;

/**
 * One proposal's cancellation, `items` if given (built from a context read earlier), else built
 * from the proposal as read now. When a condition refuses it (its offer or request changed in
 * between, such as a write that left the offer's map untrusted), the proposal is read again and,
 * while it is still pending, its cancellation is built anew and tried again. False when it was
 * decided meanwhile (it stays decided); throws after CANCEL_ATTEMPTS refusals.
 */
async function cancelWhilePending(
  deps: Deps,
  proposalId: string,
  how: CancellationHow,
  items?: TransactItem[],
): Promise<boolean> {
  let next = items;
  for (let attempt = 1; ; attempt++) {
    if (next === undefined) {
      const ctx = await loadProposalContext(deps, proposalId);
      if (ctx?.proposal.status !== 'pending' || !bothSidesKept(ctx)) return false;
      next = cancellationOf(deps, ctx, how, deps.now());
    }
    try {
      await transact(deps.db, next);
      return true;
    } catch (error) {
      if (!isConditionFailure(error) || attempt >= CANCEL_ATTEMPTS) throw error;
      next = undefined;
    }
  }
}

/**
 * Works one change's queued cancellations as cancelRemaining would, each proposal read now: one
 * no longer pending is passed over. Throws (the item stays queued) when one fails otherwise.
 */
async function workCancellations(deps: Deps, queued: Cancellations): Promise<void> {
  for (const proposalId of queued.proposalIds) await cancelWhilePending(deps, proposalId, queued);
  await dropCancellations(deps, queued.id);
}

/**
 * For the sweep: works every change's cancellations left behind (SWEEP_GRACE_MS after the
 * change), so a proposal its change voided does not hold its request and its beds until it
 * expires. One that fails, or does not parse, is logged (`cancellations.failed`, which raises an
 * alarm) and counted, stays queued for the next sweep, and the next still has its turn.
 */
export const runCancellations = (deps: Deps): Promise<DueReport> =>
  workDueItems(
    deps,
    dueCancellations(deps, deps.now()),
    'cancellations.failed',
    (queued) => queued.id,
    (queued) => workCancellations(deps, queued),
  );

/**
 * Cancels the pending proposals of rejected hosts that the rejection left standing: those of a
 * host rejected before rejecting cancelled them (0b11451), or whose cancellation failed
 * (cancelRemaining logs and goes on). Such a proposal can never be approved, yet it holds its
 * seeker until it expires. Each is cancelled as a rejection cancels it, a transaction each: the
 * request back in the pool (the matcher then places it elsewhere), the beds released, the
 * coordinators told that the host was rejected. One decided meanwhile stays decided.
 */
export async function cancelProposalsOfRejectedHosts(
  deps: Deps,
  actor: AuditActor,
): Promise<{ pending: number; cancelled: number }> {
  let pending = 0;
  let cancelled = 0;
  for await (const proposal of pendingProposals(deps)) {
    pending++;
    const offer = await getOffer(deps, proposal.offerId);
    if (offer === undefined || offer.erasedAt !== undefined || !rejected(offer)) continue;
    const how = { reason: 'offer-rejected', actor, endedBy: 'offer', reopenRequest: true } as const;
    try {
      if (await cancelWhilePending(deps, proposal.id, how)) cancelled++;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Refused again and again: left for the next run.
      deps.log.warn('proposal.cancel-failed', describeError(error));
    }
  }
  return { pending, cancelled };
}
