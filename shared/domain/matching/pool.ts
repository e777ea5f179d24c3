import { cellBox, cellsWithin, distanceKm, type LatLon } from '../geo.ts';
import {
  type AssignmentInput,
  type AssignmentResult,
  assign,
  type SolverOptions,
  UNASSIGNED_WEIGHT,
  WEIGHT_SCALE,
} from './assign.ts';
import type { HeldBeds } from './nights.ts';
import { checkPair, hasPlace, type MatchOffer, type MatchRequest, partySize } from './rules.ts';
import {
  COUNTRY_WIDE_DISTANCE_SCORE,
  distanceComponent,
  fitComponent,
  type Score,
  scorePair,
  weighted,
} from './score.ts';

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

/** A pair that keeps every hard rule on its own, with what the solver needs (kept small: pools have millions). */
export interface CandidatePair {
  readonly request: number;
  readonly offer: number;
  readonly score: number;
  readonly distanceKm: number | undefined;
  /** Beds the offer has left on the nights of this request's stay. */
  readonly remaining: number;
}

/** A lower bound of the distance from a point to anything in a cell (a little under the clamped distance). */
export function minDistanceToCell(point: LatLon, cell: string): number {
  const box = cellBox(cell);
  const lat = Math.min(box.north, Math.max(box.south, point.lat));
  const inside = point.lon >= box.west && point.lon <= box.east;
  const toWest = (((box.west - point.lon) % 360) + 360) % 360;
  const toEast = (((point.lon - box.east) % 360) + 360) % 360;
  const lon = inside ? point.lon : toWest < toEast ? box.west : box.east;
  return 0.9 * distanceKm(point, { lat, lon });
}

interface Source {
  readonly offers: readonly number[];
  position: number;
  readonly distanceBound: number;
}

/** How many candidates each request looks for before the solver's duals say whether it needs more. */
const FIRST_CANDIDATES = 12;

/**
 * The candidate pairs of a pool, found without looking at most pairs. Offers are bucketed by
 * country and geo cell and sorted by beds; a request walks the buckets its radius touches (its
 * whole country when it has no city), from its party size up, always in the bucket whose unread
 * offers could score highest, and stops when none could beat what it needs: first its
 * FIRST_CANDIDATES best, later (see matchPool) anything the solver's duals say could still help.
 */
export class CandidateSearch {
  readonly pairs: CandidatePair[] = [];
  pairsExamined = 0;
  private readonly sources: Source[][];
  private readonly best: number[][];

  constructor(private readonly pool: Pool) {
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
    const byBeds = (a: number, b: number) =>
      (pool.offers[a] as PoolOffer).offer.beds - (pool.offers[b] as PoolOffer).offer.beds;
    for (const country of byCountry.values()) {
      country.all.sort(byBeds);
      for (const cell of country.cells.values()) cell.sort(byBeds);
    }
    this.sources = pool.requests.map((request) => {
      const country = byCountry.get(request.country);
      if (!country) return [];
      const size = partySize(request);
      const from = (offers: readonly number[]) => {
        let low = 0;
        let high = offers.length;
        while (low < high) {
          const mid = (low + high) >> 1;
          if ((pool.offers[offers[mid] as number] as PoolOffer).offer.beds < size) low = mid + 1;
          else high = mid;
        }
        return low;
      };
      if (!hasPlace(request))
        return [
          { offers: country.all, position: from(country.all), distanceBound: COUNTRY_WIDE_DISTANCE_SCORE },
        ];
      return cellsWithin(request, request.maxDistanceKm).flatMap((cell) => {
        const offers = country.cells.get(cell);
        const minKm = offers ? minDistanceToCell(request, cell) : Number.POSITIVE_INFINITY;
        if (!offers || minKm > request.maxDistanceKm) return [];
        return [
          { offers, position: from(offers), distanceBound: distanceComponent(minKm, request.maxDistanceKm) },
        ];
      });
    });
    this.best = pool.requests.map(() => []);
  }

  /** The highest score any unread offer of the source could reach with this request. */
  private bound(request: number, source: Source): number {
    const offer = source.offers[source.position];
    if (offer === undefined) return Number.NEGATIVE_INFINITY;
    const size = partySize(this.pool.requests[request] as MatchRequest);
    const beds = (this.pool.offers[offer] as PoolOffer).offer.beds;
    return weighted({
      coverage: 1,
      distance: source.distanceBound,
      fit: fitComponent(size, beds),
      languages: 1,
    });
  }

  /** The highest score any offer this request has not looked at could reach. */
  unreadBound(request: number): number {
    let highest = Number.NEGATIVE_INFINITY;
    for (const source of this.sources[request] as Source[])
      highest = Math.max(highest, this.bound(request, source));
    return highest;
  }

  /** Reads on until the request has `k` candidates and nothing unread scores above `floor`. */
  extend(request: number, k: number, floor: number) {
    const target = this.pool.requests[request] as MatchRequest;
    const sources = this.sources[request] as Source[];
    const best = this.best[request] as number[];
    for (;;) {
      const threshold = Math.max(
        floor,
        k > 0 && best.length >= k ? (best[k - 1] as number) : Number.NEGATIVE_INFINITY,
      );
      let next: Source | undefined;
      let nextBound = Number.NEGATIVE_INFINITY;
      for (const source of sources) {
        const bound = this.bound(request, source);
        if (bound > nextBound) {
          next = source;
          nextBound = bound;
        }
      }
      if (!next || nextBound <= threshold) return;
      const offerIndex = next.offers[next.position++] as number;
      const { offer, holds } = this.pool.offers[offerIndex] as PoolOffer;
      this.pairsExamined++;
      const check = checkPair(offer, target, {
        holds,
        declined: this.pool.declined.size > 0 && this.pool.declined.has(pairKey(target.id, offer.id)),
      });
      if (check.broken.length > 0) continue;
      const score = scorePair(offer, target, check.distanceKm).score;
      this.pairs.push({
        request,
        offer: offerIndex,
        score,
        distanceKm: check.distanceKm,
        remaining: check.remaining,
      });
      if (best.length < k || score > (best[best.length - 1] as number)) {
        best.push(score);
        best.sort((a, b) => b - a);
        if (best.length > Math.max(k, FIRST_CANDIDATES)) best.length = Math.max(k, FIRST_CANDIDATES);
      }
    }
  }
}

/**
 * The solver's input for the pool's pairs. An offer's beds for the batch are the fewest it has
 * left on the nights of any of its candidates: a conservative cut that never overbooks.
 */
export function assignmentInput(pool: Pool, pairs: readonly CandidatePair[]): AssignmentInput {
  const offerBeds = pool.offers.map(({ offer }) => offer.beds);
  for (const pair of pairs) offerBeds[pair.offer] = Math.min(offerBeds[pair.offer] as number, pair.remaining);
  return {
    partySizes: pool.requests.map(partySize),
    offerBeds,
    offerMultipleParties: pool.offers.map(({ offer }) => offer.multipleParties),
    edges: pairs.map((pair) => ({ request: pair.request, offer: pair.offer, score: pair.score })),
  };
}

/** Every feasible pair of the pool (no early stop): for tests and for pools small enough not to care. */
export function allCandidatePairs(pool: Pool): { pairs: CandidatePair[]; pairsExamined: number } {
  const search = new CandidateSearch(pool);
  for (let r = 0; r < pool.requests.length; r++)
    search.extend(r, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
  return { pairs: search.pairs, pairsExamined: search.pairsExamined };
}

export interface ChosenPair extends CandidatePair {
  readonly scored: Score;
}

/**
 * The proposals of one run: the best set of pairs under every hard rule. Each request first
 * gets its few best candidates; the solver's duals then tell which requests could still gain
 * from an offer they have not looked at (a pair helps only when its weight exceeds the
 * unassigned weight plus the request's dual, offers' duals being ≤ 0), and those read on until
 * nothing unread could. When no request can gain, the optimum over the candidates read is the
 * optimum over all pairs (for multi-party offers, of the relaxation the solver starts from).
 */
export function matchPool(
  pool: Pool,
  options?: SolverOptions,
): {
  chosen: ChosenPair[];
  pairsExamined: number;
  candidates: number;
  rounds: number;
  solver: AssignmentResult;
  input: AssignmentInput;
} {
  const search = new CandidateSearch(pool);
  for (let r = 0; r < pool.requests.length; r++) search.extend(r, FIRST_CANDIDATES, Number.NEGATIVE_INFINITY);
  let rounds = 0;
  for (;;) {
    rounds++;
    const input = assignmentInput(pool, search.pairs);
    // Rounds that only ask for duals solve the relaxation; the last solve is the full one.
    const relaxed = assign(input, { ...options, relaxationOnly: true });
    let extended = false;
    pool.requests.forEach((_, r) => {
      // Scores below this floor cannot beat what the request has in the solver's optimum.
      const floor = (UNASSIGNED_WEIGHT + (relaxed.requestDuals[r] as number) - 1) / WEIGHT_SCALE;
      if (search.unreadBound(r) > floor) {
        const before = search.pairs.length;
        search.extend(r, 0, floor);
        extended ||= search.pairs.length > before;
      }
    });
    if (!extended) {
      const solver = assign(input, options);
      const chosen = solver.edges.map((index) => {
        const pair = search.pairs[index] as CandidatePair;
        const { offer } = pool.offers[pair.offer] as PoolOffer;
        return {
          ...pair,
          scored: scorePair(offer, pool.requests[pair.request] as MatchRequest, pair.distanceKm),
        };
      });
      return {
        chosen,
        pairsExamined: search.pairsExamined,
        candidates: search.pairs.length,
        rounds,
        solver,
        input,
      };
    }
  }
}
