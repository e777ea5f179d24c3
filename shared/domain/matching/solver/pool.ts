import type { HeldBeds } from '../nights.ts';
import type { MatchOffer, MatchRequest } from '../rules.ts';

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
