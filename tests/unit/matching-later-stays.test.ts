import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchInTurns, placeableOnly, poolAfter } from '../../shared/domain/matching/later-stays.ts';
import { matchNightByNight, type NightlyOptions } from '../../shared/domain/matching/night-by-night.ts';
import { dateOf, dayOf, stayOf } from '../../shared/domain/matching/nights.ts';
import { matchPool } from '../../shared/domain/matching/solver/match-pool.ts';
import type { Pool } from '../../shared/domain/matching/solver/pool.ts';
import { futureDate, makeOffer, makeRequest } from '../integration/matching-support.ts';
import { heldPoolArbitrary } from './matching-arbitraries.ts';

const stay = (id: string, arrival: string, departure: string, adults = 2) =>
  makeRequest(id, { arrival: futureDate(arrival), departure: futureDate(departure), adults, children: 0 });

describe('later stays', () => {
  it('seats a party after the one before it leaves a single-party offer, in the same turn', () => {
    const offer = makeOffer('o', { beds: 3 });
    const pool: Pool = {
      offers: [{ offer, holds: [] }],
      requests: [stay('r1', '03-10', '03-20'), stay('r2', '04-01', '04-20')],
      declined: new Set(),
    };

    expect(matchPool(pool).people).toBe(2);
    expect(matchInTurns(pool)).toMatchObject({ people: 4, turns: 2 });
  });

  it('fills the nights a multi-party offer has free beyond the fewest its candidates leave', () => {
    const early = stay('early', '03-10', '03-20', 1);
    const offer = makeOffer('m', { beds: 4, multipleParties: true });
    const pool: Pool = {
      offers: [{ offer, holds: [{ nights: stayOf(early, offer), beds: 3 }] }],
      requests: [stay('small', '03-12', '03-18', 1), stay('big', '04-01', '04-20', 4)],
      declined: new Set(),
    };

    expect(matchPool(pool).people).toBe(1);
    expect(matchInTurns(pool).people).toBe(5);
  });

  it('holds each seated stay in its offer and takes its request out of the next turn', () => {
    const offer = makeOffer('o', { beds: 3 });
    const first = stay('r1', '03-10', '03-20');
    const pool: Pool = {
      offers: [{ offer, holds: [] }],
      requests: [first, stay('r2', '04-01', '04-20')],
      declined: new Set(),
    };

    const next = poolAfter(pool, [{ offer: 0, request: 0 }]);

    expect(next.requests.map((request) => request.id)).toEqual(['r2']);
    expect(next.offers[0]?.holds).toEqual([{ nights: stayOf(first, offer), beds: 2 }]);
    expect(pool.offers[0]?.holds).toEqual([]);
  });
});

describe('a later turn solves only the requests some offer still allows', () => {
  /** Each turn's pairs by ids, solving turn after turn while one chooses anyone. */
  const turnsOf = (start: Pool, narrow: (pool: Pool) => Pool, options?: NightlyOptions) => {
    const turns: string[][] = [];
    for (let pool = narrow(start); pool.requests.length > 0; pool = narrow(pool)) {
      const { chosen } = matchNightByNight(pool, options);
      if (chosen.length === 0) break;
      turns.push(
        chosen
          .map((pair) => `${pool.requests[pair.request]?.id}>${pool.offers[pair.offer]?.offer.id}`)
          .sort(),
      );
      pool = poolAfter(pool, chosen);
    }
    return turns;
  };

  it('chooses the same pairs in every turn as the solve of every request left', () => {
    fc.assert(
      fc.property(heldPoolArbitrary(8, 24), (pool) => {
        expect(turnsOf(pool, placeableOnly)).toEqual(turnsOf(pool, (same) => same));
      }),
      { numRuns: 150, seed: 17 },
    );
  });

  it('chooses the same pairs when the requests left out take the pool over the size limits', () => {
    // The limits lowered to the most requests a pool here holds, and a pool (10 requests, two
    // countries) padded past them with 24 requests arriving before any offer opens (rule 3),
    // which the filter leaves out; one where a solve counting only the kept requests would
    // choose other pairs (it runs the seated moves the whole pool's size rules out).
    const most = 24;
    const limits = { seatedMostRequests: most, secondPricingRequests: most, marginRequests: most };
    const pool = fc.sample(heldPoolArbitrary(8, most), { numRuns: 220, seed: 17 })[219] as Pool;
    const padding = Array.from({ length: most }, (_, i) => {
      const { departure: _left, ...like } = pool.requests[
        i % pool.requests.length
      ] as Pool['requests'][number];
      return { ...like, id: `early-${i}`, arrival: dateOf(dayOf(like.arrival) - 400) };
    });
    const padded: Pool = { ...pool, requests: [...padding, ...pool.requests] };
    const whole = turnsOf(padded, (same) => same, limits);
    const uncounted = turnsOf(padded, (rest) => ({ ...placeableOnly(rest), leftOut: [] }), limits);

    expect(placeableOnly(padded).requests).toEqual(placeableOnly(pool).requests);
    expect(uncounted).not.toEqual(whole);
    expect(turnsOf(padded, placeableOnly, limits)).toEqual(whole);
  });

  it('leaves out a request whose only offer its turn filled', () => {
    const offer = makeOffer('o', { beds: 2 });
    const pool: Pool = {
      offers: [{ offer, holds: [] }],
      requests: [stay('first', '03-10', '03-20'), stay('second', '03-12', '03-22')],
      declined: new Set(),
    };
    const [pair] = matchNightByNight(pool).chosen;

    const next = placeableOnly(poolAfter(pool, pair ? [pair] : []));

    expect(next.requests).toEqual([]);
  });
});
