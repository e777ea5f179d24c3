import { int, item, num } from './arrays.ts';
import { type Component, requestOfEdges } from './components.ts';
import { maximalCuttings } from './cuttings.ts';
import { type SeatedDuals, Seating } from './seating.ts';

/** Combinations of cuttings past which trying them all costs more than the search is worth. */
const MOST_COMBINATIONS = 256;

/**
 * The best assignment over every combination of maximal cuttings of the multi-party offers, and
 * the seated duals of the combination it came from, when there are at most MOST_COMBINATIONS
 * (a component with one or two multi-party offers, however many requests it has); undefined
 * when there are more. Every feasible set of pairs sits in the seats of some combination (see
 * maximalCuttings), and each combination is solved exactly: the result is the optimum, proven.
 * Combinations are visited as an odometer, so that most steps re-cut one offer and the
 * solver searches again only where that disturbs. Undefined too when its solver has done
 * `workLimit` work first (see DynamicAssignment.work): a large component's every combination
 * can cost seconds, and a run must not wait for it.
 */
export function bestOfEveryCutting(
  c: Component,
  workLimit: number,
): { best: Int32Array; duals: SeatedDuals } | undefined {
  const requestOf = requestOfEdges(c);
  const candidateSizes: number[][] = Array.from({ length: c.offers }, () => []);
  for (let e = 0; e < c.edgeOffer.length; e++)
    item(candidateSizes, int(c.edgeOffer, e)).push(int(c.sizes, int(requestOf, e)));
  const offers: number[] = [];
  const cuttings: number[][][] = [];
  let combinations = 1;
  for (let offer = 0; offer < c.offers; offer++) {
    if (c.multi[offer] !== 1) continue;
    const ways = maximalCuttings(item(candidateSizes, offer), int(c.beds, offer));
    if (ways === undefined) return undefined;
    combinations *= Math.max(1, ways.length);
    if (combinations > MOST_COMBINATIONS) return undefined;
    offers.push(offer);
    cuttings.push(ways.length > 0 ? ways : [[]]);
  }
  const seating = new Seating(c);
  const digit = new Int32Array(offers.length);
  offers.forEach((offer, i) => {
    seating.cut(offer, item(item(cuttings, i), 0));
  });
  let bestTotal = seating.solve();
  let best = seating.assignment();
  const bestDigits = digit.slice();
  for (;;) {
    let i = offers.length - 1;
    for (; i >= 0; i--) {
      const next = int(digit, i) + 1;
      const ways = item(cuttings, i);
      digit[i] = next < ways.length ? next : 0;
      seating.cut(num(offers, i), item(ways, int(digit, i)));
      if (next < ways.length) break;
    }
    if (i < 0) break;
    if (seating.work > workLimit) return undefined;
    const total = seating.solve();
    if (total > bestTotal) {
      best = seating.assignment();
      bestTotal = total;
      bestDigits.set(digit);
    }
  }
  offers.forEach((offer, i) => {
    seating.cut(offer, item(item(cuttings, i), int(bestDigits, i)));
  });
  seating.solve();
  return { best, duals: seating.duals() };
}
