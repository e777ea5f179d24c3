/**
 * The assignment solver: given the feasible pairs of a batch and their scores, the set of
 * proposals with the largest total score that keeps capacity (hard rule 1) across pairs.
 *
 * A single-party offer takes at most one party: that part is a rectangular assignment problem,
 * solved exactly by successive shortest augmenting paths (Dijkstra with potentials, as in
 * Jonker–Volgenant and scipy's linear_sum_assignment) on the sparse candidate graph. Each request
 * has a private "stay unassigned" column of score 0, so the optimum maximises score, not count.
 * A multi-party offer holds several parties while beds last: a knapsack per offer, which no flow
 * expresses. The flow relaxes it (at most as many parties as the smallest candidates fit); when
 * the relaxed optimum overfills an offer, branch and bound removes one of its parties per branch
 * until every offer fits. The graph is split into connected components first, each solved alone.
 */

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
   * The dual of each request in the relaxation, in weight units (score × WEIGHT_SCALE): a pair
   * left out of the input cannot improve the optimum when its weight ≤ UNASSIGNED_WEIGHT + dual
   * (the offers' duals are never positive). Requests without edges have −UNASSIGNED_WEIGHT.
   */
  readonly requestDuals: Float64Array;
}

export interface SolverOptions {
  /** Branch-and-bound nodes per component before settling for the best feasible found. */
  readonly nodeLimit?: number;
  /** Time for branch and bound per component, likewise (the root and its dive always run). */
  readonly timeLimitMs?: number;
  /** Solve only the relaxation (no dive, no branching): enough when only the duals are wanted. */
  readonly relaxationOnly?: boolean;
}

const SCALE = 1_000_000;
const UNASSIGNED_COST = SCALE + 1;
export const WEIGHT_SCALE = SCALE;
export const UNASSIGNED_WEIGHT = UNASSIGNED_COST;

const weightOf = (score: number) => Math.max(1, Math.round(score * SCALE));

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
  const groups = new Map<number, number[]>();
  input.edges.forEach((edge, index) => {
    const root = find(edge.request);
    let group = groups.get(root);
    if (!group) {
      group = [];
      groups.set(root, group);
    }
    group.push(index);
  });
  const result: Component[] = [];
  for (const edgeIndexes of groups.values()) {
    const requestLocal = new Map<number, number>();
    const offerLocal = new Map<number, number>();
    for (const index of edgeIndexes) {
      const edge = input.edges[index] as CandidateEdge;
      if (!requestLocal.has(edge.request)) requestLocal.set(edge.request, requestLocal.size);
      if (!offerLocal.has(edge.offer)) offerLocal.set(edge.offer, offerLocal.size);
    }
    const start = new Int32Array(requestLocal.size + 1);
    for (const index of edgeIndexes) {
      const slot = (requestLocal.get((input.edges[index] as CandidateEdge).request) as number) + 1;
      start[slot] = (start[slot] as number) + 1;
    }
    for (let r = 0; r < requestLocal.size; r++)
      start[r + 1] = (start[r + 1] as number) + (start[r] as number);
    const fill = start.slice(0, requestLocal.size);
    const edgeOffer = new Int32Array(edgeIndexes.length);
    const edgeCost = new Int32Array(edgeIndexes.length);
    const edgeInput = new Int32Array(edgeIndexes.length);
    for (const index of edgeIndexes) {
      const edge = input.edges[index] as CandidateEdge;
      const r = requestLocal.get(edge.request) as number;
      const slot = fill[r] as number;
      fill[r] = slot + 1;
      edgeOffer[slot] = offerLocal.get(edge.offer) as number;
      edgeCost[slot] = UNASSIGNED_COST - weightOf(edge.score);
      edgeInput[slot] = index;
    }
    const sizes = new Int32Array(requestLocal.size);
    const requestInput = new Int32Array(requestLocal.size);
    for (const [global, local] of requestLocal) {
      sizes[local] = input.partySizes[global] as number;
      requestInput[local] = global;
    }
    const beds = new Int32Array(offerLocal.size);
    const multi = new Uint8Array(offerLocal.size);
    for (const [global, local] of offerLocal) {
      beds[local] = input.offerBeds[global] as number;
      multi[local] = input.offerMultipleParties[global] ? 1 : 0;
    }
    result.push({
      requests: requestLocal.size,
      offers: offerLocal.size,
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
function assignWithSlots(
  c: Component,
  slots: Int32Array,
  forbidden: Uint8Array,
  heap: MinHeap,
): { rowEdge: Int32Array; potential: Float64Array } {
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
  return { rowEdge, potential };
}

const totalOf = (c: Component, rowEdge: Int32Array) => {
  let total = 0;
  for (const e of rowEdge) if (e >= 0) total += UNASSIGNED_COST - (c.edgeCost[e] as number);
  return total;
};

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
    const sizes = (sizesByOffer[o] as number[]).sort((a, b) => a - b);
    let beds = c.beds[o] as number;
    let count = 0;
    for (const size of sizes) {
      if (size > beds) break;
      beds -= size;
      count++;
    }
    slots[o] = Math.max(1, count);
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

/** The parties of each overfilled multi-party offer that fit best (by score), and those that must go. */
function overflow(c: Component, rowEdge: Int32Array): number[] {
  const byOffer = new Map<number, number[]>();
  for (let r = 0; r < c.requests; r++) {
    const e = rowEdge[r] as number;
    if (e < 0) continue;
    const o = c.edgeOffer[e] as number;
    if (c.multi[o] !== 1) continue;
    byOffer.set(o, [...(byOffer.get(o) ?? []), r]);
  }
  const evicted: number[] = [];
  for (const [o, rows] of byOffer) {
    const beds = c.beds[o] as number;
    if (rows.reduce((sum, r) => sum + (c.sizes[r] as number), 0) <= beds) continue;
    // Best subset by total score; an offer holds a handful of parties, so trying all subsets is cheap.
    let bestMask = 0;
    let bestValue = -1;
    const limit = rows.length <= 12 ? 1 << rows.length : 0;
    for (let mask = 1; mask < limit; mask++) {
      let size = 0;
      let value = 0;
      for (let i = 0; i < rows.length; i++) {
        if (!(mask & (1 << i))) continue;
        const r = rows[i] as number;
        size += c.sizes[r] as number;
        value += UNASSIGNED_COST - (c.edgeCost[rowEdge[r] as number] as number);
      }
      if (size <= beds && value > bestValue) {
        bestValue = value;
        bestMask = mask;
      }
    }
    rows.forEach((r, i) => {
      if (!(bestMask & (1 << i))) evicted.push(rowEdge[r] as number);
    });
  }
  return evicted;
}

/**
 * A good feasible solution fast: solve the relaxation, keep the best-scoring parties that fit
 * each overfilled offer, forbid the others there, and solve again until everything fits.
 */
function dive(c: Component, heap: MinHeap, forbiddenAtStart: readonly number[]) {
  const forbidden = new Uint8Array(c.edgeOffer.length);
  for (const e of forbiddenAtStart) forbidden[e] = 1;
  for (;;) {
    const { rowEdge } = assignWithSlots(c, relaxedSlots(c, forbidden), forbidden, heap);
    const evicted = overflow(c, rowEdge);
    if (evicted.length === 0) return rowEdge;
    for (const e of evicted) forbidden[e] = 1;
  }
}

function solveComponent(
  c: Component,
  nodeLimit: number,
  timeLimitMs: number,
  heap: MinHeap,
  relaxationOnly: boolean,
) {
  const deadline = performance.now() + timeLimitMs;
  let best: Int32Array | undefined;
  let bestTotal = -1;
  let rootPotential: Float64Array | undefined;
  const stack: BranchNode[] = [{ forbidden: [], parentBound: Number.POSITIVE_INFINITY }];
  const forbidden = new Uint8Array(c.edgeOffer.length);
  let nodes = 0;
  while (stack.length > 0 && nodes < nodeLimit && (nodes === 0 || performance.now() < deadline)) {
    const node = stack.pop() as BranchNode;
    if (node.parentBound <= bestTotal) continue;
    nodes++;
    forbidden.fill(0);
    for (const e of node.forbidden) forbidden[e] = 1;
    const { rowEdge: relaxed, potential } = assignWithSlots(c, relaxedSlots(c, forbidden), forbidden, heap);
    rootPotential ??= potential;
    const bound = totalOf(c, relaxed);
    if (bound <= bestTotal) continue;
    const violation = overfilled(c, relaxed);
    if (!violation) {
      best = relaxed;
      bestTotal = bound;
      continue;
    }
    // The dive costs several solves, so only the root gets one; deeper nodes make do with a repair.
    for (const candidate of nodes === 1 && !relaxationOnly
      ? [repair(c, relaxed), dive(c, heap, [])]
      : [repair(c, relaxed)]) {
      const total = totalOf(c, candidate);
      if (total > bestTotal) {
        best = candidate;
        bestTotal = total;
      }
    }
    // Some party of the overfilled offer must go elsewhere; try removing the weakest first.
    const rows = violation.rows.sort(
      (a, b) => (c.edgeCost[relaxed[b] as number] as number) - (c.edgeCost[relaxed[a] as number] as number),
    );
    for (const row of rows.reverse()) {
      stack.push({ forbidden: [...node.forbidden, relaxed[row] as number], parentBound: bound });
    }
  }
  const open = stack.filter((node) => node.parentBound > bestTotal);
  const bound = open.reduce((highest, node) => Math.max(highest, node.parentBound), bestTotal);
  return {
    rowEdge: best ?? new Int32Array(c.requests).fill(-1),
    total: bestTotal,
    bound,
    exact: open.length === 0,
    nodes,
    potential: rootPotential ?? new Float64Array(c.requests + c.offers + 1),
  };
}

/** Maximises the total score of the chosen pairs under capacity: the proposals of one matcher run. */
export function assign(input: AssignmentInput, options: SolverOptions = {}): AssignmentResult {
  const nodeLimit = options.relaxationOnly ? 1 : (options.nodeLimit ?? 200);
  const timeLimitMs = options.timeLimitMs ?? 1000;
  const heap = new MinHeap();
  const chosen: number[] = [];
  let total = 0;
  let bound = 0;
  let exact = true;
  let largest = 0;
  let branchNodes = 0;
  const parts = components(input);
  const requestDuals = new Float64Array(input.partySizes.length).fill(-UNASSIGNED_COST);
  for (const c of parts) {
    largest = Math.max(largest, c.requests + c.offers);
    const solved = solveComponent(c, nodeLimit, timeLimitMs, heap, options.relaxationOnly === true);
    branchNodes += solved.nodes;
    exact &&= solved.exact;
    bound += solved.bound;
    for (let r = 0; r < c.requests; r++)
      requestDuals[c.requestInput[r] as number] = solved.potential[r] as number;
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
    requestDuals,
  };
}
