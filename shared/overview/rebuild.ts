import {
  countriesWithCounters,
  everyCountedRecord,
  replaceCounterItems,
  storedCounterItems,
  type TableOnly,
} from '../data/overview.ts';
import { addInto, type Counters, contributionOf, splitTallyKey, type Tally } from '../domain/overview.ts';

/** Counter items by country, then by sk. */
export type CounterItems = Map<string, Map<string, Counters>>;

/** What the counters should hold: the contributions of every stored record, added up. */
export async function recomputeCounters(deps: TableOnly): Promise<CounterItems> {
  const sum: Tally = new Map();
  for await (const item of everyCountedRecord(deps)) addInto(sum, contributionOf(item));
  const byCountry: CounterItems = new Map();
  for (const [key, counters] of sum) {
    const { country, sk } = splitTallyKey(key);
    const items = byCountry.get(country) ?? new Map<string, Counters>();
    items.set(sk, Object.fromEntries(counters));
    byCountry.set(country, items);
  }
  return byCountry;
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

/**
 * `npm run overview:rebuild`: recomputes every country's counters from the records and stores
 * them, replacing what the stream built. Offline (it scans the table); run it when the stream
 * consumer was off or after a change to what is counted. Returns what differed.
 */
export async function rebuildCounters(
  deps: TableOnly,
): Promise<{ countries: number; itemsDiffering: number }> {
  const fresh = await recomputeCounters(deps);
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
  return { countries: countries.size, itemsDiffering };
}

const sorted = (counters: Counters | undefined) =>
  Object.entries(counters ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
