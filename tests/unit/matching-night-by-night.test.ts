import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHAIN_PASS_BUDGET,
  matchNightByNight,
  searchWorkBound,
  settleCountry,
} from '../../shared/domain/matching/night-by-night.ts';
import { dateOf, dayOf, type HeldBeds, type Nights, stayOf } from '../../shared/domain/matching/nights.ts';
import { checkPair, type MatchOffer, partySize } from '../../shared/domain/matching/rules.ts';
import { scorePair } from '../../shared/domain/matching/score.ts';
import { type ChosenPair, matchPool } from '../../shared/domain/matching/solver/match-pool.ts';
import { type Pool, type PoolOffer, pairKey } from '../../shared/domain/matching/solver/pool.ts';
import type { OfferRecord, RequestRecord } from '../../shared/domain/records.ts';
import { generatePool } from '../bench/generate.ts';
import { futureDate, makeOffer, makeRequest, POTSDAM } from '../integration/matching-support.ts';
import { heldPoolArbitrary } from './matching-arbitraries.ts';

const stay = (id: string, arrival: string, departure: string, adults: number) =>
  makeRequest(id, { arrival: futureDate(arrival), departure: futureDate(departure), adults, children: 0 });

const poolOf = (offers: OfferRecord[], requests: RequestRecord[]): Pool => ({
  offers: offers.map((offer) => ({ offer, holds: [] })),
  requests,
  declined: new Set(),
});

const covers = (nights: Nights, day: number) => nights.from <= day && day < nights.to;

/**
 * Whether every night of every chosen stay keeps the offer within its beds (one party at a time
 * in a single-party offer), counted night by night from the stays themselves: occupancy only
 * rises on an arrival, so the nights to count are the arrivals within a chosen stay.
 */
function withinBedsEveryNight(offer: MatchOffer, holds: readonly HeldBeds[], chosen: readonly HeldBeds[]) {
  const all = [...holds, ...chosen];
  return chosen.every((stay) =>
    all
      .map((other) => Math.max(other.nights.from, stay.nights.from))
      .filter((day) => covers(stay.nights, day))
      .every((day) => {
        const there = all.filter((other) => covers(other.nights, day));
        return offer.multipleParties
          ? there.reduce((sum, other) => sum + other.beds, 0) <= offer.beds
          : there.length <= 1;
      }),
  );
}

describe('matching night by night', () => {
  /** The solver seats `solver` people, night by night `nightly`, these requests. */
  const expectNightByNight = (pool: Pool, solver: number, nightly: number, seated: string[]) => {
    expect(matchPool(pool).people).toBe(solver);
    const matched = matchNightByNight(pool);
    expect(matched.people).toBe(nightly);
    expect(matched.chosen.map((pair) => pool.requests[pair.request]?.id).sort()).toEqual(seated);
  };

  it('seats two stays one after the other in a single-party offer where the solver seats one longer, larger party', () => {
    const pool = poolOf(
      [makeOffer('o', { beds: 3 })],
      [
        stay('long', '03-10', '04-20', 3),
        stay('early', '03-10', '03-25', 2),
        stay('late', '03-25', '04-20', 2),
      ],
    );

    expectNightByNight(pool, 3, 4, ['early', 'late']);
  });

  it('seats different parties on different nights in a multi-party offer', () => {
    const pool = poolOf(
      [makeOffer('m', { beds: 4, multipleParties: true })],
      [
        stay('first', '03-10', '03-20', 4),
        stay('second', '03-20', '03-30', 4),
        stay('small', '03-10', '03-30', 1),
      ],
    );

    expectNightByNight(pool, 4, 8, ['first', 'second']);
  });

  it('moves a stay to another offer, behind the party there, where that lets two others stay one after the other', () => {
    // `long` fits both houses; `first` and `then` only the step-free one, `pet` only the other.
    const needsStepFree = (request: RequestRecord) => ({ ...request, needsStepFree: true });
    const pool = poolOf(
      [
        makeOffer('step-free', { beds: 4, stepFree: true, petsAllowed: false }),
        makeOffer('pets', { beds: 4 }),
      ],
      [
        stay('long', '03-20', '04-10', 4),
        { ...stay('pet', '03-10', '03-20', 4), pets: true },
        needsStepFree(stay('first', '03-10', '03-25', 2)),
        needsStepFree(stay('then', '03-25', '04-15', 1)),
      ],
    );

    // Alone, the step-free house loses a person by taking `first` and `then` for `long`: only
    // with `long` moved on behind `pet` does the change pay.
    expectNightByNight(pool, 8, 11, ['first', 'long', 'pet', 'then']);
  });

  it('keeps a chain that gains nothing when it opens the way for a chain from another request that then gains', () => {
    // Single-party offers, each request allowed only where the comments say (the others declined).
    const offers = [
      makeOffer('w-flat', { beds: 3 }),
      makeOffer('x-flat', { beds: 3 }),
      makeOffer('v-flat', { beds: 3 }),
      makeOffer('y-flat', { beds: 2 }),
    ];
    const requests = [
      // Only w-flat, and sharing no language with it: the solver seats `w` there instead.
      { ...stay('a', '03-10', '05-10', 2), languages: ['fr'] },
      stay('w', '04-01', '05-10', 3), // w-flat or x-flat
      stay('q', '03-10', '05-10', 3), // x-flat or v-flat
      stay('v', '03-10', '05-10', 2), // v-flat only
      stay('y', '03-10', '03-30', 2), // y-flat or x-flat, before `w`
      stay('b', '03-10', '05-10', 1), // y-flat only
    ];
    const allowed = new Set([
      'a w-flat',
      'w w-flat',
      'w x-flat',
      'q x-flat',
      'q v-flat',
      'v v-flat',
      'y y-flat',
      'y x-flat',
      'b y-flat',
    ]);
    const pool: Pool = {
      ...poolOf(offers, requests),
      declined: new Set(
        requests.flatMap((request) =>
          offers
            .filter((offer) => !allowed.has(`${request.id} ${offer.id}`))
            .map((offer) => pairKey(request.id, offer.id)),
        ),
      ),
    };

    // The solver seats w, q, v and y, one an offer (10 people). `a`'s chain (into w-flat, `w` on
    // to x-flat, `q` to v-flat, `v` left out) places no one more at a lower score; `b`'s (into
    // y-flat, `y` to x-flat, `q` to v-flat, `v` left out) loses a person. After `a`'s, `y` stays
    // in x-flat before `w`, and `b`'s chain gains a person: 11, the most any set places.
    expectNightByNight(pool, 10, 11, ['a', 'b', 'q', 'w', 'y']);
  });

  it('moves a seated party to an offer that scores higher, where night by night it fits beside the party there', () => {
    // `first` may stay only in the shared house. For the solver that house holds four people in
    // all, so `second` goes to the flat in Potsdam; night by night both fit in the house, nobody
    // is without a place for the search's passes to seat, and only a move from a seated party
    // brings `second` to Berlin.
    const offers = [
      makeOffer('shared', { beds: 4, multipleParties: true }),
      makeOffer('potsdam', { beds: 4, ...POTSDAM }),
    ];
    const requests = [stay('first', '03-10', '03-20', 4), stay('second', '03-20', '03-30', 4)];
    const pool: Pool = { ...poolOf(offers, requests), declined: new Set([pairKey('first', 'potsdam')]) };
    const at = (pairs: readonly ChosenPair[]) =>
      pairs.map((pair) => `${pool.requests[pair.request]?.id}@${pool.offers[pair.offer]?.offer.id}`).sort();
    const solved = matchPool(pool);

    const matched = matchNightByNight(pool);

    expect(at(solved.chosen)).toEqual(['first@shared', 'second@potsdam']);
    expect(at(matched.chosen)).toEqual(['first@shared', 'second@shared']);
    expect(matched.people).toBe(solved.people);
    expect(matched.total).toBeGreaterThan(solved.total);
  });

  it('never moves a seated party to the offer it scores higher when the party there fits nowhere else', () => {
    // `first` scores higher in Berlin than in Potsdam, but the Berlin flat holds `second`, who may
    // stay nowhere else: moving `first` there gains score and costs two people. A later pass of
    // chains would seat `second` again, so what shows the move was never made is that nothing moved.
    const offers = [makeOffer('berlin', { beds: 4 }), makeOffer('potsdam', { beds: 4, ...POTSDAM })];
    const requests = [
      stay('first', '03-10', '03-20', 2),
      makeRequest('second', {
        ...POTSDAM,
        arrival: futureDate('03-15'),
        departure: futureDate('03-25'),
        adults: 2,
        children: 0,
      }),
    ];
    const pool: Pool = { ...poolOf(offers, requests), declined: new Set([pairKey('second', 'potsdam')]) };
    const scoreOf = (request: number, offer: number) => {
      const { offer: record } = pool.offers[offer] as PoolOffer;
      const seeker = pool.requests[request] as RequestRecord;
      return scorePair(record, seeker, checkPair(record, seeker, { holds: [], declined: false }).distanceKm)
        .score;
    };
    const at = (pairs: readonly ChosenPair[]) =>
      pairs.map((pair) => `${pool.requests[pair.request]?.id}@${pool.offers[pair.offer]?.offer.id}`).sort();

    const matched = matchNightByNight(pool);

    expect(scoreOf(0, 0)).toBeGreaterThan(scoreOf(0, 1));
    expect(scoreOf(0, 0)).toBeGreaterThan(scoreOf(1, 0));
    expect(at(matched.chosen)).toEqual(['first@potsdam', 'second@berlin']);
    expect(matched.people).toBe(4);
    expect(matched.moved).toBe(0);
  });

  /** Five requests seek each offer. */
  const scarcePool = (): Pool => {
    const generated = generatePool({ seed: 1, requests: 500, offers: 100, multipleParties: true });
    return {
      offers: generated.offers.map((offer) => ({ offer, holds: [] })),
      requests: generated.requests,
      declined: new Set(),
    };
  };

  it('bounds the search by the work it counts, never a clock, where five requests seek each offer', () => {
    // Under scarcity each offer a chain tries has scores of candidates without a place to seat
    // beside the stay it moves in: chains budgeted by offers tried ran for minutes on such pools.
    const pool = scarcePool();

    const matched = matchNightByNight(pool);

    const { passes, chains } = matched.work;
    expect(Math.max(...chains)).toBeLessThanOrEqual(CHAIN_PASS_BUDGET);
    // Here the budget is what ends passes of chains, not a lack of requests to try.
    expect(chains.filter((work) => work > CHAIN_PASS_BUDGET / 2).length).toBeGreaterThan(1);
    expect(passes + chains.reduce((sum, work) => sum + work, 0)).toBeLessThanOrEqual(searchWorkBound(pool));
    expect(matched.breaches).toEqual([]);
  });

  it('holds each pass of chains to a smaller budget when given one, and still breaks no rule', () => {
    const pool = scarcePool();
    const budget = CHAIN_PASS_BUDGET / 16;

    const whole = matchNightByNight(pool);
    const smaller = matchNightByNight(pool, { chainPassBudget: budget });

    expect(Math.max(...smaller.work.chains)).toBeLessThanOrEqual(budget);
    expect(smaller.work.chains.filter((work) => work > budget / 2).length).toBeGreaterThan(1);
    const chainWork = (work: readonly number[]) => work.reduce((sum, units) => sum + units, 0);
    expect(chainWork(smaller.work.chains)).toBeLessThan(chainWork(whole.work.chains) / 4);
    expect(smaller.breaches).toEqual([]);
    // A budget above the search's own is the search's own: the same pairs.
    expect(matchNightByNight(pool, { chainPassBudget: CHAIN_PASS_BUDGET * 4 }).chosen).toEqual(whole.chosen);
    expect(() => matchNightByNight(pool, { chainPassBudget: Number.NaN })).toThrow(RangeError);
  });

  it('seats in one single-party offer the most people any set of stays that never share a night places', () => {
    const requests = fc.array(
      fc.record({
        start: fc.integer({ min: 1, max: 40 }),
        nights: fc.integer({ min: 1, max: 20 }),
        adults: fc.integer({ min: 1, max: 3 }),
      }),
      { minLength: 1, maxLength: 9 },
    );
    fc.assert(
      fc.property(requests, (stays) => {
        const first = dayOf(futureDate('04-01'));
        const offer = makeOffer('o', { beds: 3, availableFrom: dateOf(first) });
        const pool = poolOf(
          [offer],
          stays.map((s, i) =>
            makeRequest(`r${i}`, {
              arrival: dateOf(first + s.start),
              departure: dateOf(first + s.start + s.nights),
              adults: s.adults,
              children: 0,
            }),
          ),
        );
        const nights = pool.requests.map((request) => stayOf(request, offer));
        let most = 0;
        for (let subset = 0; subset < 1 << stays.length; subset++) {
          const members = nights.flatMap((_, i) => (subset & (1 << i) ? [i] : []));
          const apart = members.every((a) =>
            members.every(
              (b) =>
                a === b ||
                (nights[a] as Nights).to <= (nights[b] as Nights).from ||
                (nights[b] as Nights).to <= (nights[a] as Nights).from,
            ),
          );
          if (apart)
            most = Math.max(
              most,
              members.reduce((sum, i) => sum + partySize(pool.requests[i] as RequestRecord), 0),
            );
        }

        expect(matchNightByNight(pool).people).toBe(most);
      }),
      { numRuns: 150, seed: 17 },
    );
  });

  it('never books an offer beyond its beds on any night, never breaks a rule, never places fewer than the solver, and gives the same pool the same set', () => {
    let chained = 0;
    fc.assert(
      fc.property(heldPoolArbitrary(10, 24), (pool) => {
        const { offers: poolOffers, requests, declined } = pool;
        const matched = matchNightByNight(pool);
        const solved = matchPool(pool);
        // The solver's set and the search's each pass the check together: the fallback is never needed.
        expect(matched.breaches).toEqual([]);
        expect(matchNightByNight(pool).chosen).toEqual(matched.chosen);
        if (matched.work.chains.some((work) => work > 0)) chained++;

        const requestsSeated = matched.chosen.map((pair) => pair.request);
        expect(new Set(requestsSeated).size).toBe(requestsSeated.length);
        const byOffer = new Map<number, HeldBeds[]>();
        for (const pair of matched.chosen) {
          const { offer: o, holds } = poolOffers[pair.offer] as PoolOffer;
          const r = requests[pair.request] as RequestRecord;
          expect(checkPair(o, r, { holds, declined: declined.has(pairKey(r.id, o.id)) }).broken).toEqual([]);
          byOffer.set(pair.offer, [
            ...(byOffer.get(pair.offer) ?? []),
            { nights: stayOf(r, o), beds: partySize(r) },
          ]);
        }
        for (const [index, chosen] of byOffer) {
          const { offer, holds } = poolOffers[index] as PoolOffer;
          expect(withinBedsEveryNight(offer, holds, chosen)).toBe(true);
        }
        expect(matched.people).toBeGreaterThanOrEqual(solved.people);
        if (matched.people === solved.people)
          expect(matched.total).toBeGreaterThanOrEqual(solved.total - 1e-9);
      }),
      { numRuns: 300, seed: 17 },
    );
    // Chains try offers in a few of these pools (most end at the passes), so the checks above hold their sets too.
    expect(chained).toBeGreaterThan(5);
  });
});

describe("a breach in a solve's set", () => {
  // Two families of two on the same nights, a multi-party offer of two beds, and a third family
  // in an offer of its own: the offer holds either family, never both.
  const pool = poolOf(
    [makeOffer('shared', { beds: 2, multipleParties: true }), makeOffer('own', { beds: 2 })],
    [
      stay('first', '03-10', '04-10', 2),
      stay('second', '03-20', '04-20', 2),
      stay('third', '03-10', '04-10', 2),
    ],
  );
  /** The pair as the solver returns it, scored on its own. */
  const chosen = (request: number, offer: number): ChosenPair => {
    const { offer: record } = pool.offers[offer] as PoolOffer;
    const check = checkPair(record, pool.requests[request] as RequestRecord, { holds: [], declined: false });
    return {
      request,
      offer,
      score: 1,
      remaining: check.remaining,
      scored: scorePair(record, pool.requests[request] as RequestRecord, check.distanceKm),
    };
  };
  const ids = (pairs: readonly ChosenPair[]) =>
    pairs.map((pair) => `${pool.requests[pair.request]?.id}@${pool.offers[pair.offer]?.offer.id}`);

  it("makes the country propose the solver's set, never the breaching pair, and says which rule it broke", () => {
    const solver = [chosen(0, 0), chosen(2, 1)];
    const searched = [
      { request: 0, offer: 0, score: 1 },
      { request: 1, offer: 0, score: 1 },
      { request: 2, offer: 1, score: 1 },
    ];

    const settled = settleCountry(pool, solver, searched);

    expect(settled.fellBack).toBe(true);
    expect(ids(settled.pairs)).toEqual(['first@shared', 'third@own']);
    expect(settled.breaches).toEqual([
      { country: 'DE', requestId: 'second', offerId: 'shared', broken: ['1-capacity'], by: 'search' },
    ]);
  });

  it("leaves out of the solver's own set a pair that breaks a rule with the others, keeping the rest", () => {
    const settled = settleCountry(pool, [chosen(0, 0), chosen(1, 0), chosen(2, 1)], undefined);

    expect(settled.fellBack).toBe(false);
    expect(ids(settled.pairs)).toEqual(['first@shared', 'third@own']);
    expect(settled.breaches).toEqual([
      { country: 'DE', requestId: 'second', offerId: 'shared', broken: ['1-capacity'], by: 'solver' },
    ]);
  });

  it("proposes the search's set when every pair of it passes", () => {
    const searched = [
      { request: 1, offer: 0, score: 1 },
      { request: 2, offer: 1, score: 1 },
    ];

    const settled = settleCountry(pool, [chosen(0, 0)], searched);

    expect(settled).toMatchObject({ fellBack: false, breaches: [] });
    expect(ids(settled.pairs)).toEqual(['second@shared', 'third@own']);
  });
});
