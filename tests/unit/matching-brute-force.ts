import fc from 'fast-check';
import { type AssignmentInput, weightOf } from '../../shared/domain/matching/solver/input.ts';
import type { PairFields } from '../../shared/domain/matching/solver/pair-table.ts';

/** A batch with its pairs written out as objects, as these tests build them. */
export interface Instance extends Omit<AssignmentInput, 'edges'> {
  readonly edges: readonly PairFields[];
}

export interface Best {
  readonly people: number;
  readonly score: number;
  /** The score in the solver's whole millionths, summed pair by pair. */
  readonly millionths: number;
}

/** More people placed, or as many with a higher score. */
const better = (a: Best, b: Best) =>
  a.people > b.people || (a.people === b.people && a.millionths > b.millionths);

/** Tries every way to seat each request in one of its offers or nowhere: the reference optimum. */
export function bruteForce(input: Instance): Best {
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

/** Small random batches: up to these many requests and offers, this share of them multi-party. */
export const instance = (maxRequests: number, maxOffers: number, multiShare: number) =>
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
