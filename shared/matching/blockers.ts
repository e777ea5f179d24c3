import { putBlockers } from '../data/overview.ts';
import type { ReadStats } from '../data/query.ts';
import type { Deps } from '../deps.ts';
import { blockersOf } from '../domain/overview-blockers.ts';
import { todayOf } from '../domain/retention.ts';
import { openOffersOfCountry, openRequestsOfCountry } from './candidates.ts';

/**
 * After the sweep has matched a country: why each request still open waits, per city, kept as
 * the country's BLOCKERS item for the overview page (which then reads one item, not the pool).
 */
export async function recordBlockers(deps: Deps, country: string, stats: ReadStats): Promise<number> {
  const requests = await openRequestsOfCountry(deps, country, stats);
  const offers = await openOffersOfCountry(deps, country, stats);
  const cities = blockersOf(requests, offers, todayOf(deps.now()));
  await putBlockers(deps, country, { at: deps.now().toISOString(), cities });
  return requests.length;
}
