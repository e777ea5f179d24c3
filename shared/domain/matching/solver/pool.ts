import type { HeldBeds } from '../nights.ts';
import { type MatchOffer, type MatchRequest, partySize } from '../rules.ts';

/** An open offer as the matcher sees it: the record and the beds its proposals hold. */
export interface PoolOffer<O extends MatchOffer = MatchOffer> {
  readonly offer: O;
  readonly holds: readonly HeldBeds[];
}

/** What one matching run works on: the open offers and requests, and the pairs declined before. */
export interface Pool<O extends MatchOffer = MatchOffer, R extends MatchRequest = MatchRequest> {
  readonly offers: readonly PoolOffer<O>[];
  readonly requests: readonly R[];
  /** Pairs declined before (rule 6), as `${requestId}|${offerId}`. */
  readonly declined: ReadonlySet<string>;
  /**
   * Requests no offer allows, left out of `requests` (later-stays.ts, placeableOnly): no solve
   * seats them, but the solver's size limits and weights count them (countedOf), so the pool
   * without them chooses exactly the pairs the pool with them would.
   */
  readonly leftOut?: readonly R[];
}

/** The requests and people a solve of this pool counts in its size limits and weights: its own and those left out. */
export function countedOf(pool: Pool): { requests: number; people: number } {
  const people = (requests: readonly MatchRequest[]) =>
    requests.reduce((sum, request) => sum + partySize(request), 0);
  const leftOut = pool.leftOut ?? [];
  return {
    requests: pool.requests.length + leftOut.length,
    people: people(pool.requests) + people(leftOut),
  };
}

export const pairKey = (requestId: string, offerId: string) => `${requestId}|${offerId}`;

/** A pair that keeps every hard rule on its own, with what the solver needs (kept small: pools have millions). */
export interface CandidatePair {
  readonly request: number;
  readonly offer: number;
  readonly score: number;
  /** Beds the offer has left on the nights of this request's stay. */
  readonly remaining: number;
}

/** One country's part of a pool, and where its offers and requests sit in the whole. */
export interface CountryPart<O extends MatchOffer, R extends MatchRequest> {
  readonly pool: Pool<O, R>;
  readonly offers: readonly number[];
  readonly requests: readonly number[];
}

/**
 * The pool split by country, each part with both offers and requests: no pair crosses a border
 * (rule 4), so each is matched alone, with structures the size of one country.
 */
export function countriesOf<O extends MatchOffer, R extends MatchRequest>(
  pool: Pool<O, R>,
): CountryPart<O, R>[] {
  const countries = new Map<string, { offers: number[]; requests: number[] }>();
  const partOf = (country: string) => {
    let part = countries.get(country);
    if (!part) {
      part = { offers: [], requests: [] };
      countries.set(country, part);
    }
    return part;
  };
  pool.requests.forEach((request, index) => {
    partOf(request.country).requests.push(index);
  });
  pool.offers.forEach(({ offer }, index) => {
    partOf(offer.country).offers.push(index);
  });
  const leftOut = new Map<string, R[]>();
  for (const request of pool.leftOut ?? []) {
    const same = leftOut.get(request.country);
    if (same) same.push(request);
    else leftOut.set(request.country, [request]);
  }
  return [...countries.entries()]
    .filter(([, part]) => part.offers.length > 0 && part.requests.length > 0)
    .map(([country, part]) => ({
      ...part,
      pool: {
        offers: part.offers.map((offer) => pool.offers[offer] as PoolOffer<O>),
        requests: part.requests.map((request) => pool.requests[request] as R),
        declined: pool.declined,
        leftOut: leftOut.get(country) ?? [],
      },
    }));
}
