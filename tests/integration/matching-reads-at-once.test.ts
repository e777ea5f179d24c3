import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { heldBedsOf, holdPut, holdsOfOffer } from '../../shared/data/holds.ts';
import { newReadStats } from '../../shared/data/query.ts';
import { dayOf, peakHeld } from '../../shared/domain/matching/nights.ts';
import type { OfferRecord } from '../../shared/domain/records.ts';
import type { Logger } from '../../shared/log.ts';
import { openOffersOfCountry } from '../../shared/matching/candidates.ts';
import { createMatchingService } from '../../shared/matching/matcher.ts';
import { inFlightTogether, pkOf } from '../support/race.ts';
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

describe('a run reads what need not wait for each other at once', () => {
  it("reads a country's open offers and their holds at once, each offer with its own holds", async () => {
    const id = prefix('whole');
    const held = makeOffer(`${id}-held`, { country: 'YH', beds: 4 });
    const free = makeOffer(`${id}-free`, { country: 'YH', beds: 2 });
    for (const offer of [held, free]) await putOne(table.db, table.tableName, offer);
    await hold(held, `${id}-p1`, 3);
    const { db, overlapped } = inFlightTogether(
      table,
      (command, input) => queries(command, input, 'OPEN#OFFER#YH'),
      (command, input) => queries(command, input, 'HOLD#YH'),
    );

    const loaded = await openOffersOfCountry(table.deps({ db, log: quiet }), 'YH', newReadStats());

    expect(overlapped()).toBe(true);
    const beds = Object.fromEntries(loaded.map(({ offer, holds }) => [offer.id, holds.map((h) => h.beds)]));
    expect(beds).toEqual({ [held.id]: [3], [free.id]: [] });
  });

  it("reads an offer's holds beside the offer in a run around it, and the requests it names beside both", async () => {
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
    for (const record of [offer, around, crowded, named]) await putOne(table.db, table.tableName, record);
    // Three of its four beds held over its first ten nights (03-01 to 03-11).
    await hold(offer, `${id}-p1`, 3);
    const offerPk = `OFFER#${offer.id}`;
    const heldBeside = inFlightTogether(
      table,
      (command, input) => command === 'GetItemCommand' && pkOf(input) === offerPk,
      (command, input) => queries(command, input, offerPk),
    );
    const namedBeside = inFlightTogether(
      table,
      (command, input) => command === 'GetItemCommand' && pkOf(input) === `REQUEST#${named.id}`,
      (command, input) => command === 'GetItemCommand' && pkOf(input) === offerPk,
    );

    for (const { db } of [heldBeside, namedBeside]) {
      const service = createMatchingService(table.deps({ db, log: quiet }));
      await service.matchBatch([named.id], [offer.id], offer.updatedAt);
    }

    expect(heldBeside.overlapped()).toBe(true);
    expect(namedBeside.overlapped()).toBe(true);
    // Read at once, the holds still decide: the one who fits beside the held beds is seated for
    // the nights asked, the party of two who would not is left waiting, and no night is over.
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
  });
});
