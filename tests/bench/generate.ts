import { cellOf } from '../../shared/domain/geo.ts';
import { dateOf, dayOf } from '../../shared/domain/matching/nights.ts';
import type { HostHousehold, OfferRecord, RequestRecord } from '../../shared/domain/records.ts';

/**
 * Seeded pools that look like the ones Haven serves: hosts and seekers clustered in the big
 * cities of a few countries (and the towns around them), families of one to six, flats of one to
 * eight beds, and the share of pets, children, step-free needs and safety requests such groups see.
 */

/** mulberry32: small, fast and good enough for reproducible benchmark data. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface City {
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  readonly weight: number;
}

const COUNTRIES: Record<string, { language: string; cities: City[] }> = {
  DE: {
    language: 'de',
    cities: [
      { name: 'Berlin', lat: 52.52, lon: 13.405, weight: 10 },
      { name: 'Hamburg', lat: 53.551, lon: 9.994, weight: 6 },
      { name: 'München', lat: 48.137, lon: 11.575, weight: 6 },
      { name: 'Köln', lat: 50.938, lon: 6.96, weight: 5 },
      { name: 'Frankfurt', lat: 50.11, lon: 8.682, weight: 4 },
      { name: 'Stuttgart', lat: 48.776, lon: 9.183, weight: 4 },
      { name: 'Leipzig', lat: 51.34, lon: 12.373, weight: 3 },
      { name: 'Dresden', lat: 51.05, lon: 13.738, weight: 3 },
      { name: 'Hannover', lat: 52.376, lon: 9.732, weight: 3 },
      { name: 'Nürnberg', lat: 49.452, lon: 11.077, weight: 2 },
    ],
  },
  PL: {
    language: 'pl',
    cities: [
      { name: 'Warszawa', lat: 52.23, lon: 21.011, weight: 8 },
      { name: 'Kraków', lat: 50.065, lon: 19.945, weight: 5 },
      { name: 'Wrocław', lat: 51.108, lon: 17.038, weight: 4 },
      { name: 'Gdańsk', lat: 54.352, lon: 18.646, weight: 3 },
      { name: 'Poznań', lat: 52.406, lon: 16.925, weight: 3 },
      { name: 'Lublin', lat: 51.246, lon: 22.568, weight: 3 },
      { name: 'Rzeszów', lat: 50.041, lon: 21.999, weight: 2 },
    ],
  },
  CZ: {
    language: 'cs',
    cities: [
      { name: 'Praha', lat: 50.075, lon: 14.437, weight: 6 },
      { name: 'Brno', lat: 49.195, lon: 16.607, weight: 3 },
      { name: 'Ostrava', lat: 49.82, lon: 18.262, weight: 2 },
      { name: 'Plzeň', lat: 49.747, lon: 13.377, weight: 1 },
    ],
  },
  TR: {
    language: 'tr',
    cities: [
      { name: 'İstanbul', lat: 41.008, lon: 28.978, weight: 10 },
      { name: 'Ankara', lat: 39.933, lon: 32.859, weight: 4 },
      { name: 'İzmir', lat: 38.423, lon: 27.142, weight: 3 },
      { name: 'Antalya', lat: 36.897, lon: 30.713, weight: 3 },
      { name: 'Bursa', lat: 40.195, lon: 29.06, weight: 2 },
    ],
  },
  MD: {
    language: 'ro',
    cities: [
      { name: 'Chișinău', lat: 47.011, lon: 28.863, weight: 3 },
      { name: 'Bălți', lat: 47.762, lon: 27.929, weight: 1 },
    ],
  },
};

const ALL_CITIES = Object.entries(COUNTRIES).flatMap(([country, { language, cities }]) =>
  cities.map((city) => ({ ...city, country, language })),
);

const BASE_DAY = dayOf('2026-03-01');
const STAMP = '2026-02-20T00:00:00.000Z';

type Rng = () => number;

function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let pick = rng() * total;
  for (const [item, weight] of items) {
    pick -= weight;
    if (pick < 0) return item;
  }
  return (items[items.length - 1] as readonly [T, number])[0];
}

const cityWeights = ALL_CITIES.map((city) => [city, city.weight] as const);
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

/** A point in the city or, for some, in a town around it (up to 40 km out). */
function placeNear(rng: Rng, city: (typeof ALL_CITIES)[number]) {
  if (rng() < 0.6) return { lat: city.lat, lon: city.lon, name: city.name };
  const km = 5 + rng() * 35;
  const angle = rng() * 2 * Math.PI;
  const lat = city.lat + (km * Math.cos(angle)) / 111.2;
  const lon = city.lon + (km * Math.sin(angle)) / (111.2 * Math.cos((city.lat * Math.PI) / 180));
  return { lat: Math.round(lat * 1e4) / 1e4, lon: Math.round(lon * 1e4) / 1e4, name: `${city.name} area` };
}

const HOUSEHOLDS: (readonly [HostHousehold, number])[] = [
  ['single_man', 12],
  ['men', 5],
  ['single_woman', 15],
  ['women', 5],
  ['couple', 25],
  ['family', 33],
  ['other', 5],
];

export interface PoolOptions {
  readonly seed: number;
  readonly requests: number;
  readonly offers: number;
  /** False gives a pure assignment pool (every offer hosts one party), for exact comparison with LAP solvers. */
  readonly multipleParties: boolean;
}

export function generateOffers(
  rng: Rng,
  count: number,
  multipleParties: boolean,
  prefix = 'o',
): OfferRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const city = weighted(rng, cityWeights);
    const place = placeNear(rng, city);
    const beds = weighted(rng, [
      [1, 10],
      [2, 25],
      [3, 20],
      [4, 18],
      [5, 10],
      [6, 8],
      [7, 4],
      [8, 5],
    ]);
    const from = BASE_DAY + int(rng, 0, 30);
    const languages = [city.language];
    if (rng() < 0.5) languages.push('en');
    if (rng() < 0.2) languages.push(rng() < 0.5 ? 'uk' : 'ru');
    return {
      id: `${prefix}${i}`,
      kind: 'offer' as const,
      status: 'open' as const,
      locale: 'en' as const,
      createdAt: STAMP,
      updatedAt: STAMP,
      version: 1,
      name: `Host ${i}`,
      email: `host${i}@bench.test`,
      languages,
      country: city.country,
      city: place.name,
      lat: place.lat,
      lon: place.lon,
      cell: cellOf(place),
      availableFrom: dateOf(from),
      ...(rng() < 0.4 ? {} : { availableTo: dateOf(from + int(rng, 14, 180)) }),
      beds,
      petsAllowed: rng() < 0.5,
      childrenAllowed: rng() < 0.8,
      stepFree: rng() < 0.2,
      multipleParties: multipleParties && beds >= 4 && rng() < 0.3,
      hostHousehold: weighted(rng, HOUSEHOLDS),
    };
  });
}

export function generateRequests(rng: Rng, count: number, prefix = 'r'): RequestRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const city = weighted(rng, cityWeights);
    const countryWide = rng() < 0.03;
    const place = placeNear(rng, city);
    const size = weighted(rng, [
      [1, 20],
      [2, 25],
      [3, 22],
      [4, 18],
      [5, 9],
      [6, 6],
    ]);
    const adults = size === 1 ? 1 : Math.max(1, Math.min(size, int(rng, 1, 3)));
    const arrival = BASE_DAY + int(rng, 0, 45);
    const first = weighted(rng, [
      ['uk', 60],
      ['ru', 30],
      ['en', 5],
      ['tr', 5],
    ]);
    const languages = [first];
    if (rng() < 0.3) languages.push('en');
    if (first === 'uk' && rng() < 0.5) languages.push('ru');
    return {
      id: `${prefix}${i}`,
      kind: 'request' as const,
      status: 'open' as const,
      locale: 'uk' as const,
      createdAt: STAMP,
      updatedAt: STAMP,
      version: 1,
      name: `Seeker ${i}`,
      email: `seeker${i}@bench.test`,
      languages,
      country: city.country,
      ...(countryWide ? {} : { city: place.name, lat: place.lat, lon: place.lon, cell: cellOf(place) }),
      maxDistanceKm: weighted(rng, [
        [30, 15],
        [50, 70],
        [100, 15],
      ]),
      arrival: dateOf(arrival),
      ...(rng() < 0.3 ? {} : { departure: dateOf(arrival + int(rng, 7, 120)) }),
      adults,
      children: size - adults,
      pets: rng() < 0.15,
      needsStepFree: rng() < 0.05,
      safeHousehold: rng() < 0.3,
    };
  });
}

/** A reproducible pool of open offers and open requests. */
export function generatePool(options: PoolOptions) {
  const rng = random(options.seed);
  const offers = generateOffers(rng, options.offers, options.multipleParties);
  const requests = generateRequests(rng, options.requests);
  return { offers, requests };
}
