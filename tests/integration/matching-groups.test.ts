import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/data/client.ts';
import { declinedPut } from '../../shared/data/proposals.ts';
import type { TransactItem } from '../../shared/data/transact.ts';
import type { Deps } from '../../shared/deps.ts';
import type { RequestRecord } from '../../shared/domain/records.ts';
import type { Logger } from '../../shared/log.ts';
import { mailAtOnce } from '../../shared/mail/mailer.ts';
import { directoryTransport } from '../../shared/mail/transports.ts';
import { createMatchingService } from '../../shared/matching/matcher.ts';
import { everyItem, testClient, useTestTable } from '../support/table.ts';
import { makeOffer, makeRequest, proposalsOf, putAll, putOne } from './matching-support.ts';

const table = useTestTable();
const warnings: string[] = [];
const quiet: Logger = {
  info: () => {},
  warn: (event) => warnings.push(event),
  error: (event) => warnings.push(event),
};

const prefix = (tag: string) => `${tag}-${Math.random().toString(36).slice(2, 8)}`;

/** Items of one proposal's transaction with one coordinator by email (proposals.ts). */
const PROPOSAL_ITEMS = 13;

/**
 * A client that shows `fault` every proposal transaction before it is sent, with its items; what `fault`
 * throws is the table's answer instead. Reads are counted by key.
 */
function watched(fault: (items: TransactItem[], call: number) => Promise<void> | void = () => {}) {
  const client = testClient(table);
  const transactions: number[] = [];
  const reads = new Map<string, number>();
  const watch: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
    const input = args.input as { TransactItems?: TransactItem[]; Key?: { pk?: string } };
    const items = input.TransactItems ?? [];
    // A proposal's transaction (sent mails are settled in transactions of their own).
    if (items.some((item) => item.Put?.Item?.kind === 'proposal')) {
      transactions.push(items.length);
      await fault(items, transactions.length);
    }
    const key = input.Key?.pk;
    if (context.commandName === 'GetItemCommand' && key) reads.set(key, (reads.get(key) ?? 0) + 1);
    return next(args);
  };
  client.middlewareStack.add(watch, { step: 'initialize', name: 'watchTransactions' });
  return { db: createDocumentClient(client), transactions, reads };
}

/** `n` offers and `n` requests that fit each other, one stay to an offer (single party, same nights). */
async function pairs(id: string, country: string, n: number) {
  const offers = Array.from({ length: n }, (_, i) => makeOffer(`${id}-o${i}`, { country }));
  const requests = Array.from({ length: n }, (_, i) => makeRequest(`${id}-r${i}`, { country }));
  await putAll(table.db, table.tableName, [...offers, ...requests]);
  return { offers, requests };
}

/** Each request's proposals' offers, by request id. */
async function proposedOffers(id: string, requests: readonly RequestRecord[]) {
  const proposals = await proposalsOf(table, id);
  return new Map(
    requests.map((request) => [
      request.id,
      proposals.filter((item) => item.requestId === request.id).map((item) => item.offerId),
    ]),
  );
}

/** A matcher that sends its proposal mails at once; `handOffs` holds how many mails each hand-off carried. */
async function matcherWithMail(db: Deps['db']) {
  const deps = table.deps({ log: quiet, db });
  const mailDir = await mkdtemp(join(tmpdir(), 'haven-groups-'));
  const send = mailAtOnce(deps, directoryTransport(mailDir));
  const handOffs: number[] = [];
  const service = createMatchingService(deps, undefined, (leased) => {
    handOffs.push(leased.length);
    return send(leased);
  });
  return { service, mails: () => readdir(mailDir), handOffs };
}

const requestPk = (items: readonly TransactItem[], proposal: number) =>
  String(items[proposal * PROPOSAL_ITEMS + 3]?.Put?.Item?.pk);
const offerPk = (items: readonly TransactItem[], proposal: number) =>
  String(items[proposal * PROPOSAL_ITEMS + 2]?.Update?.Key?.pk);

function cancelled(items: readonly TransactItem[], codes: Record<number, string>) {
  return new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: items.map((_, i) => ({ Code: codes[i] ?? 'None' })),
  });
}

describe('proposals written several to a transaction', () => {
  it('writes seven proposals in one transaction, each whole, and mails each once', async () => {
    const id = prefix('seven');
    const { offers, requests } = await pairs(id, 'QA', 8);
    const { db, transactions } = watched();
    const { service, mails, handOffs } = await matcherWithMail(db);

    const report = await service.matchRequestIds(requests.map((request) => request.id));

    expect(report.proposed).toBe(8);
    expect(report.retries).toBe(0);
    // Seven to a transaction (91 items), the eighth alone, written at once.
    expect(transactions.sort((a, b) => b - a)).toEqual([7 * PROPOSAL_ITEMS, PROPOSAL_ITEMS]);
    // Each transaction's mails handed off together: in AWS one invocation of the mailer each.
    expect(handOffs.sort((a, b) => b - a)).toEqual([7, 1]);
    const items = await everyItem(table);
    const proposals = items.filter((item) => item.kind === 'proposal' && String(item.offerId).startsWith(id));
    expect(new Set(proposals.map((item) => item.offerId))).toEqual(new Set(offers.map((offer) => offer.id)));
    expect(new Set(proposals.map((item) => item.requestId))).toEqual(
      new Set(requests.map((request) => request.id)),
    );
    for (const proposal of proposals) {
      const at = (pk: string) => items.filter((item) => item.pk === pk);
      expect(at(`OFFER#${proposal.offerId}`).map((item) => item.kind)).toEqual(
        expect.arrayContaining(['offer', 'hold', 'audit']),
      );
      expect(at(`OFFER#${proposal.offerId}`).find((item) => item.kind === 'offer')?.version).toBe(2);
      expect(at(`REQUEST#${proposal.requestId}`).find((item) => item.kind === 'request')?.status).toBe(
        'proposed',
      );
      expect(at(`PROPOSAL#${proposal.id}`).filter((item) => item.kind === 'audit')).toHaveLength(1);
    }
    expect(await mails()).toHaveLength(8);
  });

  it('writes again alone, from fresh reads, the proposal a conflict cancelled, and the others as they were', async () => {
    const id = prefix('conflict');
    const { requests } = await pairs(id, 'QB', 7);
    let culprit = '';
    const { db, transactions, reads } = watched((items, call) => {
      if (call !== 1) return;
      culprit = offerPk(items, 2);
      throw cancelled(items, { [2 * PROPOSAL_ITEMS + 2]: 'TransactionConflict' });
    });
    const { service, mails } = await matcherWithMail(db);
    warnings.length = 0;

    const report = await service.matchRequestIds(requests.map((request) => request.id));

    expect(report.proposed).toBe(7);
    expect(report.retries).toBe(1);
    expect(warnings).toEqual(['matcher.group-retry']);
    // The group, then each of its seven alone.
    expect(transactions).toEqual([7 * PROPOSAL_ITEMS, ...Array(7).fill(PROPOSAL_ITEMS)]);
    // Only the offer the cancellation named is read a second time.
    expect(culprit).toMatch(/^OFFER#/);
    for (const [pk, count] of reads) if (pk.startsWith('OFFER#')) expect(count).toBe(pk === culprit ? 2 : 1);
    for (const offers of (await proposedOffers(id, requests)).values()) expect(offers).toHaveLength(1);
    expect(await mails()).toHaveLength(7);
  });

  it('leaves a request withdrawn while its group was on its way, and writes the others', async () => {
    const id = prefix('withdrawn');
    const { requests } = await pairs(id, 'QC', 4);
    let withdrawn = '';
    const { db, transactions } = watched(async (items, call) => {
      if (call !== 1) return;
      withdrawn = requestPk(items, 1).replace('REQUEST#', '');
      const request = requests.find((r) => r.id === withdrawn) as RequestRecord;
      await putOne(table.db, table.tableName, {
        ...request,
        status: 'withdrawn',
        version: request.version + 1,
      });
    });
    const { service, mails } = await matcherWithMail(db);

    const report = await service.matchRequestIds(requests.map((request) => request.id));

    expect(withdrawn).toContain(id);
    expect(report).toMatchObject({ proposed: 3, retries: 1, unsettled: 0 });
    // The group, refused by the table on the withdrawn request's item; the three others alone as
    // they were seen; the withdrawn one read again, and left unwritten.
    expect(transactions).toEqual([4 * PROPOSAL_ITEMS, ...Array(3).fill(PROPOSAL_ITEMS)]);
    const proposed = await proposedOffers(id, requests);
    for (const [requestId, offers] of proposed) expect(offers).toHaveLength(requestId === withdrawn ? 0 : 1);
    expect(await mails()).toHaveLength(3);
  });

  it('matches again a pair declined while its group was on its way, and never proposes it', async () => {
    const id = prefix('declined');
    const { requests } = await pairs(id, 'QD', 3);
    // A fourth offer, further away, that each request would take second.
    const spare = makeOffer(`${id}-spare`, { country: 'QD', lat: 52.6, lon: 13.6 });
    await putAll(table.db, table.tableName, [spare]);
    let declined: { requestId: string; offerId: string } | undefined;
    const { db } = watched(async (items, call) => {
      if (call !== 1) return;
      declined = {
        requestId: requestPk(items, 0).replace('REQUEST#', ''),
        offerId: offerPk(items, 0).replace('OFFER#', ''),
      };
      await table.db.send(
        new PutCommand(declinedPut(table.tableName, declined.requestId, declined.offerId, new Date()).Put),
      );
    });
    const { service, mails } = await matcherWithMail(db);

    const report = await service.matchRequestIds(requests.map((request) => request.id));

    expect(report).toMatchObject({ proposed: 3, unsettled: 0 });
    const proposed = await proposedOffers(id, requests);
    for (const found of proposed.values()) expect(found).toHaveLength(1);
    expect(declined?.offerId).toContain(id);
    expect(proposed.get(declined?.requestId ?? '')).not.toContain(declined?.offerId);
    expect(await mails()).toHaveLength(3);
  });

  it('writes each proposal alone after a transaction throttled as a whole, each once', async () => {
    const id = prefix('throttled');
    const { requests } = await pairs(id, 'QE', 5);
    const { db, transactions } = watched((_, call) => {
      if (call !== 1) return;
      throw Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
        name: 'ThrottlingException',
        $fault: 'client',
        $metadata: {},
      });
    });
    const { service, mails, handOffs } = await matcherWithMail(db);

    const report = await service.matchRequestIds(requests.map((request) => request.id));

    expect(report).toMatchObject({ proposed: 5, retries: 1 });
    expect(transactions).toEqual([5 * PROPOSAL_ITEMS, ...Array(5).fill(PROPOSAL_ITEMS)]);
    for (const offers of (await proposedOffers(id, requests)).values()) expect(offers).toHaveLength(1);
    // Nothing of the refused transaction is handed off; each proposal written alone, alone.
    expect(handOffs).toEqual([1, 1, 1, 1, 1]);
    expect(await mails()).toHaveLength(5);
  });
});

/** A multi-party offer of four beds and three seekers of one each, the same nights: all three fit it. */
async function sharedOffer(id: string, country: string) {
  const offer = makeOffer(`${id}-o`, { country, beds: 4, multipleParties: true });
  const requests = [1, 2, 3].map((n) => makeRequest(`${id}-r${n}`, { country, adults: 1, children: 0 }));
  await putAll(table.db, table.tableName, [offer, ...requests]);
  return { offer, requests };
}

/** The offer's item and its holds, as stored now. */
async function offerNow(offerId: string) {
  const items = (await everyItem(table)).filter((item) => item.pk === `OFFER#${offerId}`);
  return {
    version: items.find((item) => item.kind === 'offer')?.version,
    holds: items.filter((item) => item.kind === 'hold').map((item) => item.beds),
  };
}

describe('an offer’s several stays of one solve', () => {
  it('are written in one transaction with one bump of the offer’s version, each mailed once', async () => {
    const id = prefix('stays');
    const { offer, requests } = await sharedOffer(id, 'QH');
    const { db, transactions } = watched();
    const { service, mails } = await matcherWithMail(db);

    const report = await service.matchRequestIds(requests.map((request) => request.id));

    expect(report).toMatchObject({ proposed: 3, retries: 0, unsettled: 0 });
    // The later two without their own bump of the offer: one transaction, not one a stay.
    expect(transactions).toEqual([3 * PROPOSAL_ITEMS - 2]);
    expect(await offerNow(offer.id)).toEqual({ version: 2, holds: [1, 1, 1] });
    for (const offers of (await proposedOffers(id, requests)).values()) expect(offers).toEqual([offer.id]);
    expect(await mails()).toHaveLength(3);
  });

  it('are written alone, one after another, once their transaction was refused on the offer', async () => {
    const id = prefix('stays-refused');
    const { offer, requests } = await sharedOffer(id, 'QI');
    const { db, transactions, reads } = watched((items, call) => {
      if (call !== 1) return;
      throw cancelled(items, { 2: 'TransactionConflict' });
    });
    const { service, mails } = await matcherWithMail(db);
    warnings.length = 0;

    const report = await service.matchRequestIds(requests.map((request) => request.id));

    expect(report).toMatchObject({ proposed: 3, retries: 1, unsettled: 0 });
    expect(warnings).toEqual(['matcher.group-retry']);
    // The first read again and written alone; the others after it, each as the one before left the offer.
    expect(transactions).toEqual([3 * PROPOSAL_ITEMS - 2, ...Array(3).fill(PROPOSAL_ITEMS)]);
    expect(reads.get(`OFFER#${offer.id}`)).toBe(2);
    expect(await offerNow(offer.id)).toEqual({ version: 4, holds: [1, 1, 1] });
    for (const offers of (await proposedOffers(id, requests)).values()) expect(offers).toEqual([offer.id]);
    expect(await mails()).toHaveLength(3);
  });

  it('leave out a later stay whose pair was declined while their transaction was on its way, and write the others alone', async () => {
    const id = prefix('stays-declined');
    const { offer, requests } = await sharedOffer(id, 'QJ');
    const { db, transactions } = watched(async (_, call) => {
      if (call !== 1) return;
      // The second pair declined on the table itself: the transaction is refused at that stay's own check.
      await table.db.send(
        new PutCommand(declinedPut(table.tableName, String(requests[1]?.id), offer.id, new Date()).Put),
      );
    });
    const { service, mails } = await matcherWithMail(db);
    warnings.length = 0;

    const report = await service.matchRequestIds(requests.map((request) => request.id));

    expect(report).toMatchObject({ proposed: 2, unsettled: 0 });
    const proposed = await proposedOffers(id, requests);
    expect(proposed.get(String(requests[0]?.id))).toEqual([offer.id]);
    expect(proposed.get(String(requests[1]?.id))).toEqual([]);
    expect(proposed.get(String(requests[2]?.id))).toEqual([offer.id]);
    // The first and third stays written alone, one bump each; the declined pair not tried again.
    expect(transactions).toEqual([3 * PROPOSAL_ITEMS - 2, PROPOSAL_ITEMS, PROPOSAL_ITEMS]);
    expect(await offerNow(offer.id)).toEqual({ version: 3, holds: [1, 1] });
    expect(await mails()).toHaveLength(2);
  });

  it('are found written by their proposals when their transaction committed and its answer was lost, mailed once each', async () => {
    const id = prefix('stays-lost');
    const { offer, requests } = await sharedOffer(id, 'QK');
    const { db, transactions } = watched();
    const { lost } = losingFirstAnswer(db);
    const { service, mails } = await matcherWithMail(db);
    warnings.length = 0;

    const report = await service.matchRequestIds(requests.map((request) => request.id));

    expect(lost()).toBe(1);
    // Nothing written again: each stay's proposal is read by its id.
    expect(transactions).toEqual([3 * PROPOSAL_ITEMS - 2]);
    expect(report).toMatchObject({ proposed: 3, unsettled: 0 });
    expect(await offerNow(offer.id)).toEqual({ version: 2, holds: [1, 1, 1] });
    for (const offers of (await proposedOffers(id, requests)).values()) expect(offers).toEqual([offer.id]);
    expect(await mails()).toHaveLength(3);
  });

  it('are written again alone when their transaction timed out before it committed, mailed once each', async () => {
    const id = prefix('stays-timeout');
    const { offer, requests } = await sharedOffer(id, 'QL');
    const { db, transactions } = watched((_, call) => {
      if (call !== 1) return;
      throw Object.assign(new Error('a request has exceeded the configured 30000 ms requestTimeout'), {
        name: 'TimeoutError',
        code: 'ETIMEDOUT',
        $metadata: { attempts: 1 },
      });
    });
    const { service, mails } = await matcherWithMail(db);
    warnings.length = 0;

    const report = await service.matchRequestIds(requests.map((request) => request.id));

    expect(report).toMatchObject({ proposed: 3, unsettled: 0 });
    // Nothing of it committed: each stay written alone, in order.
    expect(transactions).toEqual([3 * PROPOSAL_ITEMS - 2, ...Array(3).fill(PROPOSAL_ITEMS)]);
    expect(warnings).toEqual(['matcher.group-retry']);
    expect(await offerNow(offer.id)).toEqual({ version: 4, holds: [1, 1, 1] });
    for (const offers of (await proposedOffers(id, requests)).values()) expect(offers).toEqual([offer.id]);
    expect(await mails()).toHaveLength(3);
  });
});

/**
 * Lets the table commit the first proposal transaction, then throws what the SDK throws when its
 * requestTimeout passes (after its own retries): the matcher cannot know whether it committed.
 */
function losingFirstAnswer(db: Deps['db']) {
  let lost = 0;
  const loseAnswer: InitializeMiddleware<object, MetadataBearer> = (next) => async (args) => {
    const result = await next(args);
    const items = (args.input as { TransactItems?: TransactItem[] }).TransactItems ?? [];
    if (lost === 0 && items.some((item) => item.Put?.Item?.kind === 'proposal')) {
      lost++;
      throw Object.assign(new Error('a request has exceeded the configured 30000 ms requestTimeout'), {
        name: 'TimeoutError',
        code: 'ETIMEDOUT',
        $metadata: { attempts: 1 },
      });
    }
    return result;
  };
  db.middlewareStack.add(loseAnswer, { step: 'initialize', name: 'loseAnswer' });
  return { lost: () => lost };
}

/** Each request proposed exactly once, every offer taken once, one hold each. */
async function proposedOnce(
  id: string,
  offers: readonly { id: string }[],
  requests: readonly RequestRecord[],
) {
  const proposed = [...(await proposedOffers(id, requests)).values()];
  for (const found of proposed) expect(found).toHaveLength(1);
  expect(new Set(proposed.flat())).toEqual(new Set(offers.map((offer) => offer.id)));
  const holds = (await everyItem(table)).filter(
    (item) => item.kind === 'hold' && String(item.pk).includes(id),
  );
  expect(holds).toHaveLength(offers.length);
}

describe('a proposal transaction whose answer is lost after it committed', () => {
  it('a group is found written, by its proposals, and counted and mailed at once, not written again', async () => {
    const id = prefix('timeout-group');
    const { offers, requests } = await pairs(id, 'QF', 3);
    const { db, transactions } = watched();
    const { lost } = losingFirstAnswer(db);
    const { service, mails } = await matcherWithMail(db);
    warnings.length = 0;

    const report = await service.matchRequestIds(requests.map((request) => request.id));

    expect(lost()).toBe(1);
    // Each pair's proposal, read by its id, is there: nothing is written again.
    expect(transactions).toEqual([3 * PROPOSAL_ITEMS]);
    expect(report).toMatchObject({ proposed: 3, unsettled: 0 });
    await proposedOnce(id, offers, requests);
    expect(await mails()).toHaveLength(3);
    expect(warnings).toEqual(['matcher.group-retry']);
  });

  it('a lone proposal is found written before its retry, and counted and mailed at once', async () => {
    const id = prefix('timeout-alone');
    const { offers, requests } = await pairs(id, 'QG', 1);
    const { db, transactions } = watched();
    const { lost } = losingFirstAnswer(db);
    const { service, mails } = await matcherWithMail(db);
    warnings.length = 0;

    const report = await service.matchRequestIds(requests.map((request) => request.id));

    expect(lost()).toBe(1);
    expect(transactions).toEqual([PROPOSAL_ITEMS]);
    expect(report).toMatchObject({ proposed: 1, unsettled: 0 });
    await proposedOnce(id, offers, requests);
    expect(await mails()).toHaveLength(1);
    expect(warnings).toEqual(['matcher.write-retry']);
  });
});
