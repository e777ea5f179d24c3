import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assign, type SolverOptions } from '../../shared/domain/matching/solver/assign.ts';
import { type AssignmentInput, objectiveFor, weightOf } from '../../shared/domain/matching/solver/input.ts';
import { type PairFields, PairTable } from '../../shared/domain/matching/solver/pair-table.ts';

/** A batch with its pairs written out as objects, as these tests build them. */
interface Instance extends Omit<AssignmentInput, 'edges'> {
  readonly edges: readonly PairFields[];
}

const solve = (input: Instance, options?: SolverOptions) =>
  assign({ ...input, edges: PairTable.of(input.edges) }, options);

interface Best {
  readonly people: number;
  readonly score: number;
  /** The score in the solver's whole millionths, summed pair by pair. */
  readonly millionths: number;
}

/** More people placed, or as many with a higher score. */
const better = (a: Best, b: Best) =>
  a.people > b.people || (a.people === b.people && a.millionths > b.millionths);

/** Tries every way to seat each request in one of its offers or nowhere: the reference optimum. */
function bruteForce(input: Instance): Best {
  const byRequest = new Map<number, PairFields[]>();
  for (const edge of input.edges) byRequest.set(edge.request, [...(byRequest.get(edge.request) ?? []), edge]);
  const requests = [...byRequest.keys()];
  const used = new Array<number>(input.offerBeds.length).fill(0);
  const parties = new Array<number>(input.offerBeds.length).fill(0);
  const search = (i: number): Best => {
    if (i === requests.length) return { people: 0, score: 0, millionths: 0 };
    const request = requests[i] as number;
    let best = search(i + 1);
    for (const edge of byRequest.get(request) ?? []) {
      const size = input.partySizes[request] as number;
      const fits = input.offerMultipleParties[edge.offer]
        ? (used[edge.offer] as number) + size <= (input.offerBeds[edge.offer] as number)
        : parties[edge.offer] === 0 && size <= (input.offerBeds[edge.offer] as number);
      if (!fits) continue;
      used[edge.offer] = (used[edge.offer] as number) + size;
      parties[edge.offer] = (parties[edge.offer] as number) + 1;
      const rest = search(i + 1);
      const withEdge = {
        people: rest.people + size,
        score: rest.score + edge.score,
        millionths: rest.millionths + weightOf(edge.score),
      };
      if (better(withEdge, best)) best = withEdge;
      used[edge.offer] = (used[edge.offer] as number) - size;
      parties[edge.offer] = (parties[edge.offer] as number) - 1;
    }
    return best;
  };
  return search(0);
}

/** The reference optimum as the solver's one weight, for its bound. */
const weightOfBest = (input: Instance, best: Best) => {
  const people = Array.from(input.partySizes).reduce((sum, size) => sum + size, 0);
  return best.people * objectiveFor(input.partySizes.length, people).perPerson + best.millionths;
};

const instance = (maxRequests: number, maxOffers: number, multiShare: number) =>
  fc
    .record({
      requests: fc.integer({ min: 1, max: maxRequests }),
      offers: fc.integer({ min: 1, max: maxOffers }),
    })
    .chain(({ requests, offers }) =>
      fc.record({
        partySizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: requests, maxLength: requests }),
        offerBeds: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: offers, maxLength: offers }),
        offerMultipleParties: fc.array(
          fc.integer({ min: 0, max: 99 }).map((n) => n < multiShare * 100),
          { minLength: offers, maxLength: offers },
        ),
        edges: fc.uniqueArray(
          fc.record({
            request: fc.integer({ min: 0, max: requests - 1 }),
            offer: fc.integer({ min: 0, max: offers - 1 }),
            score: fc.integer({ min: 1, max: 100 }).map((n) => n / 100),
          }),
          { selector: (edge) => `${edge.request}:${edge.offer}`, maxLength: requests * offers },
        ),
      }),
    )
    .map((input) => ({
      ...input,
      // A pair is a candidate only when the party fits the offer on its own, as checkPair ensures.
      edges: input.edges.filter(
        (edge) => (input.partySizes[edge.request] as number) <= (input.offerBeds[edge.offer] as number),
      ),
    }));

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
