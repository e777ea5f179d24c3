import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Config } from '../config.ts';
import { proposalLinksKey, requestProposalKey } from '../data/keys.ts';
import { issueToken } from '../data/tokens.ts';
import type { Deps } from '../deps.ts';
import type { ProposalRecord } from '../domain/records.ts';

/** The two decisions a coordinator's links can make; also the token purposes and the path segments. */
export const DECISIONS = ['approve', 'decline'] as const;
export type Decision = (typeof DECISIONS)[number];

/** The path of a decision link; the contract requires `approve` / `decline` in it. */
export const decisionPath = (decision: Decision, rawToken: string) => `/proposals/${decision}/${rawToken}`;

/** The item that pairs a proposal's two tokens, so the decision made by one can spend both. */
export const proposalLinksSchema = z.object({
  kind: z.literal('proposal-links'),
  proposalId: z.string().min(1),
  approveHash: z.string().regex(/^[0-9a-f]{64}$/),
  declineHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ProposalLinks = z.infer<typeof proposalLinksSchema>;

/** Kept as long as the tokens are, for the same reason: audit, then housekeeping by TTL. */
const LINKS_GRACE_SECONDS = 7 * 86400;

export interface IssuedProposalLinks {
  readonly approveUrl: string;
  readonly declineUrl: string;
  /** For the proposal's own transaction: both tokens, the item pairing them, the request's pointer. */
  readonly items: Record<string, unknown>[];
}

/**
 * Issues the approve and decline tokens of a new proposal. They are single-use, work until the
 * decision is due, and are written in the transaction that creates the proposal, so a proposal
 * mail never carries a link that does not exist, nor a proposal exist without its links.
 */
export function issueProposalLinks(config: Config, proposal: ProposalRecord): IssuedProposalLinks {
  const now = new Date(proposal.createdAt);
  const validForMs = Date.parse(proposal.decisionDueAt) - now.getTime();
  const table = config.TABLE_NAME;
  const issue = (purpose: Decision) =>
    issueToken(
      table,
      { purpose, subjectKind: 'proposal', subjectId: proposal.id, validForMs, singleUse: true },
      now,
    );
  const approve = issue('approve');
  const decline = issue('decline');
  const links: ProposalLinks = {
    kind: 'proposal-links',
    proposalId: proposal.id,
    approveHash: approve.hash,
    declineHash: decline.hash,
  };
  const expiresAt = Math.floor(Date.parse(proposal.decisionDueAt) / 1000) + LINKS_GRACE_SECONDS;
  return {
    approveUrl: `${config.PUBLIC_URL}${decisionPath('approve', approve.raw)}`,
    declineUrl: `${config.PUBLIC_URL}${decisionPath('decline', decline.raw)}`,
    items: [
      approve.put,
      decline.put,
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
    ],
  };
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
