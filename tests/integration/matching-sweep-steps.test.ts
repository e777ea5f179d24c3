import { describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/data/client.ts';
import { openByCountryPartition } from '../../shared/data/keys.ts';
import type { Logger } from '../../shared/log.ts';
import { createMatcher, SweepStepsFailed } from '../../shared/matching/matcher.ts';
import { everyItem, testClient, useTestTable } from '../support/table.ts';
import { makeOffer, makeRequest, proposalsOf, putAll } from './matching-support.ts';

const table = useTestTable();

/**
 * A table client whose queries of the named partitions fail, as a throttled or broken
 * partition would: `key` is the expression value the query names it by.
 */
function clientFailingQueries(key: string, partitions: readonly string[]) {
  const client = testClient(table);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const values = (args.input as { ExpressionAttributeValues?: Record<string, unknown> })
        .ExpressionAttributeValues;
      const raw = values?.[key];
      const asked = typeof raw === 'string' ? raw : (raw as { S?: string } | undefined)?.S;
      if (context.commandName === 'QueryCommand' && asked !== undefined && partitions.includes(asked)) {
        throw Object.assign(new Error('injected failure'), { name: 'InternalServerError' });
      }
      return next(args);
    },
    { step: 'initialize', name: 'failQueries' },
  );
  return createDocumentClient(client);
}

describe('the scheduled sweep runs each step on its own', () => {
  for (const [step, queue] of [
    ['lifecycle', 'LIFECYCLE#due'],
    ['cancellations', 'CANCELLATIONS#due'],
    ['expiry', 'PROPOSAL#pending'],
    ['availability', 'AVAILABILITY#due'],
  ] as const) {
    it(`still matches when the ${step} step fails, and reports that step`, async () => {
      const country = { lifecycle: 'PT', cancellations: 'FI', expiry: 'IE', availability: 'NO' }[step];
      const offer = makeOffer(`steps-${step}-o`, { country, city: 'X', lat: 40, lon: -8 });
      const request = makeRequest(`steps-${step}-r`, {
        country,
        city: undefined,
        lat: undefined,
        lon: undefined,
        adults: 1,
        children: 0,
      });
      await putAll(table.db, table.tableName, [offer, request]);
      const errors: Record<string, unknown>[] = [];
      const log: Logger = {
        info: () => {},
        warn: () => {},
        error: (_m, fields) => errors.push(fields ?? {}),
      };
      const matcher = createMatcher(table.deps({ db: clientFailingQueries(':queue', [queue]), log }));

      await expect(matcher({ source: 'haven.schedule', task: 'sweep' })).rejects.toThrow(SweepStepsFailed);

      expect(errors.filter((fields) => 'step' in fields).map((fields) => fields.step)).toEqual([step]);
      const items = await everyItem(table);
      const proposals = items.filter((item) => item.kind === 'proposal' && item.requestId === request.id);
      expect(proposals.map((proposal) => proposal.offerId)).toEqual([offer.id]);
    });
  }
});

describe('the sweep matches each country on its own', () => {
  it("still proposes in the other countries when one country's offers or requests cannot be read, and fails at the end", async () => {
    // Countries go in order of their codes: the two failing ones come before the two that work.
    const place = (country: string) => ({ country, city: 'X', lat: 50, lon: 10 });
    const records = ['AT', 'BE', 'CZ', 'SE'].flatMap((country) => [
      makeOffer(`countries-${country}-o`, place(country)),
      makeRequest(`countries-${country}-r`, { ...place(country), adults: 1, children: 0 }),
    ]);
    await putAll(table.db, table.tableName, records);
    const errors: Record<string, unknown>[] = [];
    const log: Logger = { info: () => {}, warn: () => {}, error: (_m, fields) => errors.push(fields ?? {}) };
    const db = clientFailingQueries(':pk', [
      openByCountryPartition('offer', 'AT'),
      openByCountryPartition('request', 'BE'),
    ]);
    const matcher = createMatcher(table.deps({ db, log }));

    await expect(matcher({ source: 'haven.schedule', task: 'sweep' })).rejects.toThrow(SweepStepsFailed);

    expect(
      errors
        .filter((fields) => 'country' in fields)
        .map((fields) => fields.country)
        .sort(),
    ).toEqual(['AT', 'BE']);
    expect(errors.filter((fields) => 'step' in fields)).toEqual([
      { step: 'matching', errorType: 'SweepCountriesFailed' },
    ]);
    const proposed = (await proposalsOf(table, 'countries-'))
      .map((proposal) => [proposal.requestId, proposal.offerId])
      .sort();
    expect(proposed).toEqual([
      ['countries-CZ-r', 'countries-CZ-o'],
      ['countries-SE-r', 'countries-SE-o'],
    ]);
  });
});
