import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type NightlyPairs, nightlyOptimumOf } from '../bench/surge-optimum.ts';

/** Offers of 1–4 beds, single- or multi-party; parties of 1–3 with stays on days 0–12; some pairs allowed. */
const nightlyPool = fc
  .record({
    offers: fc.array(fc.record({ beds: fc.integer({ min: 1, max: 4 }), multi: fc.boolean() }), {
      minLength: 1,
      maxLength: 3,
    }),
    requests: fc.array(
      fc.record({
        size: fc.integer({ min: 1, max: 3 }),
        start: fc.integer({ min: 0, max: 10 }),
        nights: fc.integer({ min: 1, max: 6 }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    allowed: fc.array(fc.boolean(), { minLength: 18, maxLength: 18 }),
  })
  .map(({ offers, requests, allowed }): NightlyPairs => {
    const input: NightlyPairs = {
      r: [],
      o: [],
      start: [],
      end: [],
      size: requests.map((request) => request.size),
      beds: offers.map((offer) => offer.beds),
      multi: offers.map((offer) => offer.multi),
    };
    requests.forEach((request, r) => {
      offers.forEach((offer, o) => {
        if (request.size > offer.beds || !allowed[r * 3 + o]) return;
        input.r.push(r);
        input.o.push(o);
        input.start.push(request.start);
        input.end.push(request.start + request.nights);
      });
    });
    return input;
  });

/** The most people any choice of at most one pair a request places, every night within beds (one party at a time in a single-party offer). */
function bruteForce(input: NightlyPairs): number {
  const byRequest = input.size.map((_, r) =>
    input.r.flatMap((request, pair) => (request === r ? [pair] : [])),
  );
  let best = 0;
  const chosen: number[] = [];
  const fits = () =>
    input.beds.every((beds, o) => {
      const staying = chosen.filter((pair) => input.o[pair] === o);
      return staying.every((pair) => {
        const night = input.start[pair] as number;
        const there = staying.filter(
          (other) => (input.start[other] as number) <= night && night < (input.end[other] as number),
        );
        const used = input.multi[o]
          ? there.reduce((sum, other) => sum + (input.size[input.r[other] as number] as number), 0)
          : there.length;
        return used <= (input.multi[o] ? beds : 1);
      });
    });
  const visit = (r: number, people: number) => {
    if (r === byRequest.length) {
      best = Math.max(best, people);
      return;
    }
    visit(r + 1, people);
    for (const pair of byRequest[r] ?? []) {
      chosen.push(pair);
      if (fits()) visit(r + 1, people + (input.size[r] as number));
      chosen.pop();
    }
  };
  visit(0, 0);
  return best;
}

// The surge bench's reference (tests/bench/surge-optimum.py, SciPy): what placed ÷ optimum divides by.
describe('the surge’s nightly optimum', () => {
  it('places as many people as exhaustive search, stays one after another in an offer included, and the relaxation bounds it', () => {
    fc.assert(
      fc.property(nightlyPool, (input) => {
        const optimum = nightlyOptimumOf(input, 60);
        expect(optimum.optimal).toBe(true);
        expect(optimum.people).toBe(bruteForce(input));
        expect(optimum.relaxedBound).toBeGreaterThanOrEqual(optimum.people as number);
      }),
      { numRuns: 25, seed: 17 },
    );
  });
});
