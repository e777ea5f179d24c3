import {
  countriesWithCounters,
  everyCountedRecord,
  finishRebuild,
  replaceCounterItems,
  storedCounterItems,
  type TableOnly,
  takeRebuildLock,
} from '../data/overview.ts';
import { addInto, type Counters, contributionOf, splitTallyKey, type Tally } from '../domain/overview.ts';
import { cityOf } from '../places/gazetteer.ts';

/** Counter items by country, then by sk. */
export type CounterItems = Map<string, Map<string, Counters>>;

/**
 * What the counters should hold: the contributions of every stored record, added up. An approved
 * stay counts as held only while its offer is open, so proposals are added once every offer's
 * status is known.
 */
export async function recomputeCounters(deps: TableOnly): Promise<CounterItems> {
  return (await recount(deps, undefined)).counters;
}

async function recount(deps: TableOnly, since: string | undefined) {
  const sum: Tally = new Map();
  const open = new Set<string>();
  const proposals: Record<string, unknown>[] = [];
  let changedSince = 0;
  for await (const item of everyCountedRecord(deps)) {
    if (since !== undefined && typeof item.updatedAt === 'string' && item.updatedAt >= since) changedSince++;
    if (item.kind === 'proposal') proposals.push(item);
    else addInto(sum, contributionOf(item, cityOf));
    if (item.kind === 'offer' && item.status === 'open') open.add(String(item.id));
  }
  for (const proposal of proposals)
    addInto(
      sum,
      contributionOf(proposal, cityOf, (id) => open.has(id)),
    );
  const counters: CounterItems = new Map();
  for (const [key, values] of sum) {
    const { country, sk } = splitTallyKey(key);
    const items = counters.get(country) ?? new Map<string, Counters>();
    items.set(sk, Object.fromEntries(values));
    counters.set(country, items);
  }
  return { counters, changedSince };
}

/** A counter item without its zeros (a stream-fed item keeps a counter that went back to 0). */
const nonZero = (counters: Counters): Counters =>
  Object.fromEntries(Object.entries(counters).filter(([, value]) => value !== 0));

/** The stored counters of these countries, zeros and empty items left out, to compare with a recomputation. */
export async function storedCounters(deps: TableOnly, countries: Iterable<string>): Promise<CounterItems> {
  const byCountry: CounterItems = new Map();
  for (const country of countries) {
    const items = new Map<string, Counters>();
    for (const [sk, counters] of await storedCounterItems(deps, country)) {
      const kept = nonZero(counters);
      if (Object.keys(kept).length > 0) items.set(sk, kept);
    }
    if (items.size > 0) byCountry.set(country, items);
  }
  return byCountry;
}

/** How long a rebuild may hold its lock: one that crashed lets the stream consumer go on after it. */
const REBUILD_LOCK_MS = 2 * 3_600_000;

/** Another rebuild holds the lock. */
export class RebuildAlreadyRunning extends Error {
  override readonly name = 'RebuildAlreadyRunning';
}

/**
 * `npm run overview:rebuild`: recomputes every country's counters from the records and stores
 * them, replacing what the stream built. Offline (it scans the table); run it when the stream
 * consumer was off or after a change to what is counted. Safe beside the live consumer: it
 * holds a lock the consumer's writes check (they wait in the stream meanwhile, nothing is
 * overwritten), and the consumer then leaves out the records written before the rebuild began
 * reading (the rebuilt counters hold them). A record changed while it reads may be counted
 * twice: `changedWhileReading` says how many were; run it again at a quieter moment if any.
 */
export async function rebuildCounters(
  deps: TableOnly,
  now: () => Date = () => new Date(),
): Promise<{ countries: number; itemsDiffering: number; changedWhileReading: number }> {
  const startedAt = now();
  if (!(await takeRebuildLock(deps, startedAt, new Date(startedAt.getTime() + REBUILD_LOCK_MS))))
    throw new RebuildAlreadyRunning('Another overview rebuild is running.');
  const { counters: fresh, changedSince } = await recount(deps, startedAt.toISOString());
  const countries = new Set([...fresh.keys(), ...(await countriesWithCounters(deps))]);
  const stored = await storedCounters(deps, countries);
  let itemsDiffering = 0;
  for (const country of countries) {
    const want = fresh.get(country) ?? new Map<string, Counters>();
    const have = stored.get(country) ?? new Map<string, Counters>();
    for (const sk of new Set([...want.keys(), ...have.keys()]))
      if (JSON.stringify(sorted(want.get(sk))) !== JSON.stringify(sorted(have.get(sk)))) itemsDiffering++;
    await replaceCounterItems(deps, country, want);
  }
  await finishRebuild(deps, startedAt);
  return { countries: countries.size, itemsDiffering, changedWhileReading: changedSince };
}

const sorted = (counters: Counters | undefined) =>
  Object.entries(counters ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
