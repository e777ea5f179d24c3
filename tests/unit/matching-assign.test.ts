import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assign, type SolverOptions } from '../../shared/domain/matching/solver/assign.ts';
import { objectiveFor } from '../../shared/domain/matching/solver/input.ts';
import { type PairFields, PairTable } from '../../shared/domain/matching/solver/pair-table.ts';
import { type Best, bruteForce, type Instance, instance } from './matching-brute-force.ts';

const solve = (input: Instance, options?: SolverOptions) =>
  assign({ ...input, edges: PairTable.of(input.edges) }, options);

/** The reference optimum as the solver's one weight, for its bound. */
const weightOfBest = (input: Instance, best: Best) => {
  const people = Array.from(input.partySizes).reduce((sum, size) => sum + size, 0);
  return best.people * objectiveFor(input.partySizes.length, people).perPerson + best.millionths;
};

function isFeasible(input: Instance, chosen: readonly number[]): boolean {
  const seated = new Set<number>();
  const used = new Map<number, number>();
  const parties = new Map<number, number>();
  for (const index of chosen) {
    const edge = input.edges[index] as PairFields;
    if (seated.has(edge.request)) return false;
    seated.add(edge.request);
    used.set(edge.offer, (used.get(edge.offer) ?? 0) + (input.partySizes[edge.request] as number));
    parties.set(edge.offer, (parties.get(edge.offer) ?? 0) + 1);
  }
  for (const [offer, beds] of used) {
    if (beds > (input.offerBeds[offer] as number)) return false;
    if (!input.offerMultipleParties[offer] && (parties.get(offer) as number) > 1) return false;
  }
  return true;
}

describe('assign', () => {
  it('finds the optimum of single-party pools, as exhaustive search does', () => {
    fc.assert(
      fc.property(instance(6, 6, 0), (input) => {
        const result = solve(input);
        expect(result.exact).toBe(true);
        expect(isFeasible(input, result.edges)).toBe(true);
        const best = bruteForce(input);
        expect(result.people).toBe(best.people);
        expect(result.total).toBeCloseTo(best.score, 6);
      }),
      { numRuns: 300 },
    );
  });

  it('finds the optimum when multi-party offers hold several parties while beds last', () => {
    fc.assert(
      fc.property(instance(7, 4, 0.6), (input) => {
        const result = solve(input);
        expect(result.exact).toBe(true);
        expect(isFeasible(input, result.edges)).toBe(true);
        const best = bruteForce(input);
        expect(result.people).toBe(best.people);
        expect(result.total).toBeCloseTo(best.score, 6);
      }),
      { numRuns: 300 },
    );
  });

  it('never overfills an offer and reports an honest bound when the branch budget runs out', () => {
    fc.assert(
      fc.property(instance(8, 3, 1), (input) => {
        const result = solve(input, { nodeLimit: 1 });
        expect(isFeasible(input, result.edges)).toBe(true);
        expect(result.bound).toBeGreaterThanOrEqual(weightOfBest(input, bruteForce(input)));
        expect(result.weight).toBeLessThanOrEqual(result.bound);
      }),
      { numRuns: 200 },
    );
  });

  it('chooses the same pairs without seated duals when none are asked for, and then gives none', () => {
    let searched = 0;
    fc.assert(
      fc.property(instance(8, 3, 1), (input) => {
        const priced = solve(input, { nodeLimit: 1 });
        const unpriced = solve(input, { nodeLimit: 1, seatedDuals: false });
        if (Array.from(priced.seatedDuals).some(Number.isFinite)) searched++;
        expect(unpriced.edges).toEqual(priced.edges);
        expect(unpriced.weight).toBe(priced.weight);
        expect(new Set(unpriced.seatedDuals)).toEqual(
          new Set(unpriced.seatedDuals.length > 0 ? [Number.POSITIVE_INFINITY] : []),
        );
      }),
      { numRuns: 200 },
    );
    // Overfilled offers, so that the multi-party search ran in some of them.
    expect(searched).toBeGreaterThan(0);
  });

  it('places the most people first, then takes the highest score among such sets', () => {
    const result = solve({
      partySizes: [1, 3, 2],
      offerBeds: [4, 3],
      offerMultipleParties: [false, true],
      edges: [
        { request: 0, offer: 0, score: 0.95 },
        { request: 1, offer: 0, score: 0.3 },
        { request: 2, offer: 1, score: 0.9 },
        { request: 0, offer: 1, score: 0.2 },
      ],
    });
    // Scores alone would seat the single person in the house (0.95 + 0.9): three people.
    expect(result.people).toBe(6);
    expect([...result.edges].sort()).toEqual([1, 2, 3]);
    expect(result.total).toBeCloseTo(1.4, 9);
  });

  it('prefers two good placements to one excellent one that blocks both', () => {
    const result = solve({
      partySizes: [1, 1],
      offerBeds: [1, 1],
      offerMultipleParties: [false, false],
      edges: [
        { request: 0, offer: 0, score: 0.9 },
        { request: 0, offer: 1, score: 0.8 },
        { request: 1, offer: 0, score: 0.85 },
      ],
    });
    expect(result.total).toBeCloseTo(1.65, 9);
    expect([...result.edges].sort()).toEqual([1, 2]);
  });

  it('keeps the only big house for the family that needs it', () => {
    const result = solve({
      partySizes: [6, 1],
      offerBeds: [6, 2],
      offerMultipleParties: [false, false],
      edges: [
        { request: 0, offer: 0, score: 0.9 },
        { request: 1, offer: 0, score: 0.6 },
        { request: 1, offer: 1, score: 0.5 },
      ],
    });
    expect([...result.edges].sort()).toEqual([0, 2]);
  });
});
