import { partySize } from '../rules.ts';
import { float, int, num } from './arrays.ts';
import type { CandidateSearch } from './candidate-search.ts';
import { DynamicAssignment } from './dynamic-assignment.ts';
import { type Objective, objectiveFor, pairWeight } from './input.ts';
import type { PairTable } from './pair-table.ts';
import { countedOf, type Pool } from './pool.ts';
import { partiesAtMost } from './slots.ts';

/**
 * The relaxation the candidate rounds solve, kept optimal as pairs arrive: every offer a column,
 * a multi-party offer with as many slots as its smallest candidate parties fit into its beds
 * (as the solver's own relaxation counts them), so that its optimum bounds the real one.
 */
export class Relaxation {
  readonly solver: DynamicAssignment;
  /** The weights of this country's pool (see objectiveFor). */
  readonly objective: Objective;
  private added = 0;
  private readonly beds: number[];
  private readonly multi: Uint8Array;
  private readonly partySizes: Int32Array;
  private readonly sizes = new Map<number, number[]>();

  constructor(pool: Pool) {
    this.solver = new DynamicAssignment(pool.requests.length);
    this.beds = pool.offers.map(({ offer }) => offer.beds);
    this.multi = Uint8Array.from(pool.offers, ({ offer }) => (offer.multipleParties ? 1 : 0));
    this.partySizes = Int32Array.from(pool.requests, partySize);
    const counted = countedOf(pool);
    this.objective = objectiveFor(counted.requests, counted.people);
    for (let offer = 0; offer < pool.offers.length; offer++) this.solver.addColumn(1);
  }

  /** Adds the pairs found since the last call and restores the optimum. */
  update(pairs: PairTable) {
    const touched = new Set<number>();
    // Rows are requests, columns offers and edges pairs, each by its index (see shareEnds).
    this.solver.shareEnds(pairs.request, pairs.offer);
    this.solver.reserve(pairs.length - this.added);
    for (; this.added < pairs.length; this.added++) {
      const request = int(pairs.request, this.added);
      const offer = int(pairs.offer, this.added);
      if (this.multi[offer] === 1) {
        this.beds[offer] = Math.min(num(this.beds, offer), int(pairs.remaining, this.added));
        const sizes = this.sizes.get(offer);
        const size = int(this.partySizes, request);
        if (sizes) sizes.push(size);
        else this.sizes.set(offer, [size]);
        touched.add(offer);
      }
      this.solver.addEdge(request, offer, this.weight(request, float(pairs.score, this.added)), this.added);
    }
    for (const offer of touched)
      this.solver.setCapacity(offer, partiesAtMost(this.sizes.get(offer) ?? [], num(this.beds, offer)));
    this.solver.solve();
  }

  get offers(): number {
    return this.multi.length;
  }

  /** Whether the offer may host several parties (its slots then follow its candidates). */
  isMultiParty(offer: number): boolean {
    return this.multi[offer] === 1;
  }

  /** The weight a pair of this request with this score would have. */
  weight(request: number, score: number): number {
    return pairWeight(int(this.partySizes, request), score, this.objective);
  }

  /** The lowest score a pair of this request needs to weigh more than `weight`. */
  scoreAbove(request: number, weight: number): number {
    return (weight - int(this.partySizes, request) * this.objective.perPerson) / this.objective.scale;
  }
}

/**
 * Lets every request that could still gain from a pair it has not read (a pair helps only when
 * its weight exceeds the request's dual, offers' duals being ≥ 0) read on: up to `k` more
 * pairs, all scoring above its dual. Given the offers' duals too, a pair with a single-party
 * offer is read only when its weight beats both duals together: the LP's own test, so when no
 * request reads anything the optimum over the candidates is the optimum over every pair. A
 * multi-party offer's slots depend on which parties it has as candidates, so its dual proves
 * nothing about a party it has not seen: those pairs are read as before.
 */
export function readOn(
  search: CandidateSearch,
  relaxation: Relaxation,
  duals: Float64Array,
  k: number,
  offerDuals?: Float64Array,
) {
  duals.forEach((dual, request) => {
    const unread = search.unreadBound(request);
    if (unread === Number.NEGATIVE_INFINITY || relaxation.weight(request, unread) <= dual) return;
    const pays = offerDuals
      ? (offer: number, score: number) =>
          relaxation.isMultiParty(offer) ||
          relaxation.weight(request, score) > dual + float(offerDuals, offer)
      : undefined;
    search.extend(request, k, relaxation.scoreAbove(request, dual), pays);
  });
}

/**
 * Per offer, the least dual that keeps each of its candidate pairs feasible with these request
 * duals (weight units, never below 0): with the requests' duals of an optimum, these complete
 * them into a proof of it, and so price an offer's unread pairs (see readOn). Only the
 * single-party offers' are used.
 */
export function offerDualsFor(pairs: PairTable, relaxation: Relaxation, duals: Float64Array): Float64Array {
  const offerDuals = new Float64Array(relaxation.offers);
  for (let i = 0; i < pairs.length; i++) {
    const request = int(pairs.request, i);
    const offer = int(pairs.offer, i);
    const above = relaxation.weight(request, float(pairs.score, i)) - float(duals, request);
    if (above > float(offerDuals, offer)) offerDuals[offer] = above;
  }
  return offerDuals;
}

/**
 * What the pairs from `from` on could add at most to the seated assignment, seats as cut: each
 * request's best new weight above its dual, summed (raising each dual so far keeps every edge
 * feasible, so the assignment's optimum rises by no more). Re-cutting may find more, but a
 * round whose pairs price at almost nothing is not worth a second search.
 */
export function priceOf(pairs: PairTable, from: number, relaxation: Relaxation, duals: Float64Array): number {
  const gain = new Map<number, number>();
  for (let i = from; i < pairs.length; i++) {
    const request = int(pairs.request, i);
    const above = relaxation.weight(request, float(pairs.score, i)) - float(duals, request);
    if (above > (gain.get(request) ?? 0)) gain.set(request, above);
  }
  let total = 0;
  for (const above of gain.values()) total += above;
  return total / relaxation.objective.scale;
}
