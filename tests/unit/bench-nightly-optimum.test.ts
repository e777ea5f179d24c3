import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type NightlyPairs, nightlyOptimumOf } from '../bench/nightly-optimum.ts';

const OFFERS = 3;
/** The last night any stay or hold here covers. */
const LAST_NIGHT = 16;

/**
 * Offers of 1–4 beds, single- or multi-party, some with beds held on some nights; parties of 1–3
 * with stays on days 0–12 (so their nights overlap, or follow one another); some pairs allowed,
 * each with a score of 1 to 1,000 millionths (so that sets with as many people differ in score).
 */
const nightlyPool = fc
  .record({
    offers: fc.array(
      fc.record({
        beds: fc.integer({ min: 1, max: 4 }),
        multi: fc.boolean(),
        hold: fc.option(
          fc.record({
            start: fc.integer({ min: 0, max: 10 }),
            nights: fc.integer({ min: 1, max: 6 }),
            beds: fc.integer({ min: 1, max: 2 }),
          }),
          { freq: 3 },
        ),
      }),
      { minLength: 1, maxLength: OFFERS },
    ),
    requests: fc.array(
      fc.record({
        size: fc.integer({ min: 1, max: 3 }),
        start: fc.integer({ min: 0, max: 10 }),
        nights: fc.integer({ min: 1, max: 6 }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    allowed: fc.array(fc.boolean(), { minLength: 6 * OFFERS, maxLength: 6 * OFFERS }),
    scores: fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 6 * OFFERS, maxLength: 6 * OFFERS }),
  })
  .map(({ offers, requests, allowed, scores }): Required<NightlyPairs> => {
    const input: Required<NightlyPairs> = {
      r: [],
      o: [],
      start: [],
      end: [],
      w: [],
      size: requests.map((request) => request.size),
      beds: offers.map((offer) => offer.beds),
      multi: offers.map((offer) => offer.multi),
      holds: offers.flatMap(({ hold }, o) =>
        hold
          ? [
              [o, hold.start, hold.start + hold.nights, Math.min(hold.beds, offers[o]?.beds ?? 1)] as [
                number,
                number,
                number,
                number,
              ],
            ]
          : [],
      ),
    };
    requests.forEach((request, r) => {
      offers.forEach((offer, o) => {
        if (request.size > offer.beds || !allowed[r * OFFERS + o]) return;
        input.r.push(r);
        input.o.push(o);
        input.start.push(request.start);
        input.end.push(request.start + request.nights);
        input.w.push(scores[r * OFFERS + o] as number);
      });
    });
    return input;
  });

/** Whether these pairs, beside the holds, keep every offer within its beds on every night (one party at a time in a single-party offer). */
function fits(input: Required<NightlyPairs>, chosen: readonly number[]): boolean {
  return input.beds.every((beds, o) => {
    for (let night = 0; night <= LAST_NIGHT; night++) {
      const staying = chosen.filter(
        (pair) =>
          input.o[pair] === o &&
          (input.start[pair] as number) <= night &&
          night < (input.end[pair] as number),
      );
      const held = input.holds
        .filter(([offer, start, end]) => offer === o && start <= night && night < end)
        .reduce((sum, [, , , count]) => sum + count, 0);
      const used = input.multi[o]
        ? held + staying.reduce((sum, pair) => sum + (input.size[input.r[pair] as number] as number), 0)
        : (held > 0 ? 1 : 0) + staying.length;
      if (used > (input.multi[o] ? beds : 1)) return false;
    }
    return true;
  });
}

const peopleOf = (input: NightlyPairs, chosen: readonly number[]) =>
  chosen.reduce((sum, pair) => sum + (input.size[input.r[pair] as number] as number), 0);
const scoreOf = (input: Required<NightlyPairs>, chosen: readonly number[]) =>
  chosen.reduce((sum, pair) => sum + (input.w[pair] as number), 0);

/** The most people any choice of at most one pair a request places within beds every night, and the highest score among such choices. */
function bruteForce(input: Required<NightlyPairs>): { people: number; score: number } {
  const byRequest = input.size.map((_, r) =>
    input.r.flatMap((request, pair) => (request === r ? [pair] : [])),
  );
  let best = { people: 0, score: 0 };
  const chosen: number[] = [];
  const visit = (r: number) => {
    if (r === byRequest.length) {
      const people = peopleOf(input, chosen);
      const score = scoreOf(input, chosen);
      if (people > best.people || (people === best.people && score > best.score)) best = { people, score };
      return;
    }
    visit(r + 1);
    for (const pair of byRequest[r] ?? []) {
      chosen.push(pair);
      if (fits(input, chosen)) visit(r + 1);
      chosen.pop();
    }
  };
  visit(0);
  return best;
}

// The reference of the benchmark's S and M and of the surge bench (tests/bench/nightly-optimum.py,
// SciPy): what their ratios divide by.
describe('the nightly optimum', () => {
  it('places as many people as exhaustive search with as high a score among such sets, stays one after another and beds held included, and proves it', () => {
    fc.assert(
      fc.property(nightlyPool, (input) => {
        const best = bruteForce(input);
        const optimum = nightlyOptimumOf(input, 60, { scores: true });
        expect(optimum.optimal).toBe(true);
        expect(optimum.people).toBe(best.people);
        expect(optimum.bound).toBe(best.people);
        expect(Math.round((optimum.total as number) * 1e6)).toBe(best.score);
        expect(Math.round((optimum.scoreBound as number) * 1e6)).toBe(best.score);
        const chosen = optimum.chosen as number[];
        expect(new Set(chosen.map((pair) => input.r[pair])).size).toBe(chosen.length);
        expect(fits(input, chosen)).toBe(true);
        expect([peopleOf(input, chosen), scoreOf(input, chosen)]).toEqual([best.people, best.score]);
      }),
      { numRuns: 20, seed: 17 },
    );
  });

  it('cut off by its time per part, says so and still bounds the people any set places', () => {
    // Eight parties of 1–3 for three offers of 4 beds, every pair allowed, stays overlapping: too
    // much for HiGHS's presolve alone, so a part given no time is cut off.
    const input: Required<NightlyPairs> = {
      r: [],
      o: [],
      start: [],
      end: [],
      w: [],
      size: [1, 2, 3, 1, 2, 3, 2, 1],
      beds: [4, 4, 4],
      multi: [true, true, false],
      holds: [],
    };
    input.size.forEach((_, r) => {
      input.beds.forEach((_, o) => {
        input.r.push(r);
        input.o.push(o);
        input.start.push(r % 4);
        input.end.push((r % 4) + 2 + (r % 3));
        input.w.push(1 + ((r * 7 + o * 3) % 10));
      });
    });
    const proven = nightlyOptimumOf(input, 60, { scores: true });
    const cutOff = nightlyOptimumOf(input, 60, { scores: true, partTimeLimitS: 1e-9 });
    expect(proven.optimal).toBe(true);
    expect(cutOff.optimal).toBe(false);
    expect(cutOff.peopleOptimal).toBe(false);
    expect(cutOff.bound).toBeGreaterThanOrEqual(proven.people as number);
    expect(cutOff.bound).toBeLessThanOrEqual(input.size.reduce((sum, size) => sum + size, 0));
    expect(cutOff.people).toBeLessThanOrEqual(proven.people as number);
    expect(fits(input, cutOff.chosen as number[])).toBe(true);
  });

  it('asked for people only, places as many as exhaustive search and proves it', () => {
    fc.assert(
      fc.property(nightlyPool, (input) => {
        const optimum = nightlyOptimumOf(input, 60);
        expect(optimum.optimal).toBe(true);
        expect(optimum.peopleOptimal).toBe(true);
        expect(optimum.people).toBe(bruteForce(input).people);
        expect(optimum.bound).toBe(optimum.people);
      }),
      { numRuns: 8, seed: 18 },
    );
  });
});
