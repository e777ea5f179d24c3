import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignmentInput, matchPool } from '../../shared/domain/matching/solver/match-pool.ts';
import { PairTable } from '../../shared/domain/matching/solver/pair-table.ts';
import type { Pool } from '../../shared/domain/matching/solver/pool.ts';
import { allPairs } from '../bench/baselines.ts';
import { generatePool } from '../bench/generate.ts';
import { integerTotal, scipyOptimum } from '../bench/optimum.ts';
import { bruteForce, type Instance, instance } from './matching-brute-force.ts';

/** Seconds HiGHS gets for a pool here: these close in well under one. */
const TIME_LIMIT_S = 120;

const optimumOf = (input: Instance, mode: 'assignment' | 'milp') =>
  scipyOptimum({ ...input, edges: PairTable.of(input.edges) }, mode, TIME_LIMIT_S);

/** The benchmark's pool generator at a size small enough for HiGHS to prove in seconds. */
function seededPool(multipleParties: boolean): Pool {
  const generated = generatePool({ seed: 20260301, requests: 300, offers: 300, multipleParties });
  return {
    offers: generated.offers.map((offer) => ({ offer, holds: [] })),
    requests: generated.requests,
    declined: new Set(),
  };
}

// The benchmark's reference (tests/bench/optimum.py, SciPy): what its ratios divide by, pinned
// against exhaustive search, and against the matcher on the benchmark's own kind of pool.
describe('the benchmark’s reference optimum', () => {
  it('places as many people with as high a score as exhaustive search, multi-party offers cut every way', () => {
    fc.assert(
      fc.property(instance(8, 4, 0.75), (input) => {
        const optimum = optimumOf(input, 'milp');
        const best = bruteForce(input);
        expect(optimum.optimal).toBe(true);
        expect(optimum.people).toBe(best.people);
        expect(Math.round(optimum.total * 1e6)).toBe(best.millionths);
      }),
      { numRuns: 20 },
    );
  });

  it('matches exhaustive search on single-party pools, as a bipartite matching', () => {
    fc.assert(
      fc.property(instance(6, 6, 0), (input) => {
        const optimum = optimumOf(input, 'assignment');
        const best = bruteForce(input);
        expect(optimum.people).toBe(best.people);
        expect(Math.round(optimum.total * 1e6)).toBe(best.millionths);
      }),
      { numRuns: 10 },
    );
  });

  it.each([
    ['multi-party', true, 'milp'],
    ['single-party', false, 'assignment'],
  ] as const)(
    'agrees with the matcher on a seeded %s pool of 300 requests and 300 offers',
    (_, multi, mode) => {
      const pool = seededPool(multi);
      const matched = matchPool(pool);
      const optimum = scipyOptimum(assignmentInput(pool, allPairs(pool)), mode, TIME_LIMIT_S);
      expect(optimum.optimal).toBe(true);
      expect(matched.people).toBe(optimum.people);
      expect(integerTotal(matched.chosen.map((pair) => pair.score))).toBe(optimum.total);
    },
  );
});
