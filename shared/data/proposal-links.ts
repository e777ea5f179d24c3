import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import type { ProposalRecord } from '../domain/records.ts';
import { proposalLinksKey, requestProposalKey } from './keys.ts';
import type { TransactItem } from './transact.ts';

/** The item that pairs a proposal's two tokens, so the decision made by one can spend both. */
export const proposalLinksSchema = lazySchema(() =>
  z.object({
    kind: z.literal('proposal-links'),
    proposalId: z.string().min(1),
    approveHash: z.string().regex(/^[0-9a-f]{64}$/),
    declineHash: z.string().regex(/^[0-9a-f]{64}$/),
  }),
);
export type ProposalLinks = z.infer<typeof proposalLinksSchema>;

/** Kept as long as the tokens are, for the same reason: audit, then housekeeping by TTL. */
const LINKS_GRACE_SECONDS = 7 * 86400;

/**
 * For the transaction that creates a proposal: the item pairing its two token hashes and the
 * request's pointer to the proposal, each only if it does not exist yet.
 */
export function proposalLinksPuts(
  table: string,
  proposal: ProposalRecord,
  hashes: { readonly approveHash: string; readonly declineHash: string },
): TransactItem[] {
  const links: ProposalLinks = { kind: 'proposal-links', proposalId: proposal.id, ...hashes };
  const expiresAt = Math.floor(Date.parse(proposal.decisionDueAt) / 1000) + LINKS_GRACE_SECONDS;
  return [
    {
      Put: {
        TableName: table,
        Item: { ...proposalLinksKey(proposal.id), ...links, expiresAt },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: table,
        Item: {
          ...requestProposalKey(proposal.requestId, proposal.id),
          kind: 'request-proposal',
          requestId: proposal.requestId,
          proposalId: proposal.id,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
}

/** The token pair of a proposal, parsed; undefined for a proposal made before links existed. */
export async function readProposalLinks(deps: Deps, proposalId: string): Promise<ProposalLinks | undefined> {
  const { Item } = await deps.db.send(
    new GetCommand({
      TableName: deps.config.TABLE_NAME,
      Key: proposalLinksKey(proposalId),
      ConsistentRead: true,
    }),
  );
  return Item === undefined ? undefined : proposalLinksSchema.parse(Item);
}
