import { cellOf } from '../domain/geo.ts';
import { CITY_ALIASES } from './aliases.ts';
import { foldName, transliterate } from './normalise.ts';

/**
 * City names → coordinates, offline. The data (cities.generated.ts, ~0.9 MB) is imported only
 * when a place is first looked up, and each country's part is split into an index only when
 * that country is first asked about, so a cold start that never touches places pays nothing.
 */
export interface Place {
  /** The GeoNames name we store, whatever spelling the person typed. */
  readonly name: string;
  readonly country: string;
  readonly lat: number;
  readonly lon: number;
  readonly cell: string;
}

export type CityResolution = Place | { readonly suggestions: readonly string[] };

interface Entry {
  readonly name: string;
  readonly key: string;
  readonly lat: number;
  readonly lon: number;
}

interface CountryIndex {
  /** Most populous first: the order completion and suggestions prefer. */
  readonly entries: readonly Entry[];
  readonly byKey: ReadonlyMap<string, number>;
  /** Folded alias → index of its entry; also searched by completion and suggestions. */
  readonly aliases: ReadonlyMap<string, number>;
}

const MAX_SUGGESTIONS = 5;
const indexes = new Map<string, CountryIndex | null>();
let data: Promise<Readonly<Record<string, string>>> | undefined;

const loadData = () => {
  data ??= import('./cities.generated.ts').then((module) => module.CITY_DATA);
  return data;
};

function buildIndex(packed: string, country: string): CountryIndex {
  const entries: Entry[] = [];
  const byKey = new Map<string, number>();
  for (const record of packed.split('|')) {
    const [name = '', lat = '0', lon = '0'] = record.split(';');
    const key = foldName(name);
    byKey.set(key, entries.length);
    entries.push({ name, key, lat: Number(lat) / 100, lon: Number(lon) / 100 });
  }
  const aliases = new Map<string, number>();
  for (const [alias, target] of Object.entries(CITY_ALIASES[country] ?? {})) {
    const at = byKey.get(foldName(target));
    if (at !== undefined) aliases.set(foldName(alias), at);
  }
  return { entries, byKey, aliases };
}

async function countryIndex(country: string): Promise<CountryIndex | null> {
  const code = country.trim().toUpperCase();
  const known = indexes.get(code);
  if (known !== undefined) return known;
  const packed = (await loadData())[code];
  const index = packed === undefined ? null : buildIndex(packed, code);
  indexes.set(code, index);
  return index;
}

/** The keys a typed name may stand for: as typed, then as a Latin spelling of Cyrillic. */
function candidateKeys(name: string): string[] {
  const keys = [foldName(name), foldName(transliterate(name))].filter(Boolean);
  return [...new Set(keys)];
}

function lookup(index: CountryIndex, name: string): Entry | undefined {
  for (const key of candidateKeys(name)) {
    const at = index.aliases.get(key) ?? index.byKey.get(key);
    if (at !== undefined) return index.entries[at];
  }
  return undefined;
}

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

function suggest(index: CountryIndex, name: string): string[] {
  const keys = candidateKeys(name);
  const scored: { at: number; score: number }[] = [];
  const consider = (key: string, at: number) => {
    let best = Number.POSITIVE_INFINITY;
    for (const typed of keys) {
      const limit = Math.max(2, Math.floor(typed.length / 3));
      const d = distance(typed, key, limit);
      if (d <= limit) best = Math.min(best, d);
    }
    if (best !== Number.POSITIVE_INFINITY) scored.push({ at, score: best });
  };
  for (const [at, entry] of index.entries.entries()) consider(entry.key, at);
  for (const [key, at] of index.aliases) consider(key, at);
  scored.sort((a, b) => a.score - b.score || a.at - b.at);
  const names = scored.map(({ at }) => index.entries[at]?.name ?? '').filter(Boolean);
  return [...new Set(names)].slice(0, MAX_SUGGESTIONS);
}

/**
 * Resolves what a person typed to a place in the given country (any case or diacritics, our
 * aliases, Cyrillic), or says which known names are nearest to it.
 */
export async function resolveCity(country: string, name: string): Promise<CityResolution> {
  const index = await countryIndex(country);
  if (!index || name.length > 200) return { suggestions: [] };
  const entry = lookup(index, name);
  if (!entry) return { suggestions: suggest(index, name) };
  return {
    name: entry.name,
    country: country.trim().toUpperCase(),
    lat: entry.lat,
    lon: entry.lon,
    cell: cellOf(entry),
  };
}

/** Names for completion as a person types: prefix matches first, then word starts, populous first. */
export async function completeCity(country: string, prefix: string, limit = 8): Promise<string[]> {
  const index = await countryIndex(country);
  const keys = candidateKeys(prefix.slice(0, 100));
  if (!index || keys.length === 0) return [];
  const found = new Set<number>();
  const starts = (key: string) => keys.some((typed) => key.startsWith(typed));
  const wordStarts = (key: string) => keys.some((typed) => key.includes(` ${typed}`));
  for (const pass of [starts, wordStarts]) {
    for (let at = 0; at < index.entries.length && found.size < limit; at++) {
      if (pass((index.entries[at] as Entry).key)) found.add(at);
    }
    for (const [alias, at] of index.aliases) if (found.size < limit && pass(alias)) found.add(at);
  }
  return [...found].slice(0, limit).map((at) => (index.entries[at] as Entry).name);
}

/** True once the place data has been imported: the benchmark and tests look at cold-start cost. */
export const gazetteerLoaded = () => data !== undefined;
