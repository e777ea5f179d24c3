/**
 * The assignment solver: given the feasible pairs of a batch and their scores, the set of
 * proposals that keeps capacity (hard rule 1) across pairs and places the most people, with
 * the highest total score among such sets.
 * docs/matching.md explains the method; in short: the graph is split into connected
 * components, each solved alone. A single-party offer takes at most one party, which is an
 * assignment problem solved exactly (slots.ts). A multi-party offer holds several parties
 * while beds last, a knapsack per offer that no flow expresses: the flow relaxes it and gives
 * an upper bound; when the relaxed optimum overfills an offer, a large neighbourhood search
 * (improve.ts) improves a repaired solution; on small components branch and bound then
 * proves the optimum, and where offers can be cut few ways, trying every way does.
 */

import { float, int, item } from './arrays.ts';
import { branchAndBound } from './branch-and-bound.ts';
import { type Component, splitComponents, totalOf } from './components.ts';
import { bestOfEveryCutting } from './every-cutting.ts';
import type { Duals } from './greatest-duals.ts';
import { TypedHeap } from './heap.ts';
import { improve } from './improve.ts';
import type { AssignmentInput } from './input.ts';
import type { SeatedDuals, SeatsOfOffer } from './seating.ts';
import { assignToSlots, overfilled, relaxedSlots, repair } from './slots.ts';

export interface AssignmentResult {
  /** The chosen pairs, as indexes into the input's edges. */
  readonly edges: readonly number[];
  /** People placed (the first aim), and the sum of the chosen pairs' scores (the second). */
  readonly people: number;
  readonly total: number;
  /** Both as one objective value (see personWeight), and an upper bound on it; equal when `exact`. */
  readonly weight: number;
  readonly bound: number;
  /** False only when branch and bound ran out of its node budget in some component. */
  readonly exact: boolean;
  readonly components: number;
  readonly largestComponent: number;
  readonly branchNodes: number;
  /**
   * Per request, in weight units: its dual in the exact assignment over the seats the
   * multi-party search settled on (+Infinity where no such search ran, or none was asked for:
   * see SolverOptions.seatedDuals). A pair left out helps that cutting only when its weight
   * exceeds the request's dual: the matcher reads on for those.
   */
  readonly seatedDuals: Float64Array;
  /**
   * Per input offer, its dual with those (single-party offers) or its seats as the search cut
   * them last and their duals (multi-party offers): NaN and no seats where no search ran. With
   * seatedDuals, where the next search over more pairs starts (see SolverOptions.seatedStart).
   */
  readonly seatedOffers: SeatedOffers;
}

/** The offers' part of a seated search's duals, per input offer (see AssignmentResult.seatedOffers). */
export interface SeatedOffers {
  readonly duals: Float64Array;
  readonly seats: readonly SeatsOfOffer[];
}

export interface SolverOptions {
  /** Branch-and-bound nodes per component before settling for the best feasible found. */
  readonly nodeLimit?: number;
  /**
   * Work for the multi-party search per component, and as much again for trying every cutting,
   * counted in nodes the assignment searches settle (see DynamicAssignment.work), never in
   * time: the same pool always gets the same proposals, however busy the machine (the root and
   * one round of each seat variant always run).
   */
  readonly workLimit?: number;
  /**
   * An optimum of the relaxation already found (the input edge of each request, -1 for none),
   * as the matcher's rounds leave it: the solver then starts from it instead of solving again.
   */
  readonly relaxedRoot?: Int32Array;
  /**
   * The duals of that optimum, per input request and offer, as the relaxation kept them: the
   * multi-party search then starts its first solve there instead of from nothing (see Seating).
   */
  readonly relaxedDuals?: Duals;
  /** A feasible assignment of these edges found before (input edge indexes): the search starts from it when it is better. */
  readonly start?: readonly number[];
  /**
   * Whether the result's seatedDuals are wanted (by default they are): the matcher's last search
   * of a country does without them, as no pricing round follows it (see SearchBudget.duals).
   */
  readonly seatedDuals?: boolean;
  /**
   * The seated duals of the search that found `start` (its result's seatedDuals and
   * seatedOffers): the search then starts from `start` at those duals, and its first solve
   * searches only where the pairs added since disturb them (see improve).
   */
  readonly seatedStart?: Pick<AssignmentResult, 'seatedDuals' | 'seatedOffers'>;
}

const NO_SEATS: SeatsOfOffer = { sizes: [], duals: [] };

/** Components up to this many requests get branch and bound after the search; larger ones keep its result. */
const BRANCH_REQUESTS = 40;
/**
 * The multi-party search's work per component (see SolverOptions.workLimit). The benchmark's S
 * and L components settle within it; M's, of 177 to 2,018 requests with up to 274 multi-party
 * offers, use it all and place more people with more: 14,034 at 500,000, 14,036 at 1,000,000
 * (of the 14,037 any solution places).
 */
const WORK_LIMIT = 1_000_000;

interface ComponentResult {
  readonly edgeOfRequest: Int32Array;
  readonly total: number;
  readonly bound: number;
  readonly exact: boolean;
  readonly nodes: number;
  readonly duals: SeatedDuals | undefined;
}

function solveComponent(
  c: Component,
  options: { nodeLimit: number; workLimit: number; duals: boolean },
  heap: TypedHeap,
  relaxedRoot: Int32Array | undefined,
  start: Int32Array | undefined,
  relaxedDuals: Duals | undefined,
  seated: SeatedDuals | undefined,
): ComponentResult {
  const none = new Uint8Array(c.edgeOffer.length);
  const root = relaxedRoot ?? assignToSlots(c, relaxedSlots(c, none), none, heap);
  const rootBound = totalOf(c, root);
  const rootViolation = overfilled(c, root);
  if (!rootViolation)
    return {
      edgeOfRequest: root,
      total: rootBound,
      bound: rootBound,
      exact: true,
      nodes: 1,
      duals: undefined,
    };
  const repaired = repair(c, root);
  const from = start && totalOf(c, start) > totalOf(c, repaired) ? start : repaired;
  // The relaxation's duals go with its optimum only, not with a root solved here.
  const budget = { work: options.workLimit, chains: start === undefined, duals: options.duals };
  // Seated duals go with `start` only.
  const startDuals = from === start ? seated : undefined;
  const improved = improve(c, from, root, budget, relaxedRoot && relaxedDuals, startDuals);
  let { duals } = improved;
  let best = improved.best;
  let bestTotal = totalOf(c, best);
  if (bestTotal >= rootBound)
    return { edgeOfRequest: best, total: bestTotal, bound: rootBound, exact: true, nodes: 1, duals };
  let bound = rootBound;
  let nodes = 1;
  if (c.requests <= BRANCH_REQUESTS) {
    const branched = branchAndBound(c, { root, violation: rootViolation, bound: rootBound }, best, {
      nodeLimit: options.nodeLimit,
      heap,
    });
    ({ bound, nodes } = branched);
    best = branched.best;
    bestTotal = totalOf(c, best);
    if (bound <= bestTotal)
      return { edgeOfRequest: best, total: bestTotal, bound, exact: true, nodes, duals };
  }
  // Unproven: perhaps the offers can be cut few enough ways to try them all.
  // Its own work, as much as the search's: a proof is worth waiting for, within reason.
  const every = bestOfEveryCutting(c, options.workLimit);
  if (!every) return { edgeOfRequest: best, total: bestTotal, bound, exact: false, nodes, duals };
  const everyTotal = totalOf(c, every.best);
  // As good is kept as it was: the search's answer, now proven.
  if (everyTotal > bestTotal) ({ best, duals } = every);
  const total = Math.max(bestTotal, everyTotal);
  return { edgeOfRequest: best, total, bound: total, exact: true, nodes, duals };
}

/**
 * A seated search's duals per input request and offer, as the component's own (NaN where it had
 * none); undefined when it had none for any of the component's requests.
 */
function localSeated(
  c: Component,
  from: Pick<AssignmentResult, 'seatedDuals' | 'seatedOffers'>,
): SeatedDuals | undefined {
  if (!c.requestInput.some((request) => Number.isFinite(float(from.seatedDuals, request)))) return undefined;
  return {
    requests: Float64Array.from(c.requestInput, (request) => {
      const dual = float(from.seatedDuals, request);
      return Number.isFinite(dual) ? dual : Number.NaN;
    }),
    offers: Float64Array.from(c.offerInput, (offer) => float(from.seatedOffers.duals, offer)),
    seats: Array.from(c.offerInput, (offer) => item(from.seatedOffers.seats, offer)),
  };
}

/** Duals per input request and offer, as the component's own. */
const localDuals = (c: Component, duals: Duals): Duals => ({
  rows: Float64Array.from(c.requestInput, (request) => float(duals.rows, request)),
  columns: Float64Array.from(c.offerInput, (offer) => float(duals.columns, offer)),
});

/**
 * The proposals of one matcher run: under capacity, the most people placed, and among those
 * sets the highest total score (one weight per pair, see personWeight).
 */
export function assign(input: AssignmentInput, options: SolverOptions = {}): AssignmentResult {
  const limits = {
    nodeLimit: options.nodeLimit ?? 200,
    workLimit: options.workLimit ?? WORK_LIMIT,
    duals: options.seatedDuals ?? true,
  };
  const heap = new TypedHeap();
  const chosen: number[] = [];
  let people = 0;
  let total = 0;
  let weight = 0;
  let bound = 0;
  let exact = true;
  let largest = 0;
  let branchNodes = 0;
  const parts = splitComponents(input);
  const seatedDuals = new Float64Array(input.partySizes.length).fill(Number.POSITIVE_INFINITY);
  const seatedOffers = {
    duals: new Float64Array(input.offerBeds.length).fill(Number.NaN),
    seats: Array.from(input.offerBeds, (): SeatsOfOffer => NO_SEATS),
  };
  const { relaxedRoot, relaxedDuals } = options;
  const startOf = new Int32Array(options.start ? input.partySizes.length : 0).fill(-1);
  for (const index of options.start ?? []) startOf[int(input.edges.request, index)] = index;
  // An input edge index per input request, as a local edge per local request of the component:
  // found among the request's own edges, so that no table the size of the input's edges is kept.
  const local = (c: Component, edgeOf: Int32Array) =>
    Int32Array.from(c.requestInput, (request, r) => {
      const index = int(edgeOf, request);
      if (index >= 0)
        for (let e = int(c.start, r); e < int(c.start, r + 1); e++)
          if (int(c.edgeInput, e) === index) return e;
      return -1;
    });
  for (const c of parts) {
    largest = Math.max(largest, c.requests + c.offers);
    const start = options.start ? local(c, startOf) : undefined;
    const root = relaxedRoot ? local(c, relaxedRoot) : undefined;
    const duals = relaxedDuals && localDuals(c, relaxedDuals);
    const seated = options.seatedStart && localSeated(c, options.seatedStart);
    const solved = solveComponent(c, limits, heap, root, start, duals, seated);
    branchNodes += solved.nodes;
    if (solved.duals) {
      for (let r = 0; r < c.requests; r++)
        seatedDuals[int(c.requestInput, r)] = float(solved.duals.requests, r);
      for (let o = 0; o < c.offers; o++) {
        seatedOffers.duals[int(c.offerInput, o)] = float(solved.duals.offers, o);
        seatedOffers.seats[int(c.offerInput, o)] = item(solved.duals.seats, o);
      }
    }
    exact &&= solved.exact;
    weight += solved.total;
    bound += solved.bound;
    for (let r = 0; r < c.requests; r++) {
      const e = int(solved.edgeOfRequest, r);
      if (e < 0) continue;
      const index = int(c.edgeInput, e);
      chosen.push(index);
      people += int(c.sizes, r);
      total += float(input.edges.score, index);
    }
  }
  return {
    edges: chosen,
    people,
    total,
    weight,
    bound: exact ? weight : bound,
    exact,
    components: parts.length,
    largestComponent: largest,
    branchNodes,
    seatedDuals,
    seatedOffers,
  };
}
