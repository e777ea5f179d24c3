import { float, int, item } from './arrays.ts';
import { type Component, weightOfEdge } from './components.ts';

interface Item {
  readonly size: number;
  readonly gain: number;
}

/**
 * The knapsack's table, kept from call to call and grown when a call needs more: the search
 * solves one for every multi-party offer of a component in each re-pack and each sweep of
 * re-cuts, and a table of its own for each, an array per party, was hundreds of thousands of
 * small arrays to allocate and collect on the national pool's largest component.
 */
let table = new Float64Array(1024);

/**
 * The parties (by index) that gain most together in `beds` beds, each taking as many as it is
 * large, and their gain: the knapsack both re-packing and re-cutting solve per offer.
 */
export function knapsack(items: readonly Item[], beds: number) {
  // The most gain from the first i parties in b beds is at i × width + b.
  const width = beds + 1;
  const cells = (items.length + 1) * width;
  if (table.length < cells) table = new Float64Array(Math.max(cells, 2 * table.length));
  const most = table;
  most.fill(0, 0, width);
  items.forEach((party, i) => {
    const without = i * width;
    const upTo = without + width;
    for (let b = 0; b <= beds; b++) {
      most[upTo + b] = float(most, without + b);
      if (party.size <= b)
        most[upTo + b] = Math.max(float(most, upTo + b), float(most, without + b - party.size) + party.gain);
    }
  });
  const chosen: number[] = [];
  for (let i = items.length, b = beds; i > 0; i--) {
    if (float(most, i * width + b) === float(most, (i - 1) * width + b)) continue;
    chosen.push(i - 1);
    b -= item(items, i - 1).size;
  }
  return { chosen, gain: float(most, items.length * width + beds) };
}

/**
 * Re-packs each multi-party offer in turn, the rest held fixed: the parties that could stay
 * there (those seated now, those seated elsewhere who gain by moving, those unseated) chosen
 * by a knapsack over its beds. A party that moves leaves its seat free, and one left out is
 * unseated, for the next cutting to place. `edgesTo` and `requestOf` give each offer's
 * candidate edges and each edge's request. Returns whether the total rose.
 */
export function repack(
  c: Component,
  edgeOfRequest: Int32Array,
  edgesTo: readonly (readonly number[])[],
  requestOf: Int32Array,
): boolean {
  let improved = false;
  for (let offer = 0; offer < c.offers; offer++) {
    if (c.multi[offer] !== 1) continue;
    let current = 0;
    const items: (Item & { edge: number })[] = [];
    for (const edge of item(edgesTo, offer)) {
      const own = int(edgeOfRequest, int(requestOf, edge));
      if (own === edge) current += weightOfEdge(c, edge);
      const gain =
        own === edge || own < 0 ? weightOfEdge(c, edge) : weightOfEdge(c, edge) - weightOfEdge(c, own);
      if (gain > 0) items.push({ edge, size: int(c.sizes, int(requestOf, edge)), gain });
    }
    const packed = knapsack(items, int(c.beds, offer));
    if (packed.gain <= current) continue;
    for (const edge of item(edgesTo, offer))
      if (edgeOfRequest[int(requestOf, edge)] === edge) edgeOfRequest[int(requestOf, edge)] = -1;
    for (const i of packed.chosen) {
      const { edge } = item(items, i);
      edgeOfRequest[int(requestOf, edge)] = edge;
    }
    improved = true;
  }
  return improved;
}

/**
 * The cutting of a multi-party offer its candidate parties would pay most for at these prices
 * (each party's seated dual): a knapsack over its beds on what each party would gain there,
 * the beds left over as one more seat, and what the parties it seats would gain. Undefined when
 * no party would gain.
 */
export function bestCutting(
  c: Component,
  offer: number,
  edges: readonly number[],
  requestOf: Int32Array,
  prices: Float64Array,
): { sizes: number[]; gain: number } | undefined {
  const beds = int(c.beds, offer);
  const items: Item[] = [];
  for (const edge of edges) {
    const request = int(requestOf, edge);
    const gain = weightOfEdge(c, edge) - float(prices, request);
    if (gain > 0) items.push({ size: int(c.sizes, request), gain });
  }
  if (items.length === 0) return undefined;
  const { chosen, gain } = knapsack(items, beds);
  const sizes = chosen.map((i) => item(items, i).size);
  const free = beds - sizes.reduce((sum, size) => sum + size, 0);
  if (free > 0) sizes.push(free);
  return { sizes, gain };
}

/** Whether two cuttings have the same seats, in any order. */
export const sameSizes = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && [...a].sort((x, y) => x - y).join() === [...b].sort((x, y) => x - y).join();
