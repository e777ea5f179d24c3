import { todayIn } from '../domain/country-day.ts';
import type { RenderedMail } from '../domain/mail.ts';
import type { ProposalRecord, ProposalStatus, RequestRecord } from '../domain/records.ts';
import { type AuditActor, auditPut } from './audit.ts';
import { checkInPuts } from './check-ins.ts';
import { holdDelete, offerHoldRelease } from './holds.ts';
import { requestItem } from './items.ts';
import { holdKey, offerKey, proposalKey, requestKey } from './keys.ts';
import { outboxPuts } from './outbox.ts';
import type { ProposalContext } from './proposal-context.ts';
import { declinedPut, offerProposalPut } from './proposals.ts';
import { consumeTokenCondition } from './tokens.ts';
import type { TransactItem } from './transact.ts';

/**
 * The builders of every transaction that ends a pending proposal. Each returns the whole
 * TransactWriteItems list: the proposal's own conditional update decides which of two racing
 * decisions (approve and decline, a decision and the expiry sweep, a decision and a withdrawal)
 * happens; the loser's transaction fails as a whole and changes nothing.
 */

/** When the proposal's own update must still hold, beyond "still pending". */
type Deadline = 'before-due' | 'after-due' | 'any';

function proposalUpdate(
  table: string,
  ctx: ProposalContext,
  to: Exclude<ProposalStatus, 'pending'>,
  now: Date,
  ref: string,
  deadline: Deadline,
  nightsFrom?: string,
): TransactItem {
  const at = now.toISOString();
  // An approval places the stay from its own day when the proposal waited past its first night.
  const setFrom = nightsFrom === undefined ? '' : ', nightsFrom = :from';
  const due = {
    'before-due': ' AND decisionDueAt > :now',
    'after-due': ' AND decisionDueAt <= :now',
    any: '',
  }[deadline];
  return {
    Update: {
      TableName: table,
      Key: proposalKey(ctx.proposal.id),
      // Leaving pending also leaves the expiry queue (gsi3) and the coordinators' queue (gsi2);
      // decisionRef lets a caller whose answer was lost (a timeout after the write) recognise
      // its own decision.
      UpdateExpression: `SET #status = :to, updatedAt = :at, decidedAt = :at, decisionRef = :ref${setFrom}, #version = #version + :one REMOVE gsi3pk, gsi3sk, gsi2pk, gsi2sk`,
      ConditionExpression: `#status = :pending AND #version = :version${due}`,
      ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
      ExpressionAttributeValues: {
        ':to': to,
        ':at': at,
        ':ref': ref,
        ...(nightsFrom === undefined ? {} : { ':from': nightsFrom }),
        ':one': 1,
        ':pending': 'pending',
        ':version': ctx.proposal.version,
        ...(deadline === 'any' ? {} : { ':now': at }),
      },
    },
  };
}

function requestPut(table: string, request: RequestRecord, to: 'placed' | 'open', now: Date): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: requestItem({
        ...request,
        status: to,
        version: request.version + 1,
        updatedAt: now.toISOString(),
        ...(to === 'placed' ? { placedAt: now.toISOString() } : {}),
      }),
      ConditionExpression: '#version = :expected AND #status = :proposed',
      ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
      ExpressionAttributeValues: { ':expected': request.version, ':proposed': 'proposed' },
    },
  };
}

/** Both tokens of the pair, spent together: after a decision neither link acts again. */
function spendLinks(table: string, ctx: ProposalContext, now: Date): TransactItem[] {
  if (!ctx.links) return [];
  return [
    consumeTokenCondition(table, ctx.links.approveHash, now),
    consumeTokenCondition(table, ctx.links.declineHash, now),
  ];
}

/**
 * The hold's Delete, the offer's side of it (offerHoldRelease: its map without the hold, its
 * version moved on) unless the offer is Put whole in the same transaction (`offerPutBeside`: its
 * Put drops the hold from the map, withHoldsKept), and the offer's audit event: the beds are free again.
 */
function releaseHold(
  table: string,
  ctx: ProposalContext,
  actor: AuditActor,
  now: Date,
  offerPutBeside = false,
): TransactItem[] {
  if (!ctx.hold) return [];
  return [
    holdDelete(table, ctx.offer.id, ctx.proposal.id),
    ...(offerPutBeside
      ? []
      : [offerHoldRelease(table, ctx.offer, ctx.proposal.id, todayIn(ctx.offer.country, now))]),
    auditPut(
      table,
      { subjectPk: offerKey(ctx.offer.id).pk, action: 'offer.beds-released', actor, fields: ['hold'] },
      now,
    ),
  ];
}

/**
 * The offer is open and its facts and contacts are those the proposal was made from (the
 * request's Put is conditioned on its whole version already). Not the offer's version: every
 * other proposal on a multi-party offer moves that.
 */
function offerStillAsProposed(table: string, ctx: ProposalContext, requireVerified: boolean): TransactItem {
  const facts = ctx.proposal.offerFactsVersion ?? 0;
  const factsCondition =
    facts === 0 ? '(attribute_not_exists(#facts) OR #facts = :facts)' : '#facts = :facts';
  // Checked in the transaction itself, so a check withdrawn (rejected) meanwhile cannot slip past.
  const verified = requireVerified ? ' AND #verification.#state = :verified' : '';
  return {
    ConditionCheck: {
      TableName: table,
      Key: offerKey(ctx.offer.id),
      ConditionExpression: `#status = :open AND ${factsCondition}${verified}`,
      ExpressionAttributeNames: {
        '#status': 'status',
        '#facts': 'factsVersion',
        ...(requireVerified ? { '#verification': 'verification', '#state': 'state' } : {}),
      },
      ExpressionAttributeValues: {
        ':open': 'open',
        ':facts': facts,
        ...(requireVerified ? { ':verified': 'verified' } : {}),
      },
    },
  };
}

/**
 * Approve: the proposal approved, the request placed, the held beds kept for the stay (the hold
 * turns `placed`), the offer's pointer to the proposal, both links spent, both placement mails queued, the check-ins scheduled, and
 * the audit trail, all on condition that the offer is still open and unchanged: a proposal its
 * cancellation missed on a withdrawn, paused or changed offer never places anyone there. With
 * `requireVerified` (REQUIRE_VERIFIED_HOSTS) also on condition that a coordinator verified the host.
 * `placed` is the proposal as it places the stay (rules.ts stayFromApproval): from the day of
 * approval when it waited past its first night, which the proposal keeps (audited) and the
 * check-ins count from.
 */
export function approveTransaction(
  table: string,
  ctx: ProposalContext,
  placed: ProposalRecord,
  mails: readonly RenderedMail[],
  now: Date,
  ref: string,
  actor: AuditActor = 'link:approve',
  requireVerified = true,
): TransactItem[] {
  return [
    proposalUpdate(table, ctx, 'approved', now, ref, 'before-due', placed.nightsFrom),
    requestPut(table, ctx.request, 'placed', now),
    offerStillAsProposed(table, ctx, requireVerified),
    {
      Update: {
        TableName: table,
        Key: holdKey(ctx.offer.id, ctx.proposal.id),
        UpdateExpression: 'SET #status = :placed, placedAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':placed': 'placed', ':at': now.toISOString() },
      },
    },
    // The hold expires after the stay; the pointer outlasts it for the offer's erasure.
    offerProposalPut(table, ctx.offer.id, ctx.proposal.id),
    ...spendLinks(table, ctx, now),
    ...mails.flatMap((mail) => outboxPuts(table, mail, now)),
    ...checkInPuts(table, placed, ctx.offer.country),
    auditPut(
      table,
      {
        subjectPk: proposalKey(ctx.proposal.id).pk,
        action: 'proposal.approved',
        actor,
        from: 'pending',
        to: 'approved',
        ...(placed.nightsFrom === ctx.proposal.nightsFrom ? {} : { fields: ['nightsFrom'] }),
      },
      now,
    ),
    auditPut(
      table,
      {
        subjectPk: requestKey(ctx.request.id).pk,
        action: 'request.placed',
        actor,
        from: 'proposed',
        to: 'placed',
      },
      now,
    ),
    auditPut(
      table,
      { subjectPk: offerKey(ctx.offer.id).pk, action: 'offer.beds-placed', actor, fields: ['hold'] },
      now,
    ),
  ];
}

/**
 * Decline: the proposal declined, the pair remembered so it is never proposed again, the
 * request back in the pool, the beds released, both links spent, and the sides' `notices`
 * queued (approval/ended.ts). The stream then re-matches.
 */
export function declineTransaction(
  table: string,
  ctx: ProposalContext,
  notices: readonly RenderedMail[],
  now: Date,
  ref: string,
  actor: AuditActor = 'link:decline',
): TransactItem[] {
  return [
    proposalUpdate(table, ctx, 'declined', now, ref, 'before-due'),
    requestPut(table, ctx.request, 'open', now),
    ...releaseHold(table, ctx, actor, now),
    // Whether or not a hold is left (its TTL may have taken it after the stay): the offer's
    // erasure finds the proposal by this.
    offerProposalPut(table, ctx.offer.id, ctx.proposal.id),
    declinedPut(table, ctx.request.id, ctx.offer.id, now),
    ...spendLinks(table, ctx, now),
    ...notices.flatMap((notice) => outboxPuts(table, notice, now)),
    auditPut(
      table,
      {
        subjectPk: proposalKey(ctx.proposal.id).pk,
        action: 'proposal.declined',
        actor,
        from: 'pending',
        to: 'declined',
      },
      now,
    ),
    auditPut(
      table,
      {
        subjectPk: requestKey(ctx.request.id).pk,
        action: 'request.reopened',
        actor,
        from: 'proposed',
        to: 'open',
      },
      now,
    ),
  ];
}

export interface VoidOptions {
  readonly to: 'expired' | 'cancelled';
  readonly actor: AuditActor;
  /** The coordinators' notice that the proposal is void. */
  readonly mail: RenderedMail;
  /** The sides' notices that it did not work out (approval/ended.ts). */
  readonly notices: readonly RenderedMail[];
  /**
   * Whether this transaction returns the request to the pool. Not when the request itself is
   * being withdrawn: its own Put is already in the withdrawal's transaction.
   */
  readonly reopenRequest: boolean;
  /**
   * Whether the offer's own Put is in the same transaction (a change of the offer that cancels
   * its proposals): it then drops the hold from the offer's map, as a transaction touches an item once.
   */
  readonly offerPutBeside?: boolean;
}

/**
 * Expiry and cancellation: the proposal void, its beds released, the request back in the pool
 * (unless it is the one leaving), the coordinators told, and the sides' notices queued. Links
 * are not spent: an expired proposal's links have expired with it, and a cancelled one's show
 * who cancelled.
 */
export function voidTransaction(
  table: string,
  ctx: ProposalContext,
  options: VoidOptions,
  now: Date,
  ref: string,
): TransactItem[] {
  return [
    proposalUpdate(table, ctx, options.to, now, ref, options.to === 'expired' ? 'after-due' : 'any'),
    ...(options.reopenRequest ? [requestPut(table, ctx.request, 'open', now)] : []),
    ...releaseHold(table, ctx, options.actor, now, options.offerPutBeside),
    offerProposalPut(table, ctx.offer.id, ctx.proposal.id),
    ...[options.mail, ...options.notices].flatMap((mail) => outboxPuts(table, mail, now)),
    auditPut(
      table,
      {
        subjectPk: proposalKey(ctx.proposal.id).pk,
        action: `proposal.${options.to}`,
        actor: options.actor,
        from: 'pending',
        to: options.to,
      },
      now,
    ),
    ...(options.reopenRequest
      ? [
          auditPut(
            table,
            {
              subjectPk: requestKey(ctx.request.id).pk,
              action: 'request.reopened',
              actor: options.actor,
              from: 'proposed',
              to: 'open',
            },
            now,
          ),
        ]
      : []),
  ];
}
