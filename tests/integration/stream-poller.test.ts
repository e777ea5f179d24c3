import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStreamPoller } from '../../infra/local/stream-poller.ts';
import { changedItems } from '../../shared/data/stream.ts';
import type { Logger } from '../../shared/log.ts';
import { eventually, pollTable, recordStream, streamsClient } from '../support/streams.ts';
import { type TestTable, useTestTable } from '../support/table.ts';

/** A consumer of every record with `lanes` lanes, polled quietly (its handler returns no failures). */
const pollLaned = (
  table: TestTable,
  name: string,
  lanes: number,
  batchSize: number,
  handle: (event: DynamoDBStreamEvent) => Promise<void>,
) =>
  pollTable(
    table,
    {
      name,
      handler: async (event) => {
        await handle(event);
        return { batchItemFailures: [] };
      },
      accepts: () => true,
      batchSize,
      batchWindowMs: 0,
      maxRetries: 0,
      lanes,
    },
    { log: { info: () => {}, warn: () => {}, error: () => {} } },
  );

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

  it('with lanes, a batch that hangs holds back no other item’s records, and one item’s records stay in order', async () => {
    let release = () => {};
    const hanging = new Promise<void>((resolve) => {
      release = resolve;
    });
    const seen: { pk: string; step: number }[] = [];
    const poller = pollLaned(table, 'laned', 4, 5, async (event) => {
      for (const record of event.Records) {
        const pk = String(record.dynamodb?.Keys?.pk?.S);
        if (!pk.startsWith('TEST#lane-')) continue;
        if (pk === 'TEST#lane-stuck') await hanging;
        seen.push({ pk, step: Number(record.dynamodb?.NewImage?.step?.N) });
      }
    });
    const put = (pk: string) =>
      table.db.send(new PutCommand({ TableName: table.tableName, Item: { pk, sk: 'TEST', step: 0 } }));
    const step = (pk: string) =>
      table.db.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: { pk, sk: 'TEST' },
          UpdateExpression: 'ADD step :one',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      );
    await put('TEST#lane-stuck');
    const others = Array.from({ length: 12 }, (_, i) => `TEST#lane-${i}`);
    for (const pk of others) await put(pk);
    for (let i = 0; i < 3; i++) for (const pk of others) await step(pk);

    // A mail that will not send must not hold back the proposal mails written after it: only
    // the items that share its lane wait (one in four here), as in AWS.
    await eventually(() => seen.filter((s) => s.pk !== 'TEST#lane-stuck').length >= others.length * 2);
    expect(seen.some((s) => s.pk === 'TEST#lane-stuck')).toBe(false);
    release();
    await eventually(() => seen.some((s) => s.pk === 'TEST#lane-stuck'));
    await poller.stop();

    for (const pk of others) {
      expect(seen.filter((s) => s.pk === pk).map((s) => s.step)).toEqual([0, 1, 2, 3]);
    }
  });

  it('with lanes, a busy lane takes what gathered for it meanwhile as one batch, not a page at a time', async () => {
    let release = () => {};
    const hanging = new Promise<void>((resolve) => {
      release = resolve;
    });
    const batches: string[][] = [];
    const poller = pollLaned(table, 'gathering', 2, 100, async (event) => {
      const mine = event.Records.map((record) => String(record.dynamodb?.Keys?.pk?.S)).filter((pk) =>
        pk.startsWith('TEST#gather-'),
      );
      if (mine.includes('TEST#gather-busy')) await hanging;
      else if (mine.length > 0) batches.push(mine);
    });
    const put = (pk: string) =>
      table.db.send(new PutCommand({ TableName: table.tableName, Item: { pk, sk: 'TEST' } }));
    await put('TEST#gather-busy');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Each put read on its own page: the poller idles 50 ms between empty reads.
    const others = Array.from({ length: 12 }, (_, i) => `TEST#gather-${i}`);
    for (const pk of others) {
      await put(pk);
      await new Promise((resolve) => setTimeout(resolve, 120));
    }
    // The free lane has had every page by now, so the busy lane holds its share of each.
    await eventually(() => batches.flat().length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const beforeRelease = batches.length;
    release();
    await eventually(() => batches.flat().length === others.length);
    await poller.stop();

    const gathered = batches.slice(beforeRelease);
    expect(beforeRelease).toBeGreaterThan(1);
    expect(gathered).toHaveLength(1);
    expect(gathered[0]?.length).toBeGreaterThan(1);
  });

  it('asks the local table for 100 records a page at most, and hands a busy consumer all that gathered as one batch', async () => {
    const limits: number[] = [];
    const read = new Set<string>();
    const client = streamsClient(table);
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'GetRecordsCommand') return next(args);
        limits.push(Number((args.input as { Limit?: number }).Limit));
        const result = await next(args);
        const { Records = [] } = result.output as {
          Records?: { dynamodb?: { Keys?: { pk?: { S?: string } } } }[];
        };
        for (const record of Records) read.add(String(record.dynamodb?.Keys?.pk?.S));
        return result;
      },
      { step: 'initialize', name: 'recordLimits' },
    );
    let release = () => {};
    const hanging = new Promise<void>((resolve) => {
      release = resolve;
    });
    const batches: string[][] = [];
    const dir = await mkdtemp(join(tmpdir(), 'haven-poller-'));
    const poller = startStreamPoller({
      client,
      streamArn: table.streamArn,
      region: table.config.AWS_REGION,
      consumers: [
        {
          name: 'paged',
          handler: async (event) => {
            const mine = event.Records.map((record) => String(record.dynamodb?.Keys?.pk?.S)).filter((pk) =>
              pk.startsWith('TEST#paged-'),
            );
            if (mine.includes('TEST#paged-busy')) await hanging;
            else if (mine.length > 0) batches.push(mine);
            return { batchItemFailures: [] };
          },
          accepts: () => true,
          batchSize: 1000,
          batchWindowMs: 0,
          maxRetries: 0,
        },
      ],
      checkpointFile: join(dir, 'checkpoints.json'),
      deadLetterFile: join(dir, 'dead-letter.jsonl'),
      log: { info: () => {}, warn: () => {}, error: () => {} },
      idleMs: 50,
    });
    const put = (pk: string) =>
      table.db.send(new PutCommand({ TableName: table.tableName, Item: { pk, sk: 'TEST' } }));
    await put('TEST#paged-busy');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const others = Array.from({ length: 250 }, (_, i) => `TEST#paged-${i}`);
    for (let i = 0; i < others.length; i += 25) await Promise.all(others.slice(i, i + 25).map(put));
    // Released only once the reader has read every put (not after a fixed wait, which a loaded
    // machine outran): all of them gathered while the consumer was busy.
    await eventually(async () => (others.every((pk) => read.has(pk)) ? true : undefined));
    release();
    await eventually(() => batches.flat().length === others.length);
    await poller.stop();

    expect(Math.max(...limits)).toBeLessThanOrEqual(100);
    expect(batches).toHaveLength(1);
  });

  it('lists the shards once a look for all its consumers, as often as a poller of one consumer, and each still gets every record', async () => {
    /** A client that counts its DescribeStream calls: the listings of the stream's shards. */
    const counted = () => {
      const client = streamsClient(table);
      const count = { listings: 0 };
      client.middlewareStack.add(
        (next, context) => (args) => {
          if (context.commandName === 'DescribeStreamCommand') count.listings++;
          return next(args);
        },
        { step: 'initialize', name: 'countListings' },
      );
      return { client, count };
    };
    const got = new Map<string, string[]>();
    const consumer = (name: string) => ({
      name,
      handler: async (event: DynamoDBStreamEvent) => {
        for (const record of event.Records)
          got.set(name, [...(got.get(name) ?? []), String(record.dynamodb?.Keys?.pk?.S)]);
        return { batchItemFailures: [] };
      },
      accepts: () => true,
      batchSize: 100,
      batchWindowMs: 0,
      maxRetries: 0,
    });
    const poll = async (reading: ReturnType<typeof counted>, names: string[]) => {
      const dir = await mkdtemp(join(tmpdir(), 'haven-poller-'));
      return startStreamPoller({
        client: reading.client,
        streamArn: table.streamArn,
        region: table.config.AWS_REGION,
        consumers: names.map(consumer),
        checkpointFile: `${dir}/checkpoints.json`,
        deadLetterFile: `${dir}/dead-letter.jsonl`,
        log: { info: () => {}, warn: () => {}, error: () => {} },
        idleMs: 50,
        shardLookMs: 100,
      });
    };
    // Side by side on one machine: a poller of one consumer (one listing a look) and one of three.
    const single = counted();
    const shared = counted();
    const pollers = [await poll(single, ['alone']), await poll(shared, ['one', 'two', 'three'])];
    await table.db.send(
      new PutCommand({ TableName: table.tableName, Item: { pk: 'TEST#listed', sk: 'TEST', kind: 'test' } }),
    );
    await eventually(() =>
      ['alone', 'one', 'two', 'three'].every((name) => got.get(name)?.includes('TEST#listed')),
    );
    // Many looks: were each consumer to list the shards itself, three would list three times as often.
    await eventually(() => single.count.listings >= 12);
    for (const poller of pollers) await poller.stop();
    expect(shared.count.listings).toBeGreaterThanOrEqual(6);
    expect(shared.count.listings).toBeLessThan(single.count.listings * 1.5);
  });

  it('tells at stop how many invocations each consumer had and how long they took', async () => {
    const lines: { event: string; fields: Record<string, unknown> }[] = [];
    const capture: Logger = {
      info: (event, fields = {}) => lines.push({ event, fields }),
      warn: () => {},
      error: () => {},
    };
    const delivered: string[] = [];
    const poller = pollTable(
      table,
      {
        name: 'counted',
        handler: async (event) => {
          for (const record of event.Records) delivered.push(String(record.dynamodb?.Keys?.pk?.S));
          return { batchItemFailures: [] };
        },
        accepts: () => true,
        batchSize: 100,
        batchWindowMs: 0,
        maxRetries: 0,
      },
      { log: capture },
    );
    await table.db.send(
      new PutCommand({ TableName: table.tableName, Item: { pk: 'TEST#handled', sk: 'TEST', kind: 'test' } }),
    );
    await eventually(() => delivered.includes('TEST#handled'));

    await poller.stop();

    const handled = lines.find((line) => line.event === 'stream.handled');
    expect(handled?.fields).toMatchObject({ consumer: 'counted' });
    expect(handled?.fields.invocations).toBeGreaterThanOrEqual(1);
    expect(handled?.fields.records).toBeGreaterThanOrEqual(1);
    expect(handled?.fields.ms).toBeGreaterThanOrEqual(0);
  });
});
