import { cellsWithin } from '../geo.ts';
import { type AssignmentInput, type AssignmentResult, assign, type SolverOptions } from './assign.ts';
import type { HeldBeds } from './nights.ts';
import {
  checkPair,
  hasPlace,
  type MatchOffer,
  type MatchRequest,
  type PairCheck,
  partySize,
} from './rules.ts';
import { type Score, scorePair } from './score.ts';

/** An open offer as the matcher sees it: the record and the beds its proposals hold. */
export interface PoolOffer<O extends MatchOffer = MatchOffer> {
  readonly offer: O;
  readonly holds: readonly HeldBeds[];
}

export interface Pool<O extends MatchOffer = MatchOffer, R extends MatchRequest = MatchRequest> {
  readonly offers: readonly PoolOffer<O>[];
  readonly requests: readonly R[];
  /** Pairs declined before (rule 6), as `${requestId}|${offerId}`. */
  readonly declined: ReadonlySet<string>;
}

export const pairKey = (requestId: string, offerId: string) => `${requestId}|${offerId}`;

/** A pair that keeps every hard rule on its own, scored. */
export interface CandidatePair {
  readonly request: number;
  readonly offer: number;
  readonly check: PairCheck;
  readonly score: Score;
}

/**
 * Every feasible pair of the pool. Offers are bucketed by country and geo cell, so a request with
 * a city only looks at the cells its radius touches and a country-wide request at its country.
 */
export function candidatePairs(pool: Pool): { pairs: CandidatePair[]; pairsExamined: number } {
  const byCountry = new Map<string, { all: number[]; cells: Map<string, number[]> }>();
  pool.offers.forEach(({ offer }, index) => {
    let country = byCountry.get(offer.country);
    if (!country) {
      country = { all: [], cells: new Map() };
      byCountry.set(offer.country, country);
    }
    country.all.push(index);
    const cell = country.cells.get(offer.cell);
    if (cell) cell.push(index);
    else country.cells.set(offer.cell, [index]);
  });
  const pairs: CandidatePair[] = [];
  let pairsExamined = 0;
  pool.requests.forEach((request, requestIndex) => {
    const country = byCountry.get(request.country);
    if (!country) return;
    const size = partySize(request);
    const offerIndexes = hasPlace(request)
      ? cellsWithin(request, request.maxDistanceKm).flatMap((cell) => country.cells.get(cell) ?? [])
      : country.all;
    for (const offerIndex of offerIndexes) {
      const { offer, holds } = pool.offers[offerIndex] as PoolOffer;
      // Too few beds at all: no need to look further (the same cut the index's sort key makes).
      if (offer.beds < size) continue;
      pairsExamined++;
      const check = checkPair(offer, request, {
        holds,
        declined: pool.declined.has(pairKey(request.id, offer.id)),
      });
      if (check.broken.length > 0) continue;
      pairs.push({
        request: requestIndex,
        offer: offerIndex,
        check,
        score: scorePair(offer, request, check.distanceKm),
      });
    }
  });
  return { pairs, pairsExamined };
}

/**
 * The solver's input for the pool's pairs. An offer's beds for the batch are the fewest it has
 * left on the nights of any of its candidates: a conservative cut that never overbooks.
 */
export function assignmentInput(pool: Pool, pairs: readonly CandidatePair[]): AssignmentInput {
  const offerBeds = pool.offers.map(({ offer }) => offer.beds);
  for (const pair of pairs)
    offerBeds[pair.offer] = Math.min(offerBeds[pair.offer] as number, pair.check.remaining);
  return {
    partySizes: pool.requests.map(partySize),
    offerBeds,
    offerMultipleParties: pool.offers.map(({ offer }) => offer.multipleParties),
    edges: pairs.map((pair) => ({ request: pair.request, offer: pair.offer, score: pair.score.score })),
  };
}

/** The proposals of one run: the best set of pairs under every hard rule. */
export function matchPool(
  pool: Pool,
  options?: SolverOptions,
): { chosen: CandidatePair[]; pairsExamined: number; candidates: number; solver: AssignmentResult } {
  const { pairs, pairsExamined } = candidatePairs(pool);
  const solver = assign(assignmentInput(pool, pairs), options);
  return {
    chosen: solver.edges.map((index) => pairs[index] as CandidatePair),
    pairsExamined,
    candidates: pairs.length,
    solver,
  };
}
