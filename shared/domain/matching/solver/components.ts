import { float, int, item, num } from './arrays.ts';
import { type AssignmentInput, objectiveFor, pairWeight } from './input.ts';

/**
 * One connected component of the candidate graph, in local indexes, with its edges grouped by
 * request (compressed rows: request r's edges are start[r] to start[r + 1] - 1). Each edge has
 * a cost, `unassignedCost` minus its weight (pairWeight): the solver minimises cost, and leaving
 * a request unassigned costs more than any edge.
 */
export interface Component {
  readonly requests: number;
  readonly offers: number;
  readonly sizes: Int32Array;
  readonly beds: Int32Array;
  readonly multi: Uint8Array;
  readonly start: Int32Array;
  readonly edgeOffer: Int32Array;
  readonly edgeCost: Float64Array;
  readonly unassignedCost: number;
  /** The index of each local edge in the input. */
  readonly edgeInput: Int32Array;
  /** The input index of each local request and offer. */
  readonly requestInput: Int32Array;
  readonly offerInput: Int32Array;
}

/** The weight of a component edge (see pairWeight). */
export const weightOfEdge = (component: Component, edge: number) =>
  component.unassignedCost - float(component.edgeCost, edge);

/** The total weight of an assignment (a component edge per request, -1 for none). */
export function totalOf(component: Component, edgeOfRequest: Int32Array): number {
  let total = 0;
  for (const edge of edgeOfRequest) if (edge >= 0) total += weightOfEdge(component, edge);
  return total;
}

/** The request of every component edge. */
export function requestOfEdges(component: Component): Int32Array {
  const requestOf = new Int32Array(component.edgeOffer.length);
  for (let request = 0; request < component.requests; request++)
    requestOf.fill(request, int(component.start, request), int(component.start, request + 1));
  return requestOf;
}

/** Finds the connected components of the candidate graph: each is solved alone. */
export function splitComponents(input: AssignmentInput): Component[] {
  const requestCount = input.partySizes.length;
  const sizeOf = Array.from(input.partySizes);
  const objective = objectiveFor(
    input.counted?.requests ?? requestCount,
    input.counted?.people ?? sizeOf.reduce((sum, size) => sum + size, 0),
  );
  const parent = new Int32Array(requestCount + input.offerBeds.length).map((_, i) => i);
  const find = (node: number): number => {
    let root = node;
    while (parent[root] !== root) root = int(parent, root);
    while (parent[node] !== root) {
      const next = int(parent, node);
      parent[node] = root;
      node = next;
    }
    return root;
  };
  const { edges } = input;
  for (let index = 0; index < edges.length; index++) {
    const a = find(int(edges.request, index));
    const b = find(requestCount + int(edges.offer, index));
    if (a !== b) parent[a] = b;
  }
  // Edges bucketed by component root (counting sort), then each component numbered locally
  // through flat arrays: pools have millions of edges, and maps per component cost seconds.
  const edgeCount = edges.length;
  const componentOfEdge = new Int32Array(edgeCount);
  const componentOfRoot = new Int32Array(parent.length).fill(-1);
  const counts: number[] = [];
  for (let index = 0; index < edgeCount; index++) {
    const root = find(int(edges.request, index));
    if (componentOfRoot[root] === -1) {
      componentOfRoot[root] = counts.length;
      counts.push(0);
    }
    const k = int(componentOfRoot, root);
    componentOfEdge[index] = k;
    counts[k] = num(counts, k) + 1;
  }
  const groupStart = new Int32Array(counts.length + 1);
  for (let k = 0; k < counts.length; k++) groupStart[k + 1] = int(groupStart, k) + num(counts, k);
  const groupFill = groupStart.slice(0, counts.length);
  const grouped = new Int32Array(edgeCount);
  for (let index = 0; index < edgeCount; index++) {
    const k = int(componentOfEdge, index);
    grouped[int(groupFill, k)] = index;
    groupFill[k] = int(groupFill, k) + 1;
  }
  const requestLocalOf = new Int32Array(requestCount).fill(-1);
  const offerLocalOf = new Int32Array(input.offerBeds.length).fill(-1);
  const result: Component[] = [];
  for (let k = 0; k < counts.length; k++) {
    const edgeIndexes = grouped.subarray(int(groupStart, k), int(groupStart, k + 1));
    const requestGlobal: number[] = [];
    const offerGlobal: number[] = [];
    for (const index of edgeIndexes) {
      const request = int(edges.request, index);
      const offer = int(edges.offer, index);
      if (requestLocalOf[request] === -1) {
        requestLocalOf[request] = requestGlobal.length;
        requestGlobal.push(request);
      }
      if (offerLocalOf[offer] === -1) {
        offerLocalOf[offer] = offerGlobal.length;
        offerGlobal.push(offer);
      }
    }
    const start = new Int32Array(requestGlobal.length + 1);
    for (const index of edgeIndexes) {
      const slot = int(requestLocalOf, int(edges.request, index)) + 1;
      start[slot] = int(start, slot) + 1;
    }
    for (let r = 0; r < requestGlobal.length; r++) start[r + 1] = int(start, r + 1) + int(start, r);
    const fill = start.slice(0, requestGlobal.length);
    const edgeOffer = new Int32Array(edgeIndexes.length);
    // Weights first, turned into costs in place: on a national pool a component has millions of
    // edges, and a second array of them was 30 MB more to allocate at every solve.
    const edgeCost = new Float64Array(edgeIndexes.length);
    const edgeInput = new Int32Array(edgeIndexes.length);
    for (const index of edgeIndexes) {
      const request = int(edges.request, index);
      const r = int(requestLocalOf, request);
      const slot = int(fill, r);
      fill[r] = slot + 1;
      edgeOffer[slot] = int(offerLocalOf, int(edges.offer, index));
      edgeCost[slot] = pairWeight(num(sizeOf, request), float(edges.score, index), objective);
      edgeInput[slot] = index;
    }
    const unassignedCost = edgeCost.reduce((most, weight) => Math.max(most, weight), 0) + 1;
    for (let e = 0; e < edgeCost.length; e++) edgeCost[e] = unassignedCost - float(edgeCost, e);
    const sizes = Int32Array.from(requestGlobal, (global) => item(input.partySizes, global));
    const beds = Int32Array.from(offerGlobal, (global) => item(input.offerBeds, global));
    const multi = Uint8Array.from(offerGlobal, (global) =>
      item(input.offerMultipleParties, global) ? 1 : 0,
    );
    result.push({
      requests: requestGlobal.length,
      offers: offerGlobal.length,
      sizes,
      beds,
      multi,
      start,
      edgeOffer,
      edgeCost,
      unassignedCost,
      edgeInput,
      requestInput: Int32Array.from(requestGlobal),
      offerInput: Int32Array.from(offerGlobal),
    });
  }
  return result;
}
