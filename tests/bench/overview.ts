import { writeFileSync } from 'node:fs';
import type { DynamoDBRecord } from 'aws-lambda';
import { offerItem, requestItem } from '../../shared/data/items.ts';
import { proposalKey } from '../../shared/data/keys.ts';
import { newReadStats } from '../../shared/data/query.ts';
import { todayIn } from '../../shared/domain/country-day.ts';
import { dateOf, dayOf } from '../../shared/domain/matching/nights.ts';
import type { OfferRecord, RequestRecord } from '../../shared/domain/records.ts';
import { OverviewPage } from '../../shared/http/pages/coordinator-overview.tsx';
import { QueuePage } from '../../shared/http/pages/coordinator-queue.tsx';
import { pageContext, renderDocument } from '../../shared/http/pages/layout.tsx';
import { recordBlockers } from '../../shared/matching/blockers.ts';
import { openOffersOfCountry, openRequestsOfCountry } from '../../shared/matching/candidates.ts';
import { createOverviewCounter } from '../../shared/overview/counters.ts';
import { countryMap } from '../../shared/overview/map.ts';
import {
  type CounterItems,
  rebuildCounters,
  recomputeCounters,
  storedCounters,
} from '../../shared/overview/rebuild.ts';
import { CONSUMER_WIRING } from '../../shared/wiring.ts';
import { cityMarks, loadOverview } from '../../shared/workspace/overview.ts';
import { loadQueue } from '../../shared/workspace/queue.ts';
import { referenceBlockers } from '../support/blockers-reference.ts';
import { streamImage } from '../support/streams.ts';
import { startBenchTable, writeAll } from './bench-table.ts';
import { generateOffers, generateRequests, random } from './generate.ts';

/**
 * `npm run bench:overview`: the coordinators' overview against DynamoDB Local holding 100,000
 * open records and a year of history. Reports the page's server time and items read (the queue
 * page, measured in the same run, as the baseline), the rebuild, the sweep's blocker finding,
 * and whether the counters equal the rebuild after 10,000 stream records delivered twice.
 */
const OPEN = Number(process.env.OVERVIEW_OPEN ?? 100_000);
const HISTORY = Number(process.env.OVERVIEW_HISTORY ?? 40_000);
const CHANGES = Number(process.env.OVERVIEW_CHANGES ?? 10_000);
const RUNS = 20;

const ms = (from: number) => Math.round(performance.now() - from);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? 0;
const log = (line: string) => console.error(`[overview] ${line}`);

const sameCounters = (a: CounterItems, b: CounterItems) => {
  const flat = (items: CounterItems) =>
    JSON.stringify(
      [...items]
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([country, byKey]) => [
          country,
          [...byKey]
            .sort(([x], [y]) => x.localeCompare(y))
            .map(([sk, counters]) => [sk, Object.entries(counters).sort(([x], [y]) => x.localeCompare(y))]),
        ]),
    );
  return flat(a) === flat(b);
};

async function main() {
  const bench = await startBenchTable('haven-overview-bench');
  try {
    const { deps } = bench;
    const today = dayOf(new Date().toISOString().slice(0, 10));
    const rng = random(16);
    const stamp = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();

    // 100,000 open records, confirmed over the last eight weeks.
    let started = performance.now();
    const offers = generateOffers(rng, OPEN / 2, true, 'o').map(
      (offer): OfferRecord => ({ ...offer, confirmedAt: stamp(Math.floor(rng() * 56)) }),
    );
    const requests = generateRequests(rng, OPEN / 2, 'r').map(
      (request): RequestRecord => ({ ...request, confirmedAt: stamp(Math.floor(rng() * 56)) }),
    );
    // A year of history: requests placed after a wait, offers closed, and their proposals.
    const placed = generateRequests(rng, HISTORY / 2, 'h').map((request, i): RequestRecord => {
      const confirmed = 1 + Math.floor(rng() * 364);
      const waited = Math.min(confirmed - 1, Math.floor(rng() ** 2 * 60));
      return {
        ...request,
        id: `h${i}`,
        status: 'placed',
        confirmedAt: stamp(confirmed),
        placedAt: stamp(confirmed - waited),
      };
    });
    const closed = generateOffers(rng, HISTORY / 4, true, 'c').map(
      (offer): OfferRecord => ({
        ...offer,
        status: 'closed',
        confirmedAt: stamp(30 + Math.floor(rng() * 330)),
      }),
    );
    const proposals = placed.slice(0, HISTORY / 4).map((request, i) => ({
      ...proposalKey(`p${i}`),
      kind: 'proposal',
      id: `p${i}`,
      status: 'approved',
      offerId: `c${i}`,
      requestId: request.id,
      country: request.country,
      city: request.city,
      partySize: request.adults + request.children,
      nightsFrom: dateOf(today - Math.floor(rng() * 300)),
      nightsTo: dateOf(today - Math.floor(rng() * 10)),
    }));
    await writeAll(deps, [
      ...offers.map(offerItem),
      ...requests.map(requestItem),
      ...placed.map(requestItem),
      ...closed.map(offerItem),
      ...proposals,
    ]);
    const loaded = offers.length + requests.length + placed.length + closed.length + proposals.length;
    log(`${loaded} records written in ${ms(started)} ms`);

    started = performance.now();
    const rebuilt = await rebuildCounters(deps);
    const rebuildMs = ms(started);
    log(`rebuild: ${rebuilt.countries} countries in ${rebuildMs} ms`);

    const byCountry = new Map<string, number>();
    for (const record of [...offers, ...requests])
      byCountry.set(record.country, (byCountry.get(record.country) ?? 0) + 1);
    const [country = 'DE', openInCountry = 0] = [...byCountry].sort((a, b) => b[1] - a[1])[0] ?? [];

    // Why nobody matched, as the sweep finds it. Before: after matching, it read the country's
    // open requests and offers again and checked each pair with checkPair. Now: the pool the
    // matcher loaded (the same two reads, done once for matching), checked with bits.
    started = performance.now();
    const blockerStats = newReadStats();
    const pool = {
      requests: await openRequestsOfCountry(deps, country, blockerStats),
      offers: await openOffersOfCountry(deps, country, blockerStats),
      declined: new Set<string>(),
    };
    const readAgainMs = ms(started);
    const day = todayIn(country, new Date());
    started = performance.now();
    pool.requests.forEach(referenceBlockers(pool, day, true));
    const checkPairMs = ms(started);
    started = performance.now();
    await recordBlockers(deps, country, pool);
    const blockersMs = ms(started);
    const waiting = pool.requests.length;
    log(
      `blockers of ${country}: ${waiting} open requests; before: read again ${readAgainMs} ms (${blockerStats.items} items) + checkPair ${checkPairMs} ms; now: ${blockersMs} ms from the loaded pool`,
    );

    const scope = { email: 'coordinator@haven.bench', countries: '*' as const };
    const page = pageContext('en', '/coordinator/overview');
    const reader = { scope, csrf: 'x'.repeat(43) };
    const overviewRuns: number[] = [];
    const overviewItems: number[] = [];
    const overviewTrips: number[] = [];
    const queueRuns: number[] = [];
    const queueItems: number[] = [];
    const parts = {
      reads: [] as number[],
      marks: [] as number[],
      map: [] as number[],
      render: [] as number[],
    };
    for (let run = 0; run < RUNS; run++) {
      let at = performance.now();
      const overview = await loadOverview(deps, scope, country);
      const read = performance.now();
      const marks = await cityMarks(overview);
      const marked = performance.now();
      const map = countryMap(country, marks, 480, 400);
      const mapped = performance.now();
      const html = renderDocument(OverviewPage({ page, reader, countries: [country], overview, map, marks }));
      overviewRuns.push(performance.now() - at);
      parts.reads.push(read - at);
      parts.marks.push(marked - read);
      parts.map.push(mapped - marked);
      parts.render.push(performance.now() - mapped);
      // The route also reads the session: one item more.
      overviewItems.push(overview.stats.items + 1);
      overviewTrips.push(overview.rounds);
      if (html.length < 1000) throw new Error('the overview did not render');
      at = performance.now();
      const queue = await loadQueue(deps, scope, country);
      renderDocument(QueuePage({ page, reader, countries: [country], country, queue, now: new Date() }));
      queueRuns.push(performance.now() - at);
      queueItems.push(queue.stats.items + 1);
    }
    const partsMs = Object.fromEntries(
      Object.entries(parts).map(([name, values]) => [name, Number(median(values).toFixed(1))]),
    );
    log(`overview parts (median ms): ${JSON.stringify(partsMs)}`);
    log(
      `overview: median ${median(overviewRuns).toFixed(1)} ms (p95 ${p95(overviewRuns).toFixed(1)}), ${median(overviewItems)} items; queue: median ${median(queueRuns).toFixed(1)} ms, ${median(queueItems)} items`,
    );

    // 10,000 changes written to the table, their stream records as Lambda delivers them.
    const changes: { newItem: Record<string, unknown>; oldItem?: Record<string, unknown> }[] = [];
    for (let i = 0; i < CHANGES; i++) {
      const kind = i % 4;
      const at = new Date().toISOString();
      if (kind === 0) {
        const [fresh] = generateRequests(rng, 1, `n${i}-`);
        if (fresh) changes.push({ newItem: requestItem({ ...fresh, confirmedAt: at }) });
      } else if (kind === 1) {
        const request = requests[i] as RequestRecord;
        changes.push({
          oldItem: requestItem(request),
          newItem: requestItem({ ...request, status: 'withdrawn', version: request.version + 1 }),
        });
      } else if (kind === 2) {
        const offer = offers[i] as OfferRecord;
        changes.push({
          oldItem: offerItem(offer),
          newItem: offerItem({ ...offer, status: 'closed', version: offer.version + 1 }),
        });
      } else {
        const request = requests[i] as RequestRecord;
        changes.push({
          oldItem: requestItem(request),
          newItem: requestItem({ ...request, status: 'placed', placedAt: at, version: request.version + 1 }),
        });
      }
    }
    started = performance.now();
    await writeAll(
      deps,
      changes.map((change) => change.newItem),
    );
    log(`${changes.length} changes written in ${ms(started)} ms`);
    const records: DynamoDBRecord[] = changes.map((change, i) => ({
      eventID: `bench-${i}`,
      eventName: change.oldItem ? 'MODIFY' : 'INSERT',
      dynamodb: {
        SequenceNumber: String(i + 1).padStart(21, '0'),
        NewImage: streamImage(change.newItem),
        ...(change.oldItem ? { OldImage: streamImage(change.oldItem) } : {}),
      },
    }));
    const counter = createOverviewCounter(deps);
    const deliver = async (offset: number) => {
      const size = CONSUMER_WIRING.overview.batchSize;
      const at = performance.now();
      const shifted = [...records.slice(offset), ...records.slice(0, offset)];
      for (let i = 0; i < shifted.length; i += size) {
        const response = await counter({ Records: shifted.slice(i, i + size) });
        if (response.batchItemFailures.length > 0) throw new Error('a batch failed');
      }
      return ms(at);
    };
    const firstMs = await deliver(0);
    const secondMs = await deliver(37);
    started = performance.now();
    const fresh = await recomputeCounters(deps);
    const recomputeMs = ms(started);
    const stored = await storedCounters(deps, fresh.keys());
    const equal = sameCounters(stored, fresh);
    log(
      `stream: ${records.length} records in ${firstMs} ms, again in ${secondMs} ms; counters equal the rebuild: ${equal}`,
    );

    const result = {
      at: new Date().toISOString(),
      records: {
        open: offers.length + requests.length,
        history: placed.length + closed.length + proposals.length,
      },
      country: { code: country, openRecords: openInCountry },
      overview: {
        medianMs: Number(median(overviewRuns).toFixed(1)),
        p95Ms: Number(p95(overviewRuns).toFixed(1)),
        itemsRead: median(overviewItems),
        roundTrips: median(overviewTrips),
        ratioToQueue: Number((median(overviewRuns) / median(queueRuns)).toFixed(2)),
        partsMedianMs: partsMs,
      },
      queueBaseline: { medianMs: Number(median(queueRuns).toFixed(1)), itemsRead: median(queueItems) },
      rebuild: { ms: rebuildMs, countries: rebuilt.countries, recomputeAfterStreamMs: recomputeMs },
      blockers: {
        openRequests: waiting,
        before: {
          readAgainMs,
          itemsReadAgain: blockerStats.items,
          checkPairMs,
          totalMs: readAgainMs + checkPairMs,
        },
        now: { ms: blockersMs, itemsRead: 0 },
      },
      stream: {
        records: records.length,
        firstDeliveryMs: firstMs,
        secondDeliveryMs: secondMs,
        countersEqualRebuild: equal,
      },
    };
    console.log(JSON.stringify(result, null, 2));
    if (process.env.BENCH_OUT)
      writeFileSync(
        new URL(`./results/${process.env.BENCH_OUT}`, import.meta.url),
        `${JSON.stringify(result, null, 2)}\n`,
      );
    if (!equal) process.exitCode = 1;
  } finally {
    await bench.stop(1000);
  }
}

await main();
