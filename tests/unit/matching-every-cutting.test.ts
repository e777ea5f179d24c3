import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assign } from '../../shared/domain/matching/solver/assign.ts';
import { maximalCuttings } from '../../shared/domain/matching/solver/cuttings.ts';
import { type AssignmentInput, weightOf } from '../../shared/domain/matching/solver/input.ts';
import { type PairFields, PairTable } from '../../shared/domain/matching/solver/pair-table.ts';

/** The most people, then the highest score in the solver's whole millionths. */
interface Outcome {
  readonly people: number;
  readonly millionths: number;
}

interface Batch extends Omit<AssignmentInput, 'edges'> {
  readonly edges: readonly PairFields[];
}

const solveBatch = (batch: Batch) => assign({ ...batch, edges: PairTable.of(batch.edges) });

function outcomeOf(batch: Batch, chosen: readonly number[]): Outcome {
  let people = 0;
  let millionths = 0;
  for (const index of chosen) {
    const edge = batch.edges[index] as PairFields;
    people += batch.partySizes[edge.request] as number;
    millionths += weightOf(edge.score);
  }
  return { people, millionths };
}

/**
 * One house (offer 0, several parties while its beds last) among flats (one party each): every
 * set of the house's candidates that fits its beds, and for each the flats' optimum for everyone
 * else, which is a plain assignment (exact, as the brute-force tests in matching-assign show).
 */
function referenceAroundOneHouse(batch: Batch): Outcome {
  const houseEdges = batch.edges.filter((edge) => edge.offer === 0);
  const flatEdges = batch.edges.filter((edge) => edge.offer !== 0);
  let best: Outcome = { people: -1, millionths: -1 };
  for (let mask = 0; mask < 1 << houseEdges.length; mask++) {
    const inHouse = houseEdges.filter((_, i) => (mask >> i) & 1);
    const beds = inHouse.reduce((sum, edge) => sum + (batch.partySizes[edge.request] as number), 0);
    if (beds > (batch.offerBeds[0] as number)) continue;
    const housed = new Set(inHouse.map((edge) => edge.request));
    const rest = { ...batch, edges: flatEdges.filter((edge) => !housed.has(edge.request)) };
    const flats = outcomeOf(rest, solveBatch(rest).edges);
    const total = {
      people: flats.people + beds,
      millionths: flats.millionths + inHouse.reduce((sum, edge) => sum + weightOf(edge.score), 0),
    };
    if (total.people > best.people || (total.people === best.people && total.millionths > best.millionths))
      best = total;
  }
  return best;
}

const score = fc.integer({ min: 1, max: 100 }).map((n) => n / 100);

/** Too many requests to branch on (more than 40), one house with up to eight candidates. */
const aroundOneHouse: fc.Arbitrary<Batch> = fc
  .record({
    partySizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 42, maxLength: 50 }),
    houseBeds: fc.integer({ min: 4, max: 8 }),
    flatBeds: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 20, maxLength: 30 }),
  })
  .chain(({ partySizes, houseBeds, flatBeds }) =>
    fc.record({
      partySizes: fc.constant(partySizes),
      offerBeds: fc.constant([houseBeds, ...flatBeds]),
      offerMultipleParties: fc.constant([true, ...flatBeds.map(() => false)]),
      house: fc.uniqueArray(fc.record({ request: fc.nat(partySizes.length - 1), score }), {
        selector: (edge) => edge.request,
        minLength: 4,
        maxLength: 8,
      }),
      flats: fc.uniqueArray(
        fc.record({
          request: fc.nat(partySizes.length - 1),
          offer: fc.integer({ min: 1, max: flatBeds.length }),
          score,
        }),
        { selector: (edge) => `${edge.request}:${edge.offer}`, minLength: 40, maxLength: 90 },
      ),
    }),
  )
  .map(({ house, flats, ...batch }) => ({
    ...batch,
    // A pair is a candidate only when the party fits the offer on its own, as checkPair ensures.
    edges: [...house.map((edge) => ({ ...edge, offer: 0 })), ...flats].filter(
      (edge) => (batch.partySizes[edge.request] as number) <= (batch.offerBeds[edge.offer] as number),
    ),
  }));

describe('trying every cutting', () => {
  it('lists each multiset of party sizes that fills the beds until no other party fits', () => {
    expect(maximalCuttings([2, 3, 2, 5], 6)).toEqual([[5], [3, 3], [3, 2], [2, 2, 2]]);
    expect(maximalCuttings([4], 3)).toEqual([]);
  });

  it('proves the optimum of a component too large to branch on when its offers can be cut few ways', () => {
    fc.assert(
      fc.property(aroundOneHouse, (batch) => {
        const result = solveBatch(batch);
        expect(result.exact).toBe(true);
        expect(outcomeOf(batch, result.edges)).toEqual(referenceAroundOneHouse(batch));
      }),
      { numRuns: 25 },
    );
  });
});
