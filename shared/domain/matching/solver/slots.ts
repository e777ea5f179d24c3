import { float, int, item, num } from './arrays.ts';
import type { Component } from './components.ts';
import type { TypedHeap } from './heap.ts';

/**
 * Exact min-cost assignment of every request to one offer slot or to its own "unassigned"
 * column, with `slots[o]` parties per offer and the `forbidden` edges left out: successive
 * shortest augmenting paths (Dijkstra with potentials, as in Jonker–Volgenant). Returns the
 * local edge chosen per request (-1: none).
 */
export function assignToSlots(
  c: Component,
  slots: Int32Array,
  forbidden: Uint8Array,
  heap: TypedHeap,
): Int32Array {
  // Nodes: requests, then offers, then the sink every slot and "unassigned" column leads to.
  const nodes = c.requests + c.offers + 1;
  const sink = nodes - 1;
  const potential = new Float64Array(nodes);
  const distance = new Float64Array(nodes);
  const seen = new Int32Array(nodes);
  const done = new Int32Array(nodes);
  const predNode = new Int32Array(nodes);
  const predEdge = new Int32Array(nodes);
  const edgeOfRequest = new Int32Array(c.requests).fill(-1);
  const seatedAt: number[][] = Array.from({ length: c.offers }, () => []);
  const settled: number[] = [];
  const path: number[] = [];
  let stamp = 0;

  const relax = (node: number, through: number, from: number, edge: number) => {
    if (done[node] === stamp) return;
    if (seen[node] === stamp && through >= float(distance, node)) return;
    seen[node] = stamp;
    distance[node] = through;
    predNode[node] = from;
    predEdge[node] = edge;
    heap.push(through, node);
  };

  for (let start = 0; start < c.requests; start++) {
    // Most requests reach the sink through one arc: their cheapest edge, strictly cheapest, to
    // an offer with a free slot at the sink's potential, or their own column when that is no
    // dearer than any edge. Dijkstra would then settle nothing else below the sink's
    // distance, so this is its exact result (same path, same potentials), without the heap.
    const startPotential = float(potential, start);
    const sinkPotential = float(potential, sink);
    let least = Number.POSITIVE_INFINITY;
    let leastEdge = -1;
    let ties = 0;
    for (let e = int(c.start, start); e < int(c.start, start + 1); e++) {
      if (forbidden[e] === 1) continue;
      const reduced =
        float(c.edgeCost, e) + startPotential - float(potential, c.requests + int(c.edgeOffer, e));
      if (reduced < least) {
        least = reduced;
        leastEdge = e;
        ties = 0;
      } else if (reduced === least) ties++;
    }
    const direct = c.unassignedCost + startPotential - sinkPotential;
    if (direct <= least) {
      potential[start] = startPotential - direct;
      continue;
    }
    if (ties === 0) {
      const offer = int(c.edgeOffer, leastEdge);
      const seated = item(seatedAt, offer);
      if (seated.length < int(slots, offer) && potential[c.requests + offer] === sinkPotential) {
        potential[start] = startPotential - least;
        edgeOfRequest[start] = leastEdge;
        seated.push(start);
        continue;
      }
    }
    stamp++;
    heap.clear();
    settled.length = 0;
    relax(start, 0, -1, -1);
    let sinkDistance = 0;
    while (heap.size > 0) {
      const node = heap.pop();
      const d = heap.poppedKey;
      if (done[node] === stamp || d > float(distance, node)) continue;
      done[node] = stamp;
      if (node === sink) {
        sinkDistance = d;
        break;
      }
      settled.push(node);
      const h = float(potential, node);
      if (node < c.requests) {
        const own = int(edgeOfRequest, node);
        for (let e = int(c.start, node); e < int(c.start, node + 1); e++) {
          if (e === own || forbidden[e] === 1) continue;
          const offerNode = c.requests + int(c.edgeOffer, e);
          relax(offerNode, d + float(c.edgeCost, e) + h - float(potential, offerNode), node, e);
        }
        relax(sink, d + c.unassignedCost + h - float(potential, sink), node, -1);
      } else {
        const offer = node - c.requests;
        const seated = item(seatedAt, offer);
        if (seated.length < int(slots, offer)) relax(sink, d + h - float(potential, sink), node, -2);
        for (const request of seated) {
          const e = int(edgeOfRequest, request);
          relax(request, d - float(c.edgeCost, e) + h - float(potential, request), node, e);
        }
      }
    }
    for (const node of settled)
      potential[node] = float(potential, node) + float(distance, node) - sinkDistance;
    path.length = 0;
    for (let node = sink; node !== -1; node = int(predNode, node)) path.push(node);
    path.reverse();
    for (let i = 0; i + 1 < path.length; i++) {
      const from = num(path, i);
      const to = num(path, i + 1);
      if (to === sink) {
        if (from < c.requests) edgeOfRequest[from] = -1;
      } else if (from < c.requests) {
        edgeOfRequest[from] = int(predEdge, to);
        item(seatedAt, to - c.requests).push(from);
      } else {
        const seated = item(seatedAt, from - c.requests);
        seated.splice(seated.indexOf(to), 1);
      }
    }
  }
  return edgeOfRequest;
}

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

/** How many of its candidate parties each offer could hold at most: the relaxation's slots. */
export function relaxedSlots(c: Component, forbidden: Uint8Array): Int32Array {
  const sizesByOffer: number[][] = Array.from({ length: c.offers }, () => []);
  for (let request = 0; request < c.requests; request++) {
    for (let e = int(c.start, request); e < int(c.start, request + 1); e++) {
      if (forbidden[e] !== 1) item(sizesByOffer, int(c.edgeOffer, e)).push(int(c.sizes, request));
    }
  }
  const slots = new Int32Array(c.offers);
  for (let offer = 0; offer < c.offers; offer++)
    slots[offer] = c.multi[offer] === 1 ? partiesAtMost(item(sizesByOffer, offer), int(c.beds, offer)) : 1;
  return slots;
}

/** The first multi-party offer whose parties overfill it, with those parties; undefined when all fit. */
export function overfilled(
  c: Component,
  edgeOfRequest: Int32Array,
): { offer: number; requests: number[] } | undefined {
  const used = new Int32Array(c.offers);
  for (let request = 0; request < c.requests; request++) {
    const e = int(edgeOfRequest, request);
    if (e >= 0) used[int(c.edgeOffer, e)] = int(used, int(c.edgeOffer, e)) + int(c.sizes, request);
  }
  for (let offer = 0; offer < c.offers; offer++) {
    if (int(used, offer) <= int(c.beds, offer)) continue;
    const requests: number[] = [];
    for (let request = 0; request < c.requests; request++) {
      const e = int(edgeOfRequest, request);
      if (e >= 0 && c.edgeOffer[e] === offer) requests.push(request);
    }
    return { offer, requests };
  }
  return undefined;
}

/** A feasible solution near a relaxed one: drop the weakest parties of overfilled offers, re-seat them greedily. */
export function repair(c: Component, relaxed: Int32Array): Int32Array {
  const edgeOfRequest = relaxed.slice();
  const used = new Int32Array(c.offers);
  const fits = (offer: number, request: number) =>
    c.multi[offer] === 1 ? int(used, offer) + int(c.sizes, request) <= int(c.beds, offer) : used[offer] === 0;
  const order = Array.from({ length: c.requests }, (_, request) => request)
    .filter((request) => int(edgeOfRequest, request) >= 0)
    .sort((a, b) => float(c.edgeCost, int(edgeOfRequest, a)) - float(c.edgeCost, int(edgeOfRequest, b)));
  const dropped: number[] = [];
  for (const request of order) {
    const offer = int(c.edgeOffer, int(edgeOfRequest, request));
    if (fits(offer, request)) used[offer] = int(used, offer) + int(c.sizes, request);
    else {
      edgeOfRequest[request] = -1;
      dropped.push(request);
    }
  }
  for (const request of dropped) {
    let best = -1;
    for (let e = int(c.start, request); e < int(c.start, request + 1); e++) {
      if (fits(int(c.edgeOffer, e), request) && (best < 0 || float(c.edgeCost, e) < float(c.edgeCost, best)))
        best = e;
    }
    if (best >= 0) {
      edgeOfRequest[request] = best;
      const offer = int(c.edgeOffer, best);
      used[offer] = int(used, offer) + int(c.sizes, request);
    }
  }
  return edgeOfRequest;
}
