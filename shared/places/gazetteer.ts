import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cellOf, distanceKm } from '../domain/geo.ts';
import type { Locale } from '../domain/records.ts';
import { foldName, soundKey, transliterate } from './normalise.ts';
import { PROVINCE_NAMES } from './provinces.ts';

/**
 * Place names → coordinates, offline. The data is two text files per country (data/TR.tsv, one
 * place a line, and data/TR.idx, its names sorted for binary search: see index-file.ts), written
 * by generate.ts from GeoNames and our reviewed districts, and read from disk the first time that
 * country is asked about: no place data is compiled into the code (but a few dozen provinces'
 * Russian and Ukrainian names, provinces.ts), so a cold start that never touches places pays
 * nothing, and one that does reads a single country and builds nothing.
 */
export interface Place {
  /**
   * The name we store and coordinators read: its English name, with its province when another
   * place shares it ("Kemer, Antalya", "Kadıköy, Istanbul"). It resolves back to the same place.
   */
  readonly name: string;
  readonly country: string;
  readonly lat: number;
  readonly lon: number;
  readonly cell: string;
}

export type CityResolution = Place | { readonly suggestions: readonly string[] };

/** One completion: the place's name in the reader's language, and where it is. */
export interface PlaceMatch {
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
}

interface Entry {
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  readonly parent: string;
  readonly labels: Readonly<Record<Locale, string>>;
  /** Folded names this place answers to: its own (local name first, then our four languages), then others. */
  readonly keys: readonly string[];
  /** How many of `keys` are its own. */
  readonly own: number;
  /** Another place in the country has the same name, so its name is shown with its province. */
  readonly shared: boolean;
}

interface CountryIndex {
  readonly code: string;
  /** The .tsv's lines, most populous first: the order homonyms, completion and suggestions prefer. */
  readonly lines: readonly string[];
  /** Each line parsed on first use. */
  readonly entries: (Entry | undefined)[];
  /** The .idx's sections, each sorted by its first field. */
  readonly names: readonly string[];
  readonly words: readonly string[];
  readonly sounds: readonly string[];
}

const MAX_SUGGESTIONS = 5;
const MAX_TYPED = 200;
const MIN_SOUND = 4;
const DATA_DIR = new URL('./data/', import.meta.url);
const indexes = new Map<string, Promise<CountryIndex | null>>();
/** The same indexes once built, for code that shows a stored name and cannot wait. */
const built = new Map<string, CountryIndex | null>();

/** Reads a country's two files into its index: splitting into lines only, nothing per name. */
function parse(code: string, tsv: string, idx: string): CountryIndex {
  const lines = tsv.split('\n').filter((line) => line !== '');
  const sections = idx.split('\n');
  const [names = 0, words = 0, sounds = 0] = (sections[0] ?? '').split('\t').map(Number);
  return {
    code,
    lines,
    entries: new Array<Entry | undefined>(lines.length),
    names: sections.slice(1, 1 + names),
    words: sections.slice(1 + names, 1 + names + words),
    sounds: sections.slice(1 + names + words, 1 + names + words + sounds),
  };
}

const keyOf = (line: string) => line.slice(0, line.indexOf('\t'));

/** The first line of a sorted section whose key is not below `key`. */
function lowerBound(section: readonly string[], key: string): number {
  let low = 0;
  let high = section.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (keyOf(section[middle] as string) < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

const atsOf = (list: string | undefined) => (list ? list.split(',').map(Number) : []);

/** A key's line in a sorted section, split into its fields; undefined when the key is not there. */
function fieldsOf(section: readonly string[], key: string): string[] | undefined {
  const line = section[lowerBound(section, key)];
  return line !== undefined && keyOf(line) === key ? line.split('\t') : undefined;
}

/** The places a folded name is a name of (their own or another), ascending. */
function named(index: CountryIndex, key: string): { own: number[]; all: number[] } {
  const fields = fieldsOf(index.names, key);
  if (!fields) return { own: [], all: [] };
  const own = atsOf(fields[1]);
  const all = [...new Set([...own, ...atsOf(fields[2])])].sort((a, b) => a - b);
  return { own, all };
}

/** The first of a line's own names, without parsing the rest of it. */
const firstOwnKey = (line: string) => (line.split('\t')[9] ?? '').split('|')[0] ?? '';

function entryAt(index: CountryIndex, at: number): Entry {
  const known = index.entries[at];
  if (known) return known;
  const line = index.lines[at] as string;
  const [name = '', lat = '0', lon = '0', , parent = '', en, tr, ru, uk, ownList = '', otherList = ''] =
    line.split('\t');
  const english = en || name;
  const ownKeys = ownList.split('|');
  const keys = otherList === '' ? ownKeys : [...ownKeys, ...otherList.split('|')];
  const first = keys[0] ?? '';
  const entry: Entry = {
    name,
    lat: Number(lat),
    lon: Number(lon),
    parent,
    labels: { en: english, tr: tr || english, ru: ru || english, uk: uk || english },
    keys,
    own: ownKeys.length,
    shared: named(index, first).all.some(
      (other) => other !== at && firstOwnKey(index.lines[other] as string) === first,
    ),
  };
  index.entries[at] = entry;
  return entry;
}

const readData = async (code: string) =>
  Promise.all([
    readFile(new URL(`${code}.tsv`, DATA_DIR), 'utf8'),
    readFile(new URL(`${code}.idx`, DATA_DIR), 'utf8'),
  ]);

async function load(code: string): Promise<CountryIndex | null> {
  try {
    const [tsv, idx] = await readData(code);
    const index = parse(code, tsv, idx);
    built.set(code, index);
    return index;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * The country's index for a page or mail being rendered: built already, or read now (one small
 * file, once per process). A read that fails leaves the stored name shown; it never fails the page.
 */
function builtIndex(country: string): CountryIndex | null {
  const code = country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return null;
  const known = built.get(code);
  if (known !== undefined) return known;
  let index: CountryIndex | null;
  try {
    index = parse(
      code,
      readFileSync(new URL(`${code}.tsv`, DATA_DIR), 'utf8'),
      readFileSync(new URL(`${code}.idx`, DATA_DIR), 'utf8'),
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return null;
    index = null;
  }
  built.set(code, index);
  if (!indexes.has(code)) indexes.set(code, Promise.resolve(index));
  return index;
}

/** The country's index, read and built once; null for a country we have no places for. */
function countryIndex(country: string): Promise<CountryIndex | null> {
  const code = country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return Promise.resolve(null);
  let index = indexes.get(code);
  if (!index) {
    index = load(code);
    indexes.set(code, index);
    // A failed read (not a missing file) is tried again by the next request.
    index.catch(() => indexes.delete(code));
  }
  return index;
}

/**
 * The place a province or city name stands for in this country, for labels and "Kemer, Antalya":
 * the place of that name before one that has it besides. Taken by population alone, the province
 * of Aksaray was İstanbul's Fatih (of which Aksaray is a quarter), and the town of Ortaköy there
 * read "Ortaköy, Fatih" to a family on its way.
 */
function parentEntry(index: CountryIndex, entry: Entry): Entry | undefined {
  const { own, all } = named(index, foldName(entry.parent));
  const at = own[0] ?? all[0];
  return at === undefined ? undefined : entryAt(index, at);
}

/**
 * Every spelling that names the entry's province or city: the parent's own, and those of the place
 * that once stood for it (parentEntry before it preferred own names), so that a name stored as
 * labelled then ("Ortaköy, Fatih") still finds its place.
 */
function parentKeys(index: CountryIndex, entry: Entry): string[] {
  const { own, all } = named(index, foldName(entry.parent));
  const parents = [...new Set([own[0], all[0]])].flatMap((at) =>
    at === undefined ? [] : [entryAt(index, at)],
  );
  const province = PROVINCE_NAMES[index.code]?.[entry.parent];
  const provinceKeys = province ? [foldName(province.ru), foldName(province.uk)] : [];
  return [...new Set([foldName(entry.parent), ...provinceKeys, ...parents.flatMap((parent) => parent.keys)])];
}

/** A province that no place's name stands for, in the reader's language where we have it (provinces.ts). */
function provinceName(index: CountryIndex, province: string, locale: Locale): string {
  const names = PROVINCE_NAMES[index.code]?.[province];
  return (locale === 'ru' || locale === 'uk' ? names?.[locale] : undefined) ?? province;
}

function label(index: CountryIndex, entry: Entry, locale: Locale): string {
  const own = entry.labels[locale];
  if (!entry.shared || entry.parent === '') return own;
  return `${own}, ${parentEntry(index, entry)?.labels[locale] ?? provinceName(index, entry.parent, locale)}`;
}

/** Does `typed` name the entry's province or city, in any of its spellings? */
function isIn(index: CountryIndex, entry: Entry, typed: string): boolean {
  if (entry.parent === '') return false;
  const keys = new Set(parentKeys(index, entry));
  const sounds = new Set([...keys].map(soundKey));
  return keys.has(foldName(typed)) || keys.has(foldName(transliterate(typed))) || sounds.has(soundKey(typed));
}

/** The places a name may stand for, best first: exact spellings, else the same sounds. */
function candidates(index: CountryIndex, name: string): { exact: number[]; sounding: readonly number[] } {
  const keys = [...new Set([foldName(name), foldName(transliterate(name))])].map((key) => named(index, key));
  const found = [...new Set(keys.flatMap((key) => key.all))].sort((a, b) => a - b);
  // A place's own name beats another place's former or foreign one: "Side" is the resort, not
  // the town of Fatsa, whose ancient name it also is.
  const owned = new Set(keys.flatMap((key) => key.own));
  const exact = [...found.filter((at) => owned.has(at)), ...found.filter((at) => !owned.has(at))];
  // Short fragments sound like too much ("an" like "Han"): only names of some length go by sound.
  const sound = soundKey(name);
  const sounding = sound.length < MIN_SOUND ? undefined : fieldsOf(index.sounds, sound);
  return { exact, sounding: atsOf(sounding?.[1]) };
}

function lookup(index: CountryIndex, typed: string): number | undefined {
  const text = typed.trim();
  const comma = text.lastIndexOf(',');
  const name = comma > 0 ? text.slice(0, comma) : text;
  const where = comma > 0 ? text.slice(comma + 1).trim() : '';
  const { exact, sounding } = candidates(index, name);
  if (where === '') return exact[0] ?? sounding[0];
  const inside = (at: number) => isIn(index, entryAt(index, at), where);
  return exact.find(inside) ?? sounding.find(inside);
}

/**
 * A district written with its city as people write it without a comma: "Kadıköy İstanbul",
 * "Kadıköy/İstanbul", "Kadıköy (İstanbul)", "İstanbul Kadıköy". Read as "Kadıköy, İstanbul", and
 * only where the name is a place's own, whole, that lies in what the other words name.
 */
function lookupWithCity(index: CountryIndex, typed: string): number | undefined {
  const text = typed.trim();
  if (text.includes(',')) return undefined;
  const bracketed = /^(.+?)\s*[/(]\s*([^/()]+?)\s*\)?$/.exec(text);
  const readings: [string, string][] = bracketed ? [[bracketed[1] ?? '', bracketed[2] ?? '']] : [];
  const words = text.split(/\s+/);
  for (let cut = 1; cut < words.length; cut++) {
    const [before, after] = [words.slice(0, cut).join(' '), words.slice(cut).join(' ')];
    readings.push([before, after], [after, before]);
  }
  for (const [name, where] of readings) {
    const found = candidates(index, name).exact.find((at) => isIn(index, entryAt(index, at), where));
    if (found !== undefined) return found;
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

/**
 * The names nearest to a text that names no place: first the places a later word of whose own
 * names it begins ("sad": Novi Sad), which it does not stand for (begun) but may well mean, then
 * the names that sound most alike.
 */
function suggest(index: CountryIndex, typed: string, locale: Locale): string[] {
  const name = typed.split(',')[0] ?? '';
  const text = name.trim();
  const begins =
    [...text].length < MIN_BEGUN
      ? []
      : [...new Set([foldName(text), foldName(transliterate(text))])].flatMap((prefix) =>
          prefix === '' ? [] : startingWith(index, prefix, MAX_SUGGESTIONS, true),
        );
  const wanted = soundKey(name);
  const scored: { at: number; score: number }[] = [];
  // "qqqqqq" sounds like "k": when most of what was typed falls away, it sounds like nothing.
  if (wanted.length >= MIN_SOUND - 1 && wanted.length * 2 >= foldName(name).replace(/ /g, '').length) {
    const limit = Math.max(2, Math.floor(wanted.length / 3));
    for (const line of index.sounds) {
      const score = distance(wanted, keyOf(line), limit);
      if (score <= limit) for (const at of atsOf(line.split('\t')[1])) scored.push({ at, score });
    }
    scored.sort((a, b) => a.score - b.score || a.at - b.at);
  }
  const names = [...begins, ...scored.map(({ at }) => at)].map((at) =>
    label(index, entryAt(index, at), locale),
  );
  return [...new Set(names)].slice(0, MAX_SUGGESTIONS);
}

function placeOf(index: CountryIndex, at: number): Place {
  const entry = entryAt(index, at);
  return {
    name: label(index, entry, 'en'),
    country: index.code,
    lat: entry.lat,
    lon: entry.lon,
    cell: cellOf(entry),
  };
}

/**
 * Resolves what a person typed to a place in the given country — any case, diacritics or script
 * (Beşiktaş, Besiktas, Бешикташ), a province after a comma to pick one of several places of a
 * name ("Kemer, Burdur") — or says, in the reader's language, which names are nearest to it.
 */
export async function resolveCity(
  country: string,
  typed: string,
  locale: Locale = 'en',
): Promise<CityResolution> {
  const index = await countryIndex(country);
  if (!index || typed.length > MAX_TYPED) return { suggestions: [] };
  const at = resolvedAt(index, typed);
  return at === undefined ? { suggestions: suggest(index, typed, locale) } : placeOf(index, at);
}

/**
 * The place a typed text stands for, as the form stores it and completion lists it first: a name
 * read whole, else a district written with its city ("Kadıköy İstanbul"), else the beginning of a name.
 */
const resolvedAt = (index: CountryIndex, typed: string): number | undefined =>
  lookup(index, typed) ?? lookupWithCity(index, typed) ?? begun(index, typed.trim());

/** Where a stored place lies: its name read whole, as stored (no beginning of a name stands for one). */
export async function storedPlaceCentre(
  country: string,
  stored: string,
): Promise<{ lat: number; lon: number } | undefined> {
  const index = await countryIndex(country);
  const at = index && stored.length <= MAX_TYPED ? lookup(index, stored) : undefined;
  if (!index || at === undefined) return undefined;
  const entry = entryAt(index, at);
  return { lat: entry.lat, lon: entry.lon };
}

/** Farther than this from where a stored place lies, the place its name resolves to is another one. */
const SAME_PLACE_KM = 0.5;

/**
 * The name a stored place must now be stored under, when a place added to the gazetteer since
 * took the name it was stored with: a record stored as "Levent" when that was only the village
 * near Malatya lies there, but "Levent" now resolves to Istanbul's neighbourhood, so it becomes
 * "Levent, Malatya", which resolves back to where it lies. Undefined when its name still resolves
 * to where it lies, or names no place of the country at that spot (nothing to rename it to).
 */
export async function renamedPlace(
  country: string,
  stored: string,
  where: { lat: number; lon: number },
): Promise<string | undefined> {
  const index = await countryIndex(country);
  if (!index || stored.length > MAX_TYPED) return undefined;
  const at = lookup(index, stored);
  if (at === undefined || distanceKm(entryAt(index, at), where) <= SAME_PLACE_KM) return undefined;
  const comma = stored.lastIndexOf(',');
  const { exact } = candidates(index, comma > 0 ? stored.slice(0, comma) : stored);
  const lying = exact.find((other) => distanceKm(entryAt(index, other), where) <= SAME_PLACE_KM);
  if (lying === undefined) return undefined;
  const name = label(index, entryAt(index, lying), 'en');
  return lookup(index, name) === lying ? name : undefined;
}

/**
 * A stored place's name (the English one resolveCity gave, "Kadıköy, Istanbul") as a reader of
 * `locale` reads it ("Кадыкёй, Стамбул"). A name that is not exactly a place we know (typed
 * before the gazetteer, or from a country we have no places for) is shown as it was stored.
 */
export function placeName(country: string, stored: string, locale: Locale): string {
  const index = builtIndex(country);
  if (!index || stored.length > MAX_TYPED) return stored;
  const at = lookup(index, stored);
  if (at === undefined) return stored;
  const entry = entryAt(index, at);
  const known = label(index, entry, 'en') === stored || entry.labels.en === stored || entry.name === stored;
  return known ? label(index, entry, locale) : stored;
}

/**
 * How far from the centre of the city it belongs to a place may lie and still count as part of
 * that city in per-city figures: the matcher's default reach, so a district whose requests a
 * host in the centre would be offered counts with the centre.
 */
const WITHIN_CITY_KM = 50;

const cities = new Map<string, string>();

/**
 * The city a stored place counts under in per-city figures: a district ("Kadıköy, Istanbul",
 * "Beşiktaş") or a town near the city it belongs to, under that city's stored name; any other
 * place (and a name we do not know) under its own.
 */
export function cityOf(country: string, stored: string): string {
  const key = `${country}|${stored}`;
  let city = cities.get(key);
  if (city === undefined) {
    city = stored;
    const index = builtIndex(country);
    const at = index && stored.length <= MAX_TYPED ? lookup(index, stored) : undefined;
    if (index && at !== undefined) {
      const entry = entryAt(index, at);
      const parent = entry.parent === '' ? undefined : parentEntry(index, entry);
      if (parent && label(index, entry, 'en') === stored && distanceKm(entry, parent) <= WITHIN_CITY_KM)
        city = label(index, parent, 'en');
    }
    cities.set(key, city);
  }
  return city;
}

/** The places of the names (or words of names) in a sorted section that start with `prefix`. */
function prefixed(section: readonly string[], prefix: string, own: Set<number>, other: Set<number>) {
  for (let i = lowerBound(section, prefix); i < section.length; i++) {
    const fields = (section[i] as string).split('\t');
    if (!(fields[0] as string).startsWith(prefix)) break;
    for (const at of atsOf(fields[1])) own.add(at);
    for (const at of atsOf(fields[2])) other.add(at);
  }
}

/**
 * Places with a name that starts with `prefix`, or has a word that does, most populous first:
 * their own names (a place's name and its names in our four languages), then, unless `ownOnly`,
 * the others GeoNames gives them.
 */
function startingWith(index: CountryIndex, prefix: string, limit: number, ownOnly = false): number[] {
  const own = new Set<number>();
  const other = new Set<number>();
  prefixed(index.names, prefix, own, other);
  prefixed(index.words, prefix, own, other);
  const found = [...own].sort((a, b) => a - b).slice(0, limit);
  if (ownOnly) return found;
  const others = [...other].filter((at) => !own.has(at)).sort((a, b) => a - b);
  return [...found, ...others].slice(0, limit);
}

/** The shortest beginning of a name that completion lists places for. */
const MIN_COMPLETED = 2;

/**
 * The shortest beginning of a place's own name (its name or its name in one of our four
 * languages, not a later word of it nor a name GeoNames gives it besides) that stands for the
 * place: "kad" for Kadıköy. Shorter ones, and "yok" or "no" typed for "none" (former names,
 * words), would put a person in a place they never named.
 */
const MIN_BEGUN = 3;

/**
 * The place a beginning of its own name stands for, most populous first ("kad": Kadıköy,
 * Istanbul), or, after a comma, the place of that name in the province that starts with what
 * follows ("Kemer, Bu"): what completion lists first for a text that names no place whole, and
 * so what a form sent with that text stores.
 */
function begun(index: CountryIndex, text: string): number | undefined {
  if ([...text].length < MIN_BEGUN) return undefined;
  if (text.lastIndexOf(',') > 0) return completions(index, text, 1)[0];
  // As typed and transliterated alike: "Ист" begins İstanbul's Latin name and İstinye's Russian one.
  const own = new Set<number>();
  for (const prefix of new Set([foldName(text), foldName(transliterate(text))])) {
    if (prefix !== '') prefixed(index.names, prefix, own, new Set());
  }
  // The lowest index is the most populous; a short prefix may start thousands of names.
  let first: number | undefined;
  for (const at of own) if (first === undefined || at < first) first = at;
  return first;
}

/**
 * The places whose names (or a word of them) start with what was typed, most populous first, or,
 * after a comma, the places of that name in a province that starts with what follows it.
 */
function completions(index: CountryIndex, text: string, limit: number): number[] {
  if ([...text].length < MIN_COMPLETED) return [];
  const found: number[] = [];
  const comma = text.lastIndexOf(',');
  if (comma > 0) {
    const where = text.slice(comma + 1).trim();
    const { exact, sounding } = candidates(index, text.slice(0, comma));
    for (const at of [...exact, ...sounding]) {
      const keys = parentKeys(index, entryAt(index, at));
      if (keys.some((key) => key.startsWith(foldName(where)))) found.push(at);
    }
  } else {
    for (const prefix of new Set([foldName(text), foldName(transliterate(text))])) {
      if (prefix !== '') found.push(...startingWith(index, prefix, limit));
    }
  }
  return found;
}

/**
 * Places for completion as a person types, names in the reader's language: first the place the
 * text resolves to as it stands (resolvedAt), which is what
 * submitting the form with that text stores (resolveCity), then names and words of names that
 * start with it, most populous first; none for a text that does not resolve. A place shared by
 * several names shows its province.
 */
export async function completeCity(
  country: string,
  typed: string,
  locale: Locale,
  limit = 8,
): Promise<PlaceMatch[]> {
  const index = await countryIndex(country);
  const text = typed.trim().slice(0, 100);
  if (!index || text === '') return [];
  const resolved = resolvedAt(index, text);
  // The first place listed is what the form stores for the text (PRODUCT's places contract), so a
  // text the form refuses ("an", a later word of a name) lists none: the form's error suggests.
  if (resolved === undefined) return [];
  const found = [resolved, ...completions(index, text, limit)];
  const places: PlaceMatch[] = [];
  const seen = new Set<number>();
  for (const at of found) {
    if (seen.has(at)) continue;
    seen.add(at);
    const entry = entryAt(index, at);
    places.push({ name: label(index, entry, locale), lat: entry.lat, lon: entry.lon });
    if (places.length === limit) break;
  }
  return places;
}
