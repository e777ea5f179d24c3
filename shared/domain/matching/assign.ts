/**
 * The assignment solver: given the feasible pairs of a batch and their scores, the set of
 * proposals with the largest total score that keeps capacity (hard rule 1) across pairs.
 *
 * A single-party offer takes at most one party: that part is a rectangular assignment problem,
 * solved exactly by successive shortest augmenting paths (Dijkstra with potentials, as in
 * Jonker–Volgenant and scipy's linear_sum_assignment) on the sparse candidate graph. Each request
 * has a private "stay unassigned" column of score 0, so the optimum maximises score, not count.
 * A multi-party offer holds several parties while beds last: a knapsack per offer, which no flow
 * expresses. The flow relaxes it (at most as many parties as the smallest candidates fit) and
 * gives an upper bound over the given pairs; when the relaxed optimum overfills an offer, a
 * large neighbourhood search improves a repaired solution (exact reassignment over seats of
 * fixed sizes, re-cut for every offer in a few set ways and then a few offers at a time at
 * random, and a knapsack re-pack of one offer at a time), and on small components branch and bound then
 * removes one party of an overfilled offer per branch until every offer fits, proving the
 * optimum. The graph is split into connected components first, each solved alone.
 */

import { DynamicAssignment } from './dynamic.ts';

export interface CandidateEdge {
  readonly request: number;
  readonly offer: number;
  /** In (0, 1]. */
  readonly score: number;
}

export interface AssignmentInput {
  /** Party size of each request. */
  readonly partySizes: ArrayLike<number>;
  /** Beds each offer can still give to this batch (on the nights that matter). */
  readonly offerBeds: ArrayLike<number>;
  readonly offerMultipleParties: ArrayLike<boolean>;
  readonly edges: readonly CandidateEdge[];
}

export interface AssignmentResult {
  /** The chosen pairs, as indexes into the input's edges. */
  readonly edges: readonly number[];
  readonly total: number;
  /** An upper bound on the optimum; equal to total when `exact`. */
  readonly bound: number;
  /** False only when branch and bound ran out of its node budget in some component. */
  readonly exact: boolean;
  readonly components: number;
  readonly largestComponent: number;
  readonly branchNodes: number;
  /**
   * Per request, in weight units: its dual in the exact assignment over the seats the
   * multi-party search settled on (+Infinity where no such search ran). A pair left out helps
   * that cutting only when its weight exceeds the request's dual: the matcher reads on for those.
   */
  readonly seatedDuals: Float64Array;
}

export interface SolverOptions {
  /** Branch-and-bound nodes per component before settling for the best feasible found. */
  readonly nodeLimit?: number;
  /** Time for the search and branch and bound per component (the root and one round of each seat variant always run). */
  readonly timeLimitMs?: number;
  /**
   * An optimum of the relaxation already found (the input edge of each request, -1 for none),
   * as the matcher's rounds leave it: the solver then starts from it instead of solving again.
   */
  readonly relaxedRoot?: Int32Array;
  /** A feasible assignment of these edges found before (input edge indexes): the search starts from it when it is better. */
  readonly start?: readonly number[];
}

const SCALE = 1_000_000;
const UNASSIGNED_COST = SCALE + 1;
export const WEIGHT_SCALE = SCALE;

/** A score as the solver's integer weight. */
export const weightOf = (score: number) => Math.max(1, Math.round(score * SCALE));

class MinHeap {
  private keys = new Float64Array(64);
  private values = new Int32Array(64);
  size = 0;

  push(key: number, value: number) {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const values = new Int32Array(this.size * 2);
      values.set(this.values);
      this.values = values;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((this.keys[parent] as number) <= key) break;
      this.keys[i] = this.keys[parent] as number;
      this.values[i] = this.values[parent] as number;
      i = parent;
    }
    this.keys[i] = key;
    this.values[i] = value;
  }

  /** Removes the minimum; its key is left in `topKey`. */
  topKey = 0;
  pop(): number {
    const value = this.values[0] as number;
    this.topKey = this.keys[0] as number;
    const lastKey = this.keys[--this.size] as number;
    const lastValue = this.values[this.size] as number;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && (this.keys[child + 1] as number) < (this.keys[child] as number)) child++;
      if ((this.keys[child] as number) >= lastKey) break;
      this.keys[i] = this.keys[child] as number;
      this.values[i] = this.values[child] as number;
      i = child;
    }
    this.keys[i] = lastKey;
    this.values[i] = lastValue;
    return value;
  }

  clear() {
    this.size = 0;
  }
}

/** One connected component, in local indexes, with its edges grouped by request (CSR). */
interface Component {
  readonly requests: number;
  readonly offers: number;
  readonly sizes: Int32Array;
  readonly beds: Int32Array;
  readonly multi: Uint8Array;
  readonly start: Int32Array;
  readonly edgeOffer: Int32Array;
  readonly edgeCost: Int32Array;
  /** The index of each local edge in the input. */
  readonly edgeInput: Int32Array;
  /** The input index of each local request. */
  readonly requestInput: Int32Array;
}

function components(input: AssignmentInput): Component[] {
  const requestCount = input.partySizes.length;
  const parent = new Int32Array(requestCount + input.offerBeds.length).map((_, i) => i);
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[x] !== root) {
      const next = parent[x] as number;
      parent[x] = root;
      x = next;
    }
    return root;
  };
  for (const edge of input.edges) {
    const a = find(edge.request);
    const b = find(requestCount + edge.offer);
    if (a !== b) parent[a] = b;
  }
  // Edges bucketed by component root (counting sort), then each component numbered locally
  // through flat arrays: pools have millions of edges, and maps per component cost seconds.
  const edgeCount = input.edges.length;
  const componentOfEdge = new Int32Array(edgeCount);
  const componentOf = new Int32Array(parent.length).fill(-1);
  const counts: number[] = [];
  for (let index = 0; index < edgeCount; index++) {
    const root = find((input.edges[index] as CandidateEdge).request);
    if (componentOf[root] === -1) {
      componentOf[root] = counts.length;
      counts.push(0);
    }
    const k = componentOf[root] as number;
    componentOfEdge[index] = k;
    counts[k] = (counts[k] as number) + 1;
  }
  const groupStart = new Int32Array(counts.length + 1);
  for (let k = 0; k < counts.length; k++)
    groupStart[k + 1] = (groupStart[k] as number) + (counts[k] as number);
  const groupFill = groupStart.slice(0, counts.length);
  const grouped = new Int32Array(edgeCount);
  for (let index = 0; index < edgeCount; index++) {
    const k = componentOfEdge[index] as number;
    grouped[groupFill[k] as number] = index;
    groupFill[k] = (groupFill[k] as number) + 1;
  }
  const requestLocalOf = new Int32Array(requestCount).fill(-1);
  const offerLocalOf = new Int32Array(input.offerBeds.length).fill(-1);
  const result: Component[] = [];
  for (let k = 0; k < counts.length; k++) {
    const edgeIndexes = grouped.subarray(groupStart[k] as number, groupStart[k + 1] as number);
    const requestGlobal: number[] = [];
    const offerGlobal: number[] = [];
    for (const index of edgeIndexes) {
      const edge = input.edges[index] as CandidateEdge;
      if (requestLocalOf[edge.request] === -1) {
        requestLocalOf[edge.request] = requestGlobal.length;
        requestGlobal.push(edge.request);
      }
      if (offerLocalOf[edge.offer] === -1) {
        offerLocalOf[edge.offer] = offerGlobal.length;
        offerGlobal.push(edge.offer);
      }
    }
    const start = new Int32Array(requestGlobal.length + 1);
    for (const index of edgeIndexes) {
      const slot = (requestLocalOf[(input.edges[index] as CandidateEdge).request] as number) + 1;
      start[slot] = (start[slot] as number) + 1;
    }
    for (let r = 0; r < requestGlobal.length; r++)
      start[r + 1] = (start[r + 1] as number) + (start[r] as number);
    const fill = start.slice(0, requestGlobal.length);
    const edgeOffer = new Int32Array(edgeIndexes.length);
    const edgeCost = new Int32Array(edgeIndexes.length);
    const edgeInput = new Int32Array(edgeIndexes.length);
    for (const index of edgeIndexes) {
      const edge = input.edges[index] as CandidateEdge;
      const r = requestLocalOf[edge.request] as number;
      const slot = fill[r] as number;
      fill[r] = slot + 1;
      edgeOffer[slot] = offerLocalOf[edge.offer] as number;
      edgeCost[slot] = UNASSIGNED_COST - weightOf(edge.score);
      edgeInput[slot] = index;
    }
    const sizes = new Int32Array(requestGlobal.length);
    const requestInput = Int32Array.from(requestGlobal);
    requestGlobal.forEach((global, local) => {
      sizes[local] = input.partySizes[global] as number;
    });
    const beds = new Int32Array(offerGlobal.length);
    const multi = new Uint8Array(offerGlobal.length);
    offerGlobal.forEach((global, local) => {
      beds[local] = input.offerBeds[global] as number;
      multi[local] = input.offerMultipleParties[global] ? 1 : 0;
    });
    result.push({
      requests: requestGlobal.length,
      offers: offerGlobal.length,
      sizes,
      beds,
      multi,
      start,
      edgeOffer,
      edgeCost,
      edgeInput,
      requestInput,
    });
  }
  return result;
}

/**
 * Exact min-cost assignment of every request to one offer slot or to its own "unassigned"
 * column, with `slots[o]` parties per offer. Returns the local edge chosen per request (-1: none).
 */
function assignWithSlots(c: Component, slots: Int32Array, forbidden: Uint8Array, heap: MinHeap): Int32Array {
  const nodes = c.requests + c.offers + 1;
  const sink = nodes - 1;
  const potential = new Float64Array(nodes);
  const dist = new Float64Array(nodes);
  const seen = new Int32Array(nodes);
  const done = new Int32Array(nodes);
  const predNode = new Int32Array(nodes);
  const predEdge = new Int32Array(nodes);
  const rowEdge = new Int32Array(c.requests).fill(-1);
  const offerRows: number[][] = Array.from({ length: c.offers }, () => []);
  const finalized: number[] = [];
  const path: number[] = [];
  let stamp = 0;

  const relax = (node: number, distance: number, from: number, edge: number) => {
    if (done[node] === stamp) return;
    if (seen[node] === stamp && distance >= (dist[node] as number)) return;
    seen[node] = stamp;
    dist[node] = distance;
    predNode[node] = from;
    predEdge[node] = edge;
    heap.push(distance, node);
  };

  for (let start = 0; start < c.requests; start++) {
    // Most requests reach the sink through one arc: their cheapest edge, strictly cheapest, to
    // an offer with a free slot at the sink's potential, or their own column when that is no
    // dearer than any edge. Dijkstra would then finalize nothing else below the sink's
    // distance, so this is its exact result (same path, same potentials), without the heap.
    const h0 = potential[start] as number;
    const sinkPotential = potential[sink] as number;
    let least = Number.POSITIVE_INFINITY;
    let leastEdge = -1;
    let ties = 0;
    for (let e = c.start[start] as number; e < (c.start[start + 1] as number); e++) {
      if (forbidden[e] === 1) continue;
      const d =
        (c.edgeCost[e] as number) + h0 - (potential[c.requests + (c.edgeOffer[e] as number)] as number);
      if (d < least) {
        least = d;
        leastEdge = e;
        ties = 0;
      } else if (d === least) ties++;
    }
    const direct = UNASSIGNED_COST + h0 - sinkPotential;
    if (direct <= least) {
      potential[start] = h0 - direct;
      continue;
    }
    if (ties === 0) {
      const offer = c.edgeOffer[leastEdge] as number;
      const rows = offerRows[offer] as number[];
      if (rows.length < (slots[offer] as number) && potential[c.requests + offer] === sinkPotential) {
        potential[start] = h0 - least;
        rowEdge[start] = leastEdge;
        rows.push(start);
        continue;
      }
    }
    stamp++;
    heap.clear();
    finalized.length = 0;
    relax(start, 0, -1, -1);
    let sinkDistance = 0;
    while (heap.size > 0) {
      const node = heap.pop();
      const d = heap.topKey;
      if (done[node] === stamp || d > (dist[node] as number)) continue;
      done[node] = stamp;
      if (node === sink) {
        sinkDistance = d;
        break;
      }
      finalized.push(node);
      const h = potential[node] as number;
      if (node < c.requests) {
        const own = rowEdge[node] as number;
        for (let e = c.start[node] as number; e < (c.start[node + 1] as number); e++) {
          if (e === own || forbidden[e] === 1) continue;
          const offerNode = c.requests + (c.edgeOffer[e] as number);
          relax(offerNode, d + (c.edgeCost[e] as number) + h - (potential[offerNode] as number), node, e);
        }
        relax(sink, d + UNASSIGNED_COST + h - (potential[sink] as number), node, -1);
      } else {
        const offer = node - c.requests;
        const rows = offerRows[offer] as number[];
        if (rows.length < (slots[offer] as number))
          relax(sink, d + h - (potential[sink] as number), node, -2);
        for (const row of rows) {
          const e = rowEdge[row] as number;
          relax(row, d - (c.edgeCost[e] as number) + h - (potential[row] as number), node, e);
        }
      }
    }
    for (const node of finalized)
      potential[node] = (potential[node] as number) + (dist[node] as number) - sinkDistance;
    path.length = 0;
    for (let node = sink; node !== -1; node = predNode[node] as number) path.push(node);
    path.reverse();
    for (let i = 0; i + 1 < path.length; i++) {
      const from = path[i] as number;
      const to = path[i + 1] as number;
      if (to === sink) {
        if (from < c.requests) rowEdge[from] = -1;
      } else if (from < c.requests) {
        rowEdge[from] = predEdge[to] as number;
        (offerRows[to - c.requests] as number[]).push(from);
      } else {
        const rows = offerRows[from - c.requests] as number[];
        rows.splice(rows.indexOf(to), 1);
      }
    }
  }
  return rowEdge;
}

const totalOf = (c: Component, rowEdge: Int32Array) => {
  let total = 0;
  for (const e of rowEdge) if (e >= 0) total += UNASSIGNED_COST - (c.edgeCost[e] as number);
  return total;
};

/**
 * The most parties of these sizes that fit into the beds (the smallest first), at least 1: a
 * multi-party offer's slots in the relaxation. The matcher's rounds count them the same way.
 */
export function partiesAtMost(sizes: number[], beds: number): number {
  sizes.sort((a, b) => a - b);
  let free = beds;
  let count = 0;
  for (const size of sizes) {
    if (size > free) break;
    free -= size;
    count++;
  }
  return Math.max(1, count);
}

/** How many of its candidate parties a multi-party offer could hold at most: the smallest ones first. */
function relaxedSlots(c: Component, forbidden: Uint8Array): Int32Array {
  const sizesByOffer: number[][] = Array.from({ length: c.offers }, () => []);
  for (let r = 0; r < c.requests; r++) {
    for (let e = c.start[r] as number; e < (c.start[r + 1] as number); e++) {
      if (forbidden[e] !== 1) (sizesByOffer[c.edgeOffer[e] as number] as number[]).push(c.sizes[r] as number);
    }
  }
  const slots = new Int32Array(c.offers);
  for (let o = 0; o < c.offers; o++) {
    if (c.multi[o] !== 1) {
      slots[o] = 1;
      continue;
    }
    slots[o] = partiesAtMost(sizesByOffer[o] as number[], c.beds[o] as number);
  }
  return slots;
}

/** The first multi-party offer whose parties overfill it, with those parties; undefined when all fit. */
function overfilled(c: Component, rowEdge: Int32Array): { offer: number; rows: number[] } | undefined {
  const used = new Int32Array(c.offers);
  for (let r = 0; r < c.requests; r++) {
    const e = rowEdge[r] as number;
    if (e >= 0)
      used[c.edgeOffer[e] as number] = (used[c.edgeOffer[e] as number] as number) + (c.sizes[r] as number);
  }
  for (let o = 0; o < c.offers; o++) {
    if ((used[o] as number) > (c.beds[o] as number)) {
      const rows: number[] = [];
      for (let r = 0; r < c.requests; r++) {
        const e = rowEdge[r] as number;
        if (e >= 0 && c.edgeOffer[e] === o) rows.push(r);
      }
      return { offer: o, rows };
    }
  }
  return undefined;
}

/** A feasible solution near a relaxed one: drop the weakest parties of overfilled offers, re-seat them greedily. */
function repair(c: Component, relaxed: Int32Array): Int32Array {
  const rowEdge = relaxed.slice();
  const used = new Int32Array(c.offers);
  const order = Array.from({ length: c.requests }, (_, r) => r)
    .filter((r) => (rowEdge[r] as number) >= 0)
    .sort(
      (a, b) => (c.edgeCost[rowEdge[a] as number] as number) - (c.edgeCost[rowEdge[b] as number] as number),
    );
  const dropped: number[] = [];
  for (const r of order) {
    const o = c.edgeOffer[rowEdge[r] as number] as number;
    const fits =
      c.multi[o] === 1
        ? (used[o] as number) + (c.sizes[r] as number) <= (c.beds[o] as number)
        : used[o] === 0;
    if (fits) used[o] = (used[o] as number) + (c.sizes[r] as number);
    else {
      rowEdge[r] = -1;
      dropped.push(r);
    }
  }
  for (const r of dropped) {
    let best = -1;
    for (let e = c.start[r] as number; e < (c.start[r + 1] as number); e++) {
      const o = c.edgeOffer[e] as number;
      const fits =
        c.multi[o] === 1
          ? (used[o] as number) + (c.sizes[r] as number) <= (c.beds[o] as number)
          : used[o] === 0;
      if (fits && (best < 0 || (c.edgeCost[e] as number) < (c.edgeCost[best] as number))) best = e;
    }
    if (best >= 0) {
      rowEdge[r] = best;
      const o = c.edgeOffer[best] as number;
      used[o] = (used[o] as number) + (c.sizes[r] as number);
    }
  }
  return rowEdge;
}

interface BranchNode {
  readonly forbidden: readonly number[];
  readonly parentBound: number;
}

/**
 * The component with every multi-party offer cut into single-party seats of fixed sizes: a
 * party may take a seat at least its size. Any assignment of it keeps every offer's beds, and
 * it is a plain assignment problem, solved exactly. One DynamicAssignment is kept across
 * cuttings: a new cutting closes the seats it no longer has and opens the ones it adds, and
 * only what that disturbs is searched again.
 */
class Seating {
  private readonly solver: DynamicAssignment;
  /** Per multi-party offer: its seats (open or closed), and the component edges to it. */
  private readonly seats: { size: number; column: number; open: boolean }[][];
  private readonly edgesTo: number[][];
  private readonly rowOf: Int32Array;

  constructor(private readonly c: Component) {
    this.solver = new DynamicAssignment(c.requests);
    this.seats = Array.from({ length: c.offers }, () => []);
    this.edgesTo = Array.from({ length: c.offers }, () => []);
    this.rowOf = new Int32Array(c.edgeOffer.length);
    const column = new Int32Array(c.offers).fill(-1);
    for (let o = 0; o < c.offers; o++) if (c.multi[o] !== 1) column[o] = this.solver.addColumn(1);
    for (let r = 0; r < c.requests; r++) {
      for (let e = c.start[r] as number; e < (c.start[r + 1] as number); e++) {
        this.rowOf[e] = r;
        const o = c.edgeOffer[e] as number;
        if (c.multi[o] === 1) (this.edgesTo[o] as number[]).push(e);
        else this.solver.addEdge(r, column[o] as number, UNASSIGNED_COST - (c.edgeCost[e] as number), e);
      }
    }
  }

  /** Cuts a multi-party offer into seats of these sizes (closing, reopening or adding seats as needed). */
  cut(o: number, sizes: readonly number[]) {
    const { c, solver } = this;
    const seats = this.seats[o] as { size: number; column: number; open: boolean }[];
    const wanted = new Map<number, number>();
    for (const size of sizes) wanted.set(size, (wanted.get(size) ?? 0) + 1);
    for (const seat of seats) {
      const left = wanted.get(seat.size) ?? 0;
      if (seat.open && left > 0) wanted.set(seat.size, left - 1);
      else if (seat.open) {
        seat.open = false;
        solver.setCapacity(seat.column, 0);
      }
    }
    for (const seat of seats) {
      const left = wanted.get(seat.size) ?? 0;
      if (seat.open || left === 0) continue;
      seat.open = true;
      solver.setCapacity(seat.column, 1);
      wanted.set(seat.size, left - 1);
    }
    for (const [size, count] of wanted) {
      for (let k = 0; k < count; k++) {
        const column = solver.addColumn(1);
        seats.push({ size, column, open: true });
        for (const e of this.edgesTo[o] as number[]) {
          const r = this.rowOf[e] as number;
          if ((c.sizes[r] as number) <= size)
            solver.addEdge(r, column, UNASSIGNED_COST - (c.edgeCost[e] as number), e);
        }
      }
    }
  }

  /** Each row's greatest dual in the current optimum (see DynamicAssignment.greatestRowDuals). */
  rowDuals(): Float64Array {
    return this.solver.greatestRowDuals();
  }

  /** The best assignment with the seats cut so far: a component edge per request, or -1. */
  solve(): Int32Array {
    this.solver.solve();
    return this.solver.assignment();
  }
}

/** The ways seatsOf cuts an offer's beds into seats, tried in turn. */
const SEAT_VARIANTS = 5;

/**
 * A cutting of every multi-party offer into seats, for one step of a very large neighbourhood
 * search (the exact assignment over all seats then moves any number of parties at once).
 * Variants: the current parties' sizes with the free beds as one more seat (0), or halved (1),
 * or cut in twos (2); the two smallest parties' seats merged (3); the parties the relaxation
 * put there, best first while they fit (4). Variants 0 to 3 keep the current solution among
 * the assignments, so they never lose score.
 */
function seatsOf(c: Component, rowEdge: Int32Array, relaxed: Int32Array, variant: number): number[][] {
  const parties: number[][] = Array.from({ length: c.offers }, () => []);
  const source = variant === 4 ? relaxed : rowEdge;
  const order = Array.from({ length: c.requests }, (_, r) => r).filter((r) => (source[r] as number) >= 0);
  order.sort(
    (a, b) => (c.edgeCost[source[a] as number] as number) - (c.edgeCost[source[b] as number] as number),
  );
  for (const r of order)
    (parties[c.edgeOffer[source[r] as number] as number] as number[]).push(c.sizes[r] as number);
  return parties.map((sizes, o) => {
    if (c.multi[o] !== 1) return [];
    const result: number[] = [];
    let free = c.beds[o] as number;
    for (const size of sizes) {
      if (size > free) continue;
      result.push(size);
      free -= size;
    }
    result.sort((a, b) => a - b);
    if (variant === 3 && result.length >= 2)
      result.splice(0, 2, (result[0] as number) + (result[1] as number));
    if (variant === 1 && free >= 2) result.push(Math.ceil(free / 2), Math.floor(free / 2));
    else if (variant === 2) {
      for (; free >= 2; free -= 2) result.push(2);
      if (free > 0) result.push(free);
    } else if (free > 0) result.push(free);
    return result;
  });
}

/**
 * The parties (by index) that gain most together in `beds` beds, each taking as many as it is
 * large, and their gain: the knapsack both re-packing and re-cutting solve per offer.
 */
function knapsack(items: readonly { size: number; gain: number }[], beds: number) {
  // most[i][b]: the most gain from the first i parties in b beds.
  const most = Array.from({ length: items.length + 1 }, () => new Float64Array(beds + 1));
  items.forEach((item, i) => {
    const row = most[i] as Float64Array;
    const next = most[i + 1] as Float64Array;
    for (let b = 0; b <= beds; b++) {
      next[b] = row[b] as number;
      if (item.size <= b) next[b] = Math.max(next[b] as number, (row[b - item.size] as number) + item.gain);
    }
  });
  const chosen: number[] = [];
  for (let i = items.length, b = beds; i > 0; i--) {
    if (((most[i] as Float64Array)[b] as number) === ((most[i - 1] as Float64Array)[b] as number)) continue;
    chosen.push(i - 1);
    b -= (items[i - 1] as { size: number }).size;
  }
  return { chosen, gain: (most[items.length] as Float64Array)[beds] as number };
}

/**
 * Re-packs each multi-party offer in turn, the rest held fixed: the parties that could stay
 * there (those seated now, those seated elsewhere who gain by moving, those unseated) chosen
 * by a knapsack over its beds. A party that moves leaves its seat free, and one left out is
 * unseated, for the next cutting to place. `byOffer` and `rowOf` give each offer's candidate
 * edges and each edge's request. Returns whether the total rose.
 */
function repack(
  c: Component,
  rowEdge: Int32Array,
  byOffer: readonly (readonly number[])[],
  rowOf: Int32Array,
): boolean {
  const weight = (e: number) => UNASSIGNED_COST - (c.edgeCost[e] as number);
  let improved = false;
  for (let o = 0; o < c.offers; o++) {
    if (c.multi[o] !== 1) continue;
    const beds = c.beds[o] as number;
    let current = 0;
    const items: { e: number; size: number; gain: number }[] = [];
    for (const e of byOffer[o] as number[]) {
      const r = rowOf[e] as number;
      const own = rowEdge[r] as number;
      if (own === e) current += weight(e);
      const gain = own === e || own < 0 ? weight(e) : weight(e) - weight(own);
      if (gain > 0) items.push({ e, size: c.sizes[r] as number, gain });
    }
    const packed = knapsack(items, beds);
    if (packed.gain <= current) continue;
    for (const e of byOffer[o] as number[])
      if (rowEdge[rowOf[e] as number] === e) rowEdge[rowOf[e] as number] = -1;
    for (const i of packed.chosen) {
      const { e } = items[i] as { e: number };
      rowEdge[rowOf[e] as number] = e;
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
function bestCutting(
  c: Component,
  o: number,
  edges: readonly number[],
  rowOfEdge: Int32Array,
  prices: Float64Array,
): { sizes: number[]; gain: number } | undefined {
  const beds = c.beds[o] as number;
  const items: { size: number; gain: number }[] = [];
  for (const e of edges) {
    const r = rowOfEdge[e] as number;
    const gain = UNASSIGNED_COST - (c.edgeCost[e] as number) - (prices[r] as number);
    if (gain > 0) items.push({ size: c.sizes[r] as number, gain });
  }
  if (items.length === 0) return undefined;
  const { chosen, gain } = knapsack(items, beds);
  const sizes = chosen.map((i) => (items[i] as { size: number }).size);
  const free = beds - sizes.reduce((sum, size) => sum + size, 0);
  if (free > 0) sizes.push(free);
  return { sizes, gain };
}

const sameSizes = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && [...a].sort((x, y) => x - y).join() === [...b].sort((x, y) => x - y).join();

/** How many multi-party offers one kick re-cuts: few, so that each costs the solver little. */
const KICK_OFFERS = 2;
/** Kicks in a row that find nothing better before the search settles (the time limit may end it first). */
const KICK_PATIENCE = 200;
/** Times the search alternates re-cutting at prices and kicking, while either still finds something. */
const SEARCH_ROUNDS = 3;

/**
 * Cuts every multi-party offer in each variant way until none improves the total and a
 * knapsack re-pack does not either. Then, in turn while either finds something: each offer is
 * re-cut for the parties that would pay most for its beds at the seated duals (the pricing of
 * a new cutting), and kicks: a few offers re-cut for a random few of the parties that could
 * stay there. Every step is solved exactly, kept when better, undone when not (kicks use a
 * seeded generator: the same pool always gets the same proposals). One Seating serves every
 * step, so a step costs only the searches its few offers disturb.
 */
function improve(
  c: Component,
  start: Int32Array,
  relaxed: Int32Array,
  deadline: number,
): { best: Int32Array; duals: Float64Array } {
  const seating = new Seating(c);
  const multi: number[] = [];
  // Per multi-party offer: its candidate edges and their parties' sizes.
  const edgesTo: number[][] = Array.from({ length: c.offers }, () => []);
  const candidateSizes: number[][] = Array.from({ length: c.offers }, () => []);
  const rowOfEdge = new Int32Array(c.edgeOffer.length);
  for (let r = 0; r < c.requests; r++)
    for (let e = c.start[r] as number; e < (c.start[r + 1] as number); e++) {
      rowOfEdge[e] = r;
      const o = c.edgeOffer[e] as number;
      if (c.multi[o] !== 1) continue;
      (edgesTo[o] as number[]).push(e);
      (candidateSizes[o] as number[]).push(c.sizes[r] as number);
    }
  for (let o = 0; o < c.offers; o++) if (c.multi[o] === 1) multi.push(o);
  let best = start;
  let bestTotal = totalOf(c, start);
  let seed = 0x9e3779b9;
  const random = () => {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return seed / 4294967296;
  };
  const cutAll = (seats: number[][]) => {
    for (const o of multi) seating.cut(o, seats[o] as number[]);
  };
  // Variants until SEAT_VARIANTS in a row bring nothing, then a re-pack; again while either helps.
  for (let step = 0, stale = 0; ; step++) {
    if (stale === SEAT_VARIANTS) {
      const packed = best.slice();
      if (
        !repack(c, packed, edgesTo, rowOfEdge) ||
        totalOf(c, packed) <= bestTotal ||
        performance.now() >= deadline
      )
        break;
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
    if (step >= SEAT_VARIANTS && performance.now() >= deadline) break;
  }
  if (multi.length === 0) return { best, duals: seating.rowDuals() };
  let base = seatsOf(c, best, relaxed, 0);
  cutAll(base);
  // Each offer re-cut for the parties its beds are worth most to at the current prices (the
  // seated duals): the knapsack that prices a new cutting, solved exactly, kept when better.
  const recut = (): boolean => {
    let improved = false;
    const prices = seating.rowDuals();
    for (const o of multi) {
      if (performance.now() >= deadline) break;
      const cutting = bestCutting(c, o, edgesTo[o] as number[], rowOfEdge, prices);
      if (cutting === undefined || sameSizes(cutting.sizes, base[o] as number[])) continue;
      // What the parties seated there now gain at these prices: a cutting that does not beat
      // it cannot raise the assignment's optimum (its reduced cost is not positive).
      let seatedGain = 0;
      for (const e of edgesTo[o] as number[])
        if (best[rowOfEdge[e] as number] === e)
          seatedGain +=
            UNASSIGNED_COST - (c.edgeCost[e] as number) - (prices[rowOfEdge[e] as number] as number);
      if (cutting.gain <= seatedGain) continue;
      const { sizes } = cutting;
      seating.cut(o, sizes);
      const next = seating.solve();
      const total = totalOf(c, next);
      if (total > bestTotal) {
        // The seats as cut now hold the new best: nothing to cut again. The prices stay those
        // of the sweep's start (working them out again costs a pass over the component).
        best = next;
        bestTotal = total;
        base[o] = sizes;
        improved = true;
      } else seating.cut(o, base[o] as number[]);
    }
    return improved;
  };
  // A few offers re-cut for a random few of the parties that could stay there.
  const kick = (): boolean => {
    let improved = false;
    let kicked: number[] = [];
    for (let miss = 0; miss < KICK_PATIENCE && performance.now() < deadline; miss++) {
      for (const o of kicked) seating.cut(o, base[o] as number[]);
      kicked = Array.from(
        { length: Math.min(KICK_OFFERS, multi.length) },
        () => multi[Math.floor(random() * multi.length)] as number,
      );
      for (const o of kicked) {
        const sizes = [...(candidateSizes[o] as number[])];
        for (let i = sizes.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [sizes[i], sizes[j]] = [sizes[j] as number, sizes[i] as number];
        }
        const seats: number[] = [];
        let free = c.beds[o] as number;
        for (const size of sizes) {
          if (size > free) continue;
          seats.push(size);
          free -= size;
        }
        if (free > 0) seats.push(free);
        seating.cut(o, seats);
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
    for (const o of kicked) seating.cut(o, base[o] as number[]);
    return improved;
  };
  for (let round = 0; round < SEARCH_ROUNDS && performance.now() < deadline; round++) {
    const priced = recut();
    const kicked = kick();
    if (!priced && !kicked) break;
  }
  // The duals of the cutting the search settled on, for the matcher to price pairs it left out.
  cutAll(seatsOf(c, best, relaxed, 0));
  const settled = seating.solve();
  if (totalOf(c, settled) > bestTotal) best = settled;
  return { best, duals: seating.rowDuals() };
}

/** Components up to this many requests get branch and bound after the search; larger ones keep its result. */
const BRANCH_REQUESTS = 40;

function solveComponent(
  c: Component,
  nodeLimit: number,
  timeLimitMs: number,
  heap: MinHeap,
  relaxedRoot: Int32Array | undefined,
  start: Int32Array | undefined,
) {
  const deadline = performance.now() + timeLimitMs;
  const none = new Uint8Array(c.edgeOffer.length);
  const root = relaxedRoot ?? assignWithSlots(c, relaxedSlots(c, none), none, heap);
  const rootBound = totalOf(c, root);
  let duals: Float64Array | undefined;
  const settled = (rowEdge: Int32Array, total: number, bound: number, nodes: number) => ({
    rowEdge,
    total,
    bound,
    exact: total >= bound,
    nodes,
    duals,
  });
  if (!overfilled(c, root)) return settled(root, rootBound, rootBound, 1);
  const repaired = repair(c, root);
  const from = start && totalOf(c, start) > totalOf(c, repaired) ? start : repaired;
  const improved = improve(c, from, root, deadline);
  let best = improved.best;
  duals = improved.duals;
  let bestTotal = totalOf(c, best);
  if (bestTotal >= rootBound || c.requests > BRANCH_REQUESTS) return settled(best, bestTotal, rootBound, 1);

  // Small components: branch and bound from the search's solution proves (or beats) it.
  const rows = (overfilled(c, root) as { rows: number[] }).rows.sort(
    (a, b) => (c.edgeCost[root[b] as number] as number) - (c.edgeCost[root[a] as number] as number),
  );
  const stack: BranchNode[] = rows
    .reverse()
    .map((row) => ({ forbidden: [root[row] as number], parentBound: rootBound }));
  const forbidden = new Uint8Array(c.edgeOffer.length);
  let nodes = 1;
  while (stack.length > 0 && nodes < nodeLimit && performance.now() < deadline) {
    const node = stack.pop() as BranchNode;
    if (node.parentBound <= bestTotal) continue;
    nodes++;
    forbidden.fill(0);
    for (const e of node.forbidden) forbidden[e] = 1;
    const relaxed = assignWithSlots(c, relaxedSlots(c, forbidden), forbidden, heap);
    const bound = totalOf(c, relaxed);
    if (bound <= bestTotal) continue;
    const violation = overfilled(c, relaxed);
    if (!violation) {
      best = relaxed;
      bestTotal = bound;
      continue;
    }
    const candidate = repair(c, relaxed);
    const total = totalOf(c, candidate);
    if (total > bestTotal) {
      best = candidate;
      bestTotal = total;
    }
    // Some party of the overfilled offer must go elsewhere; try removing the weakest first.
    const parties = violation.rows.sort(
      (a, b) => (c.edgeCost[relaxed[b] as number] as number) - (c.edgeCost[relaxed[a] as number] as number),
    );
    for (const row of parties.reverse()) {
      stack.push({ forbidden: [...node.forbidden, relaxed[row] as number], parentBound: bound });
    }
  }
  const open = stack.filter((node) => node.parentBound > bestTotal);
  const bound = open.reduce((highest, node) => Math.max(highest, node.parentBound), bestTotal);
  return { ...settled(best, bestTotal, bound, nodes), exact: open.length === 0 };
}

/** Maximises the total score of the chosen pairs under capacity: the proposals of one matcher run. */
export function assign(input: AssignmentInput, options: SolverOptions = {}): AssignmentResult {
  const nodeLimit = options.nodeLimit ?? 200;
  const timeLimitMs = options.timeLimitMs ?? 1000;
  const heap = new MinHeap();
  const chosen: number[] = [];
  let total = 0;
  let bound = 0;
  let exact = true;
  let largest = 0;
  let branchNodes = 0;
  const parts = components(input);
  const seatedDuals = new Float64Array(input.partySizes.length).fill(Number.POSITIVE_INFINITY);
  const { relaxedRoot } = options;
  const localEdge = new Int32Array(input.edges.length);
  const startOf = new Int32Array(options.start ? input.partySizes.length : 0).fill(-1);
  for (const index of options.start ?? []) startOf[(input.edges[index] as CandidateEdge).request] = index;
  for (const c of parts) {
    largest = Math.max(largest, c.requests + c.offers);
    let root: Int32Array | undefined;
    for (let e = 0; e < c.edgeInput.length; e++) localEdge[c.edgeInput[e] as number] = e;
    const start = options.start
      ? Int32Array.from(c.requestInput, (request) => {
          const index = startOf[request] as number;
          return index < 0 ? -1 : (localEdge[index] as number);
        })
      : undefined;
    if (relaxedRoot) {
      root = Int32Array.from(c.requestInput, (request) => {
        const index = relaxedRoot[request] as number;
        return index < 0 ? -1 : (localEdge[index] as number);
      });
    }
    const solved = solveComponent(c, nodeLimit, timeLimitMs, heap, root, start);
    branchNodes += solved.nodes;
    if (solved.duals)
      for (let r = 0; r < c.requests; r++)
        seatedDuals[c.requestInput[r] as number] = solved.duals[r] as number;
    exact &&= solved.exact;
    bound += solved.bound;
    for (let r = 0; r < c.requests; r++) {
      const e = solved.rowEdge[r] as number;
      if (e < 0) continue;
      const index = c.edgeInput[e] as number;
      chosen.push(index);
      total += (input.edges[index] as CandidateEdge).score;
    }
  }
  return {
    edges: chosen,
    total,
    bound: exact ? total : bound / SCALE,
    exact,
    components: parts.length,
    largestComponent: largest,
    branchNodes,
    seatedDuals,
  };
}
