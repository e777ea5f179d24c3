import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { cellOf } from '../../shared/domain/geo.ts';
import { type HeldBeds, peakHeld, stayOf } from '../../shared/domain/matching/nights.ts';
import {
  checkPair,
  type PairContext,
  partySize,
  stayFromApproval,
  stillWaiting,
} from '../../shared/domain/matching/rules.ts';
import { scorePair } from '../../shared/domain/matching/score.ts';
import { assign } from '../../shared/domain/matching/solver/assign.ts';
import { CandidateSearch } from '../../shared/domain/matching/solver/candidate-search.ts';
import {
  allCandidatePairs,
  assignmentInput,
  matchPool,
} from '../../shared/domain/matching/solver/match-pool.ts';
import type { PairTable } from '../../shared/domain/matching/solver/pair-table.ts';
import { type Pool, type PoolOffer, pairKey } from '../../shared/domain/matching/solver/pool.ts';
import type { OfferRecord, RequestRecord } from '../../shared/domain/records.ts';
import { allPairs } from '../bench/baselines.ts';
import { generatePool } from '../bench/generate.ts';
import {
  heldPoolArbitrary,
  idsFrom,
  offerArbitrary,
  PLACES,
  requestArbitrary,
} from './matching-arbitraries.ts';

const sample = <T>(arbitrary: fc.Arbitrary<T>) => fc.sample(arbitrary, { numRuns: 1, seed: 7 })[0] as T;

/** A pool of the benchmark's generator with multi-party offers, `size` requests and as many offers. */
function benchPool(size: number) {
  const { offers, requests } = generatePool({ seed: 5, requests: size, offers: size, multipleParties: true });
  const pool: Pool = { offers: offers.map((offer) => ({ offer, holds: [] })), requests, declined: new Set() };
  return { offers, requests, pool };
}

/** One candidate round: every request reads on with these bounds (see CandidateSearch.extend). */
function readRound(
  search: CandidateSearch,
  requests: number,
  k: number,
  floor: number,
  pays?: (offer: number, score: number) => boolean,
) {
  for (let request = 0; request < requests; request++) search.extend(request, k, floor, pays);
}

/** A table's pairs as objects, by request and offer. */
const fieldsOf = (pairs: PairTable) =>
  Array.from({ length: pairs.length }, (_, index) => pairs.fields(index)).sort(
    (a, b) => a.request - b.request || a.offer - b.offer,
  );

const berlin = PLACES[0];
const leipzig = PLACES[2];

function offer(overrides: Partial<OfferRecord> = {}): OfferRecord {
  return {
    ...sample(offerArbitrary()),
    status: 'open',
    country: 'DE',
    city: berlin.city,
    lat: berlin.lat,
    lon: berlin.lon,
    cell: 'c',
    availableFrom: '2026-03-01',
    availableTo: '2026-06-30',
    beds: 4,
    petsAllowed: true,
    childrenAllowed: true,
    stepFree: true,
    multipleParties: false,
    languages: ['uk', 'de'],
    hostHousehold: 'family',
    ...overrides,
  };
}

function request(overrides: Partial<RequestRecord> = {}): RequestRecord {
  return {
    ...sample(requestArbitrary()),
    status: 'open',
    country: 'DE',
    city: berlin.city,
    lat: berlin.lat,
    lon: berlin.lon,
    cell: 'c',
    maxDistanceKm: 50,
    arrival: '2026-03-10',
    departure: '2026-04-10',
    adults: 2,
    children: 1,
    pets: false,
    needsStepFree: false,
    safeHousehold: false,
    languages: ['uk'],
    ...overrides,
  };
}

const none: PairContext = { holds: [], declined: false };
const broken = (o: OfferRecord, r: RequestRecord, context = none) => checkPair(o, r, context).broken;

describe('hard rules', () => {
  it('accepts a pair that keeps every rule', () => {
    expect(broken(offer(), request())).toEqual([]);
  });

  it('rule 1: the party must fit into the beds not held on its nights', () => {
    expect(broken(offer({ beds: 2 }), request())).toContain('1-capacity');
    const held: HeldBeds[] = [{ nights: stayOf(request(), offer()), beds: 2 }];
    expect(
      broken(offer({ beds: 5, multipleParties: true }), request(), { holds: held, declined: false }),
    ).toEqual([]);
    expect(
      broken(offer({ beds: 4, multipleParties: true }), request(), { holds: held, declined: false }),
    ).toContain('1-capacity');
  });

  it('rule 1: a single-party offer hosts nobody else on overlapping nights, but may after they leave', () => {
    const before: HeldBeds[] = [
      { nights: stayOf({ arrival: '2026-03-01', departure: '2026-03-10' }, offer()), beds: 1 },
    ];
    expect(broken(offer({ beds: 8 }), request(), { holds: before, declined: false })).toEqual([]);
    const during: HeldBeds[] = [
      { nights: stayOf({ arrival: '2026-03-01', departure: '2026-03-11' }, offer()), beds: 1 },
    ];
    expect(broken(offer({ beds: 8 }), request(), { holds: during, declined: false })).toContain('1-capacity');
  });

  it("rule 1: the beds held on a stay's busiest night, as counted night by night", () => {
    const nights = fc
      .record({ from: fc.integer({ min: 0, max: 30 }), length: fc.integer({ min: 1, max: 15 }) })
      .map(({ from, length }) => ({ from, to: from + length }));
    const holds = fc.array(fc.record({ nights, beds: fc.integer({ min: 1, max: 4 }) }), { maxLength: 8 });
    fc.assert(
      fc.property(holds, nights, (held, stay) => {
        let busiest = 0;
        for (let night = stay.from; night < stay.to; night++) {
          const there = held.filter((hold) => hold.nights.from <= night && night < hold.nights.to);
          busiest = Math.max(
            busiest,
            there.reduce((sum, hold) => sum + hold.beds, 0),
          );
        }
        expect(peakHeld(held, stay)).toBe(busiest);
      }),
      { numRuns: 500, seed: 17 },
    );
  });

  it('rule 1: an open-ended stay holds the offer until its availableTo', () => {
    const stay = stayOf(request({ departure: undefined }), offer());
    expect(stay.to).toBe(stayOf({ arrival: '2026-03-10', departure: '2026-07-01' }, offer()).to);
    expect(stayOf(request({ departure: undefined }), offer({ availableTo: undefined })).to).toBe(
      Number.POSITIVE_INFINITY,
    );
  });

  it('rule 3: a stay ends at the departure or the offer’s end, whichever comes first, and holds no night the host did not offer', () => {
    const endsFirst = offer({ availableTo: '2026-03-20' });
    const stay = checkPair(endsFirst, request({ departure: '2026-04-10' }), none);
    expect(stay.broken).toEqual([]);
    expect(stay.stay).toEqual(stayOf({ arrival: '2026-03-10', departure: '2026-03-21' }, offer()));
    expect(checkPair(offer(), request({ departure: '2026-04-10' }), none).stay.to).toBe(
      stayOf({ arrival: '2026-03-10', departure: '2026-04-10' }, offer({ availableTo: undefined })).to,
    );
  });

  it('rule 2: pets, children and step-free needs must be accepted', () => {
    expect(broken(offer({ petsAllowed: false }), request({ pets: true }))).toContain('2-accepts');
    expect(broken(offer({ childrenAllowed: false }), request({ children: 1 }))).toContain('2-accepts');
    expect(broken(offer({ childrenAllowed: false }), request({ children: 0 }))).toEqual([]);
    expect(broken(offer({ stepFree: false }), request({ needsStepFree: true }))).toContain('2-accepts');
  });

  it('rule 3: the offer is available on the arrival date', () => {
    expect(broken(offer({ availableFrom: '2026-03-11' }), request())).toContain('3-dates');
    expect(broken(offer({ availableTo: '2026-03-09' }), request())).toContain('3-dates');
    expect(broken(offer({ availableTo: '2026-03-10' }), request())).toEqual([]);
  });

  it('rule 4: same country, and within the radius of a named city', () => {
    expect(broken(offer({ country: 'AT' }), request())).toContain('4-place');
    expect(broken(offer({ lat: leipzig.lat, lon: leipzig.lon }), request())).toContain('4-place');
    expect(broken(offer({ lat: leipzig.lat, lon: leipzig.lon }), request({ maxDistanceKm: 200 }))).toEqual(
      [],
    );
    const countryWide = request({ city: undefined, lat: undefined, lon: undefined, cell: undefined });
    expect(broken(offer({ lat: leipzig.lat, lon: leipzig.lon }), countryWide)).toEqual([]);
  });

  it('rule 5: a safe household goes only to a host who declared women, a couple or a family', () => {
    for (const hostHousehold of ['single_woman', 'women', 'couple', 'family'] as const) {
      expect(broken(offer({ hostHousehold }), request({ safeHousehold: true }))).toEqual([]);
    }
    for (const hostHousehold of ['single_man', 'men', 'other', undefined] as const) {
      expect(broken(offer({ hostHousehold }), request({ safeHousehold: true }))).toContain(
        '5-safe-household',
      );
      expect(broken(offer({ hostHousehold }), request({ safeHousehold: false }))).toEqual([]);
    }
  });

  it('rule 6: a declined pair, or a request with a pending proposal, is not proposed', () => {
    expect(broken(offer(), request(), { holds: [], declined: true })).toContain('6-declined');
    expect(broken(offer(), request(), { holds: [], declined: false, requestHasPending: true })).toContain(
      '6-one-pending',
    );
  });

  it('only open records match', () => {
    expect(broken(offer({ status: 'paused' }), request())).toContain('open');
    expect(broken(offer(), request({ status: 'proposed' }))).toContain('open');
  });
});

describe('score', () => {
  it('is 1 for a same-city offer in the seeker’s language, covering the stay, with exactly the beds needed', () => {
    const scored = scorePair(offer({ beds: 3 }), request(), 0);
    expect(scored.score).toBeCloseTo(1, 9);
    expect(scored.explanation.languages.shared).toEqual(['uk']);
  });

  it('stays in [0, 1] and never rises with distance', () => {
    fc.assert(
      fc.property(
        offerArbitrary(),
        requestArbitrary(),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        (o, r, a, b) => {
          const [near, far] = a <= b ? [a, b] : [b, a];
          const nearScore = scorePair(o, r, r.lat === undefined ? undefined : near).score;
          const farScore = scorePair(o, r, r.lat === undefined ? undefined : far).score;
          expect(nearScore).toBeGreaterThanOrEqual(farScore);
          for (const value of [nearScore, farScore]) {
            expect(value).toBeGreaterThanOrEqual(0);
            expect(value).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never falls when the offer covers more of the stay', () => {
    fc.assert(
      fc.property(
        offerArbitrary(),
        requestArbitrary(),
        fc.integer({ min: 1, max: 365 }),
        (o, r, extraNights) => {
          const longer = {
            ...o,
            availableTo:
              o.availableTo === undefined
                ? undefined
                : new Date(Date.parse(`${o.availableTo}T00:00:00Z`) + extraNights * 86_400_000)
                    .toISOString()
                    .slice(0, 10),
          };
          const shorter = scorePair(o, r, 10);
          const extended = scorePair(longer, r, 10);
          expect(extended.breakdown.coverage).toBeGreaterThanOrEqual(shorter.breakdown.coverage);
          expect(extended.score).toBeGreaterThanOrEqual(shorter.score);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('prefers the offer whose beds the party fills', () => {
    expect(scorePair(offer({ beds: 6 }), request({ adults: 1, children: 0 }), 0).breakdown.fit).toBeCloseTo(
      1 / 6,
    );
    expect(scorePair(offer({ beds: 6 }), request({ adults: 4, children: 2 }), 0).breakdown.fit).toBe(1);
  });
});

describe('matching a pool', () => {
  it('never proposes a pair that breaks a hard rule, alone or together with the other proposals', () => {
    fc.assert(
      fc.property(heldPoolArbitrary(14, 14), (pool) => {
        const { offers: poolOffers, requests, declined } = pool;
        const offers = poolOffers.map(({ offer }) => offer);
        const { chosen, exact } = matchPool(pool);
        expect(exact).toBe(true);
        const seated = new Set<number>();
        const newHolds = new Map<number, { nights: ReturnType<typeof stayOf>; beds: number }[]>();
        for (const pair of chosen) {
          const o = offers[pair.offer] as OfferRecord;
          const r = requests[pair.request] as RequestRecord;
          expect(seated.has(pair.request)).toBe(false);
          seated.add(pair.request);
          const context = {
            holds: (poolOffers[pair.offer] as PoolOffer).holds,
            declined: declined.has(pairKey(r.id, o.id)),
          };
          expect(checkPair(o, r, context).broken).toEqual([]);
          newHolds.set(pair.offer, [
            ...(newHolds.get(pair.offer) ?? []),
            { nights: stayOf(r, o), beds: partySize(r) },
          ]);
        }
        for (const [offerIndex, added] of newHolds) {
          const o = offers[offerIndex] as OfferRecord;
          const all = [...(poolOffers[offerIndex] as PoolOffer).holds, ...added];
          if (!o.multipleParties)
            expect(added.length + (poolOffers[offerIndex] as PoolOffer).holds.length).toBeLessThanOrEqual(1);
          for (const hold of added) expect(peakHeld(all, hold.nights)).toBeLessThanOrEqual(o.beds);
        }
      }),
      { numRuns: 400 },
    );
  });

  const singleParty = (offers: OfferRecord[], requests: RequestRecord[]): Pool => ({
    offers: offers.map((o) => ({ offer: { ...o, multipleParties: false }, holds: [] })),
    requests,
    declined: new Set(),
  });
  /** The Czech part of a generated pool, single-party: one country, seekers and hosts as generated. */
  const czechPool = (seed: number, requests: number, offers: number) => {
    const generated = generatePool({ seed, requests, offers, multipleParties: false });
    return singleParty(
      generated.offers.filter((o) => o.country === 'CZ'),
      generated.requests.filter((r) => r.country === 'CZ'),
    );
  };
  // Every pair checked and scored one by one, with no index: independent of the candidate search.
  const optimumOfAllPairs = (pool: Pool) => assign(assignmentInput(pool, allPairs(pool))).total;

  it('reads only some pairs yet proposes the optimum over every feasible pair (single-party offers)', () => {
    const crowded = fc.record({
      offers: fc.array(offerArbitrary(idsFrom('offer')), { minLength: 20, maxLength: 70 }),
      requests: fc.array(requestArbitrary(idsFrom('request')), { minLength: 10, maxLength: 50 }),
    });
    fc.assert(
      fc.property(crowded, ({ offers, requests }) => {
        const pool = singleParty(offers, requests);
        const matched = matchPool(pool);
        expect(matched.exact).toBe(true);
        expect(matched.total).toBeCloseTo(optimumOfAllPairs(pool), 6);
      }),
      { numRuns: 60 },
    );
  });

  it('proposes the all-pairs optimum on realistic pools where most pairs are never scored', () => {
    for (const seed of [1, 2, 3]) {
      // More seekers than hosts in one country: each request's first few candidates are contested.
      const pool = czechPool(seed, 1500, 1200);
      const matched = matchPool(pool);
      expect(matched.rounds).toBeGreaterThan(1);
      expect(matched.pairsExamined).toBeLessThan(pool.offers.length * pool.requests.length);
      expect(matched.total).toBeCloseTo(optimumOfAllPairs(pool), 6);
    }
  });

  it('leaves unread the offers other seekers want more, yet proposes the all-pairs optimum', () => {
    for (const seed of [1, 2, 3]) {
      // Twice as many seekers as hosts: the unplaced requests' duals are 0, and only the offers'
      // duals say that none of their unread pairs could pay.
      const pool = czechPool(seed, 1200, 600);
      const matched = matchPool(pool);
      expect(matched.candidates).toBeLessThan(allCandidatePairs(pool).pairs.length * 0.9);
      expect(matched.total).toBeCloseTo(optimumOfAllPairs(pool), 6);
    }
  });

  it('gives every candidate the beds left that checkPair gives it and the score scorePair gives at its distance', () => {
    const { offers, requests, pool } = benchPool(300);
    const { pairs } = allCandidatePairs(pool);
    expect(pairs.length).toBeGreaterThan(1000);
    for (let index = 0; index < pairs.length; index++) {
      const pair = pairs.fields(index);
      const offer = offers[pair.offer] as OfferRecord;
      const request = requests[pair.request] as RequestRecord;
      const check = checkPair(offer, request, { holds: [], declined: false });
      expect(check.broken).toEqual([]);
      expect(pair.remaining).toBe(check.remaining);
      expect(pair.score).toBe(scorePair(offer, request, check.distanceKm).score);
    }
  });

  it('proposes the same pairs for the same pool however slow the machine is', () => {
    const { pool } = benchPool(600);
    const pairsOf = (matched: ReturnType<typeof matchPool>) =>
      matched.chosen.map((pair) => `${pair.request}:${pair.offer}`).sort();
    const quiet = matchPool(pool);
    // A machine so busy that a second passes between any two looks at the clock.
    let now = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += 1000));
    try {
      const busy = matchPool(pool);
      expect(pairsOf(busy)).toEqual(pairsOf(quiet));
      expect(busy.total).toBe(quiet.total);
    } finally {
      clock.mockRestore();
    }
  });

  it('gives a pair read in a later round the same score and beds left as one read at once', () => {
    const { requests, pool } = benchPool(300);
    const search = new CandidateSearch(pool);
    // A few first, then everything: most pairs of the second read wait from the first.
    readRound(search, requests.length, 3, Number.NEGATIVE_INFINITY);
    readRound(search, requests.length, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
    const read = fieldsOf(search.pairs);
    expect(read.length).toBeGreaterThan(requests.length * 3);
    expect(read).toEqual(fieldsOf(allCandidatePairs(pool).pairs));
  });

  it('leaves a waiting pair its rounded-up score shows unreadable as it is, and reads the others exactly', () => {
    const { requests, pool } = benchPool(300);
    const search = new CandidateSearch(pool);
    readRound(search, requests.length, 3, Number.NEGATIVE_INFINITY);
    // A round whose prices no pair beats (as a placed request's dual, or the offers' duals of an
    // unplaced one): no waiting pair is worked out again.
    readRound(search, requests.length, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, () => false);
    expect(search.pairsRescored).toBe(0);
    // A floor some waiting pairs beat: exactly those are read, as they would be at once.
    const floor = 0.6;
    readRound(search, requests.length, Number.POSITIVE_INFINITY, floor);
    const above = (pairs: PairTable) => fieldsOf(pairs).filter((pair) => pair.score > floor);
    expect(above(search.pairs).length).toBeGreaterThan(requests.length * 3);
    expect(above(search.pairs)).toEqual(above(allCandidatePairs(pool).pairs));
  });

  it('works a waiting pair out again only when the floor falls below the one it was worked out at', () => {
    const { requests, pool } = benchPool(300);
    const search = new CandidateSearch(pool);
    readRound(search, requests.length, 3, Number.NEGATIVE_INFINITY);
    // Pairs whose rounded-up score beats the floor but whose score does not are worked out once…
    readRound(search, requests.length, Number.POSITIVE_INFINITY, 0.6);
    const once = search.pairsRescored;
    expect(once).toBeGreaterThan(0);
    // …and not again at the same floor, nor at a higher one (as the duals of later rounds set).
    readRound(search, requests.length, Number.POSITIVE_INFINITY, 0.6);
    readRound(search, requests.length, Number.POSITIVE_INFINITY, 0.65);
    expect(search.pairsRescored).toBe(once);
    // At a lower floor they are read again, exactly as they would be at once.
    const floor = 0.5;
    readRound(search, requests.length, Number.POSITIVE_INFINITY, floor);
    expect(search.pairsRescored).toBeGreaterThan(once);
    const above = (pairs: PairTable) => fieldsOf(pairs).filter((pair) => pair.score > floor);
    expect(above(search.pairs)).toEqual(above(allCandidatePairs(pool).pairs));
  });

  it('proposes the optimum over every feasible pair when multi-party offers share their beds', () => {
    const crowded = fc.record({
      offers: fc.array(offerArbitrary(idsFrom('offer')), { minLength: 10, maxLength: 30 }),
      requests: fc.array(requestArbitrary(idsFrom('request')), { minLength: 10, maxLength: 36 }),
    });
    fc.assert(
      fc.property(crowded, ({ offers, requests }) => {
        const pool: Pool = {
          offers: offers.map((o, i) => ({ offer: { ...o, multipleParties: i % 2 === 0 }, holds: [] })),
          requests,
          declined: new Set(),
        };
        const reference = assign(assignmentInput(pool, allPairs(pool)));
        fc.pre(reference.exact);
        expect(matchPool(pool).total).toBeCloseTo(reference.total, 6);
      }),
      { numRuns: 100 },
    );
  });

  it('gives the only house to the family of three rather than to the single person it suits better', () => {
    const house = offer({ id: 'house', cell: cellOf(berlin), beds: 4, availableTo: '2026-04-10' });
    const single = request({ id: 'single', cell: cellOf(berlin), adults: 1, children: 0, languages: ['uk'] });
    const family = request({
      id: 'family',
      cell: cellOf(berlin),
      adults: 2,
      children: 1,
      languages: ['tr'],
      departure: '2026-05-10',
    });
    const none = { holds: [], declined: false };
    expect(scorePair(house, single, checkPair(house, single, none).distanceKm).score).toBeGreaterThan(
      scorePair(house, family, checkPair(house, family, none).distanceKm).score,
    );
    const matched = matchPool(singleParty([house], [single, family]));
    expect(matched.chosen.map((pair) => pair.request)).toEqual([1]);
    expect(matched.people).toBe(3);
  });

  it('proposes a safe-household request to no host who left the household blank or said other', () => {
    const at = (id: string, hostHousehold: OfferRecord['hostHousehold']) => {
      const { hostHousehold: _, ...blank } = offer({ id, cell: cellOf(berlin) });
      return hostHousehold === undefined ? blank : { ...blank, hostHousehold };
    };
    const offers = [at('blank', undefined), at('other', 'other'), at('men', 'men')];
    const safe = request({ id: 'safe', cell: cellOf(berlin), safeHousehold: true });
    expect(matchPool(singleParty(offers, [safe])).chosen).toEqual([]);
    const [pair] = matchPool(singleParty([...offers, at('family', 'family')], [safe])).chosen;
    expect(pair?.offer).toBe(3);
  });

  it('reads on past the first few candidates when the requests compete for the same offers', () => {
    const offers = Array.from({ length: 40 }, (_, i) =>
      offer({ id: `o${i}`, cell: cellOf(berlin), beds: 1 + (i % 3), languages: i % 2 ? ['uk'] : ['de'] }),
    );
    const requests = Array.from({ length: 30 }, (_, i) =>
      request({ id: `r${i}`, cell: cellOf(berlin), adults: 1, children: 0 }),
    );
    const pool = singleParty(offers, requests);
    const matched = matchPool(pool);
    expect(matched.chosen).toHaveLength(30);
    expect(matched.total).toBeCloseTo(optimumOfAllPairs(pool), 6);
  });
});

describe('someone still waiting after their arrival day', () => {
  const today = Math.floor(Date.parse('2027-05-10T12:00:00Z') / 86_400_000);

  it('is matched as arriving today, until their departure has come', () => {
    expect(stillWaiting({ arrival: '2027-05-01' }, today)).toEqual({ arrival: '2027-05-10' });
    expect(stillWaiting({ arrival: '2027-05-01', departure: '2027-05-20' }, today)).toEqual({
      arrival: '2027-05-10',
      departure: '2027-05-20',
    });
    expect(stillWaiting({ arrival: '2027-05-12' }, today)).toEqual({ arrival: '2027-05-12' });
    expect(stillWaiting({ arrival: '2027-05-01', departure: '2027-05-10' }, today)).toEqual({
      arrival: '2027-05-01',
      departure: '2027-05-10',
    });
  });
  it('is placed by an approval from the day of approval, until the nights proposed end; nights all past are kept', () => {
    const proposal = { id: 'p', nightsFrom: '2027-05-01', nightsTo: '2027-05-20' };
    expect(stayFromApproval(proposal, today)).toEqual({ ...proposal, nightsFrom: '2027-05-10' });
    expect(stayFromApproval({ nightsFrom: '2027-05-01' }, today)).toEqual({ nightsFrom: '2027-05-10' });
    expect(stayFromApproval({ nightsFrom: '2027-05-01', nightsTo: '2027-05-11' }, today)).toEqual({
      nightsFrom: '2027-05-10',
      nightsTo: '2027-05-11',
    });
    const upcoming = { nightsFrom: '2027-05-12', nightsTo: '2027-05-20' };
    expect(stayFromApproval(upcoming, today)).toBe(upcoming);
    const over = { nightsFrom: '2027-05-01', nightsTo: '2027-05-10' };
    expect(stayFromApproval(over, today)).toBe(over);
  });
});
