import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedItems } from '../../shared/data/stream.ts';
import { eventually, recordStream } from '../support/streams.ts';
import { useTestTable } from '../support/table.ts';

describe('local stream poller', () => {
  let stream: ReturnType<typeof recordStream>;

  const table = useTestTable();
  beforeAll(async () => {
    stream = recordStream(table, await mkdtemp(join(tmpdir(), 'haven-poller-')));
  });
  afterAll(async () => {
    await stream.stop();
  });

  it('delivers an item holding empty maps and lists as Lambda does, so the whole batch can be read', async () => {
    // A proposal for a request without a city explains its distance with an empty map.
    const item = {
      pk: 'TEST#empty-map',
      sk: 'TEST',
      kind: 'proposal',
      explanation: { distance: {}, coverage: { nights: 3 } },
      tags: [],
      nested: [{}, { list: [] }],
    };
    await table.db.send(new PutCommand({ TableName: table.tableName, Item: item }));

    const record = await eventually(() =>
      stream.seen.find((r) => r.dynamodb?.Keys?.pk?.S === 'TEST#empty-map'),
    );

    expect(changedItems({ Records: [record] })[0]?.newItem).toEqual(item);
  });
});
