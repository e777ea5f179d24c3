import { checkPair, type MatchOffer, type MatchRequest } from './rules.ts';
import type { Pool } from './solver/pool.ts';

/**
 * The offers of a stream run's pool that are `fresh` (open in the table, their own run still to
 * come) and that some request of the pool could take now. A run that names a few requests
 * would seat them there by their best score, and the offer's own run, which matches everyone
 * waiting around it, would find the beds gone (docs/matching.md, "Live: what answering at once
 * costs"). An offer no request of the pool can take is not at stake: this run cannot give it away.
 */
export function freshOffersAtStake<O extends MatchOffer, R extends MatchRequest>(
  pool: Pool<O, R>,
  fresh: (offer: O) => boolean,
  today: number,
): O[] {
  return pool.offers
    .filter(
      ({ offer, holds }) =>
        fresh(offer) &&
        pool.requests.some(
          (request) => checkPair(offer, request, { holds, declined: false, today }).broken.length === 0,
        ),
    )
    .map(({ offer }) => offer);
}
