import { Worker } from 'node:worker_threads';
import { checkPair } from '../../shared/domain/matching/rules.ts';
import { scorePair } from '../../shared/domain/matching/score.ts';
import type { AssignmentInput } from '../../shared/domain/matching/solver/input.ts';
import { PairTable } from '../../shared/domain/matching/solver/pair-table.ts';
import { type Pool, pairKey } from '../../shared/domain/matching/solver/pool.ts';

/** Every pair of the pool checked and scored, with no index: what a matcher without one must do. */
export function allPairs(pool: Pool): PairTable {
  const pairs = new PairTable();
  pool.requests.forEach((request, r) => {
    pool.offers.forEach(({ offer, holds }, o) => {
      const check = checkPair(offer, request, {
        holds,
        declined: pool.declined.has(pairKey(request.id, offer.id)),
      });
      if (check.broken.length === 0) {
        pairs.push(r, o, scorePair(offer, request, check.distanceKm).score, check.remaining);
      }
    });
  });
  return pairs;
}

/** Highest score first, each pair taken when both sides still can: the usual first-fit matcher. */
export function greedy(input: AssignmentInput): { edges: number[]; total: number } {
  const { edges } = input;
  const order = Array.from({ length: edges.length }, (_, i) => i).sort(
    (a, b) => (edges.score[b] ?? 0) - (edges.score[a] ?? 0),
  );
  const seated = new Uint8Array(input.partySizes.length);
  const bedsLeft = Float64Array.from(input.offerBeds as ArrayLike<number>);
  const parties = new Int32Array(input.offerBeds.length);
  const chosen: number[] = [];
  let total = 0;
  for (const index of order) {
    const request = edges.request[index] as number;
    const offer = edges.offer[index] as number;
    if (seated[request]) continue;
    const size = input.partySizes[request] as number;
    const fits = input.offerMultipleParties[offer]
      ? size <= (bedsLeft[offer] as number)
      : parties[offer] === 0 && size <= (bedsLeft[offer] as number);
    if (!fits) continue;
    seated[request] = 1;
    bedsLeft[offer] = (bedsLeft[offer] as number) - size;
    parties[offer] = (parties[offer] as number) + 1;
    chosen.push(index);
    total += edges.score[index] as number;
  }
  return { edges: chosen, total };
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
  pairs: PairTable,
  timeoutSeconds: number,
): Promise<MunkresOutcome> {
  const matrix = new Float64Array(requests * offers).fill(1);
  for (let index = 0; index < pairs.length; index++)
    matrix[(pairs.request[index] as number) * offers + (pairs.offer[index] as number)] =
      1 - (pairs.score[index] as number);
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
