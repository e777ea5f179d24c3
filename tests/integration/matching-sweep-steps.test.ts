import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createDocumentClient, createDynamoClient } from '../../shared/data/client.ts';
import type { Logger } from '../../shared/log.ts';
import { createMatcher, SweepStepsFailed } from '../../shared/matching/matcher.ts';
import { useTestTable } from '../support/table.ts';
import { makeOffer, makeRequest, putAll } from './matching-support.ts';

const table = useTestTable();

/** A table client whose reads of one due queue fail, as a throttled or broken partition would. */
function clientFailingQueue(queue: string) {
  const client = createDynamoClient({
    region: table.config.AWS_REGION,
    endpoint: table.config.DYNAMODB_ENDPOINT,
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const values = (args.input as { ExpressionAttributeValues?: Record<string, unknown> })
        .ExpressionAttributeValues;
      const asked = values?.[':queue'];
      if (
        context.commandName === 'QueryCommand' &&
        (asked === queue || (asked as { S?: string } | undefined)?.S === queue)
      ) {
        throw Object.assign(new Error('injected failure'), { name: 'InternalServerError' });
      }
      return next(args);
    },
    { step: 'initialize', name: 'failOneQueue' },
  );
  return createDocumentClient(client);
}

describe('the scheduled sweep runs each step on its own', () => {
  for (const [step, queue] of [
    ['lifecycle', 'LIFECYCLE#due'],
    ['expiry', 'PROPOSAL#pending'],
    ['availability', 'AVAILABILITY#due'],
  ] as const) {
    it(`still matches when the ${step} step fails, and reports that step`, async () => {
      const country = { lifecycle: 'PT', expiry: 'IE', availability: 'NO' }[step];
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
      const matcher = createMatcher(table.deps({ db: clientFailingQueue(queue), log }));

      await expect(matcher({ source: 'haven.schedule', task: 'sweep' })).rejects.toThrow(SweepStepsFailed);

      expect(errors.filter((fields) => 'step' in fields).map((fields) => fields.step)).toEqual([step]);
      const { Items = [] } = await table.db.send(
        new ScanCommand({ TableName: table.tableName, ConsistentRead: true }),
      );
      const proposals = Items.filter((item) => item.kind === 'proposal' && item.requestId === request.id);
      expect(proposals.map((proposal) => proposal.offerId)).toEqual([offer.id]);
    });
  }
});
