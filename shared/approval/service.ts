import { randomUUID } from 'node:crypto';
import type { AuditActor } from '../data/audit.ts';
import { approveTransaction, declineTransaction } from '../data/decisions.ts';
import { guarded, isConditionFailure, isTransient } from '../data/errors.ts';
import { lifecycleScheduleOf } from '../data/lifecycle.ts';
import {
  bothSidesKept,
  loadProposalContext,
  type ProposalContext,
  type StoredProposalContext,
} from '../data/proposal-context.ts';
import { decisionOf } from '../data/proposals.ts';
import { issueManageToken, readToken } from '../data/tokens.ts';
import { type TransactItem, transact } from '../data/transact.ts';
import type { Deps } from '../deps.ts';
import { dayStartsIn, todayIn } from '../domain/country-day.ts';
import { Unavailable } from '../domain/errors.ts';
import { dayOf } from '../domain/matching/nights.ts';
import { stayFromApproval } from '../domain/matching/rules.ts';
import {
  type OfferRecord,
  type ProposalRecord,
  type ProposalStatus,
  type RequestRecord,
  reachable,
} from '../domain/records.ts';
import { hashToken, type TokenRecord, tokenUsable } from '../domain/tokens.ts';
import { describeError } from '../log.ts';
import { renderHostPlacementMail, renderSeekerPlacementMail } from '../mail/templates/placement.ts';
import { proposalEndedNotices } from './ended.ts';
import type { Decision } from './links.ts';

/**
 * The coordinator's decisions, as the link pages call them:
 *
 *   viewDecision(deps, decision, rawToken) → DecisionView     (GET /proposals/{decision}/{token})
 *   decide(deps, decision, rawToken)       → DecisionOutcome  (POST with the clicked button)
 *
 * A token that does not work (unknown, altered, expired, spent, or for the other decision)
 * always yields `{ state: 'gone' }`, whatever the reason. A working token whose proposal is no
 * longer pending yields `decided` with what became of it: that is told only to someone holding
 * a link that still works. Load and contention surface as Unavailable (a 503 page) after retries.
 * With REQUIRE_VERIFIED_HOSTS, approving a proposal whose host no coordinator has verified is
 * refused (`unverified`), changing nothing, until the check is recorded on the offer. So is
 * approving a proposal one of whose sides left no way to reach them (`unreachable`).
 */

/** Facts a decision page may show: never an email address or a phone number. */
export interface DecisionFacts {
  readonly proposal: ProposalRecord;
  readonly offer: Omit<OfferRecord, 'email' | 'phone'>;
  readonly request: Omit<RequestRecord, 'email' | 'phone'>;
}

export type DecisionView =
  | { readonly state: 'gone' }
  | { readonly state: 'decided'; readonly status: Exclude<ProposalStatus, 'pending'> }
  | ({
      readonly state: 'pending';
      readonly decision: Decision;
      /** Approving waits for a coordinator's check of the host (REQUIRE_VERIFIED_HOSTS). */
      readonly hostCheckDue: boolean;
    } & DecisionFacts);

export type DecisionOutcome =
  | { readonly state: 'gone' }
  | { readonly state: 'decided'; readonly status: Exclude<ProposalStatus, 'pending'> }
  /** The host waits for a coordinator's check: refused, nothing changed. Named, so a refusal page can say whom to check. */
  | {
      readonly state: 'unverified';
      readonly offerId: string;
      readonly hostName: string;
      readonly rejected: boolean;
    }
  /** Approving would hand over no way to reach this side (reachable): refused, nothing changed. */
  | { readonly state: 'unreachable'; readonly side: 'host' | 'seeker' }
  | { readonly state: 'done'; readonly decision: Decision; readonly status: 'approved' | 'declined' };

/** Tries of one decision's read-decide-write when it loses to contention or load. */
const DECISION_ATTEMPTS = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const withoutContact = <T extends { email: string; phone?: string | undefined }>(
  record: T,
): Omit<T, 'email' | 'phone'> => {
  const { email: _email, phone: _phone, ...rest } = record;
  return rest;
};

async function workingToken(
  deps: Deps,
  decision: Decision,
  rawToken: string,
  now: Date,
): Promise<TokenRecord | undefined> {
  const hash = hashToken(rawToken);
  if (hash === undefined) return undefined;
  const token = await guarded(() => readToken(deps, hash));
  if (!token || token.purpose !== decision || token.subjectKind !== 'proposal') return undefined;
  return tokenUsable(token, now) ? token : undefined;
}

/** Whether the proposal could still be decided by a link now: pending and not yet due. */
const decidable = (proposal: ProposalRecord, now: Date) =>
  proposal.status === 'pending' && Date.parse(proposal.decisionDueAt) > now.getTime();

/** Whether every night of the proposed stay has passed where the offer lies: nothing is left to place. */
const stayOver = ({ proposal, offer }: ProposalContext, now: Date) =>
  proposal.nightsTo !== undefined && dayOf(proposal.nightsTo) <= todayIn(offer.country, now);

const madeFromCurrentFacts = ({ proposal, offer, request }: ProposalContext) =>
  (proposal.offerFactsVersion ?? 0) === (offer.factsVersion ?? 0) &&
  (proposal.requestFactsVersion ?? 0) === (request.factsVersion ?? 0);

type Open =
  | { state: 'gone' }
  | { state: 'decided'; status: Exclude<ProposalStatus, 'pending'> }
  | { state: 'open'; ctx: ProposalContext };

async function open(deps: Deps, decision: Decision, rawToken: string, now: Date): Promise<Open> {
  const token = await workingToken(deps, decision, rawToken, now);
  if (!token) return { state: 'gone' };
  const ctx = await loadProposalContext(deps, token.subjectId);
  return ctx ? openContext(ctx, now) : { state: 'gone' };
}

/**
 * Whether a loaded proposal can still be decided at `now`, or what became of it. A decision reads
 * the clock once: the stay it places is counted from the same instant this found nights left in.
 */
function openContext(ctx: StoredProposalContext, now: Date): Open {
  if (ctx.proposal.status !== 'pending') return { state: 'decided', status: ctx.proposal.status };
  // A side erased while it was read: the erasure cancels the proposal in the same transaction.
  if (!bothSidesKept(ctx)) return { state: 'decided', status: 'cancelled' };
  // Pending on an offer no longer open: its cancellation has not landed (cancelRemaining in
  // approval/cancel.ts), and it can no longer be approved.
  if (ctx.offer.status !== 'open') return { state: 'decided', status: 'cancelled' };
  // Likewise for one whose offer or request has changed since it was made: the coordinator
  // would approve facts or contact details that are no longer the ones in the mail.
  if (!madeFromCurrentFacts(ctx)) return { state: 'decided', status: 'cancelled' };
  // Due but not yet swept: the link has expired with it (its token's validity ends at the same instant).
  // So has one whose nights have all passed while it waited: its expiry frees the request then.
  if (!decidable(ctx.proposal, now) || stayOver(ctx, now)) return { state: 'gone' };
  return { state: 'open', ctx };
}

/** Whether approving must wait for a coordinator's check of the offer's host. */
const hostCheckDue = (deps: Deps, decision: Decision, offer: OfferRecord) =>
  decision === 'approve' && deps.config.REQUIRE_VERIFIED_HOSTS && offer.verification?.state !== 'verified';

/** For the GET of a decision link: what it would decide, changing nothing. */
export async function viewDecision(deps: Deps, decision: Decision, rawToken: string): Promise<DecisionView> {
  const opened = await open(deps, decision, rawToken, deps.now());
  if (opened.state !== 'open') return opened;
  const { proposal, offer, request } = opened.ctx;
  return {
    state: 'pending',
    decision,
    hostCheckDue: hostCheckDue(deps, decision, offer),
    proposal,
    offer: withoutContact(offer),
    request: withoutContact(request),
  };
}

function transactionFor(
  deps: Deps,
  decision: Decision,
  ctx: ProposalContext,
  now: Date,
  ref: string,
  actor: AuditActor,
): TransactItem[] {
  const table = deps.config.TABLE_NAME;
  if (decision === 'decline')
    return declineTransaction(table, ctx, proposalEndedNotices(ctx, undefined), now, ref, actor);
  const stay = stayFromApproval(ctx.proposal, todayIn(ctx.offer.country, now));
  const hostManage = chatManageLink(deps, ctx.offer, now);
  const seekerManage = chatManageLink(deps, ctx.request, now);
  const mails = [
    renderHostPlacementMail(stay, ctx.offer, ctx.request, hostManage?.url),
    renderSeekerPlacementMail(stay, ctx.offer, ctx.request, seekerManage?.url),
  ];
  // The placed request is erased RETENTION_DAYS after its stay ends (shared/upkeep/lifecycle.ts).
  const stayEnd =
    ctx.proposal.nightsTo === undefined
      ? undefined
      : dayStartsIn(ctx.offer.country, dayOf(ctx.proposal.nightsTo));
  const placed: RequestRecord = { ...ctx.request, status: 'placed' };
  return [
    ...approveTransaction(table, ctx, stay, mails, now, ref, actor, deps.config.REQUIRE_VERIFIED_HOSTS),
    ...[hostManage, seekerManage].flatMap((manage) => (manage ? [manage.put] : [])),
    ...lifecycleScheduleOf(deps, placed, { at: stayEnd }),
  ];
}

/**
 * A fresh manage link for a side who came through the Telegram bot, for its placement notice: such
 * a person got no confirmation mail to find their link in, and the one in the chat's first
 * notice may be far up the chat or lapsed. Someone who came by email finds theirs in that mail.
 */
function chatManageLink(deps: Deps, record: OfferRecord | RequestRecord, now: Date) {
  if (record.telegramChatId === undefined) return undefined;
  const token = issueManageToken(deps.config.TABLE_NAME, record.kind, record.id, now);
  return { url: `${deps.config.PUBLIC_URL}/manage/${token.raw}?lang=${record.locale}`, put: token.put };
}

/**
 * For the POST of a decision link, once the route has seen the clicked button's value: makes the
 * decision in one transaction. Of any number of concurrent decisions on one proposal exactly one
 * takes effect; the others see `decided`. A write whose answer was lost (a timeout after DynamoDB
 * applied it) is recognised by its reference and reported as done, not as decided by someone else.
 */
export function decide(deps: Deps, decision: Decision, rawToken: string): Promise<DecisionOutcome> {
  return decideWith(deps, decision, (now) => open(deps, decision, rawToken, now), `link:${decision}`);
}

/**
 * The same decision from the coordinator workspace, by proposal id: the very transaction the
 * mailed links run, audited with the coordinator's address. The caller has checked the
 * coordinator's scope; a proposal that does not exist is `gone`.
 */
export function decideAsCoordinator(
  deps: Deps,
  decision: Decision,
  proposalId: string,
  coordinator: string,
): Promise<DecisionOutcome> {
  return decideWith(deps, decision, (now) => openById(deps, proposalId, now), `coordinator:${coordinator}`);
}

async function openById(deps: Deps, proposalId: string, now: Date): Promise<Open> {
  const ctx = await loadProposalContext(deps, proposalId);
  return ctx ? openContext(ctx, now) : { state: 'gone' };
}

async function decideWith(
  deps: Deps,
  decision: Decision,
  load: (now: Date) => Promise<Open>,
  actor: AuditActor,
): Promise<DecisionOutcome> {
  for (let attempt = 1; ; attempt++) {
    const now = deps.now();
    const opened = await load(now);
    if (opened.state !== 'open') return opened;
    const { ctx } = opened;
    if (hostCheckDue(deps, decision, ctx.offer)) {
      const rejected = ctx.offer.verification?.state === 'rejected';
      return { state: 'unverified', offerId: ctx.offer.id, hostName: ctx.offer.name, rejected };
    }
    // The placement hands each side the other's contact: without one it places nobody.
    if (decision === 'approve' && !reachable(ctx.offer)) return { state: 'unreachable', side: 'host' };
    if (decision === 'approve' && !reachable(ctx.request)) return { state: 'unreachable', side: 'seeker' };
    const ref = randomUUID();
    try {
      await transact(deps.db, transactionFor(deps, decision, ctx, now, ref, actor), ref);
    } catch (error) {
      if (!isConditionFailure(error) && !isTransient(error)) throw error;
      const after = await guarded(() => decisionOf(deps, ctx.proposal.id));
      if (after.ref !== ref) {
        if (after.status !== undefined && after.status !== 'pending')
          return { state: 'decided', status: after.status };
        deps.log.warn('approval.retry', {
          proposalId: ctx.proposal.id,
          decision,
          attempt,
          ...describeError(error),
        });
        if (attempt >= DECISION_ATTEMPTS) {
          throw new Unavailable(
            'The decision could not be saved just now; nothing has changed. Please try again.',
            {
              cause: error,
            },
          );
        }
        await sleep(40 * 2 ** attempt + Math.random() * 40);
        continue;
      }
    }
    const status = decision === 'approve' ? 'approved' : 'declined';
    deps.log.info(`proposal.${status}`, {
      proposalId: ctx.proposal.id,
      offerId: ctx.offer.id,
      requestId: ctx.request.id,
    });
    return { state: 'done', decision, status };
  }
}
