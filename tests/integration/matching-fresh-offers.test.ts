import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestItem } from '../../shared/data/items.ts';
import { todayIn } from '../../shared/domain/country-day.ts';
import { dateOf } from '../../shared/domain/matching/nights.ts';
import { requestCellsReaching } from '../../shared/domain/matching/request-cells.ts';
import type { Logger } from '../../shared/log.ts';
import {
  createMatcher,
  createMatchingService,
  defaultMatcherOptions,
} from '../../shared/matching/matcher.ts';
import { type Confirmation, replayLive } from '../bench/surge-replay.ts';
import { useTestTable } from '../support/table.ts';
import { idsFrom, offerArbitrary, requestArbitrary } from '../unit/matching-arbitraries.ts';
import { futureDate, makeOffer, makeRequest, proposalsOf, putOne, streamEvent } from './matching-support.ts';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const table = useTestTable();
const deps = () => table.deps({ log: quiet });
const prefix = (tag: string) => `${tag}-${Math.random().toString(36).slice(2, 8)}`;
/** The instant of the `n`th write of a test, a second apart. */
const at = (n: number) => new Date(Date.UTC(2026, 11, 2, 10, 0, n)).toISOString();

describe('a stream run that reads an offer before its own run', () => {
  it('seats the party waiting around it, as the offer’s own run would, not the small request it names', async () => {
    const id = prefix('fresh');
    const place = { country: 'XF' };
    const stay = { arrival: futureDate('03-10'), departure: futureDate('03-20') };
    const party = makeRequest(`${id}-party`, { ...place, ...stay, adults: 4, children: 0, updatedAt: at(0) });
    const pair = makeRequest(`${id}-pair`, { ...place, ...stay, adults: 2, children: 0, updatedAt: at(1) });
    const flat = makeOffer(`${id}-flat`, { ...place, beds: 2, updatedAt: at(2) });
    // The flat's own run: the party does not fit, the pair does.
    for (const record of [party, pair, flat]) await putOne(table.db, table.tableName, record);
    await createMatchingService(deps()).matchBatch([], [flat.id], flat.updatedAt);
    const small = makeRequest(`${id}-small`, { ...place, ...stay, adults: 2, children: 0, updatedAt: at(3) });
    const house = makeOffer(`${id}-house`, { ...place, beds: 4, updatedAt: at(4) });
    await putOne(table.db, table.tableName, small);
    // Confirmed after the small request; its stream record is not matched yet.
    await putOne(table.db, table.tableName, house);

    const result = await createMatcher(deps())(streamEvent([{ newItem: requestItem(small) }]));

    expect(result.batchItemFailures).toEqual([]);
    const proposals = await proposalsOf(table, id);
    expect(proposals.map(({ requestId, offerId }) => [requestId, offerId]).sort()).toEqual([
      [pair.id, flat.id],
      [party.id, house.id],
    ]);
  });
});

describe('a stream run around an offer', () => {
  it('solves only the requests the offer could take, not every one it reaches', async () => {
    const id = prefix('takes');
    const place = { country: 'XO' };
    const dog = makeRequest(`${id}-dog`, { ...place, adults: 2, children: 0, pets: true });
    const solo = makeRequest(`${id}-solo`, { ...place, adults: 1, children: 0 });
    // Both arrive while it is open and fit its beds; pets it does not take.
    const flat = makeOffer(`${id}-flat`, { ...place, beds: 2, petsAllowed: false });
    for (const record of [dog, solo, flat]) await putOne(table.db, table.tableName, record);

    const report = await createMatchingService(deps()).matchBatch([], [flat.id], flat.updatedAt);

    expect(report.requests).toBe(1);
    const proposals = await proposalsOf(table, id);
    expect(proposals.map(({ requestId, offerId }) => [requestId, offerId])).toEqual([[solo.id, flat.id]]);
  });

  it('matches nobody, and reads no pool, once the offer has no room left for those around it', async () => {
    const id = prefix('filled');
    const place = { country: 'XS' };
    const first = makeRequest(`${id}-first`, { ...place, adults: 2, children: 0 });
    const second = makeRequest(`${id}-second`, { ...place, adults: 2, children: 0 });
    const flat = makeOffer(`${id}-flat`, { ...place, beds: 2 });
    for (const record of [first, second, flat]) await putOne(table.db, table.tableName, record);
    const service = createMatchingService(deps());
    expect((await service.matchBatch([], [flat.id], flat.updatedAt)).proposed).toBe(1);

    // Its record again (as after a run that filled it while fresh): the other party still reaches it.
    const again = await service.matchBatch([], [flat.id], flat.updatedAt);

    expect(again).toMatchObject({ requests: 0, proposed: 0 });
    // The offer, its holds, and the pool cells of the requests that could reach it: no country's offers.
    expect(again.reads.queries).toBe(2 + requestCellsReaching(flat).length);
    expect(await proposalsOf(table, id)).toHaveLength(1);
  });

  it('proposes an offer opening today to someone still waiting past their arrival day', async () => {
    const id = prefix('late');
    const place = { country: 'XP' };
    const today = todayIn(place.country, new Date());
    // Arrived five days ago by their request, still waiting: the offer opens only today.
    const late = makeRequest(`${id}-late`, {
      ...place,
      arrival: dateOf(today - 5),
      departure: dateOf(today + 10),
      adults: 1,
      children: 0,
    });
    const flat = makeOffer(`${id}-flat`, {
      ...place,
      availableFrom: dateOf(today),
      availableTo: dateOf(today + 30),
      beds: 2,
    });
    for (const record of [late, flat]) await putOne(table.db, table.tableName, record);

    const report = await createMatchingService(deps()).matchBatch([], [flat.id], flat.updatedAt);

    expect(report.proposed).toBe(1);
    const proposals = await proposalsOf(table, id);
    expect(proposals.map(({ requestId, offerId }) => [requestId, offerId])).toEqual([[late.id, flat.id]]);
  });

  it('matches a request that only one of the offers a run names could take', async () => {
    const id = prefix('either');
    const place = { country: 'XW' };
    const dog = makeRequest(`${id}-dog`, { ...place, adults: 2, children: 0, pets: true });
    const noPets = makeOffer(`${id}-no-pets`, { ...place, beds: 2, petsAllowed: false });
    const pets = makeOffer(`${id}-pets`, { ...place, beds: 2, petsAllowed: true });
    for (const record of [dog, noPets, pets]) await putOne(table.db, table.tableName, record);

    const report = await createMatchingService(deps()).matchBatch([], [noPets.id, pets.id], pets.updatedAt);

    expect(report.requests).toBe(1);
    const proposals = await proposalsOf(table, id);
    expect(proposals.map(({ requestId, offerId }) => [requestId, offerId])).toEqual([[dog.id, pets.id]]);
  });

  it('adds around a fresh offer only the requests that offer could take', async () => {
    const id = prefix('fresh-takes');
    const place = { country: 'XU' };
    const stay = { arrival: futureDate('03-10'), departure: futureDate('03-20') };
    const party = makeRequest(`${id}-party`, { ...place, ...stay, adults: 4, children: 0, updatedAt: at(0) });
    const dog = makeRequest(`${id}-dog`, {
      ...place,
      ...stay,
      adults: 2,
      children: 0,
      pets: true,
      updatedAt: at(1),
    });
    const small = makeRequest(`${id}-small`, { ...place, ...stay, adults: 2, children: 0, updatedAt: at(2) });
    // Confirmed after the small request; its own run is still to come.
    const house = makeOffer(`${id}-house`, { ...place, beds: 4, petsAllowed: false, updatedAt: at(3) });
    for (const record of [party, dog, small, house]) await putOne(table.db, table.tableName, record);
    const added: unknown[] = [];
    const log: Logger = {
      ...quiet,
      info: (event, fields) => {
        if (event === 'matcher.around-fresh') added.push(fields?.requests);
      },
    };

    await createMatchingService(table.deps({ log })).matchBatch([small.id], [], small.updatedAt);

    expect(added).toEqual([1]);
    const proposals = await proposalsOf(table, id);
    expect(proposals.map(({ requestId, offerId }) => [requestId, offerId])).toEqual([[party.id, house.id]]);
  });
});

describe('the matcher and its replay', () => {
  it('place the same people from the same confirmations, one a run, when the stream keeps up', async () => {
    const id = prefix('agree');
    const country = (code: string) => (code === 'DE' ? 'XD' : 'XT');
    const offers = fc
      .sample(offerArbitrary(idsFrom(`${id}-o`)), { numRuns: 18, seed: 5 })
      .map((offer) => ({ ...offer, status: 'open' as const, country: country(offer.country) }));
    const requests = fc
      .sample(requestArbitrary(idsFrom(`${id}-r`)), { numRuns: 36, seed: 6 })
      .map((request) => ({ ...request, country: country(request.country) }));
    // Two requests, then an offer: some wait for an offer, some find one at once.
    const confirmations = requests
      .flatMap((request, i): Confirmation[] => {
        const offer = offers[(i - 1) / 2];
        return [{ kind: 'request', request }, ...(offer ? [{ kind: 'offer', offer } as const] : [])];
      })
      .map(
        (confirmation, n): Confirmation =>
          confirmation.kind === 'offer'
            ? { kind: 'offer', offer: { ...confirmation.offer, updatedAt: at(n) } }
            : { kind: 'request', request: { ...confirmation.request, updatedAt: at(n) } },
      );
    const service = createMatchingService(deps());
    for (const confirmation of confirmations) {
      const record = confirmation.kind === 'offer' ? confirmation.offer : confirmation.request;
      await putOne(table.db, table.tableName, record);
      await service.matchBatch(
        confirmation.kind === 'request' ? [record.id] : [],
        confirmation.kind === 'offer' ? [record.id] : [],
        record.updatedAt,
      );
    }

    const replayed = replayLive(confirmations, 1, defaultMatcherOptions, todayIn('XD', new Date()));
    const live = await proposalsOf(table, id);
    expect(live.map((proposal) => proposal.requestId).sort()).toEqual([...replayed.placedIn.keys()].sort());
    expect(live.reduce((people, proposal) => people + proposal.partySize, 0)).toBe(replayed.people);
    // Proposed both in runs of requests and in runs of offers (around them).
    expect(new Set([...replayed.proposedIn.values()].map((run) => confirmations[run]?.kind))).toEqual(
      new Set(['offer', 'request']),
    );
  });
});
