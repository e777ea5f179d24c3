import { Worker } from 'node:worker_threads';
import { checkPair } from '../../shared/domain/matching/rules.ts';
import { scorePair } from '../../shared/domain/matching/score.ts';
import type { AssignmentInput } from '../../shared/domain/matching/solver/input.ts';
import { type CandidatePair, type Pool, pairKey } from '../../shared/domain/matching/solver/pool.ts';

/** Every pair of the pool checked and scored, with no index: what a matcher without one must do. */
export function allPairs(pool: Pool): CandidatePair[] {
  const pairs: CandidatePair[] = [];
  pool.requests.forEach((request, r) => {
    pool.offers.forEach(({ offer, holds }, o) => {
      const check = checkPair(offer, request, {
        holds,
        declined: pool.declined.has(pairKey(request.id, offer.id)),
      });
      if (check.broken.length === 0) {
        pairs.push({
          request: r,
          offer: o,
          score: scorePair(offer, request, check.distanceKm).score,
          distanceKm: check.distanceKm,
          remaining: check.remaining,
        });
      }
    });
  });
  return pairs;
}

/** Highest score first, each pair taken when both sides still can: the usual first-fit matcher. */
export function greedy(input: AssignmentInput): { edges: number[]; total: number } {
  const order = input.edges
    .map((_, i) => i)
    .sort((a, b) => (input.edges[b]?.score ?? 0) - (input.edges[a]?.score ?? 0));
  const seated = new Uint8Array(input.partySizes.length);
  const bedsLeft = Float64Array.from(input.offerBeds as ArrayLike<number>);
  const parties = new Int32Array(input.offerBeds.length);
  const edges: number[] = [];
  let total = 0;
  for (const index of order) {
    const edge = input.edges[index];
    if (!edge || seated[edge.request]) continue;
    const size = input.partySizes[edge.request] as number;
    const fits = input.offerMultipleParties[edge.offer]
      ? size <= (bedsLeft[edge.offer] as number)
      : parties[edge.offer] === 0 && size <= (bedsLeft[edge.offer] as number);
    if (!fits) continue;
    seated[edge.request] = 1;
    bedsLeft[edge.offer] = (bedsLeft[edge.offer] as number) - size;
    parties[edge.offer] = (parties[edge.offer] as number) + 1;
    edges.push(index);
    total += edge.score;
  }
  return { edges, total };
}

export interface MunkresOutcome {
  readonly finished: boolean;
  readonly seconds: number;
  readonly total?: number;
  readonly placements?: number;
}

/**
 * The npm `munkres` package on the dense requests × offers matrix (cost 1 − score, 1 where the
 * pair is infeasible, which is as good as unassigned). It sees each offer as one seat, so it
 * solves the single-party problem. Runs in a worker so it can be stopped at the time box.
 */
export async function runMunkres(
  requests: number,
  offers: number,
  pairs: readonly CandidatePair[],
  timeoutSeconds: number,
): Promise<MunkresOutcome> {
  const matrix = new Float64Array(requests * offers).fill(1);
  for (const pair of pairs) matrix[pair.request * offers + pair.offer] = 1 - pair.score;
  const started = performance.now();
  const worker = new Worker(new URL('./munkres-worker.mjs', import.meta.url), {
    workerData: { rows: requests, columns: offers, buffer: matrix.buffer },
    transferList: [matrix.buffer],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ finished: false, seconds: (performance.now() - started) / 1000 });
    }, timeoutSeconds * 1000);
    worker.once('message', (message: { total: number; placements: number; seconds: number }) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve({ finished: true, ...message, seconds: (performance.now() - started) / 1000 });
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
