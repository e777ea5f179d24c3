import { float, int, item, num } from './arrays.ts';
import { type Component, requestOfEdges, totalOf, weightOfEdge } from './components.ts';
import { bestCutting, repack, sameSizes } from './knapsack.ts';
import { SEAT_VARIANTS, Seating, seatsOf } from './seating.ts';

/** How many multi-party offers one kick re-cuts: few, so that each costs the solver little. */
const KICK_OFFERS = 2;
/** Kicks in a row that find nothing better before the search settles (its work limit may end it first). */
const KICK_PATIENCE = 200;
/** Times the search alternates re-cutting at prices and kicking, while either still finds something. */
const SEARCH_ROUNDS = 3;

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
 * stay there. Every step is solved exactly, kept when better, undone when not. One Seating
 * serves every step, so a step costs only the searches its few offers disturb. The search ends
 * when its solver has done `workLimit` work (see DynamicAssignment.work), not at a time: the
 * same component always gets the same answer, however busy the machine. Returns the best
 * assignment and the seated duals of the cutting it settled on.
 */
export function improve(
  c: Component,
  start: Int32Array,
  relaxed: Int32Array,
  workLimit: number,
): { best: Int32Array; duals: Float64Array } {
  const seating = new Seating(c);
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
  const random = seededRandom();
  const cutAll = (seats: number[][]) => {
    for (const offer of multi) seating.cut(offer, item(seats, offer));
  };
  const spent = () => seating.work >= workLimit;
  // Variants until SEAT_VARIANTS in a row bring nothing, then a re-pack; again while either helps.
  for (let step = 0, stale = 0; ; step++) {
    if (stale === SEAT_VARIANTS) {
      const packed = best.slice();
      if (!repack(c, packed, edgesTo, requestOf) || totalOf(c, packed) <= bestTotal || spent()) break;
      best = packed;
      bestTotal = totalOf(c, packed);
      stale = 0;
    }
    cutAll(seatsOf(c, best, relaxed, step % SEAT_VARIANTS));
    const next = seating.solve();
    const total = totalOf(c, next);
    if (total > bestTotal) {
      best = next;
      bestTotal = total;
      stale = 0;
    } else stale++;
    if (step >= SEAT_VARIANTS && spent()) break;
  }
  if (multi.length === 0) return { best, duals: seating.requestDuals() };
  let base = seatsOf(c, best, relaxed, 0);
  cutAll(base);
  // Each offer re-cut for the parties its beds are worth most to at the current prices (the
  // seated duals): the knapsack that prices a new cutting, solved exactly, kept when better.
  const recut = (): boolean => {
    let improved = false;
    const prices = seating.requestDuals();
    for (const offer of multi) {
      if (spent()) break;
      const cutting = bestCutting(c, offer, item(edgesTo, offer), requestOf, prices);
      if (cutting === undefined || sameSizes(cutting.sizes, item(base, offer))) continue;
      // What the parties seated there now gain at these prices: a cutting that does not beat
      // it cannot raise the assignment's optimum (its reduced cost is not positive).
      let seatedGain = 0;
      for (const e of item(edgesTo, offer))
        if (best[int(requestOf, e)] === e)
          seatedGain += weightOfEdge(c, e) - float(prices, int(requestOf, e));
      if (cutting.gain <= seatedGain) continue;
      const { sizes } = cutting;
      seating.cut(offer, sizes);
      const next = seating.solve();
      const total = totalOf(c, next);
      if (total > bestTotal) {
        // The seats as cut now hold the new best: nothing to cut again. The prices stay those
        // of the sweep's start (working them out again costs a pass over the component).
        best = next;
        bestTotal = total;
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
      const next = seating.solve();
      const total = totalOf(c, next);
      if (total > bestTotal) {
        best = next;
        bestTotal = total;
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
  for (let round = 0; round < SEARCH_ROUNDS && !spent(); round++) {
    const priced = recut();
    const kicked = kick();
    if (!priced && !kicked) break;
  }
  // The duals of the cutting the search settled on, for the matcher to price pairs it left out.
  cutAll(seatsOf(c, best, relaxed, 0));
  const settled = seating.solve();
  if (totalOf(c, settled) > bestTotal) best = settled;
  return { best, duals: seating.requestDuals() };
}
