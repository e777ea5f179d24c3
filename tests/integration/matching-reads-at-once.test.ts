import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { heldBedsOf, holdPut, holdsOfOffer } from '../../shared/data/holds.ts';
import { newReadStats } from '../../shared/data/query.ts';
import { dateOf, dayOf, peakHeld } from '../../shared/domain/matching/nights.ts';
import type { OfferRecord } from '../../shared/domain/records.ts';
import type { Logger } from '../../shared/log.ts';
import { openOffersOfCountry } from '../../shared/matching/candidates.ts';
import { createMatchingService } from '../../shared/matching/matcher.ts';
import { inFlightTogether, pkOf, watchedClient } from '../support/race.ts';
import { useTestTable } from '../support/table.ts';
import { futureDate, makeOffer, makeRequest, proposalsOf, putOne } from './matching-support.ts';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const table = useTestTable();
const prefix = (tag: string) => `${tag}-${Math.random().toString(36).slice(2, 8)}`;

/** A query whose input names this partition (marshalled or not). */
const queries = (command: string, input: Record<string, unknown>, partition: string) =>
  command === 'QueryCommand' && JSON.stringify(input).includes(partition);

/** A pending proposal's hold on an offer: `beds` of its beds, over its first ten nights. */
const hold = (offer: OfferRecord, proposalId: string, beds: number) =>
  table.db.send(
    new PutCommand(
      holdPut(
        table.tableName,
        {
          offerId: offer.id,
          proposalId,
          requestId: `${proposalId}-seeker`,
          country: offer.country,
          beds,
          nights: { from: dayOf(offer.availableFrom), to: dayOf(offer.availableFrom) + 10 },
        },
        new Date(),
      ).Put,
    ),
  );

/** An offer that carries its holds, with `beds` held on its map as the hold item holds them. */
async function carrying(offer: OfferRecord, proposalId: string, beds: number): Promise<OfferRecord> {
  const from = dayOf(offer.availableFrom);
  const carried: OfferRecord = {
    ...offer,
    holdsVersion: 1,
    holds: { [proposalId]: { beds, nightsFrom: dateOf(from), nightsTo: dateOf(from + 10) } },
  };
  await putOne(table.db, table.tableName, carried);
  await hold(offer, proposalId, beds);
  return carried;
}

/** A client that counts the queries naming a partition (marshalled or not). */
function counting(partition: string) {
  let count = 0;
  const db = watchedClient(table, (command, input) => {
    if (queries(command, input, partition)) count++;
    return undefined;
  });
  return { db, count: () => count };
}

describe('a run reads what need not wait for each other at once', () => {
  it("reads a country's open offers with the holds they carry, and no holds beside them", async () => {
    const id = prefix('whole');
    const held = await carrying(makeOffer(`${id}-held`, { country: 'YH', beds: 4 }), `${id}-p1`, 3);
    const free = {
      ...makeOffer(`${id}-free`, { country: 'YH', beds: 2 }),
      holds: {},
      holdsVersion: 1,
    };
    await putOne(table.db, table.tableName, free);
    const { db, count } = counting('HOLD#');

    const loaded = await openOffersOfCountry(table.deps({ db, log: quiet }), 'YH', newReadStats());

    expect(count()).toBe(0);
    const beds = Object.fromEntries(loaded.map(({ offer, holds }) => [offer.id, holds.map((h) => h.beds)]));
    expect(beds).toEqual({ [held.id]: [3], [free.id]: [] });
  });

  it("reads the hold items of just the offer whose map is not trusted, not the country's holds", async () => {
    const id = prefix('mixed');
    const old = makeOffer(`${id}-old`, { country: 'YJ', beds: 4 });
    await putOne(table.db, table.tableName, old);
    await hold(old, `${id}-p1`, 3);
    const carried = await carrying(makeOffer(`${id}-new`, { country: 'YJ', beds: 2 }), `${id}-p2`, 1);
    const partitions = ['HOLD#YJ', `OFFER#${old.id}`, `OFFER#${carried.id}`];
    const counts = partitions.map(() => 0);
    const db = watchedClient(table, (command, input) => {
      partitions.forEach((partition, i) => {
        if (queries(command, input, partition)) counts[i] = (counts[i] ?? 0) + 1;
      });
      return undefined;
    });

    const loaded = await openOffersOfCountry(table.deps({ db, log: quiet }), 'YJ', newReadStats());

    // The country's holds not at all; the untrusted offer's own, once; the trusted one's, never.
    expect(counts).toEqual([0, 1, 0]);
    const beds = Object.fromEntries(loaded.map(({ offer, holds }) => [offer.id, holds.map((h) => h.beds)]));
    expect(beds).toEqual({ [old.id]: [3], [carried.id]: [1] });
  });

  it('reads an offer with its holds in one read in a run around it, and the requests it names beside it', async () => {
    const id = prefix('around');
    const place = { country: 'YI' };
    const offer = makeOffer(`${id}-flat`, { ...place, beds: 4, multipleParties: true });
    const heldNights = { arrival: futureDate('03-05'), departure: futureDate('03-25') };
    // Over the held nights one bed is left: room for one, not for two (who would fit unheld).
    const around = makeRequest(`${id}-around`, { ...place, ...heldNights, adults: 1, children: 0 });
    const crowded = makeRequest(`${id}-crowded`, { ...place, ...heldNights, adults: 2, children: 0 });
    const named = makeRequest(`${id}-named`, {
      ...place,
      adults: 2,
      children: 0,
      arrival: futureDate('04-01'),
      departure: futureDate('04-20'),
    });
    for (const record of [around, crowded, named]) await putOne(table.db, table.tableName, record);
    // Three of its four beds held over its first ten nights (03-01 to 03-11).
    const carried = await carrying(offer, `${id}-p1`, 3);
    const offerPk = `OFFER#${offer.id}`;
    const namedBeside = inFlightTogether(
      table,
      (command, input) => command === 'GetItemCommand' && pkOf(input) === `REQUEST#${named.id}`,
      (command, input) => command === 'GetItemCommand' && pkOf(input) === offerPk,
    );
    let holdQueries = 0;
    const watched = watchedClient(table, (command, input) => {
      if (queries(command, input, 'HOLD#')) holdQueries++;
      return undefined;
    });

    await createMatchingService(table.deps({ db: namedBeside.db, log: quiet })).matchBatch(
      [named.id],
      [offer.id],
      carried.updatedAt,
    );

    expect(namedBeside.overlapped()).toBe(true);
    // The holds still decide: the one who fits beside the held beds is seated for the nights
    // asked, the party of two who would not is left waiting, and no night is over.
    const proposals = await proposalsOf(table, id);
    const stays = Object.fromEntries(proposals.map((p) => [p.requestId, [p.nightsFrom, p.nightsTo]]));
    expect(stays).toEqual({
      [around.id]: [around.arrival, around.departure],
      [named.id]: [named.arrival, named.departure],
    });
    expect(new Set(proposals.map((p) => p.offerId))).toEqual(new Set([offer.id]));
    const holds = (await holdsOfOffer(table.deps({ log: quiet }), offer.id)).map(heldBedsOf);
    expect(holds).toHaveLength(3);
    for (const held of holds) expect(peakHeld(holds, held.nights)).toBeLessThanOrEqual(offer.beds);
    // A second run around the offer, now holding three stays, reads no hold item at all.
    await createMatchingService(table.deps({ db: watched, log: quiet })).matchBatch(
      [],
      [offer.id],
      carried.updatedAt,
    );
    expect(holdQueries).toBe(0);
  });
});
