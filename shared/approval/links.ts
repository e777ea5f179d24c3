import type { Config } from '../config.ts';
import { proposalLinksPuts } from '../data/proposal-links.ts';
import type { ProposalAnnouncement } from '../data/proposals.ts';
import { issueToken } from '../data/tokens.ts';
import type { TransactItem } from '../data/transact.ts';
import type { OfferRecord, ProposalRecord, RequestRecord } from '../domain/records.ts';
import { renderProposalMail } from '../mail/templates/proposal.ts';
import { coordinatorLanguages, coordinatorsFor } from './coordinators.ts';

/** The two decisions a coordinator's links can make; also the token purposes and the path segments. */
export const DECISIONS = ['approve', 'decline'] as const;
export type Decision = (typeof DECISIONS)[number];

/** The path of a decision link; the contract requires `approve` / `decline` in it. */
export const decisionPath = (decision: Decision, rawToken: string) => `/proposals/${decision}/${rawToken}`;

export interface IssuedProposalLinks {
  readonly approveUrl: string;
  readonly declineUrl: string;
  /** For the proposal's own transaction: both tokens, the item pairing them, the request's pointer. */
  readonly items: TransactItem[];
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
  return {
    approveUrl: `${config.PUBLIC_URL}${decisionPath('approve', approve.raw)}`,
    declineUrl: `${config.PUBLIC_URL}${decisionPath('decline', decline.raw)}`,
    items: [
      approve.put,
      decline.put,
      ...proposalLinksPuts(table, proposal, { approveHash: approve.hash, declineHash: decline.hash }),
    ],
  };
}

/**
 * What the matcher's proposal transaction announces (data/proposals.ts): the links issued for
 * the new proposal and the coordinators' mail that carries them, to the offer's country.
 */
export const announceProposal =
  (config: Config, offer: OfferRecord, request: RequestRecord): ProposalAnnouncement =>
  (record) => {
    const links = issueProposalLinks(config, record);
    const mail = renderProposalMail(
      record,
      offer,
      request,
      links,
      coordinatorsFor(config, offer.country),
      coordinatorLanguages(config, offer.country),
    );
    return { mail, items: links.items };
  };
