import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.ts';
import type {
  ErasedOffer,
  ErasedRequest,
  OfferRecord,
  ProposalRecord,
  RequestRecord,
} from '../domain/records.ts';
import { guarded } from './errors.ts';
import { type HoldItem, holdItemSchema } from './holds.ts';
import { holdKey, offerKey, requestKey } from './keys.ts';
import { getOffer } from './offers.ts';
import { type ProposalLinks, readProposalLinks } from './proposal-links.ts';
import { getProposal } from './proposals.ts';
import { getRequest } from './requests.ts';
import type { TransactItem } from './transact.ts';

/** Everything a decision about one proposal reads before it writes, read consistently. */
export interface ProposalContext {
  readonly proposal: ProposalRecord;
  readonly offer: OfferRecord;
  readonly request: RequestRecord;
  readonly links: ProposalLinks | undefined;
  /** The hold on the offer's beds; absent once the proposal no longer holds them. */
  readonly hold: (HoldItem & { status?: string }) | undefined;
}

/** A proposal as stored: a side erased since it was made has only what erasure kept (records.ts ErasedRecord). */
export interface StoredProposalContext extends Omit<ProposalContext, 'offer' | 'request'> {
  readonly offer: OfferRecord | ErasedOffer;
  readonly request: RequestRecord | ErasedRequest;
}

/**
 * Whether both sides still hold what a decision, a mail or a report about the proposal needs. An
 * erasure cancels its record's pending proposals in its own transaction, so only an approved
 * stay (or a read that met the erasure) has a side erased: nobody is left to write to there.
 */
export const bothSidesKept = (ctx: StoredProposalContext): ctx is ProposalContext =>
  ctx.offer.erasedAt === undefined && ctx.request.erasedAt === undefined;

/**
 * For a transaction that writes to or about a placement's sides as read: each side read kept is
 * still kept when it commits. An erasure in between would otherwise have a mail go to, or carry
 * the contact of, someone whose data is gone (erasure leaves queued mail alone).
 */
export function stillKeptChecks(table: string, ctx: StoredProposalContext): TransactItem[] {
  const kept = [
    ...(ctx.offer.erasedAt === undefined ? [offerKey(ctx.offer.id)] : []),
    ...(ctx.request.erasedAt === undefined ? [requestKey(ctx.request.id)] : []),
  ];
  return kept.map((Key) => ({
    ConditionCheck: { TableName: table, Key, ConditionExpression: 'attribute_not_exists(erasedAt)' },
  }));
}

async function readHold(deps: Deps, offerId: string, proposalId: string) {
  const { Item } = await deps.db.send(
    new GetCommand({
      TableName: deps.config.TABLE_NAME,
      Key: holdKey(offerId, proposalId),
      ConsistentRead: true,
    }),
  );
  if (Item === undefined) return undefined;
  return {
    ...holdItemSchema.parse(Item),
    ...(typeof Item.status === 'string' ? { status: Item.status } : {}),
  };
}

/** The proposal and both sides; undefined when the proposal does not exist. */
export async function loadProposalContext(
  deps: Deps,
  proposalId: string,
): Promise<StoredProposalContext | undefined> {
  return guarded(async () => {
    const proposal = await getProposal(deps, proposalId);
    if (!proposal) return undefined;
    const [offer, request, links, hold] = await Promise.all([
      getOffer(deps, proposal.offerId),
      getRequest(deps, proposal.requestId),
      readProposalLinks(deps, proposal.id),
      readHold(deps, proposal.offerId, proposal.id),
    ]);
    if (!offer || !request) {
      throw new Error(`proposal ${proposal.id} refers to a record that does not exist`);
    }
    return { proposal, offer, request, links, hold };
  });
}
