import { type AttributeValue, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { JsonShapeDeserializer2 } from '@smithy/core/protocols';
import { NormalizedSchema } from '@smithy/core/schema';
import type { Schema } from '@smithy/types';
import { describe, expect, it, vi } from 'vitest';
import { createStreamsClient } from '../../infra/local/streams-client.ts';
import { useTestTable } from '../support/table.ts';

const table = useTestTable();

/** The stream's attribute value, as the SDK's schema names it: what the codec's fast path reads. */
const STREAM_ATTRIBUTE_VALUE = 'com.amazonaws.dynamodbstreams#AttributeValue';

const settings = () => ({
  region: table.config.AWS_REGION,
  endpoint: table.config.DYNAMODB_ENDPOINT,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

/** Every record of the table's stream as one client reads it, from its first. */
async function recordsThrough(client: DynamoDBStreamsClient) {
  const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: table.streamArn }));
  const records = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    const { ShardIterator } = await client.send(
      new GetShardIteratorCommand({
        StreamArn: table.streamArn,
        ShardId: shard.ShardId,
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    let iterator = ShardIterator;
    for (let page = 0; iterator && page < 5; page++) {
      const read = await client.send(new GetRecordsCommand({ ShardIterator: iterator }));
      records.push(...(read.Records ?? []));
      iterator = read.Records?.length ? read.NextShardIterator : undefined;
    }
  }
  return records;
}

/**
 * The schema names the SDK's generic reader (JsonShapeDeserializer2's `_read`, which the codec's
 * fast path overrides) is asked to read while `work` runs: an attribute value among them is one
 * the fast path did not handle.
 */
async function genericReadsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const generic = JsonShapeDeserializer2.prototype as unknown as {
    _read(schema: Schema, value: unknown): unknown;
  };
  const spy = vi.spyOn(generic, '_read');
  try {
    await work();
    return spy.mock.calls.map(([schema]) => NormalizedSchema.of(schema).getName(true) ?? '');
  } finally {
    spy.mockRestore();
  }
}

describe('the local poller’s stream client', () => {
  it('reads every record, images and all, exactly as the SDK’s own reader does, its fast path reading every attribute value', async () => {
    const big = '123456789012345678901234567890';
    const attribute: AttributeValue[] = [
      { B: new Uint8Array([0, 1, 2, 250, 255]) },
      { BS: [new Uint8Array([1]), new Uint8Array([2, 3])] },
      { SS: ['x', 'y'] },
      { NS: [big, '-1E-130'] },
      { N: '-1E-130' },
    ];
    const item: Record<string, AttributeValue> = {
      pk: { S: 'STREAM-TEST#1' },
      sk: { S: 'ITEM' },
      text: { S: 'Ayşe — ünïcode' },
      count: { N: '42' },
      fraction: { N: '0.125' },
      huge: { N: big },
      tiny: { N: '-1E-130' },
      yes: { BOOL: true },
      nothing: { NULL: true },
      list: {
        L: [{ S: 'a' }, { N: '2' }, { BOOL: false }, ...attribute, { M: { nested: { L: attribute } } }],
      },
      map: {
        M: {
          a: { S: 'b' },
          ...Object.fromEntries(attribute.map((one, i) => [`v${i}`, one])),
          c: { M: { d: { L: [{ N: '1' }, { N: big }] } } },
        },
      },
      strings: { SS: ['x', 'y'] },
      numbers: { NS: ['1', big, '-1E-130'] },
      bytes: { B: new Uint8Array([0, 1, 2, 250, 255]) },
      byteSet: { BS: [new Uint8Array([1]), new Uint8Array([2, 3])] },
      empty: { M: {} },
    };
    const db = new DynamoDBClient(settings());
    await db.send(new PutItemCommand({ TableName: table.tableName, Item: item }));
    await db.send(
      new PutItemCommand({
        TableName: table.tableName,
        Item: { ...item, count: { N: '43' }, list: { L: [] } },
      }),
    );
    db.destroy();
    const plain = new DynamoDBStreamsClient(settings());
    const ours = createStreamsClient(settings());
    let expected: Awaited<ReturnType<typeof recordsThrough>> = [];
    let read: typeof expected = [];
    const byTheSdk = await genericReadsDuring(async () => {
      expected = await recordsThrough(plain);
    });
    const byOurs = await genericReadsDuring(async () => {
      read = await recordsThrough(ours);
    });
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(read).toStrictEqual(expected);
    // The SDK's reader walks every attribute value; ours hands each image's values to the fast
    // path, so the generic reader meets none (an SDK that bypassed the codec would fail here).
    expect(byTheSdk).toContain(STREAM_ATTRIBUTE_VALUE);
    expect(byOurs).not.toContain(STREAM_ATTRIBUTE_VALUE);
    expect(byOurs.length).toBeGreaterThan(0);
    expect(byOurs.length * 5).toBeLessThan(byTheSdk.length);

    const modified = read.find((record) => record.eventName === 'MODIFY');
    const image = modified?.dynamodb?.NewImage;
    expect(image?.bytes?.B).toStrictEqual(new Uint8Array([0, 1, 2, 250, 255]));
    expect(image?.map?.M?.v1?.BS).toStrictEqual([new Uint8Array([1]), new Uint8Array([2, 3])]);
    expect(image?.huge).toStrictEqual({ N: big });
    // DynamoDB Local writes it out in full; it stays the string that came, never a lossy number.
    expect(typeof image?.tiny?.N).toBe('string');
    expect(Number(image?.tiny?.N)).toBe(-1e-130);
    const list = modified?.dynamodb?.OldImage?.list?.L;
    expect(list?.[3]?.B).toStrictEqual(new Uint8Array([0, 1, 2, 250, 255]));
    expect(list?.[8]?.M?.nested?.L?.[1]?.BS).toStrictEqual([new Uint8Array([1]), new Uint8Array([2, 3])]);
    expect(modified?.dynamodb?.OldImage?.count).toStrictEqual({ N: '42' });
    expect(modified?.dynamodb?.ApproximateCreationDateTime).toBeInstanceOf(Date);
    plain.destroy();
    ours.destroy();
  });
});
