import { num } from './arrays.ts';

/** Cuttings per offer past which trying each one in turn costs more than it is likely to find. */
const MOST_CUTTINGS = 64;

/**
 * Every way worth trying to cut an offer's beds into seats for parties of these sizes: each
 * multiset of the sizes that fits into the beds and leaves no room for one more party. Any set
 * of parties that fits the offer sits in the seats of one of them (its own sizes, topped up
 * while another fits, each seat holding a party no larger than itself), so trying each of them
 * with the rest of the problem held as it is finds the best that offer can do. Undefined when
 * there are more than MOST_CUTTINGS of them.
 */
export function maximalCuttings(sizes: readonly number[], beds: number): number[][] | undefined {
  const distinct = [...new Set(sizes)].filter((size) => size <= beds).sort((a, b) => b - a);
  const smallest = distinct.at(-1);
  if (smallest === undefined) return [];
  const cuttings: number[][] = [];
  const seats: number[] = [];
  // Sizes in non-increasing order, so that each multiset is built once.
  const extend = (from: number, free: number): boolean => {
    let placed = false;
    for (let i = from; i < distinct.length; i++) {
      const size = num(distinct, i);
      if (size > free) continue;
      placed = true;
      seats.push(size);
      const fits = extend(i, free - size);
      seats.pop();
      if (!fits) return false;
    }
    if (!placed) {
      if (cuttings.length === MOST_CUTTINGS) return false;
      cuttings.push([...seats]);
    }
    return true;
  };
  return extend(0, beds) ? cuttings : undefined;
}
