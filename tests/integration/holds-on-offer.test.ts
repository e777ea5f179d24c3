import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_CANCELLED_AT_ONCE } from '../../shared/approval/cancel.ts';
import { expireProposal } from '../../shared/approval/expire.ts';
import { auditTrail } from '../../shared/data/audit.ts';
import { carryHoldsOnOffer, holdPut, holdsOfOffer, holdsTrusted } from '../../shared/data/holds.ts';
import { holdKey, offerKey } from '../../shared/data/keys.ts';
import { getOffer } from '../../shared/data/offers.ts';
import { newReadStats } from '../../shared/data/query.ts';
import { carryHoldsOnOffers } from '../../shared/data/reindex.ts';
import { getRequest } from '../../shared/data/requests.ts';
import { dayOf } from '../../shared/domain/matching/nights.ts';
import type { HeldEntry, OfferRecord, RequestRecord } from '../../shared/domain/records.ts';
import { createApp } from '../../shared/http/app.ts';
import { actOnLink, submitOffer } from '../../shared/intake/service.ts';
import type { Logger } from '../../shared/log.ts';
import { createMatchingService } from '../../shared/matching/matcher.ts';
import { eraseRecord } from '../../shared/upkeep/lifecycle.ts';
import { verifyHost } from '../../shared/workspace/records.ts';
import { daysFromNow } from '../support/dates.ts';
import { failingAfterWrite, overtakenOn, watchedClient } from '../support/race.ts';
import { keptRecord } from '../support/records.ts';
import { useTestTable } from '../support/table.ts';
import { form, manageLinkFor, readItem, seedProposal, stateOf } from './approval-support.ts';
import { lastMailTo, linksIn, offerInput } from './intake-support.ts';
import { makeOffer, makeRequest, putAll } from './matching-support.ts';

/**
 * An offer carries a copy of its holds on its item (shared/data/holds.ts), trusted while its
 * `holdsVersion` is its version.
 * After every transaction that puts or deletes a hold, the copy and the hold items must agree:
 * a hold on the map without its item keeps a bed for ever, one without a map entry double-books.
 */

const table = useTestTable();
const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const meta = { locale: 'en' as const, sourceIp: '192.0.2.89', via: 'form' as const };
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  app = createApp(table.deps());
});

/** A trusted empty map on an offer as makeOffer stores it (version 1). */
const CARRIES: Partial<OfferRecord> = { holds: {}, holdsVersion: 1 };

const trusted = (offer: OfferRecord | undefined) => offer !== undefined && holdsTrusted(offer);

/** The offer's map and its hold items, each as entries by proposal id. */
async function mapAndItems(offerId: string) {
  const deps = table.deps();
  const [stored, items] = await Promise.all([getOffer(deps, offerId), holdsOfOffer(deps, offerId)]);
  const offer = keptRecord(stored);
  const fromItems: Record<string, HeldEntry> = Object.fromEntries(
    items.map((hold) => [
      hold.proposalId,
      {
        beds: hold.beds,
        nightsFrom: hold.nightsFrom,
        ...(hold.nightsTo === undefined ? {} : { nightsTo: hold.nightsTo }),
      },
    ]),
  );
  return { offer, map: offer.holds, items: fromItems };
}

const seedFuture = (offer: Partial<OfferRecord> = {}, request: Partial<RequestRecord> = {}) =>
  seedProposal(table, {
    offer: {
      availableFrom: daysFromNow(1),
      availableTo: daysFromNow(120),
      beds: 4,
      ...CARRIES,
      ...offer,
    },
    request: { arrival: daysFromNow(5), departure: daysFromNow(40), adults: 2, children: 1, ...request },
  });

/** A multi-party offer that carries its holds and `count` seekers of one, proposed one by one. */
async function offerWithProposals(count: number) {
  const id = `hoo-${randomUUID().slice(0, 8)}`;
  const offer = makeOffer(`${id}-o`, {
    availableFrom: daysFromNow(1),
    availableTo: daysFromNow(120),
    beds: count,
    multipleParties: true,
    ...CARRIES,
  });
  const requests = Array.from({ length: count }, (_, n) =>
    makeRequest(`${id}-r${n}`, {
      arrival: daysFromNow(5),
      departure: daysFromNow(40),
      adults: 1,
      children: 0,
    }),
  );
  await putAll(table.db, table.tableName, [offer, ...requests]);
  const matching = createMatchingService(table.deps({ log: quiet }));
  for (const request of requests)
    expect(await matching.writeProposal(offer.id, request.id, newReadStats(), { retries: 0 })).toBe(
      'proposed',
    );
  return { offer, requests };
}

describe('an offer that carries its holds', () => {
  it('gets each new proposal’s hold on its item in the proposal’s own transaction', async () => {
    const seeded = await seedFuture();
    const { offer, map, items } = await mapAndItems(seeded.offer.id);
    expect(Object.keys(items)).toEqual([seeded.proposal.id]);
    expect(map).toEqual(items);
    expect(map?.[seeded.proposal.id]).toEqual({
      beds: 3,
      nightsFrom: seeded.proposal.nightsFrom,
      nightsTo: seeded.proposal.nightsTo,
    });
    expect(trusted(offer)).toBe(true);
  });

  it('loses the hold from its map when the proposal is declined', async () => {
    const seeded = await seedFuture();
    const response = await app.request(
      `/proposals/decline/${seeded.declineToken}`,
      form({ decision: 'decline' }),
    );
    expect(response.status).toBe(303);
    expect(await stateOf(table, seeded)).toMatchObject({ proposal: 'declined', hold: 'released' });
    const { map, items } = await mapAndItems(seeded.offer.id);
    expect(items).toEqual({});
    expect(map).toEqual({});
  });

  it('loses the hold from its map when the proposal expires', async () => {
    const seeded = await seedFuture();
    const later = table.deps({ now: () => new Date(Date.parse(seeded.proposal.decisionDueAt) + 1000) });
    expect(await expireProposal(later, seeded.proposal.id)).toBe('expired');
    const { map, items } = await mapAndItems(seeded.offer.id);
    expect(items).toEqual({});
    expect(map).toEqual({});
  });

  it('keeps an approved placement’s hold on its map', async () => {
    const seeded = await seedFuture();
    const response = await app.request(
      `/proposals/approve/${seeded.approveToken}`,
      form({ decision: 'approve' }),
    );
    expect(response.status).toBe(303);
    const { map, items } = await mapAndItems(seeded.offer.id);
    expect(Object.keys(items)).toEqual([seeded.proposal.id]);
    expect(map).toEqual(items);
  });

  it('loses the hold from its map when the host pauses it (the cancellation in the pause’s own Put)', async () => {
    const seeded = await seedFuture();
    const outcome = await actOnLink(table.deps(), await manageLinkFor(table, seeded.offer), 'pause');
    expect(outcome.done).toBe('paused');
    expect(await stateOf(table, seeded)).toMatchObject({ proposal: 'cancelled', hold: 'released' });
    const { offer, map, items } = await mapAndItems(seeded.offer.id);
    expect(items).toEqual({});
    expect(map).toEqual({});
    expect(trusted(offer)).toBe(true);
  });

  it('loses the hold from its map when the seeker withdraws (the cancellation updates the offer)', async () => {
    const seeded = await seedFuture();
    const before = await getOffer(table.deps(), seeded.offer.id);
    const outcome = await actOnLink(table.deps(), await manageLinkFor(table, seeded.request), 'withdraw');
    expect(outcome.done).toBe('withdrawn');
    expect(await stateOf(table, seeded)).toMatchObject({ proposal: 'cancelled', hold: 'released' });
    const { offer, map, items } = await mapAndItems(seeded.offer.id);
    expect(items).toEqual({});
    expect(map).toEqual({});
    // Moved on, so an offer Put or a re-index that read the hold cannot write it back.
    expect(offer?.version).toBe((before?.version ?? 0) + 1);
  });

  it('loses every hold from its map when withdrawn with more pending proposals than one transaction holds', async () => {
    const count = MAX_CANCELLED_AT_ONCE + 3;
    const { offer } = await offerWithProposals(count);
    expect(Object.keys((await mapAndItems(offer.id)).map ?? {})).toHaveLength(count);
    const stored = keptRecord(await getOffer(table.deps(), offer.id));
    const outcome = await actOnLink(table.deps(), await manageLinkFor(table, stored), 'withdraw');
    expect(outcome.done).toBe('withdrawn');
    const { map, items } = await mapAndItems(offer.id);
    expect(items).toEqual({});
    expect(map).toEqual({});
  });

  it('cancels every pending proposal when its host erases it with more than one transaction holds, then erases it', async () => {
    const count = MAX_CANCELLED_AT_ONCE + 3;
    const { offer, requests } = await offerWithProposals(count);
    const stored = keptRecord(await getOffer(table.deps(), offer.id));
    const outcome = await actOnLink(table.deps(), await manageLinkFor(table, stored), 'erase');
    expect(outcome.done).toBe('erased');
    expect(await holdsOfOffer(table.deps(), offer.id)).toEqual([]);
    const item = await readItem(table, offerKey(offer.id));
    expect(item).toMatchObject({ status: 'closed', erasedAt: expect.any(String) });
    expect(item).not.toHaveProperty('holds');
    // Every seeker is back in the pool, none left proposed to an offer that is gone.
    const seekers = await Promise.all(requests.map((request) => getRequest(table.deps(), request.id)));
    expect(seekers.map((seeker) => seeker?.status)).toEqual(requests.map(() => 'open'));
    const trail = await auditTrail(table.deps(), offerKey(offer.id).pk, 100);
    expect(trail.map((event) => event.action)).toEqual(expect.arrayContaining(['withdraw', 'erased']));
  });

  it('is not withdrawn twice when an erasure whose cancellations failed is tried again: the second try says its proposals went', async () => {
    // More left pending after the first try than one transaction holds, so the second withdraws first too.
    const count = 2 * MAX_CANCELLED_AT_ONCE + 2;
    const { offer } = await offerWithProposals(count);
    const stored = keptRecord(await getOffer(table.deps(), offer.id));
    // Every call after the withdrawal's transaction fails, as a throttled table would.
    const failing = failingAfterWrite(table, '"withdraw"');
    await expect(
      eraseRecord(table.deps({ db: failing.db, log: quiet }), stored, 'process:erase-command'),
    ).rejects.toThrow();
    failing.destroy();
    const withdrawn = keptRecord(await getOffer(table.deps(), offer.id));
    expect(withdrawn.status).toBe('closed');

    expect(await eraseRecord(table.deps({ log: quiet }), withdrawn, 'process:erase-command')).toBe('erased');
    expect(await holdsOfOffer(table.deps(), offer.id)).toEqual([]);
    const actions = (await auditTrail(table.deps(), offerKey(offer.id).pk, 100)).map((event) => event.action);
    expect(actions.filter((action) => action === 'withdraw')).toHaveLength(1);
    expect(actions).toEqual(expect.arrayContaining(['erase-pending-cancelled', 'erased']));
  }, 120_000);

  it('cancels every proposal a withdrawal had no room for even when the offer changes before they go, reading each again', async () => {
    const count = MAX_CANCELLED_AT_ONCE + 3;
    const { offer } = await offerWithProposals(count);
    const stored = keptRecord(await getOffer(table.deps(), offer.id));
    // After the withdrawal, before its remaining cancellations: code from before the map moves
    // the offer's version, so the cancellations built from the offer as read are refused.
    const { db, overtaken } = overtakenOn(
      table,
      (name, input) =>
        name === 'TransactWriteItemsCommand' &&
        JSON.stringify(input).includes('#holdsVersion = #version + :one'),
      () =>
        table.db.send(
          new UpdateCommand({
            TableName: table.tableName,
            Key: offerKey(offer.id),
            UpdateExpression: 'SET #version = #version + :one',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':one': 1 },
          }),
        ),
    );
    const outcome = await actOnLink(
      table.deps({ db, log: quiet }),
      await manageLinkFor(table, stored),
      'withdraw',
    );
    expect(outcome.done).toBe('withdrawn');
    expect(overtaken()).toBe(1);
    const { items, offer: after } = await mapAndItems(offer.id);
    expect(items).toEqual({});
    expect(trusted(after)).toBe(false);
    expect(await carryHoldsOnOffer(table.deps(), offer.id)).toBe('carried');
    expect((await mapAndItems(offer.id)).map).toEqual({});
  });

  it('loses the hold, and its map with it, when the host erases the offer now (the cancellation in the erasure’s own Put)', async () => {
    const seeded = await seedFuture();
    await actOnLink(table.deps(), await manageLinkFor(table, seeded.offer), 'erase');
    expect(await stateOf(table, seeded)).toMatchObject({ proposal: 'cancelled', hold: 'released' });
    expect(await holdsOfOffer(table.deps(), seeded.offer.id)).toEqual([]);
    // What erasure keeps of an offer (records.ts ErasedOffer) holds no bed: the item has no map left.
    const item = await readItem(table, offerKey(seeded.offer.id));
    expect(item?.erasedAt).toEqual(expect.any(String));
    expect(item).not.toHaveProperty('holds');
    expect(item).not.toHaveProperty('holdsVersion');
  });

  it('loses the hold from its map when the seeker erases the request now (the cancellation updates the offer)', async () => {
    const seeded = await seedFuture();
    await actOnLink(table.deps(), await manageLinkFor(table, seeded.request), 'erase');
    expect(await stateOf(table, seeded)).toMatchObject({ proposal: 'cancelled', hold: 'released' });
    const { offer, map, items } = await mapAndItems(seeded.offer.id);
    expect(items).toEqual({});
    expect(map).toEqual({});
    expect(trusted(offer)).toBe(true);
  });

  it('loses the hold from its map when a coordinator rejects the host (the offer Put from its read)', async () => {
    const seeded = await seedFuture();
    await verifyHost(
      table.deps(),
      { email: 'de@haven.test', countries: [seeded.offer.country] },
      seeded.offer.id,
      {
        outcome: 'rejected',
        reason: 'not reachable',
      },
    );
    expect(await stateOf(table, seeded)).toMatchObject({ proposal: 'cancelled', hold: 'released' });
    const { map, items } = await mapAndItems(seeded.offer.id);
    expect(items).toEqual({});
    expect(map).toEqual({});
  });

  it('gets every stay of one solve written in one transaction on its map', async () => {
    const id = `hoo-${randomUUID().slice(0, 8)}`;
    const offer = makeOffer(`${id}-o`, { beds: 6, multipleParties: true, ...CARRIES });
    const requests = Array.from({ length: 4 }, (_, n) =>
      makeRequest(`${id}-r${n}`, { adults: 1, children: 0 }),
    );
    await putAll(table.db, table.tableName, [offer, ...requests]);
    const report = await createMatchingService(table.deps({ log: quiet })).matchRequestIds(
      requests.map((request) => request.id),
    );
    expect(report).toMatchObject({ proposed: 4, unsettled: 0 });
    const { offer: stored, map, items } = await mapAndItems(offer.id);
    expect(Object.keys(items)).toHaveLength(4);
    expect(map).toEqual(items);
    // One bump for the four stays: they shared one transaction.
    expect(stored?.version).toBe(offer.version + 1);
  });

  it('drops the holds of stays already over when a new proposal touches its map', async () => {
    const past: HeldEntry = { beds: 1, nightsFrom: daysFromNow(-20), nightsTo: daysFromNow(-2) };
    const seeded = await seedFuture({
      beds: 5,
      multipleParties: true,
      holds: { gone: past },
      holdsVersion: 1,
    });
    const { map } = await mapAndItems(seeded.offer.id);
    expect(Object.keys(map ?? {})).toEqual([seeded.proposal.id]);
  });
});

describe('an offer stored before offers carried their holds', () => {
  it('gets no map from a proposal, and a decline still releases its hold and moves its version', async () => {
    const seeded = await seedFuture({ holds: undefined, holdsVersion: undefined });
    const before = await mapAndItems(seeded.offer.id);
    expect(before.map).toBeUndefined();
    expect(Object.keys(before.items)).toEqual([seeded.proposal.id]);
    const response = await app.request(
      `/proposals/decline/${seeded.declineToken}`,
      form({ decision: 'decline' }),
    );
    expect(response.status).toBe(303);
    const after = await mapAndItems(seeded.offer.id);
    expect(after.items).toEqual({});
    expect(after.map).toBeUndefined();
    expect(trusted(after.offer)).toBe(false);
    expect(after.offer?.version).toBe((before.offer?.version ?? 0) + 1);
  });
});

describe('a new offer', () => {
  it('is stored carrying its (empty) holds from its submission on', async () => {
    const email = `host.${randomUUID().slice(0, 8)}@haven.test`;
    const { id } = await submitOffer(table.deps(), offerInput({ email }), meta);
    const { confirm } = linksIn((await lastMailTo(table, email)).text);
    await actOnLink(table.deps(), confirm, 'confirm');
    const stored = keptRecord(await getOffer(table.deps(), id));
    expect(stored.status).toBe('open');
    expect(trusted(stored)).toBe(true);
    expect(stored.holds).toEqual({});
  });
});

describe('the re-index of offers stored before they carried their holds', () => {
  /** An unmarked offer of `beds` with pending proposals of one each, and a hold whose stay is over. */
  async function oldOfferWithHolds(proposals: number, beds = 4) {
    const id = `hoo-${randomUUID().slice(0, 8)}`;
    const offer = makeOffer(`${id}-o`, {
      availableFrom: daysFromNow(1),
      availableTo: daysFromNow(120),
      beds,
      multipleParties: true,
    });
    const requests = Array.from({ length: beds }, (_, n) =>
      makeRequest(`${id}-r${n}`, {
        arrival: daysFromNow(5),
        departure: daysFromNow(40),
        adults: 1,
        children: 0,
      }),
    );
    await putAll(table.db, table.tableName, [offer, ...requests]);
    const matching = createMatchingService(table.deps({ log: quiet }));
    for (const request of requests.slice(0, proposals))
      expect(await matching.writeProposal(offer.id, request.id, newReadStats(), { retries: 0 })).toBe(
        'proposed',
      );
    // A placement whose stay is over, its item not yet expired by the table's TTL.
    await table.db.send(
      new PutCommand(
        holdPut(
          table.tableName,
          {
            offerId: offer.id,
            proposalId: `${id}-past`,
            requestId: `${id}-past-r`,
            country: offer.country,
            beds: 1,
            nights: { from: dayOf(daysFromNow(-30)), to: dayOf(daysFromNow(-3)) },
          },
          new Date(),
        ).Put,
      ),
    );
    return { offer, requests, pastId: `${id}-past` };
  }

  it('copies an old offer’s holds onto it, trusts it, leaves stays already over out, and finds it exact the second time', async () => {
    const { offer, pastId } = await oldOfferWithHolds(2);
    const before = await mapAndItems(offer.id);
    expect(before.map).toBeUndefined();
    expect(Object.keys(before.items)).toHaveLength(3);

    expect(await carryHoldsOnOffer(table.deps(), offer.id)).toBe('carried');
    const after = await mapAndItems(offer.id);
    const { [pastId]: _past, ...current } = after.items;
    expect(Object.keys(current)).toHaveLength(2);
    expect(after.map).toEqual(current);
    expect(trusted(after.offer)).toBe(true);
    expect(after.offer?.version).toBe((before.offer?.version ?? 0) + 1);

    expect(await carryHoldsOnOffer(table.deps(), offer.id)).toBe('exact');
    expect((await getOffer(table.deps(), offer.id))?.version).toBe(after.offer?.version);
  });

  it('covers every offer not closed, paused ones too, and every offer holding beds (npm run reindex)', async () => {
    const { offer } = await oldOfferWithHolds(1);
    const paused = makeOffer(`hoo-${randomUUID().slice(0, 8)}-paused`, { status: 'paused' });
    await putAll(table.db, table.tableName, [paused]);
    const done = await carryHoldsOnOffers(table.deps());
    expect(done.carried).toBeGreaterThanOrEqual(1);
    const { map, items, offer: stored } = await mapAndItems(offer.id);
    expect(trusted(stored)).toBe(true);
    expect(Object.keys(map ?? {})).toHaveLength(1);
    expect(Object.keys(items)).toHaveLength(2);
    // A paused offer holding nothing gets its (empty) map too: it may open again.
    expect(trusted(keptRecord(await getOffer(table.deps(), paused.id)))).toBe(true);
  });

  it('takes in a proposal committed between its reads and its write, reading again', async () => {
    const { offer, requests } = await oldOfferWithHolds(1);
    const late = requests[1] as RequestRecord;
    const { db, overtaken } = overtakenOn(
      table,
      (name, input) => name === 'UpdateItemCommand' && JSON.stringify(input).includes('holdsVersion'),
      async () =>
        expect(
          await createMatchingService(table.deps({ log: quiet })).writeProposal(
            offer.id,
            late.id,
            newReadStats(),
            {
              retries: 0,
            },
          ),
        ).toBe('proposed'),
    );
    expect(await carryHoldsOnOffer(table.deps({ db }), offer.id)).toBe('carried');
    expect(overtaken()).toBe(1);
    const { map, items } = await mapAndItems(offer.id);
    const current = Object.fromEntries(Object.entries(items).filter(([id]) => !id.endsWith('-past')));
    expect(Object.keys(current)).toHaveLength(2);
    expect(map).toEqual(current);
  });

  it('leaves out a hold declined between its reads and its write, reading again', async () => {
    const seeded = await seedFuture({ holds: undefined, holdsVersion: undefined });
    const { db, overtaken } = overtakenOn(
      table,
      (name, input) => name === 'UpdateItemCommand' && JSON.stringify(input).includes('holdsVersion'),
      async () =>
        expect(
          (await app.request(`/proposals/decline/${seeded.declineToken}`, form({ decision: 'decline' })))
            .status,
        ).toBe(303),
    );
    expect(await carryHoldsOnOffer(table.deps({ db }), seeded.offer.id)).toBe('carried');
    expect(overtaken()).toBe(1);
    const { map, items, offer } = await mapAndItems(seeded.offer.id);
    expect(items).toEqual({});
    expect(map).toEqual({});
    expect(trusted(offer)).toBe(true);
  });

  it('leaves the map untrusted when a decline that read it untrusted commits after the re-index made it exact, until the next re-index', async () => {
    const seeded = await seedFuture({ holds: undefined, holdsVersion: undefined });
    const { db, overtaken } = overtakenOn(
      table,
      (name, input) =>
        name === 'TransactWriteItemsCommand' && JSON.stringify(input).includes('offer.beds-released'),
      async () => expect(await carryHoldsOnOffer(table.deps(), seeded.offer.id)).toBe('carried'),
    );
    const racing = createApp(table.deps({ db }));
    const declined = await racing.request(
      `/proposals/decline/${seeded.declineToken}`,
      form({ decision: 'decline' }),
    );
    expect(declined.status).toBe(303);
    expect(overtaken()).toBe(1);
    expect(await stateOf(table, seeded)).toMatchObject({ proposal: 'declined', hold: 'released' });
    const stale = await mapAndItems(seeded.offer.id);
    expect(stale.items).toEqual({});
    // The map still lists the hold, but the decline moved the version past it: not trusted.
    expect(Object.keys(stale.map ?? {})).toEqual([seeded.proposal.id]);
    expect(trusted(stale.offer)).toBe(false);
    expect(await carryHoldsOnOffer(table.deps(), seeded.offer.id)).toBe('carried');
    const { map, items, offer } = await mapAndItems(seeded.offer.id);
    expect(trusted(offer)).toBe(true);
    expect(items).toEqual({});
    expect(map).toEqual({});
  });

  it('repairs a trusted map that lists a hold whose item is gone (a decline of code from before the map), and reports it', async () => {
    const seeded = await seedFuture();
    expect(trusted((await mapAndItems(seeded.offer.id)).offer)).toBe(true);
    // Code from before the map deletes the hold item without touching the offer.
    await table.db.send(
      new DeleteCommand({ TableName: table.tableName, Key: holdKey(seeded.offer.id, seeded.proposal.id) }),
    );
    expect(await carryHoldsOnOffer(table.deps(), seeded.offer.id)).toBe('repaired');
    const { map, items, offer } = await mapAndItems(seeded.offer.id);
    expect(trusted(offer)).toBe(true);
    expect(items).toEqual({});
    expect(map).toEqual({});
    expect(await carryHoldsOnOffer(table.deps(), seeded.offer.id)).toBe('exact');
  });
});

describe('a run over offers that carry their holds', () => {
  /** A client that counts the queries reading hold items (an offer's, or a country's on gsi3). */
  function countingHoldReads() {
    let count = 0;
    const db = watchedClient(table, (command, input) => {
      if (command === 'QueryCommand' && JSON.stringify(input).includes('HOLD#')) count++;
      return undefined;
    });
    return { db, count: () => count };
  }

  /**
   * A country of two multi-party offers of three beds, two beds of each held, and four more
   * seekers of one: two of them can be placed, and any hold not counted gives a bed twice.
   */
  async function country(country: string, carry: { first: boolean; second: boolean }) {
    const id = `hoo-${randomUUID().slice(0, 8)}`;
    const offerOf = (n: number, carries: boolean) =>
      makeOffer(`${id}-o${n}`, { country, beds: 3, multipleParties: true, ...(carries ? CARRIES : {}) });
    const first = offerOf(1, carry.first);
    const second = offerOf(2, carry.second);
    const seekers = Array.from({ length: 8 }, (_, n) =>
      makeRequest(`${id}-r${n}`, { country, adults: 1, children: 0 }),
    );
    await putAll(table.db, table.tableName, [first, second, ...seekers]);
    const matching = createMatchingService(table.deps({ log: quiet }));
    for (const [n, seeker] of seekers.slice(0, 4).entries())
      expect(
        await matching.writeProposal((n < 2 ? first : second).id, seeker.id, newReadStats(), { retries: 0 }),
      ).toBe('proposed');
    return { first, second, seekers: seekers.slice(4), country };
  }

  /** Beds held per offer, from the hold items, against the offer's beds. */
  async function heldPerOffer(...offers: OfferRecord[]) {
    return Promise.all(
      offers.map(async (offer) =>
        (await holdsOfOffer(table.deps(), offer.id)).reduce((sum, hold) => sum + hold.beds, 0),
      ),
    );
  }

  it('reads no hold item: each offer’s holds come with it, and no bed is given twice', async () => {
    const { first, second, seekers } = await country('YA', { first: true, second: true });
    const { db, count } = countingHoldReads();
    const report = await createMatchingService(table.deps({ db, log: quiet })).matchRequestIds(
      seekers.map((seeker) => seeker.id),
    );
    expect(report).toMatchObject({ proposed: 2 });
    expect(count()).toBe(0);
    expect(await heldPerOffer(first, second)).toEqual([3, 3]);
    for (const offer of [first, second]) {
      const { map, items } = await mapAndItems(offer.id);
      expect(map).toEqual(items);
    }
  });

  it('reads the holds beside an offer stored before offers carried them, beside one that carries them, and gives no bed twice', async () => {
    const { first, second, seekers } = await country('YB', { first: false, second: true });
    const { db, count } = countingHoldReads();
    const report = await createMatchingService(table.deps({ db, log: quiet })).matchRequestIds(
      seekers.map((seeker) => seeker.id),
    );
    expect(report).toMatchObject({ proposed: 2 });
    expect(count()).toBeGreaterThan(0);
    expect(await heldPerOffer(first, second)).toEqual([3, 3]);
    expect((await mapAndItems(first.id)).map).toBeUndefined();
    const carried = await mapAndItems(second.id);
    expect(carried.map).toEqual(carried.items);
  });

  it('after the re-index, reads the old offer’s holds from its item only', async () => {
    const { first, second, seekers } = await country('YC', { first: false, second: true });
    expect(await carryHoldsOnOffer(table.deps(), first.id)).toBe('carried');
    const { db, count } = countingHoldReads();
    const report = await createMatchingService(table.deps({ db, log: quiet })).matchRequestIds(
      seekers.map((seeker) => seeker.id),
    );
    expect(report).toMatchObject({ proposed: 2 });
    expect(count()).toBe(0);
    expect(await heldPerOffer(first, second)).toEqual([3, 3]);
    const migrated = await mapAndItems(first.id);
    expect(Object.keys(migrated.items)).toHaveLength(3);
    expect(migrated.map).toEqual(migrated.items);
  });

  it('reads the hold items of offers that code from before the map wrote (a proposal’s bump, a Put without the map), gives no bed twice, and the re-index makes them exact', async () => {
    const { first, second, seekers } = await country('YD', { first: true, second: true });
    // Code from before the map proposes the first offer's last bed: a hold item and a version
    // bump, no map entry.
    const now = new Date();
    await table.db.send(
      new PutCommand(
        holdPut(
          table.tableName,
          {
            offerId: first.id,
            proposalId: `${first.id}-old`,
            requestId: `${first.id}-old-r`,
            country: first.country,
            beds: 1,
            nights: { from: dayOf(first.availableFrom), to: dayOf(first.availableFrom) + 10 },
          },
          now,
        ).Put,
      ),
    );
    await table.db.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: offerKey(first.id),
        UpdateExpression: 'SET #version = #version + :one',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
    // ...and Puts the second offer (an edit) as it knows it: without the map.
    const stored = keptRecord(await getOffer(table.deps(), second.id));
    const { holds: _holds, holdsVersion: _at, ...old } = stored;
    await putAll(table.db, table.tableName, [{ ...old, version: stored.version + 1 }]);
    const [firstNow, secondNow] = (
      await Promise.all([getOffer(table.deps(), first.id), getOffer(table.deps(), second.id)])
    ).map(keptRecord);
    expect([trusted(firstNow), trusted(secondNow)]).toEqual([false, false]);

    const { db, count } = countingHoldReads();
    const report = await createMatchingService(table.deps({ db, log: quiet })).matchRequestIds(
      seekers.map((seeker) => seeker.id),
    );
    // The first offer is full; the second has one bed left.
    expect(report).toMatchObject({ proposed: 1 });
    expect(count()).toBeGreaterThan(0);
    expect(await heldPerOffer(first, second)).toEqual([3, 3]);

    const done = await carryHoldsOnOffers(table.deps());
    expect(done.carried).toBeGreaterThanOrEqual(2);
    expect(done.busy).toBe(0);
    for (const offer of [first, second]) {
      const { map, items, offer: after } = await mapAndItems(offer.id);
      expect(trusted(after)).toBe(true);
      expect(Object.keys(items)).toHaveLength(3);
      expect(map).toEqual(items);
    }
  });
});
