import { matchNightByNight } from './night-by-night.ts';
import { type HeldBeds, stayOf } from './nights.ts';
import { type MatchOffer, type MatchRequest, partySize } from './rules.ts';
import { CandidateSearch } from './solver/candidate-search.ts';
import type { Pool } from './solver/pool.ts';

/**
 * One solve (night-by-night.ts) seats the later stays its search finds among the offers each
 * request read; a stay it did not read, on nights its proposals leave free, needs another solve
 * with those stays held. Rule 1 allows it, and "no allowed pair left unproposed" asks for it.
 * These helpers say what the next solve works on; the matcher writes each turn's proposals
 * before it solves the next.
 */

/** The pool a next solve works on once these pairs are proposed: their requests out, their stays held. */
export function poolAfter<O extends MatchOffer, R extends MatchRequest>(
  pool: Pool<O, R>,
  placed: readonly { readonly offer: number; readonly request: number }[],
): Pool<O, R> {
  const added = new Map<number, HeldBeds[]>();
  const seated = new Set<number>();
  for (const { offer, request } of placed) {
    const record = pool.requests[request] as R;
    const { offer: host } = pool.offers[offer] as Pool<O, R>['offers'][number];
    added.set(offer, [
      ...(added.get(offer) ?? []),
      { nights: stayOf(record, host), beds: partySize(record) },
    ]);
    seated.add(request);
  }
  return {
    ...pool,
    offers: pool.offers.map((entry, index) => {
      const more = added.get(index);
      return more ? { ...entry, holds: [...entry.holds, ...more] } : entry;
    }),
    requests: pool.requests.filter((_, index) => !seated.has(index)),
    declined: pool.declined,
  };
}

/**
 * The requests of a pool that some offer still allows, by every rule with the pool's holds: those
 * a next solve could still propose. One no offer allows is settled for the run, not left over:
 * only a change to the pool (an offer opened or freed, which the stream brings) can place it.
 */
export function stillPlaceable<O extends MatchOffer, R extends MatchRequest>(pool: Pool<O, R>): R[] {
  const search = new CandidateSearch(pool);
  return pool.requests.filter((_, request) => {
    const before = search.pairs.length;
    search.extend(request, 1, Number.NEGATIVE_INFINITY);
    return search.pairs.length > before;
  });
}

/**
 * The pool with only the requests some offer still allows (stillPlaceable): what a next solve
 * needs. Holds only ever take beds, so a request no offer allows before a turn's stays are held
 * is allowed by none after; no solve seats a request without an allowed pair, and one the pool
 * leaves out changes no other's (tests/unit/matching-later-stays.test.ts holds the turns to the
 * same pairs either way). In a scarce pool most of a run's requests are such after its first
 * turn, and solving them again was most of a later turn's time.
 */
export function placeableOnly<O extends MatchOffer, R extends MatchRequest, P extends Pool<O, R>>(
  pool: P,
): P {
  const kept = new Set(stillPlaceable(pool));
  return {
    ...pool,
    requests: pool.requests.filter((request) => kept.has(request)),
    leftOut: [...(pool.leftOut ?? []), ...pool.requests.filter((request) => !kept.has(request))],
  };
}

/**
 * What matching the whole pool at once places: a solve, and again with its stays held, until a
 * solve seats nobody. The reference the surge bench holds the stream's proposals against.
 */
export function matchInTurns(pool: Pool): { people: number; total: number; turns: number; exact: boolean } {
  let rest = pool;
  let people = 0;
  let total = 0;
  let exact = true;
  for (let turns = 1; ; turns++) {
    const solved = matchNightByNight(rest);
    people += solved.people;
    total += solved.total;
    exact &&= solved.exact;
    if (solved.chosen.length === 0) return { people, total, turns, exact };
    rest = poolAfter(rest, solved.chosen);
  }
}
