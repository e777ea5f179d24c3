import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../shared/approval/service.ts';
import { holdPut } from '../../shared/data/holds.ts';
import { erasedItem, offerItem } from '../../shared/data/items.ts';
import { proposalKey } from '../../shared/data/keys.ts';
import { getCounters } from '../../shared/data/overview.ts';
import { newReadStats } from '../../shared/data/query.ts';
import type { Deps } from '../../shared/deps.ts';
import { dateOf, dayOf } from '../../shared/domain/matching/nights.ts';
import { figuresOf } from '../../shared/domain/overview.ts';
import type { OfferRecord } from '../../shared/domain/records.ts';
import { erased } from '../../shared/domain/retention.ts';
import type { Logger } from '../../shared/log.ts';
import { createMatchingService } from '../../shared/matching/matcher.ts';
import { createOverviewCounter } from '../../shared/overview/counters.ts';
import { rebuildCounters, recomputeCounters, storedCounters } from '../../shared/overview/rebuild.ts';
import { cityOf } from '../../shared/places/gazetteer.ts';
import { eventually, recordStream, streamImage } from '../support/streams.ts';
import { useTestTable } from '../support/table.ts';
import { seedProposal } from './approval-support.ts';
import { futureDate, LEIPZIG, makeOffer, makeRequest, POTSDAM, putAll, putOne } from './matching-support.ts';

const table = useTestTable();
const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const deps = (): Deps => table.deps({ log: quiet });
let seen: DynamoDBRecord[] = [];

const CONFIRMED = '2026-11-20T10:00:00.000Z';

beforeAll(async () => {
  const recorder = recordStream(table, mkdtempSync(join(tmpdir(), 'haven-overview-')));
  // A burst: offers and requests in three cities, matched, one approved, one declined, one withdrawn.
  const offers = [
    makeOffer('o-berlin-1', { beds: 4, confirmedAt: CONFIRMED }),
    makeOffer('o-berlin-2', { beds: 2, childrenAllowed: false, confirmedAt: CONFIRMED }),
    makeOffer('o-potsdam', { ...POTSDAM, beds: 6, multipleParties: true, confirmedAt: CONFIRMED }),
    makeOffer('o-leipzig', {
      ...LEIPZIG,
      beds: 1,
      availableFrom: futureDate('06-01'),
      confirmedAt: CONFIRMED,
    }),
  ];
  const requests = [
    makeRequest('r-berlin-1', { adults: 2, children: 2, confirmedAt: CONFIRMED }),
    makeRequest('r-berlin-2', { adults: 1, children: 0, confirmedAt: CONFIRMED }),
    makeRequest('r-potsdam', { ...POTSDAM, adults: 3, children: 1, pets: true, confirmedAt: CONFIRMED }),
    makeRequest('r-leipzig', { ...LEIPZIG, adults: 5, children: 0, confirmedAt: CONFIRMED }),
    makeRequest('r-anywhere', {
      city: undefined,
      lat: undefined,
      lon: undefined,
      adults: 1,
      children: 0,
      confirmedAt: CONFIRMED,
    }),
  ];
  await putAll(table.db, table.tableName, [...offers, ...requests]);
  await createMatchingService(deps()).matchRequestIds(requests.map((r) => r.id));
  const approved = await seedProposal(table, { deps: deps() });
  await decide(deps(), 'approve', approved.approveToken);
  const declined = await seedProposal(table, { deps: deps() });
  await decide(deps(), 'decline', declined.declineToken);
  await putOne(table.db, table.tableName, {
    ...(offers[3] as (typeof offers)[number]),
    status: 'closed',
    version: 2,
  });
  // Every change of the burst has reached the stream once nothing new arrives for a while.
  let count = -1;
  await eventually(async () => {
    const now = recorder.seen.length;
    const settled = now > 0 && now === count;
    count = now;
    await new Promise((r) => setTimeout(r, 500));
    return settled || undefined;
  }, 30_000);
  await recorder.stop();
  seen = recorder.seen;
}, 60_000);

const inBatches = (records: DynamoDBRecord[], size: number) => {
  const batches: DynamoDBRecord[][] = [];
  for (let i = 0; i < records.length; i += size) batches.push(records.slice(i, i + size));
  return batches;
};

const today = () => new Date().toISOString().slice(0, 10);
const day = (offset: number) => dateOf(dayOf(today()) + offset);

/** An approved stay of two on the offer, from yesterday for ten nights: its proposal and its hold, stored. */
async function storeApprovedStay(offer: OfferRecord, proposalId: string) {
  const stay = {
    ...proposalKey(proposalId),
    kind: 'proposal',
    id: proposalId,
    status: 'approved',
    offerId: offer.id,
    requestId: `r-of-${proposalId}`,
    country: offer.country,
    city: offer.city,
    partySize: 2,
    nightsFrom: day(-1),
    nightsTo: day(10),
  };
  const hold = holdPut(
    table.tableName,
    {
      offerId: offer.id,
      proposalId,
      requestId: stay.requestId,
      country: offer.country,
      beds: 2,
      nights: { from: dayOf(day(-1)), to: dayOf(day(10)) },
    },
    new Date(Date.now() - 60_000),
  );
  await table.db.send(new PutCommand({ TableName: table.tableName, Item: stay }));
  await table.db.send(new PutCommand(hold.Put));
  return stay;
}

/** A stream record of an item written (over `old`, when given). */
const streamed = (
  id: string,
  item: Record<string, unknown>,
  old?: Record<string, unknown>,
): DynamoDBRecord => ({
  eventID: id,
  eventName: old ? 'MODIFY' : 'INSERT',
  dynamodb: {
    SequenceNumber: id.replace(/\D/g, ''),
    NewImage: streamImage(item),
    ...(old ? { OldImage: streamImage(old) } : {}),
  },
});

describe('the overview counters', () => {
  it('equal a rebuild from the records after the burst is delivered twice, in other batches', async () => {
    const counter = createOverviewCounter(deps());
    for (const batch of inBatches(seen, 100)) await counter({ Records: batch });
    const once = await storedCounters(deps(), ['DE']);
    // At-least-once: the stream hands overlapping batches over again, records repeated within one too.
    for (const batch of inBatches([...seen.slice(5), ...seen.slice(0, 9)], 7))
      await counter({ Records: batch });
    const twice = await storedCounters(deps(), ['DE']);

    expect(twice).toEqual(once);
    expect(twice).toEqual(await recomputeCounters(deps()));
  });

  it('say who waits, what is open tonight, what is pending and who was placed', async () => {
    const total = await getCounters(deps(), 'DE', 'TOTAL', newReadStats());
    const today = new Date().toISOString().slice(0, 10);
    const figures = figuresOf(total ?? {}, today);
    expect(figures).toEqual(
      figuresOf((await recomputeCounters(deps())).get('DE')?.get('TOTAL') ?? {}, today),
    );
    // The approved family of three was placed today, after a wait counted from its record's start.
    expect(figures.placedThisWeek).toBe(3);
    expect(figures.waits.reduce((a, b) => a + b, 0)).toBe(1);
    expect(figures.medianWaitDays).toBeGreaterThan(0);
    // Nobody arrives before next March: no bed is open tonight, none is held.
    expect(figures.bedsTonight).toBe(0);
    expect(figures.waitingParties).toBe(6);
    const inMarch = figuresOf(total ?? {}, futureDate('03-05'));
    // Berlin 4 + 2, Potsdam 6, the two seeded offers 3 + 3; Leipzig's opens in June and closed.
    expect(inMarch.bedsTonight).toBe(18);
  });

  it('rebuild replaces counters that drifted and reports how many differed', async () => {
    const first = await rebuildCounters(deps());
    expect(first.itemsDiffering).toBe(0);
    const counter = createOverviewCounter(deps());
    // A change the consumer never saw: the stream was off while the record changed.
    await counter({
      Records: [
        {
          eventID: 'drift-1',
          eventName: 'INSERT',
          dynamodb: {
            SequenceNumber: '9',
            NewImage: {
              kind: { S: 'offer' },
              status: { S: 'open' },
              country: { S: 'DE' },
              city: { S: 'Berlin' },
              beds: { N: '3' },
              availableFrom: { S: futureDate('03-01') },
              confirmedAt: { S: CONFIRMED },
            },
          },
        },
      ],
    });
    const drifted = await rebuildCounters(deps());
    expect(drifted.itemsDiffering).toBeGreaterThan(0);
    expect(await storedCounters(deps(), ['DE'])).toEqual(await recomputeCounters(deps()));
  });

  it('stop holding an approved stay’s beds when its offer closes, so other offers keep theirs', async () => {
    const WARSAW = { country: 'PL', city: 'Warsaw', lat: 52.2297, lon: 21.0122 };
    const stayed = makeOffer('o-warsaw-stay', {
      ...WARSAW,
      beds: 3,
      availableFrom: day(-5),
      confirmedAt: CONFIRMED,
    });
    const other = makeOffer('o-warsaw-other', {
      ...WARSAW,
      beds: 4,
      availableFrom: day(-5),
      confirmedAt: CONFIRMED,
    });
    const closed = { ...stayed, status: 'closed' as const, version: 2, updatedAt: new Date().toISOString() };
    await putAll(table.db, table.tableName, [closed, other]);
    const stay = await storeApprovedStay(stayed, 'p-warsaw');
    const counter = createOverviewCounter(deps());
    const tonight = async () =>
      figuresOf((await getCounters(deps(), 'PL', 'TOTAL', newReadStats())) ?? {}, today()).bedsTonight;
    await counter({
      Records: [
        streamed('warsaw-1', offerItem(stayed)),
        streamed('warsaw-2', offerItem(other)),
        streamed('warsaw-3', stay),
      ],
    });
    expect(await tonight()).toBe(3 + 4 - 2);
    await counter({ Records: [streamed('warsaw-4', offerItem(closed), offerItem(stayed))] });
    expect(await tonight()).toBe(4);
    expect(await storedCounters(deps(), ['PL'])).toEqual(
      new Map([['PL', (await recomputeCounters(deps())).get('PL')]]),
    );
  });

  it('release an approved stay’s beds from its offer’s city when its host erases the open offer', async () => {
    const RIGA = { country: 'LV', city: 'Riga', lat: 56.9496, lon: 24.1052 };
    const open = makeOffer('o-riga-stay', {
      ...RIGA,
      beds: 3,
      availableFrom: day(-5),
      confirmedAt: CONFIRMED,
    });
    const now = new Date();
    const gone = erasedItem(
      erased({ ...open, status: 'closed', version: 2, updatedAt: now.toISOString() }, now, cityOf),
    );
    await table.db.send(new PutCommand({ TableName: table.tableName, Item: gone }));
    const stay = await storeApprovedStay(open, 'p-riga');
    const counter = createOverviewCounter(deps());
    await counter({ Records: [streamed('riga-1', offerItem(open)), streamed('riga-2', stay)] });
    await counter({ Records: [streamed('riga-3', gone, offerItem(open))] });
    const stored = await storedCounters(deps(), ['LV']);
    expect(stored).toEqual(new Map([['LV', (await recomputeCounters(deps())).get('LV')]]));
    expect([...(stored.get('LV')?.keys() ?? [])]).not.toContain('CITY#*');
  });
});
