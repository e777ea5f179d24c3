import { checkPair, type MatchOffer, type MatchRequest, stillWaiting } from './rules.ts';
import type { Pool, PoolOffer } from './solver/pool.ts';

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

/**
 * The requests that one of these offers (opened, changed, freed or fresh), with the beds its
 * proposals hold, could take now, each as still waiting today; declines aside, which the solve
 * reads. A run that matches around an offer solves only these: an open request that none of them
 * could take was left without any allowed pair by the run that last saw it (the liveness every
 * run keeps), and nothing it could take has changed since, so solving it again places nobody.
 * In a scarce surge these were most of each run's solve (docs/matching.md, "Live").
 */
export function requestsTheyAllow<O extends MatchOffer, R extends MatchRequest>(
  offers: readonly PoolOffer<O>[],
  requests: readonly R[],
  today: number,
): R[] {
  return requests.filter((request) => {
    const waiting = stillWaiting(request, today);
    return offers.some(
      ({ offer, holds }) => checkPair(offer, waiting, { holds, declined: false, today }).broken.length === 0,
    );
  });
}
