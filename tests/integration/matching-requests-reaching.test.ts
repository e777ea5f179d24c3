import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { requestItem } from '../../shared/data/items.ts';
import { newReadStats } from '../../shared/data/query.ts';
import { reindexOpenRequests } from '../../shared/data/reindex.ts';
import { todayIn } from '../../shared/domain/country-day.ts';
import {
  arrivalWindow,
  type CellsRead,
  openRequestsOfCountry,
  reaches,
  requestsReachingAny,
} from '../../shared/matching/candidates.ts';
import { watchedClient } from '../support/race.ts';
import { useTestTable } from '../support/table.ts';
import { BERLIN, futureDate, LEIPZIG, makeOffer, makeRequest, POTSDAM, putAll } from './matching-support.ts';

const table = useTestTable();
const prefix = (tag: string) => `${tag}-${Math.random().toString(36).slice(2, 8)}`;

/** A client counting queries of a country's open requests as a whole (gsi3) and of its pool cells (gsi1). */
function countedReads(country: string) {
  const counts = { countryReads: 0, cellReads: 0 };
  const db = watchedClient(table, (command, input) => {
    if (command !== 'QueryCommand') return undefined;
    const text = JSON.stringify(input);
    if (text.includes(`OPEN#REQUEST#${country}`)) counts.countryReads++;
    if (text.includes(`POOL#REQUEST#${country}#`)) counts.cellReads++;
    return undefined;
  });
  return { db, counts };
}

/** What the country's whole read of open requests gives, filtered by whether any offer reaches each: the reads before pool cells. */
async function reachingByCountry(offers: ReturnType<typeof makeOffer>[]) {
  const all = await openRequestsOfCountry(table.deps(), offers[0]?.country ?? '', newReadStats());
  const reached = offers.map((offer) =>
    reaches(offer, arrivalWindow(todayIn(offer.country, new Date()), offer)),
  );
  return all.filter((request) => reached.some((reach) => reach(request))).map((request) => request.id);
}

describe('the open requests an offer could take', () => {
  it('are read from the pool cells that could hold them, the same requests in the same order as the whole country gives', async () => {
    const id = prefix('reaching');
    const country = 'XR';
    const at = (place: { lat: number; lon: number; city: string }) => ({ ...place, country });
    const berlin = makeOffer(`${id}-berlin`, { ...at(BERLIN), beds: 4 });
    const leipzig = makeOffer(`${id}-leipzig`, {
      ...at(LEIPZIG),
      beds: 4,
      availableFrom: futureDate('06-01'),
      availableTo: futureDate('06-30'),
    });
    const requests = [
      // Berlin's own cell, and Potsdam (27 km) within its 50 km.
      makeRequest(`${id}-berlin`, { ...at(BERLIN), arrival: futureDate('03-12') }),
      makeRequest(`${id}-potsdam`, { ...at(POTSDAM), arrival: futureDate('03-11') }),
      // Potsdam, but only 10 km: reaches neither.
      makeRequest(`${id}-potsdam-near`, { ...at(POTSDAM), maxDistanceKm: 10 }),
      // Leipzig (150 km from Berlin) within 50 km, in June: Leipzig's offer only.
      makeRequest(`${id}-leipzig-june`, {
        ...at(LEIPZIG),
        arrival: futureDate('06-10'),
        departure: futureDate('06-20'),
      }),
      // Leipzig, 200 km (the WIDE cell): Berlin's offer in March.
      makeRequest(`${id}-leipzig-wide`, { ...at(LEIPZIG), maxDistanceKm: 200 }),
      // No city: the whole country (the ANY cell), earliest of all.
      makeRequest(`${id}-anywhere`, {
        country,
        city: undefined,
        lat: undefined,
        lon: undefined,
        arrival: futureDate('03-02'),
      }),
      // Berlin, arriving after both offers end; a party too large for either.
      makeRequest(`${id}-late`, {
        ...at(BERLIN),
        arrival: futureDate('10-02'),
        departure: futureDate('10-20'),
      }),
      makeRequest(`${id}-large`, { ...at(BERLIN), adults: 5, children: 0 }),
      // Proposed already: out of the pool.
      makeRequest(`${id}-proposed`, { ...at(BERLIN), status: 'proposed' }),
    ];
    await putAll(table.db, table.tableName, [berlin, leipzig, ...requests]);
    const { db, counts } = countedReads(country);
    const stats = newReadStats();

    const found = await requestsReachingAny(table.deps({ db }), [berlin, leipzig], stats);

    const expected = [
      `${id}-anywhere`,
      `${id}-leipzig-wide`,
      `${id}-potsdam`,
      `${id}-berlin`,
      `${id}-leipzig-june`,
    ];
    expect(found.map((request) => request.id)).toEqual(expected);
    expect(await reachingByCountry([berlin, leipzig])).toEqual(expected);
    // Only cells: Berlin's and Leipzig's neighbourhoods, WIDE and ANY; nothing from the rest of the country.
    expect(counts.countryReads).toBe(0);
    expect(counts.cellReads).toBeGreaterThan(0);
    expect(stats.items).toBe(requests.length - 2);
  });

  it('are read once a run for offers in the cells and arrivals already read, and read again for later arrivals', async () => {
    const id = prefix('reaching-once');
    const country = 'XT';
    const march = makeOffer(`${id}-march`, { ...BERLIN, country, availableTo: futureDate('03-31') });
    const spring = makeOffer(`${id}-spring`, { ...BERLIN, country, availableTo: futureDate('04-30') });
    const summer = makeOffer(`${id}-summer`, { ...BERLIN, country, availableTo: futureDate('09-30') });
    const early = makeRequest(`${id}-early`, { ...BERLIN, country });
    const later = makeRequest(`${id}-later`, {
      ...BERLIN,
      country,
      arrival: futureDate('06-10'),
      departure: futureDate('06-20'),
    });
    await putAll(table.db, table.tableName, [march, spring, summer, early, later]);
    const cellsRead: CellsRead = new Map();
    const reach = async (offer: ReturnType<typeof makeOffer>) => {
      const stats = newReadStats();
      const found = await requestsReachingAny(table.deps(), [offer], stats, cellsRead);
      return { ids: found.map((request) => request.id), queries: stats.queries };
    };

    const first = await reach(spring);
    expect(first.ids).toEqual([early.id]);
    expect(first.queries).toBeGreaterThan(0);
    // Arrivals within what was read: nothing read again.
    expect(await reach(march)).toEqual({ ids: [early.id], queries: 0 });
    // Later arrivals than were read: the cells again.
    const third = await reach(summer);
    expect(third.ids).toEqual([early.id, later.id]);
    expect(third.queries).toBe(first.queries);
  });

  it('of a request stored in its own cell while its radius is wider are found once re-indexing moves it', async () => {
    const id = prefix('reaching-reindex');
    // A country the re-indexing reads (it goes through the ISO codes).
    const country = 'LI';
    const berlin = makeOffer(`${id}-berlin`, { ...BERLIN, country });
    const wide = makeRequest(`${id}-wide`, { ...LEIPZIG, country, maxDistanceKm: 200 });
    await putAll(table.db, table.tableName, [berlin]);
    // As a release before WIDE stored it: in its record cell.
    const item = requestItem(wide);
    await table.db.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...item, gsi1pk: `POOL#REQUEST#${country}#${wide.cell}` },
      }),
    );
    const find = async () =>
      (await requestsReachingAny(table.deps(), [berlin], newReadStats())).map((request) => request.id);
    expect(await find()).toEqual([]);

    const done = await reindexOpenRequests(table.db, table.tableName);

    expect(done.rewritten).toBe(1);
    expect(await find()).toEqual([wide.id]);
    expect((await reindexOpenRequests(table.db, table.tableName)).rewritten).toBe(0);
  });

  it('of a near request stored under its record cell, as every request with a city was before the requests’ grid, are found once re-indexing moves it', async () => {
    const id = prefix('reaching-reindex-near');
    const country = 'MC';
    const berlin = makeOffer(`${id}-berlin`, { ...BERLIN, country });
    const near = makeRequest(`${id}-near`, { ...POTSDAM, country, maxDistanceKm: 40 });
    await putAll(table.db, table.tableName, [berlin]);
    // As the release before the requests' grid stored it: in its record cell.
    const item = requestItem(near);
    expect(item.gsi1pk).not.toBe(`POOL#REQUEST#${country}#${near.cell}`);
    await table.db.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...item, gsi1pk: `POOL#REQUEST#${country}#${near.cell}` },
      }),
    );
    const find = async () =>
      (await requestsReachingAny(table.deps(), [berlin], newReadStats())).map((request) => request.id);
    expect(await find()).toEqual([]);

    const done = await reindexOpenRequests(table.db, table.tableName);

    expect(done.rewritten).toBeGreaterThanOrEqual(1);
    expect(await find()).toEqual([near.id]);
    expect(await reachingByCountry([berlin])).toEqual([near.id]);
  });
});
