import { describe, expect, it } from 'vitest';
import { offerKey } from '../../shared/data/keys.ts';
import { proposalsOfRequest } from '../../shared/data/proposals.ts';
import type { TransactItem } from '../../shared/data/transact.ts';
import type { Logger } from '../../shared/log.ts';
import { createMatchingService } from '../../shared/matching/matcher.ts';
import { watchedClient } from '../support/race.ts';
import { useTestTable } from '../support/table.ts';
import { readItem } from './approval-support.ts';
import { allItems } from './intake-support.ts';
import { makeOffer, makeRequest, putAll } from './matching-support.ts';

/**
 * The matcher writes an offer's stays of one solve (up to groupSize, 7) in one transaction with
 * one bump of the offer's version. Each coordinator reached in Telegram adds an outbox item to
 * every stay, so with four of them seven stays need more than a transaction's 100 items: the
 * stays that do not fit are written alone after it (shared/matching/matcher.ts writeProposals).
 */

const table = useTestTable();
const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** A country whose proposals go to four coordinators in Telegram (its own list: none by email). */
const COUNTRY = 'QO';
const COORDINATORS = {
  [COUNTRY]: ['tg:9100000001', 'tg:9100000002', 'tg:9100000003', 'tg:9100000004'],
  '*': ['coordinator@haven.test'],
};

/** A client that records the item count of every transaction writing a proposal. */
function watched() {
  const transactions: number[] = [];
  const db = watchedClient(table, (_, input) => {
    const items = (input as { TransactItems?: TransactItem[] }).TransactItems ?? [];
    if (items.some((item) => item.Put?.Item?.kind === 'proposal')) transactions.push(items.length);
    return undefined;
  });
  return { db, transactions };
}

describe('an offer’s stays of one solve that do not fit one transaction', () => {
  it('are written in parts, the ones beyond it alone after it: every seeker proposed once, one hold each, no bed given twice', async () => {
    const id = `overflow-${Math.random().toString(36).slice(2, 8)}`;
    const offer = makeOffer(`${id}-o`, { country: COUNTRY, beds: 8, multipleParties: true });
    const requests = Array.from({ length: 7 }, (_, n) =>
      makeRequest(`${id}-r${n}`, { country: COUNTRY, adults: 1, children: 0 }),
    );
    await putAll(table.db, table.tableName, [offer, ...requests]);
    const { db, transactions } = watched();
    const deps = table.deps({ db, log: quiet, config: { ...table.config, COORDINATORS } });

    const report = await createMatchingService(deps).matchRequestIds(requests.map((request) => request.id));

    expect(report).toMatchObject({ proposed: 7, unsettled: 0 });
    // Six stays in one transaction, within its 100 items; the seventh, which would not fit
    // beside them, alone after it, with its own bump of the offer's version.
    expect(transactions).toHaveLength(2);
    const [pack = 0, alone = 0] = transactions;
    expect(pack).toBeLessThanOrEqual(100);
    expect(pack + alone).toBeGreaterThan(100);
    const stored = await readItem(table, offerKey(offer.id));
    expect(stored?.version).toBe(offer.version + 2);
    const holds = (await allItems(table)).filter(
      (item) => item.pk === `OFFER#${offer.id}` && item.kind === 'hold',
    );
    expect(holds.map((hold) => hold.beds)).toEqual(Array(7).fill(1));
    for (const request of requests) {
      const proposals = await proposalsOfRequest(deps, request.id);
      expect(proposals.map((proposal) => [proposal.offerId, proposal.status])).toEqual([
        [offer.id, 'pending'],
      ]);
    }
    // Every stay's proposal tells each Telegram coordinator once.
    const mails = (await allItems(table)).filter(
      (item) =>
        item.kind === 'outbox' && item.template === 'proposal' && String(item.text).includes(offer.name),
    );
    expect(mails).toHaveLength(7 * 4);
  });
});
