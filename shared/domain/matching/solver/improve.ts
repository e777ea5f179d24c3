import { float, int, item, num } from './arrays.ts';
import { type Component, requestOfEdges, totalOf, weightOfEdge } from './components.ts';
import { maximalCuttings } from './cuttings.ts';
import type { Duals } from './greatest-duals.ts';
import { bestCutting, repack, sameSizes } from './knapsack.ts';
import { SEAT_VARIANTS, type SeatedDuals, Seating, seatsOf, type WarmStart } from './seating.ts';

/** How many multi-party offers one kick re-cuts: few, so that each costs the solver little. */
const KICK_OFFERS = 2;
/** Kicks in a row that find nothing better before the search settles (its work limit may end it first). */
const KICK_PATIENCE = 200;
/**
 * The work (see DynamicAssignment.work) chains get after the rest of the search, and the most
 * requests a component may have for chains to run at all. A chain pass tries every maximal
 * cutting of every multi-party offer, and each try passes over the component's requests. S's
 * components (up to 405 requests) need chains to reach the optimum, and M's (up to 2,018
 * requests) place more people with more: 14,036 with 500,000, and with 1,000,000 the 14,037
 * that the optimum places. On L, a component of 2,103 requests spent seconds in chains and
 * gained nothing, and larger ones cost more still.
 */
const CHAIN_WORK = 1_000_000;
const CHAIN_REQUESTS = 2048;
/** Times the search alternates re-cutting at prices and kicking, while either still finds something. */
const SEARCH_ROUNDS = 3;

/** What one search may spend (see DynamicAssignment.work). */
export interface SearchBudget {
  /** Work for the search before chains. */
  readonly work: number;
  /**
   * Whether chains follow it. A component's first search runs them; the searches of the
   * matcher's pricing rounds start from its result and skip them: on the benchmark's M,
   * chains there too took twice the time for under 0.01 % of score.
   */
  readonly chains: boolean;
  /**
   * Whether the seated duals are wanted: only when a pricing round may follow. Found last, they
   * are a pass over the component (on the national pool's largest, one of 95,000 nodes), which
   * a country's last search skips.
   */
  readonly duals: boolean;
}

/** A seeded generator (a 32-bit mix): the same pool always gets the same kicks. */
function seededRandom(): () => number {
  let seed = 0x9e3779b9;
  return () => {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return seed / 4294967296;
  };
}

/**
 * Cuts every multi-party offer in each variant way until none improves the total and a
 * knapsack re-pack does not either. Then, in turn while either finds something: each offer is
 * re-cut for the parties that would pay most for its beds at the seated duals (the pricing of
 * a new cutting), and kicks: a few offers re-cut for a random few of the parties that could
 * stay there. Last, chains while they find something: each offer cut in each of its maximal
 * cuttings, alone or with the re-cut of a second offer that the new prices call for. Every
 * step is solved exactly, kept when better, undone when not. One Seating
 * serves every step, so a step costs only the searches its few offers disturb. The search ends
 * when its solver has done the budget's work (see DynamicAssignment.work), not at a time: the
 * same component always gets the same answer, however busy the machine. `relaxedDuals`, the
 * duals of the relaxed optimum `relaxed` per request and offer, let the first solve start
 * there. Returns the best assignment and, when the budget asks for them, the seated duals of the
 * cutting it settled on.
 */
export function improve(
  c: Component,
  start: Int32Array,
  relaxed: Int32Array,
  budget: SearchBudget,
  relaxedDuals?: Duals,
  seated?: SeatedDuals,
): { best: Int32Array; duals: SeatedDuals | undefined } {
  // Warm-started from the relaxation's optimum when its duals are known (see Seating), or from
  // `start` itself when a search over fewer pairs left its duals.
  const seats = seatsOf(c, start, relaxed, 0);
  const seating = new Seating(
    c,
    relaxedDuals &&
      (seated
        ? startedAt(start, seats, seated, relaxedDuals)
        : {
            requestDuals: relaxedDuals.rows,
            offerDuals: relaxedDuals.columns,
            assignment: relaxed,
            seats,
          }),
  );
  const requestOf = requestOfEdges(c);
  const multi: number[] = [];
  // Per multi-party offer: its candidate edges and their parties' sizes.
  const edgesTo: number[][] = Array.from({ length: c.offers }, () => []);
  const candidateSizes: number[][] = Array.from({ length: c.offers }, () => []);
  for (let e = 0; e < c.edgeOffer.length; e++) {
    const offer = int(c.edgeOffer, e);
    if (c.multi[offer] !== 1) continue;
    item(edgesTo, offer).push(e);
    item(candidateSizes, offer).push(int(c.sizes, int(requestOf, e)));
  }
  for (let offer = 0; offer < c.offers; offer++) if (c.multi[offer] === 1) multi.push(offer);
  let best = start;
  let bestTotal = totalOf(c, start);
  /** Keeps `next` as the best when its total weighs more; says whether it did. */
  const keep = (next: Int32Array, total: number): boolean => {
    if (total <= bestTotal) return false;
    best = next;
    bestTotal = total;
    return true;
  };
  /** The same for the seating's assignment, given `solve`'s total: copied only when kept. */
  const kept = (total: number): boolean => total > bestTotal && keep(seating.assignment(), total);
  const random = seededRandom();
  const cutAll = (seats: number[][]) => {
    for (const offer of multi) seating.cut(offer, item(seats, offer));
  };
  // The search stops at the budget's work; chains then get CHAIN_WORK more (see CHAIN_WORK).
  let chainLimit = budget.work;
  const spent = () => seating.work >= chainLimit;
  // Variants until SEAT_VARIANTS in a row bring nothing, then a re-pack; again while either helps.
  for (let step = 0, stale = 0; ; step++) {
    if (stale === SEAT_VARIANTS) {
      const packed = best.slice();
      if (!repack(c, packed, edgesTo, requestOf) || spent() || !keep(packed, totalOf(c, packed))) break;
      stale = 0;
    }
    cutAll(seatsOf(c, best, relaxed, step % SEAT_VARIANTS));
    if (kept(seating.solve())) stale = 0;
    else stale++;
    if (step >= SEAT_VARIANTS && spent()) break;
  }
  if (multi.length === 0) return { best, duals: budget.duals ? seating.duals() : undefined };
  let base = seatsOf(c, best, relaxed, 0);
  cutAll(base);
  /** What the parties `assignment` seats at an offer gain there at these prices. */
  const seatedGain = (offer: number, assignment: Int32Array, prices: Float64Array) => {
    let gain = 0;
    for (const e of item(edgesTo, offer))
      if (assignment[int(requestOf, e)] === e) gain += weightOfEdge(c, e) - float(prices, int(requestOf, e));
    return gain;
  };
  // Each offer re-cut for the parties its beds are worth most to at the current prices (the
  // seated duals): the knapsack that prices a new cutting, solved exactly, kept when better.
  const recut = (): boolean => {
    let improved = false;
    const prices = seating.requestDuals();
    for (const offer of multi) {
      if (spent()) break;
      const cutting = bestCutting(c, offer, item(edgesTo, offer), requestOf, prices);
      if (cutting === undefined || sameSizes(cutting.sizes, item(base, offer))) continue;
      // A cutting that does not beat what the parties seated there now gain at these prices
      // cannot raise the assignment's optimum (its reduced cost is not positive).
      if (cutting.gain <= seatedGain(offer, best, prices)) continue;
      const { sizes } = cutting;
      seating.cut(offer, sizes);
      if (kept(seating.solve())) {
        // The seats as cut now hold the new best: nothing to cut again. The prices stay those
        // of the sweep's start (working them out again costs a pass over the component).
        base[offer] = sizes;
        improved = true;
      } else seating.cut(offer, item(base, offer));
    }
    return improved;
  };
  // A few offers re-cut for a random few of the parties that could stay there.
  const kick = (): boolean => {
    let improved = false;
    let kicked: number[] = [];
    for (let miss = 0; miss < KICK_PATIENCE && !spent(); miss++) {
      for (const offer of kicked) seating.cut(offer, item(base, offer));
      kicked = Array.from({ length: Math.min(KICK_OFFERS, multi.length) }, () =>
        num(multi, Math.floor(random() * multi.length)),
      );
      for (const offer of kicked) {
        const sizes = [...item(candidateSizes, offer)];
        for (let i = sizes.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [sizes[i], sizes[j]] = [num(sizes, j), num(sizes, i)];
        }
        const seats: number[] = [];
        let free = int(c.beds, offer);
        for (const size of sizes) {
          if (size > free) continue;
          seats.push(size);
          free -= size;
        }
        if (free > 0) seats.push(free);
        seating.cut(offer, seats);
      }
      if (kept(seating.solve())) {
        base = seatsOf(c, best, relaxed, 0);
        cutAll(base);
        kicked = [];
        miss = -1;
        improved = true;
      }
    }
    for (const offer of kicked) seating.cut(offer, item(base, offer));
    return improved;
  };
  // Per multi-party offer, in the order of `multi`: its maximal cuttings (none past their limit).
  const ways = multi.map((offer) => maximalCuttings(item(candidateSizes, offer), int(c.beds, offer)) ?? []);
  const marks = new Int32Array(c.offers);
  let mark = 0;
  // After `first` was re-cut and the seats solved to `next`: the re-cut of another offer that
  // the prices now (the kept duals) favour most, among the offers of the parties that moved: the
  // one whose best cutting gains most over what the parties `next` seats there gain.
  const secondCut = (first: number, next: Int32Array) => {
    const prices = seating.keptRequestDuals();
    mark++;
    marks[first] = mark;
    let second: { offer: number; sizes: number[]; gain: number } | undefined;
    for (let request = 0; request < c.requests; request++) {
      if (next[request] === best[request]) continue;
      for (let e = int(c.start, request); e < int(c.start, request + 1); e++) {
        const offer = int(c.edgeOffer, e);
        if (c.multi[offer] !== 1 || marks[offer] === mark) continue;
        marks[offer] = mark;
        const cutting = bestCutting(c, offer, item(edgesTo, offer), requestOf, prices);
        if (cutting === undefined || sameSizes(cutting.sizes, item(base, offer))) continue;
        const gain = cutting.gain - seatedGain(offer, next, prices);
        if (gain > (second?.gain ?? 0)) second = { offer, sizes: cutting.sizes, gain };
      }
    }
    return second;
  };
  // Ejection chains: each offer cut in each of its maximal cuttings; when that alone does not
  // raise the total, with the second re-cut it calls for. Two offers re-cut at once leave local
  // optima that one cannot (on the benchmark's S pool, four of its largest component's offers
  // were cut otherwise than in the optimum until chains ran).
  const chain = (): boolean => {
    let improved = false;
    const settle = () => {
      base = seatsOf(c, best, relaxed, 0);
      cutAll(base);
      improved = true;
    };
    multi.forEach((first, i) => {
      for (const sizes of item(ways, i)) {
        if (spent()) return;
        if (sameSizes(sizes, item(base, first))) continue;
        seating.cut(first, sizes);
        if (kept(seating.solve())) {
          settle();
          continue;
        }
        const second = secondCut(first, seating.assignment());
        if (second) {
          seating.cut(second.offer, second.sizes);
          if (kept(seating.solve())) {
            settle();
            continue;
          }
          seating.cut(second.offer, item(base, second.offer));
        }
        seating.cut(first, item(base, first));
      }
    });
    return improved;
  };
  for (let round = 0; round < SEARCH_ROUNDS && !spent(); round++) {
    // Each sweep prices the cuttings at the duals the last one left: again while one keeps something.
    let priced = false;
    while (!spent() && recut()) priced = true;
    const kicked = kick();
    if (!priced && !kicked) break;
  }
  // Chains start from the seats of the best (a re-cut at prices may have left wider ones).
  base = seatsOf(c, best, relaxed, 0);
  cutAll(base);
  // Every kept chain raises the total, so this ends; the work limit ends it sooner on large components.
  chainLimit = budget.chains && c.requests <= CHAIN_REQUESTS ? seating.work + CHAIN_WORK : 0;
  while (!spent() && chain());
  // The duals of the cutting the search settled on, for the matcher to price pairs it left out.
  cutAll(seatsOf(c, best, relaxed, 0));
  kept(seating.solve());
  return { best, duals: budget.duals ? seating.duals() : undefined };
}

/**
 * Where a search starts from the assignment a search over fewer pairs of the component settled
 * on (`start`, cut into `seats`), at the duals it left (NaN where it had none: a request or offer
 * its component did not have then takes the relaxation's). Its seats keep their duals where the
 * cutting has a seat of the same size; its pairs' edges are tight at them, so the first solve
 * searches only where the new pairs disturb that optimum, not from the relaxation's again.
 */
function startedAt(start: Int32Array, seats: number[][], seated: SeatedDuals, relaxed: Duals): WarmStart {
  const or = (value: number, otherwise: number) => (Number.isNaN(value) ? otherwise : value);
  const offerDuals = Float64Array.from(seated.offers, (dual, offer) =>
    or(dual, float(relaxed.columns, offer)),
  );
  const seatDuals = seats.map((sizes, offer) => {
    const had = item(seated.seats, offer);
    const used = new Uint8Array(had.sizes.length);
    return sizes.map((size) => {
      for (let seat = 0; seat < had.sizes.length; seat++)
        if (used[seat] === 0 && num(had.sizes, seat) === size) {
          used[seat] = 1;
          return num(had.duals, seat);
        }
      return float(offerDuals, offer);
    });
  });
  return {
    requestDuals: Float64Array.from(seated.requests, (dual, request) =>
      or(dual, float(relaxed.rows, request)),
    ),
    offerDuals,
    assignment: start,
    seats,
    seatDuals,
  };
}
