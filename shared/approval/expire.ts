import { randomUUID } from 'node:crypto';
import { voidTransaction } from '../data/decisions.ts';
import { dueItems } from '../data/due.ts';
import { isConditionFailure, isTransient } from '../data/errors.ts';
import { bothSidesKept, loadProposalContext } from '../data/proposal-context.ts';
import { transact } from '../data/transact.ts';
import type { Deps } from '../deps.ts';
import { describeError } from '../log.ts';
import { renderProposalVoidMail } from '../mail/templates/proposal-void.ts';
import { coordinatorLanguages, coordinatorsToTell } from './coordinators.ts';
import { proposalEndedNotices } from './ended.ts';

export interface ExpiryReport {
  readonly due: number;
  readonly expired: number;
  /** Decided, or expired by another sweep, between the query and the write. */
  readonly skipped: number;
  readonly failed: number;
}

/** Tries per overdue proposal when its transaction loses to contention. */
const EXPIRE_ATTEMPTS = 3;

/**
 * Expires one overdue proposal: void, beds released, the request back in the pool, the
 * coordinators and the sides' chats told, all in one transaction conditioned on "still pending
 * and due". The stream then re-matches the request and the offer's neighbourhood, as after a
 * decline.
 */
export async function expireProposal(deps: Deps, proposalId: string): Promise<'expired' | 'skipped'> {
  for (let attempt = 1; ; attempt++) {
    const ctx = await loadProposalContext(deps, proposalId);
    const now = deps.now();
    if (ctx?.proposal.status !== 'pending' || Date.parse(ctx.proposal.decisionDueAt) > now.getTime()) {
      return 'skipped';
    }
    // An erasure cancels its record's pending proposals (approval/cancel.ts); one still pending
    // lost that cancellation, and is the operator's to look at, as the sweep reports.
    if (!bothSidesKept(ctx)) throw new Error(`proposal ${proposalId} is pending with a side erased`);
    const mail = renderProposalVoidMail(
      ctx.proposal,
      ctx.offer,
      ctx.request,
      'expired',
      coordinatorsToTell(deps.config, deps.log, ctx.offer.country),
      coordinatorLanguages(deps.config, ctx.offer.country),
    );
    const items = voidTransaction(
      deps.config.TABLE_NAME,
      ctx,
      {
        to: 'expired',
        actor: 'process:expiry',
        mail,
        notices: proposalEndedNotices(ctx, undefined),
        reopenRequest: true,
      },
      now,
      randomUUID(),
    );
    try {
      await transact(deps.db, items);
      deps.log.info('proposal.expired', { proposalId, offerId: ctx.offer.id, requestId: ctx.request.id });
      return 'expired';
    } catch (error) {
      if ((!isConditionFailure(error) && !isTransient(error)) || attempt >= EXPIRE_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  }
}

/**
 * The expiry sweep: every pending proposal whose decision was due before now, read from the
 * pending-by-due-time index (gsi3), oldest first. Runs in the matcher's scheduled invocation.
 */
export async function expireOverdue(deps: Deps): Promise<ExpiryReport> {
  const report = { due: 0, expired: 0, skipped: 0, failed: 0 };
  for await (const item of dueItems(deps, 'proposal-expiry', deps.now().toISOString())) {
    report.due++;
    try {
      report[await expireProposal(deps, String(item.id))]++;
    } catch (error) {
      report.failed++;
      deps.log.error('proposal.expiry_failed', { proposalId: String(item.id), ...describeError(error) });
    }
  }
  return report;
}
