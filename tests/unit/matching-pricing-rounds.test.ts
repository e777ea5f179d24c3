import { describe, expect, it } from 'vitest';
import { matchPool, SECOND_PRICING_REQUESTS } from '../../shared/domain/matching/solver/match-pool.ts';
import type { Pool } from '../../shared/domain/matching/solver/pool.ts';
import { generatePool } from '../bench/generate.ts';

/**
 * Berlin's requests and offers of a seeded benchmark pool: 40 requests, 21 offers, some of them
 * multi-party, whose search runs a second pricing round (found by trying seeds).
 */
function berlin(): Pool {
  const generated = generatePool({ seed: 12, requests: 500, offers: 200, multipleParties: true });
  const near = (place: { lat?: number | undefined; lon?: number | undefined }) =>
    place.lat !== undefined &&
    place.lon !== undefined &&
    Math.abs(place.lat - 52.52) < 1 &&
    Math.abs(place.lon - 13.4) < 1.5;
  return {
    offers: generated.offers.filter(near).map((offer) => ({ offer, holds: [] })),
    requests: generated.requests.filter(near),
    declined: new Set(),
  };
}

// 4cd363d: in a country of more than 2,500 requests the multi-party search prices once, where a
// second round cost a seventh of the national pool's largest country for 0.014 of its score.
describe('pricing rounds', () => {
  it('are two in a country of up to SECOND_PRICING_REQUESTS requests, one above', () => {
    const pool = berlin();
    const requests = pool.requests.length;
    // A small work limit keeps the search short; the rounds do not depend on it here.
    const upTo = matchPool(pool, { workLimit: 5_000, secondPricingRequests: requests });
    const above = matchPool(pool, { workLimit: 5_000, secondPricingRequests: requests - 1 });

    expect(upTo.rounds).toBe(above.rounds + 1);
    expect(SECOND_PRICING_REQUESTS).toBe(2_500);
  });
});
