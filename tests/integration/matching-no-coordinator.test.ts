import { describe, expect, it } from 'vitest';
import type { LogFields, Logger } from '../../shared/log.ts';
import { createMatchingService } from '../../shared/matching/matcher.ts';
import { useTestTable } from '../support/table.ts';
import { BERLIN, makeOffer, makeRequest, putAll } from './matching-support.ts';

const ISTANBUL = { country: 'TR', city: 'Istanbul', lat: 41.01, lon: 28.97 };

// TR has a coordinator; DE has none, and there is no `*`.
const table = useTestTable({ COORDINATORS: JSON.stringify({ TR: ['tr@haven.test'] }) });

describe('a sweep in a country no coordinator is listed for', () => {
  it('proposes nothing there and warns once per sweep with the country and how many wait, naming no one', async () => {
    const warnings: [string, LogFields | undefined][] = [];
    const log: Logger = {
      info: () => {},
      warn: (event, fields) => warnings.push([event, fields]),
      error: () => {},
    };
    await putAll(table.db, table.tableName, [
      makeOffer('nc-o1', BERLIN),
      makeRequest('nc-r1', BERLIN),
      makeRequest('nc-r2', BERLIN),
      makeRequest('nc-r3', { ...BERLIN, status: 'paused' }),
      makeOffer('nc-o2', ISTANBUL),
      makeRequest('nc-r4', ISTANBUL),
    ]);
    const matcher = createMatchingService(table.deps({ log }));

    const first = await matcher.sweep();
    expect(first.proposed).toBe(1);
    expect(warnings).toEqual([['matcher.no-coordinator', { country: 'DE', count: 2 }]]);

    await matcher.sweep();
    expect(warnings).toHaveLength(2);
  });
});
