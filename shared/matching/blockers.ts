import { putBlockers } from '../data/overview.ts';
import type { Deps } from '../deps.ts';
import { todayIn } from '../domain/country-day.ts';
import { blockersOf, type WaitingPool } from '../domain/overview-blockers.ts';
import { cityOf } from '../places/gazetteer.ts';

/**
 * After the sweep has matched a country: why each request it left waiting waits, per city
 * (a district under its city), from the pool the sweep solved, kept as the country's BLOCKERS
 * item for the overview page (which then reads one item, not the pool).
 */
export async function recordBlockers(deps: Deps, country: string, pool: WaitingPool): Promise<void> {
  const cities = blockersOf(pool, todayIn(country, deps.now()), (city) => cityOf(country, city));
  await putBlockers(deps, country, { at: deps.now().toISOString(), cities });
}
