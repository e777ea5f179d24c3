import { type Blockers, cityCounters, getBlockers, getCounters, monthCounters } from '../data/overview.ts';
import { newReadStats, type ReadStats } from '../data/query.ts';
import type { Deps } from '../deps.ts';
import { type CoordinatorScope, inScope } from '../domain/coordinator-scope.ts';
import { NotFound } from '../domain/errors.ts';
import { dateOf, dayOf } from '../domain/matching/nights.ts';
import { ANYWHERE, citiesOf, type DayFigures, daysOf, type Figures, figuresOf } from '../domain/overview.ts';
import { resolveCity } from '../places/gazetteer.ts';

/** Days of intake and placements the charts show. */
export const HISTORY_DAYS = 56;
/** Cities with their own row of figures (the busiest); the map and the supply chart show all. */
export const CITY_ROWS = 12;

export interface CityOverview {
  readonly city: string;
  readonly waitingPeople: number;
  readonly beds: number;
  /** The full figures of the busiest cities; the others have only the two numbers above. */
  readonly figures?: Figures;
}

export interface CountryOverview {
  readonly country: string;
  readonly today: string;
  readonly figures: Figures;
  readonly cities: readonly CityOverview[];
  readonly days: readonly DayFigures[];
  readonly blockers: Blockers | undefined;
  readonly stats: ReadStats;
}

/**
 * One country at a glance, read from its counter items only: the TOTAL item, the month items
 * of the charted days, the busiest cities' items and the sweep's BLOCKERS item; never a record.
 */
export async function loadOverview(
  deps: Deps,
  scope: CoordinatorScope,
  country: string,
): Promise<CountryOverview> {
  if (!inScope(scope, country)) throw new NotFound('There is nothing at this address.');
  const stats = newReadStats();
  const today = deps.now().toISOString().slice(0, 10);
  const from = dateOf(dayOf(today) - HISTORY_DAYS + 1);
  const [total, months, blockers] = await Promise.all([
    getCounters(deps, country, 'TOTAL', stats),
    monthCounters(deps, country, from.slice(0, 7), today.slice(0, 7), stats),
    getBlockers(deps, country, stats),
  ]);
  const ranked = citiesOf(total ?? {});
  const busiest = await Promise.all(
    ranked.slice(0, CITY_ROWS).map(async (city) => {
      const counters = await cityCounters(deps, country, city.city, stats);
      return { ...city, figures: figuresOf(counters ?? {}, today) };
    }),
  );
  return {
    country,
    today,
    figures: figuresOf(total ?? {}, today),
    cities: [...busiest, ...ranked.slice(CITY_ROWS)],
    days: daysOf(months, from, today),
    blockers,
    stats,
  };
}

export interface CityMark {
  readonly city: string;
  readonly lat: number;
  readonly lon: number;
  readonly waitingPeople: number;
  readonly beds: number;
}

/**
 * Where each stored city name lies, once per process: the gazetteer is fixed, and a name it does
 * not know would otherwise cost a search for suggestions on every view.
 */
const centres = new Map<string, { lat: number; lon: number } | null>();

async function centreOf(country: string, city: string) {
  const key = `${country}|${city}`;
  if (!centres.has(key)) {
    const place = await resolveCity(country, city);
    centres.set(key, 'lat' in place ? { lat: place.lat, lon: place.lon } : null);
  }
  return centres.get(key) ?? null;
}

/** The cities on the map: each where the gazetteer puts its centre (never an address). */
export async function cityMarks(overview: CountryOverview): Promise<CityMark[]> {
  const marks = await Promise.all(
    overview.cities
      .filter((city) => city.city !== ANYWHERE)
      .map(async (city) => {
        const centre = await centreOf(overview.country, city.city);
        return centre
          ? [{ city: city.city, ...centre, waitingPeople: city.waitingPeople, beds: city.beds }]
          : [];
      }),
  );
  return marks.flat();
}
