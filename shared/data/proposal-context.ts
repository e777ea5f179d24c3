import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.ts';
import type { OfferRecord, ProposalRecord, RequestRecord } from '../domain/records.ts';
import { guarded } from './errors.ts';
import { type HoldItem, holdItemSchema } from './holds.ts';
import { holdKey } from './keys.ts';
import { getOffer } from './offers.ts';
import { type ProposalLinks, readProposalLinks } from './proposal-links.ts';
import { getProposal } from './proposals.ts';
import { getRequest } from './requests.ts';

/** Everything a decision about one proposal reads before it writes, read consistently. */
export interface ProposalContext {
  readonly proposal: ProposalRecord;
  readonly offer: OfferRecord;
  readonly request: RequestRecord;
  readonly links: ProposalLinks | undefined;
  /** The hold on the offer's beds; absent once the proposal no longer holds them. */
  readonly hold: (HoldItem & { status?: string }) | undefined;
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
): Promise<ProposalContext | undefined> {
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
