import type { DynamoDBRecord } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { getBlockers } from '../../shared/data/overview.ts';
import { newReadStats } from '../../shared/data/query.ts';
import { createApp } from '../../shared/http/app.ts';
import type { Logger } from '../../shared/log.ts';
import { createMatcher } from '../../shared/matching/matcher.ts';
import { createOverviewCounter } from '../../shared/overview/counters.ts';
import { loadOverview } from '../../shared/workspace/overview.ts';
import { streamImage } from '../support/streams.ts';
import { useTestTable } from '../support/table.ts';
import { futureDate, makeOffer, makeRequest, putAll, putOne, TBILISI } from './matching-support.ts';
import { signedInVisitor, type Visitor } from './workspace-support.ts';

const COORDINATORS = { TR: ['tr@haven.test'], DE: ['de@haven.test'], '*': ['all@haven.test'] };
const IZMIR = { country: 'TR', city: 'Izmir', lat: 38.4192, lon: 27.1287 };
const ANKARA = { country: 'TR', city: 'Ankara', lat: 39.9334, lon: 32.8597 };
const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

const table = useTestTable({ COORDINATORS: JSON.stringify(COORDINATORS) });
let tr: Visitor;
let de: Visitor;

/** A stream INSERT of an item as written, for the overview's consumer. */
const inserted = (item: Record<string, unknown>, n: number): DynamoDBRecord => ({
  eventID: `seed-${n}`,
  eventName: 'INSERT',
  dynamodb: {
    SequenceNumber: String(n),
    NewImage: streamImage(item),
  },
});

beforeAll(async () => {
  const confirmedAt = new Date().toISOString();
  // Izmir: three families with children, and two hosts who take no children; Ankara: a big party, one small offer.
  const offers = [
    makeOffer('o-izmir-1', { ...IZMIR, beds: 4, childrenAllowed: false, confirmedAt }),
    makeOffer('o-izmir-2', { ...IZMIR, beds: 5, childrenAllowed: false, confirmedAt }),
    makeOffer('o-ankara', { ...ANKARA, beds: 2, confirmedAt }),
  ];
  const requests = [
    ...['a', 'b', 'c'].map((x) =>
      makeRequest(`r-izmir-${x}`, { ...IZMIR, adults: 2, children: 2, languages: ['tr'], confirmedAt }),
    ),
    makeRequest('r-ankara', { ...ANKARA, adults: 6, children: 0, confirmedAt }),
  ];
  await putAll(table.db, table.tableName, [...offers, ...requests]);
  await createOverviewCounter(table.deps({ log: quiet }))({
    Records: [...offers, ...requests].map((record, i) => inserted({ ...record }, i + 1)),
  });
  const app = createApp(table.deps());
  [tr, de] = await Promise.all([
    signedInVisitor(app, table, 'tr@haven.test'),
    signedInVisitor(app, table, 'de@haven.test'),
  ]);
}, 60_000);

describe('the overview', () => {
  it('after the sweep, says per city which rule keeps requests waiting and what the hosts there give', async () => {
    await createMatcher(table.deps({ log: quiet }))({ source: 'haven.schedule', task: 'sweep' });
    const blockers = await getBlockers(table.deps(), 'TR', newReadStats());
    expect(blockers?.cities).toEqual([
      {
        city: 'Izmir',
        waiting: 3,
        blocked: { children: 3 },
        offers: { offers: 2, beds: 5, pets: 2, safeHousehold: 2 },
      },
      { city: 'Ankara', waiting: 1, blocked: { capacity: 1 }, offers: expect.objectContaining({ beds: 2 }) },
    ]);
    const html = await (await tr.get('/coordinator/overview?country=TR')).text();
    expect(html).toContain('3 families with children wait in Izmir; no offer there accepts children');
    expect(html).toContain(
      '1 party in Ankara is larger than any free place nearby; the largest offer there has 2 beds',
    );
  });

  it('forgets a country’s reasons once nobody waits there, so the page shows no stale lines', async () => {
    const deps = table.deps({ log: quiet });
    const request = makeRequest('r-tbilisi', {
      ...TBILISI,
      adults: 1,
      children: 1,
      confirmedAt: new Date().toISOString(),
    });
    await putAll(table.db, table.tableName, [
      makeOffer('o-tbilisi', { ...TBILISI, childrenAllowed: false }),
      request,
    ]);
    await createMatcher(deps)({ source: 'haven.schedule', task: 'sweep' });
    expect((await getBlockers(deps, 'GE', newReadStats()))?.cities[0]?.blocked).toEqual({ children: 1 });
    await putOne(table.db, table.tableName, {
      ...request,
      status: 'withdrawn',
      version: request.version + 1,
    });
    await createMatcher(deps)({ source: 'haven.schedule', task: 'sweep' });
    expect(await getBlockers(deps, 'GE', newReadStats())).toBeUndefined();
  });

  it('shows the counted figures, charts with text and tables, and a map, in the reader’s language', async () => {
    const response = await tr.get('/coordinator/overview?country=TR&lang=ru');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Турция: обзор');
    // 3 × 4 people in Izmir and 6 in Ankara wait.
    expect(html).toMatch(/Ждут жилья<\/dt><dd><span class="figure-value">18</);
    expect(html).toContain('Измир');
    // Offers, requests and cities are drawn, each with its numbers; nobody is placed yet, so those
    // two charts are their sentence alone.
    const drawn = [...html.matchAll(/<svg[^>]*role="img" aria-labelledby="([\w-]+)-title"/g)].map(
      (m) => m[1],
    );
    expect(drawn).toEqual(['chart-map', 'chart-supply', 'chart-intake']);
    expect((html.match(/<details class="chart-table">/g) ?? []).length).toBe(3);
    expect(html).toContain('Пока никого не расселили.');
    expect(html).not.toMatch(/<script/);
    // The map marks the city centres, never an address.
    expect(html).toMatch(/<path d="M[^"]+" fill="#e3f0ee"/);
  });

  it('draws no empty axis for a country with nothing to show: each chart is its sentence alone', async () => {
    const html = await (await de.get('/coordinator/overview?country=DE&lang=en')).text();
    expect(html).toContain('Germany at a glance');
    expect(html).not.toMatch(/<svg[^>]*role="img"/);
    expect(html).not.toContain('<details class="chart-table">');
    expect(html).not.toContain('class="chart-legend"');
    for (const sentence of [
      'No open offers and nobody waiting.',
      'No offers or requests in the last',
      'Nobody was placed in the last',
      'Nobody has been placed yet.',
    ])
      expect(html).toContain(sentence);
  });

  it('reads a handful of counter items, never the records, in one round trip once seen', async () => {
    const overview = await loadOverview(table.deps(), { email: 'tr@haven.test', countries: ['TR'] }, 'TR');
    expect(overview.figures.waitingPeople).toBe(18);
    expect(overview.figures.bedsTonight).toBe(0);
    expect(overview.cities.map((c) => c.city)).toEqual(['Izmir', 'Ankara']);
    expect(overview.stats.items).toBeLessThanOrEqual(1 + 2 + 1 + 2);
    // Seen once, the busiest cities are read with the TOTAL item: one round trip.
    const again = await loadOverview(table.deps(), { email: 'tr@haven.test', countries: ['TR'] }, 'TR');
    expect(again.rounds).toBe(1);
    expect(again.cities).toEqual(overview.cities);
    const inMarch = await loadOverview(
      table.deps({ now: () => new Date(`${futureDate('03-02')}T12:00:00Z`) }),
      { email: 'tr@haven.test', countries: ['TR'] },
      'TR',
    );
    expect(inMarch.figures.bedsTonight).toBe(11);
  });

  it('answers 404 for a country outside the coordinator’s scope, and links from the workspace', async () => {
    expect((await de.get('/coordinator/overview?country=TR')).status).toBe(404);
    const queue = await (await de.get('/coordinator')).text();
    expect(queue).toContain('href="/coordinator/overview?lang=en"');
  });
});
