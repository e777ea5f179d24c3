import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { holdKey, offerKey, proposalKey, requestKey, tokenKey } from '../../shared/data/keys.ts';
import { newReadStats } from '../../shared/data/query.ts';
import { issueToken } from '../../shared/data/tokens.ts';
import type { Deps } from '../../shared/deps.ts';
import type { OfferRecord, ProposalRecord, RequestRecord } from '../../shared/domain/records.ts';
import { hashToken } from '../../shared/domain/tokens.ts';
import { createMatchingService } from '../../shared/matching/matcher.ts';
import { pendingMails } from '../support/outbox.ts';
import type { TestTable } from '../support/table.ts';
import { makeOffer, makeRequest, putOne } from './matching-support.ts';

export interface SeededProposal {
  readonly offer: OfferRecord;
  readonly request: RequestRecord;
  readonly proposal: ProposalRecord;
  readonly approveToken: string;
  readonly declineToken: string;
  /** The coordinators' mail as the outbox holds it. */
  readonly mail: { to: string[]; subject: string; text: string; html: string; id: string };
}

/** The pending proposal-… mails about a seeded pair (both names in the text): what a change told either side. */
export async function proposalMailsAbout(table: TestTable, seeded: SeededProposal) {
  return (await pendingMails(table)).filter(
    (mail) =>
      mail.template.startsWith('proposal-') &&
      mail.text.includes(seeded.offer.name) &&
      mail.text.includes(seeded.request.name),
  );
}

/**
 * The "still available?" or "still looking?" mails pending for an address: how many, the last,
 * and the tokens of its yes and no links.
 */
export async function questionOf(
  table: TestTable,
  template: 'availability' | 'still-looking',
  email: string,
) {
  const mails = (await pendingMails(table)).filter(
    (mail) => mail.template === template && mail.to.includes(email),
  );
  const mail = mails.at(-1);
  return {
    count: mails.length,
    mail,
    yes: /\/availability\/yes\/([A-Za-z0-9_-]{43})/.exec(mail?.text ?? '')?.[1] as string,
    no: /\/availability\/no\/([A-Za-z0-9_-]{43})/.exec(mail?.text ?? '')?.[1] as string,
  };
}

/** The approve and decline tokens a proposal mail carries. */
export function decisionTokensIn(text: string) {
  return {
    approve: /\/proposals\/approve\/([A-Za-z0-9_-]{43})/.exec(text)?.[1] as string,
    decline: /\/proposals\/decline\/([A-Za-z0-9_-]{43})/.exec(text)?.[1] as string,
  };
}

/**
 * An open offer and request, and a proposal for them written by the matcher's own transaction:
 * the proposal, hold, tokens and coordinators' mail exactly as production writes them.
 */
export async function seedProposal(
  table: TestTable,
  overrides: { offer?: Partial<OfferRecord>; request?: Partial<RequestRecord>; deps?: Deps } = {},
): Promise<SeededProposal> {
  const deps = overrides.deps ?? table.deps();
  const suffix = randomUUID().slice(0, 8);
  // A coordinator has checked the host, as REQUIRE_VERIFIED_HOSTS (default true) asks before any
  // approval; `offer: { verification: undefined }` seeds an unchecked host.
  const checked: Partial<OfferRecord> = {
    verification: {
      state: 'verified',
      by: 'coordinator@haven.test',
      at: deps.now().toISOString(),
      method: 'phone',
    },
  };
  const offer = makeOffer(`o-${suffix}`, { phone: '+49 30 1234567', ...checked, ...overrides.offer });
  if (offer.verification === undefined) delete offer.verification;
  const request = makeRequest(`r-${suffix}`, { phone: '+380 67 7654321', ...overrides.request });
  await putOne(table.db, table.tableName, offer);
  await putOne(table.db, table.tableName, request);
  const outcome = await createMatchingService(deps).writeProposal(offer.id, request.id, newReadStats(), {
    retries: 0,
  });
  expect(outcome).toBe('proposed');
  // Newest first (the outbox lists by creation): the mail just written is found at once, not
  // after two reads for every proposal mail the file made before it.
  const mails = (await pendingMails(table)).filter((item) => item.template === 'proposal').reverse();
  for (const mail of mails) {
    const tokens = decisionTokensIn(mail.text);
    const token = await readItem(table, tokenKey(hashToken(tokens.approve) as string));
    if (token?.subjectId === undefined) continue;
    const proposal = (await readItem(
      table,
      proposalKey(String(token.subjectId)),
    )) as unknown as ProposalRecord;
    if (proposal.requestId !== request.id) continue;
    return {
      offer: (await readItem(table, offerKey(offer.id))) as unknown as OfferRecord,
      request: (await readItem(table, requestKey(request.id))) as unknown as RequestRecord,
      proposal,
      approveToken: tokens.approve,
      declineToken: tokens.decline,
      mail,
    };
  }
  throw new Error('the proposal mail was not found');
}

export async function readItem(table: TestTable, key: { pk: string; sk: string }) {
  const { Item } = await table.db.send(
    new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }),
  );
  return Item;
}

/** The state every decision touches, for asserting that a transaction happened whole or not at all. */
export async function stateOf(table: TestTable, seeded: SeededProposal) {
  const [proposal, request, hold, approve, decline] = await Promise.all([
    readItem(table, proposalKey(seeded.proposal.id)),
    readItem(table, requestKey(seeded.request.id)),
    readItem(table, holdKey(seeded.offer.id, seeded.proposal.id)),
    readItem(table, tokenKey(hashToken(seeded.approveToken) as string)),
    readItem(table, tokenKey(hashToken(seeded.declineToken) as string)),
  ]);
  const mails = (await pendingMails(table)).filter((item) =>
    item.to.some((to) => to === seeded.offer.email || to === seeded.request.email),
  );
  return {
    proposal: proposal?.status,
    request: request?.status,
    requestVersion: request?.version,
    hold: hold === undefined ? 'released' : ((hold.status as string | undefined) ?? 'held'),
    approveUsed: approve?.usedAt !== undefined,
    declineUsed: decline?.usedAt !== undefined,
    placementMails: mails.filter((mail) => mail.template.startsWith('placement')).length,
  };
}

/** What a pending proposal looks like before anyone decided. */
export const UNDECIDED = {
  proposal: 'pending',
  request: 'proposed',
  hold: 'held',
  approveUsed: false,
  declineUsed: false,
  placementMails: 0,
} as const;

export const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  body: new URLSearchParams(fields),
});

/** A manage link for a record seeded without one, as the confirmation would have issued it. */
export async function manageLinkFor(table: TestTable, record: OfferRecord | RequestRecord): Promise<string> {
  const token = issueToken(
    table.tableName,
    {
      purpose: record.kind === 'offer' ? 'manage-offer' : 'manage-request',
      subjectKind: record.kind,
      subjectId: record.id,
      validForMs: 86400_000,
      singleUse: false,
    },
    new Date(),
  );
  await table.db.send(new PutCommand(token.put.Put));
  return token.raw;
}
