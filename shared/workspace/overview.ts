import { type Blockers, readOverview } from '../data/overview.ts';
import { newReadStats, type ReadStats } from '../data/query.ts';
import type { Deps } from '../deps.ts';
import { type CoordinatorScope, inScope } from '../domain/coordinator-scope.ts';
import { dayInCountry } from '../domain/country-day.ts';
import { NotFound } from '../domain/errors.ts';
import { dateOf, dayOf } from '../domain/matching/nights.ts';
import { ANYWHERE, citiesOf, type DayFigures, daysOf, type Figures, figuresOf } from '../domain/overview.ts';
import { storedPlaceCentre } from '../places/gazetteer.ts';

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
  /** Round trips to the table, one after another (each asks for its items at once). */
  readonly rounds: number;
}

/** The months (YYYY-MM) from the one of `from` to the one of `to`, both YYYY-MM-DD. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let day = dayOf(from); ; ) {
    const month = dateOf(day).slice(0, 7);
    months.push(month);
    if (month >= to.slice(0, 7)) return months;
    day = dayOf(`${month}-28`) + 4;
  }
}

/**
 * The busiest cities of each country at the last view, per process: the page reads their items
 * in the same round trip as the TOTAL item that ranks them, and only a city that has since
 * climbed into the rows costs a second one. The ranking moves slowly, so a warm view is one round.
 */
const lastBusiest = new Map<string, readonly string[]>();

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
  const now = deps.now().toISOString();
  const today = now.slice(0, 10);
  const tonight = dayInCountry(now, country);
  const from = dateOf(dayOf(today) - HISTORY_DAYS + 1);
  const months = monthsBetween(from, today);
  const guessed = lastBusiest.get(country) ?? [];
  const read = await readOverview(
    deps,
    country,
    { total: true, blockers: true, months, cities: guessed },
    stats,
  );
  const ranked = citiesOf(read.total ?? {});
  const busiestNames = ranked.slice(0, CITY_ROWS).map((city) => city.city);
  lastBusiest.set(country, busiestNames);
  const missing = busiestNames.filter((name) => !guessed.includes(name));
  const cityItems = new Map(read.cities);
  let rounds = 1;
  if (missing.length > 0) {
    rounds++;
    const more = await readOverview(
      deps,
      country,
      { total: false, blockers: false, months: [], cities: missing },
      stats,
    );
    for (const [name, counters] of more.cities) cityItems.set(name, counters);
  }
  const busiest = ranked
    .slice(0, CITY_ROWS)
    .map((city) => ({ ...city, figures: figuresOf(cityItems.get(city.city) ?? {}, today, tonight) }));
  return {
    country,
    today,
    figures: figuresOf(read.total ?? {}, today, tonight),
    cities: [...busiest, ...ranked.slice(CITY_ROWS)],
    days: daysOf(read.months, from, today),
    blockers: read.blockers,
    stats,
    rounds,
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
    centres.set(key, (await storedPlaceCentre(country, city)) ?? null);
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
