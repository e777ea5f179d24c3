import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellOf } from '../../shared/domain/geo.ts';
import { dayOf } from '../../shared/domain/matching/nights.ts';
import { pairKey } from '../../shared/domain/matching/solver/pool.ts';
import { ANYWHERE } from '../../shared/domain/overview.ts';
import {
  type Blocker,
  blockersOf,
  type LoadedPoolOffer,
  type WaitingPool,
} from '../../shared/domain/overview-blockers.ts';
import { referenceBlockers } from '../support/blockers-reference.ts';
import { idsFrom, offerArbitrary, requestArbitrary } from './matching-arbitraries.ts';

const poolArbitrary = fc
  .record({
    offers: fc.array(
      fc.record({
        offer: offerArbitrary(idsFrom('o')),
        holds: fc.array(
          fc.record({
            from: fc.integer({ min: 0, max: 60 }),
            nights: fc.integer({ min: 1, max: 30 }),
            beds: fc.integer({ min: 1, max: 4 }),
          }),
          { maxLength: 2 },
        ),
      }),
      { maxLength: 25 },
    ),
    requests: fc.array(requestArbitrary(idsFrom('r')), { minLength: 1, maxLength: 25 }),
    declined: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 20 }),
  })
  .map(({ offers, requests, declined }): WaitingPool => {
    const base = offers[0] ? dayOf(offers[0].offer.availableFrom) : 0;
    return {
      offers: offers.map(({ offer, holds }) => ({
        offer,
        holds: holds.map((h) => ({
          nights: { from: base + h.from, to: base + h.from + h.nights },
          beds: h.beds,
        })),
      })),
      requests,
      declined: new Set(
        offers.length === 0
          ? []
          : declined.map(([r, o]) =>
              pairKey(requests[r % requests.length]?.id ?? '', offers[o % offers.length]?.offer.id ?? ''),
            ),
      ),
    };
  });

const TODAY = dayOf('2026-12-01');
const IZMIR = { country: 'TR', city: 'Izmir', lat: 38.4192, lon: 27.1287 };
type Place = typeof IZMIR;

/** An open offer there that takes anyone, unless `overrides` say otherwise. */
const openOffer = (
  id: string,
  place: Place,
  overrides: Partial<LoadedPoolOffer['offer']> = {},
): LoadedPoolOffer => ({
  offer: {
    id,
    status: 'open',
    ...place,
    cell: cellOf(place),
    availableFrom: '2027-01-01',
    beds: 4,
    petsAllowed: true,
    childrenAllowed: true,
    stepFree: true,
    multipleParties: false,
    languages: ['tr'],
    ...overrides,
  },
  holds: [],
});

/** An open request of two adults there, arriving in January. */
const openRequest = (id: string, place: Place, overrides: Partial<WaitingPool['requests'][number]> = {}) => ({
  id,
  status: 'open' as const,
  ...place,
  maxDistanceKm: 50,
  arrival: '2027-01-05',
  adults: 2,
  children: 0,
  pets: false,
  needsStepFree: false,
  safeHousehold: false,
  languages: ['tr'],
  ...overrides,
});

const perCity = (pool: WaitingPool, blockerOf: (request: WaitingPool['requests'][number]) => Blocker) => {
  const cities = new Map<string, Partial<Record<Blocker, number>>>();
  for (const request of pool.requests) {
    const city = request.city ?? ANYWHERE;
    const blocked = cities.get(city) ?? {};
    const blocker = blockerOf(request);
    blocked[blocker] = (blocked[blocker] ?? 0) + 1;
    cities.set(city, blocked);
  }
  return cities;
};

describe('why nobody matched', () => {
  it('names for each request the one rule that, relaxed alone, frees the most offers, as checkPair finds it', () => {
    fc.assert(
      fc.property(poolArbitrary, fc.integer({ min: 0, max: 400 }), (pool, sinceToday) => {
        const today = dayOf('2026-12-01') + sinceToday;
        const found = new Map(blockersOf(pool, today).map((city) => [city.city, city.blocked]));
        expect(found).toEqual(perCity(pool, referenceBlockers(pool, today)));
      }),
      { numRuns: 300 },
    );
  });

  it('says a request waits for rule 6 when the only offers it fits were declined for it', () => {
    const pool = { offers: [openOffer('o1', IZMIR)], requests: [openRequest('r1', IZMIR)] };
    expect(blockersOf({ ...pool, declined: new Set() }, TODAY)[0]?.blocked).toEqual({ none: 1 });
    const declined = new Set([pairKey('r1', 'o1')]);
    expect(blockersOf({ ...pool, declined }, TODAY)[0]?.blocked).toEqual({ declined: 1 });
  });

  it('counts a district’s requests and offers under the city it belongs to', () => {
    const kadikoy = { ...IZMIR, city: 'Kadıköy, Istanbul' };
    const istanbul = { ...IZMIR, city: 'Istanbul' };
    const cities = blockersOf(
      {
        offers: [
          openOffer('o1', kadikoy, { childrenAllowed: false }),
          openOffer('o2', istanbul, { childrenAllowed: false }),
        ],
        requests: [openRequest('r1', kadikoy, { children: 1 }), openRequest('r2', istanbul, { children: 1 })],
        declined: new Set(),
      },
      TODAY,
      (city) => (city === 'Kadıköy, Istanbul' ? 'Istanbul' : city),
    );
    expect(cities).toEqual([
      {
        city: 'Istanbul',
        waiting: 2,
        blocked: { children: 2 },
        offers: { offers: 2, beds: 4, pets: 2, stepFree: 2 },
      },
    ]);
  });
});
