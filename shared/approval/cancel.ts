import { randomUUID } from 'node:crypto';
import { holdsOfOffer, queryAll } from '../data/holds.ts';
import { REQUEST_PROPOSAL_PREFIX, requestKey } from '../data/keys.ts';
import type { Deps } from '../deps.ts';
import { Conflict } from '../domain/errors.ts';
import type { OfferRecord, RequestRecord } from '../domain/records.ts';
import { renderProposalVoidMail } from '../mail/templates/proposal-void.ts';
import { guarded, loadProposalContext, type ProposalContext } from './context.ts';
import { type TransactItem, voidTransaction } from './transactions.ts';

/**
 * DynamoDB allows 100 items in one transaction; the withdrawal itself uses a few and each
 * cancelled proposal six, so an offer with more pending proposals than this is refused.
 */
const MAX_CANCELLED_AT_ONCE = 15;

async function pendingProposalIdsOf(deps: Deps, record: OfferRecord | RequestRecord): Promise<string[]> {
  if (record.kind === 'offer') {
    const holds = await guarded(() => holdsOfOffer(deps, record.id));
    return holds.map((hold) => hold.proposalId);
  }
  const pointers = await guarded(() =>
    queryAll(
      deps,
      {
        TableName: deps.config.TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': requestKey(record.id).pk, ':prefix': REQUEST_PROPOSAL_PREFIX },
        ConsistentRead: true,
      },
      { queries: 0, items: 0 },
    ),
  );
  return pointers.map((pointer) => String(pointer.proposalId));
}

/**
 * The items that cancel the pending proposals of an offer or request being withdrawn, for the
 * withdrawal's own TransactWriteItems: each proposal void (conditioned on still pending), its
 * beds released, the other side back in the pool, the coordinators told, the audit trail. So a
 * withdrawal and its cancellations happen together or not at all; if a coordinator decides in
 * between, the withdrawal's transaction fails as a whole and can be tried again.
 *
 * Call it with the record as read before the change (its version is what the withdrawal is
 * conditioned on, and the matcher bumps it with every new proposal, so none can slip in).
 */
export async function withdrawalCancellations(
  deps: Deps,
  record: OfferRecord | RequestRecord,
): Promise<TransactItem[]> {
  const ids = await pendingProposalIdsOf(deps, record);
  const contexts = (await Promise.all(ids.map((id) => loadProposalContext(deps, id)))).filter(
    (ctx): ctx is ProposalContext => ctx?.proposal.status === 'pending',
  );
  if (contexts.length > MAX_CANCELLED_AT_ONCE) {
    throw new Conflict('Too many pending proposals to withdraw at once; please ask a coordinator.');
  }
  const now = deps.now();
  const reason = record.kind === 'offer' ? 'offer-withdrawn' : 'request-withdrawn';
  return contexts.flatMap((ctx) =>
    voidTransaction(
      deps.config.TABLE_NAME,
      ctx,
      {
        to: 'cancelled',
        actor: `link:manage-${record.kind}`,
        mail: renderProposalVoidMail(ctx.proposal, ctx.offer, ctx.request, reason, deps.config),
        reopenRequest: record.kind === 'offer',
      },
      now,
      randomUUID(),
    ),
  );
}
