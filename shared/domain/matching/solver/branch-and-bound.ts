import { float, int } from './arrays.ts';
import { type Component, totalOf } from './components.ts';
import type { TypedHeap } from './heap.ts';
import { assignToSlots, overfilled, relaxedSlots, repair } from './slots.ts';

/** A branch of the search: the edges forbidden on it, and the bound of the node it came from. */
interface BranchNode {
  readonly forbidden: readonly number[];
  readonly parentBound: number;
}

/**
 * The requests of an overfilled offer in the order their branches go on the stack: the weakest
 * (dearest) last, so that removing it is tried first.
 */
const stackOrder = (c: Component, edgeOfRequest: Int32Array, requests: number[]) =>
  requests
    .sort((a, b) => float(c.edgeCost, int(edgeOfRequest, b)) - float(c.edgeCost, int(edgeOfRequest, a)))
    .reverse();

/** The relaxation's optimum where the search began: its assignment, an offer it overfills, its total. */
interface Root {
  readonly root: Int32Array;
  readonly violation: { offer: number; requests: number[] };
  readonly bound: number;
}

/**
 * Branch and bound from the search's solution, which it proves or beats. Some party of an
 * overfilled offer must go elsewhere: each branch forbids one party's edge there, and its
 * relaxation bounds what it can reach. Returns the best found and an upper bound on the
 * optimum (equal when every branch was closed within the budget).
 */
export function branchAndBound(
  c: Component,
  { root, violation: rootViolation, bound: rootBound }: Root,
  start: Int32Array,
  budget: { nodeLimit: number; heap: TypedHeap },
): { best: Int32Array; bound: number; nodes: number } {
  const { heap } = budget;
  let best = start;
  let bestTotal = totalOf(c, best);
  const stack: BranchNode[] = stackOrder(c, root, rootViolation.requests).map((request) => ({
    forbidden: [int(root, request)],
    parentBound: rootBound,
  }));
  const forbidden = new Uint8Array(c.edgeOffer.length);
  let nodes = 1;
  while (nodes < budget.nodeLimit) {
    const node = stack.pop();
    if (node === undefined) break;
    if (node.parentBound <= bestTotal) continue;
    nodes++;
    forbidden.fill(0);
    for (const e of node.forbidden) forbidden[e] = 1;
    const relaxed = assignToSlots(c, relaxedSlots(c, forbidden), forbidden, heap);
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
    for (const request of stackOrder(c, relaxed, violation.requests))
      stack.push({ forbidden: [...node.forbidden, int(relaxed, request)], parentBound: bound });
  }
  const open = stack.filter((node) => node.parentBound > bestTotal);
  const bound = open.reduce((highest, node) => Math.max(highest, node.parentBound), bestTotal);
  return { best, bound, nodes };
}
