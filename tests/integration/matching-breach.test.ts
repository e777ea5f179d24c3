import { describe, expect, it, vi } from 'vitest';
import type { LogFields, Logger } from '../../shared/log.ts';
import { createMatchingService } from '../../shared/matching/matcher.ts';
import { everyItem, useTestTable } from '../support/table.ts';
import { makeOffer, makeRequest, putAll } from './matching-support.ts';

// The fault: a solve that reports a pair it left out for breaking a rule (a bug in the search,
// which the domain's own tests drive through settleCountry). Everything else is the real solve.
vi.mock('../../shared/domain/matching/night-by-night.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../shared/domain/matching/night-by-night.ts')>();
  return {
    ...real,
    matchNightByNight: (...args: Parameters<typeof real.matchNightByNight>) => {
      const solved = real.matchNightByNight(...args);
      return {
        ...solved,
        breaches: [
          {
            country: 'PL',
            requestId: 'left-out',
            offerId: 'left-out-offer',
            broken: ['1-capacity'],
            by: 'search',
          },
        ],
      };
    },
  };
});

const table = useTestTable();

describe('a breach the solve reports', () => {
  it('is logged as an error with its country and rule, and the country still gets its proposals', async () => {
    const offer = makeOffer('breach-o', { country: 'PL', city: 'Kraków', lat: 50.06, lon: 19.94 });
    const request = makeRequest('breach-r', { country: 'PL', city: 'Kraków', lat: 50.06, lon: 19.94 });
    await putAll(table.db, table.tableName, [offer, request]);
    const errors: [string, LogFields][] = [];
    const log: Logger = {
      info: () => {},
      warn: () => {},
      error: (event, fields = {}) => errors.push([event, fields]),
    };

    const report = await createMatchingService(table.deps({ log })).matchRequestIds([request.id]);

    expect(report.proposed).toBe(1);
    expect(errors).toContainEqual([
      'matcher.breach',
      { country: 'PL', requestId: 'left-out', offerId: 'left-out-offer', broken: '1-capacity', by: 'search' },
    ]);
    const items = await everyItem(table);
    const proposals = items.filter((item) => item.kind === 'proposal');
    expect(proposals.map((proposal) => [proposal.requestId, proposal.offerId])).toEqual([
      [request.id, offer.id],
    ]);
  });
});
