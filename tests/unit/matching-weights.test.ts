import { describe, expect, it } from 'vitest';
import { assign } from '../../shared/domain/matching/solver/assign.ts';
import {
  type AssignmentInput,
  objectiveFor,
  WEIGHT_SCALE,
  WeightsOverflow,
  weightOf,
} from '../../shared/domain/matching/solver/input.ts';
import { PairTable } from '../../shared/domain/matching/solver/pair-table.ts';

/** The largest total a batch's weights can reach, exactly. */
const largestTotal = (requests: number, people: number) => {
  const { perPerson, scale } = objectiveFor(requests, people);
  return BigInt(people) * BigInt(perPerson) + BigInt(requests) * BigInt(scale);
};

describe('solver weights', () => {
  it('keep scores in millionths for a country-sized batch', () => {
    expect(objectiveFor(20_000, 60_000).scale).toBe(WEIGHT_SCALE);
  });

  it('stay exact integers below 2^53 for a national batch, with coarser scores', () => {
    const { perPerson, scale } = objectiveFor(100_000, 250_000);
    expect(scale).toBeLessThan(WEIGHT_SCALE);
    expect(scale).toBeGreaterThan(100_000);
    // One more person placed still outweighs every score the batch could add.
    expect(perPerson).toBeGreaterThan(100_000 * scale);
    expect(largestTotal(100_000, 250_000)).toBeLessThanOrEqual(BigInt(Number.MAX_SAFE_INTEGER));
  });

  it('refuse, loudly, a batch too large even for coarse scores', () => {
    expect(() => objectiveFor(10_000_000, 30_000_000)).toThrow(WeightsOverflow);
  });

  it('add up exactly when a batch places more people than millionths allow', () => {
    // 100,000 families of three, each with its own offer: 300,000 people placed.
    const requests = 100_000;
    const input: AssignmentInput = {
      partySizes: new Int32Array(requests).fill(3),
      offerBeds: new Int32Array(requests).fill(4),
      offerMultipleParties: new Array<boolean>(requests).fill(false),
      edges: PairTable.of(
        Array.from({ length: requests }, (_, i) => ({ request: i, offer: i, score: 0.5 + (i % 7) / 20 })),
      ),
    };
    const { perPerson, scale } = objectiveFor(requests, 3 * requests);

    const result = assign(input);

    let expected = 0n;
    for (const score of input.edges.score.subarray(0, requests))
      expected += 3n * BigInt(perPerson) + BigInt(weightOf(score, scale));
    expect(result.people).toBe(3 * requests);
    expect(Number.isSafeInteger(result.weight)).toBe(true);
    expect(BigInt(result.weight)).toBe(expected);
  });
});
