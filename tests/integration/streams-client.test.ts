import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createStreamsClient } from '../../infra/local/streams-client.ts';
import { useTestTable } from '../support/table.ts';

const table = useTestTable();

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

describe('the local poller’s stream client', () => {
  it('reads every record, images and all, exactly as the SDK’s own reader does', async () => {
    const item = {
      pk: 'STREAM-TEST#1',
      sk: 'ITEM',
      text: 'Ayşe — ünïcode',
      count: 42,
      fraction: 0.125,
      yes: true,
      nothing: null,
      list: ['a', 2, false, { nested: ['deep', { deeper: 1 }] }],
      map: { a: 'b', c: { d: [1, 2, 3] } },
      strings: new Set(['x', 'y']),
      numbers: new Set([1, 2]),
      bytes: new Uint8Array([0, 1, 2, 250, 255]),
      byteSet: new Set([new Uint8Array([1]), new Uint8Array([2, 3])]),
      empty: {},
    };
    await table.db.send(new PutCommand({ TableName: table.tableName, Item: item }));
    await table.db.send(
      new PutCommand({ TableName: table.tableName, Item: { ...item, count: 43, list: [] } }),
    );
    const plain = new DynamoDBStreamsClient(settings());
    const ours = createStreamsClient(settings());
    const expected = await recordsThrough(plain);
    const read = await recordsThrough(ours);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(read).toEqual(expected);
    const modified = read.find((record) => record.eventName === 'MODIFY');
    expect(modified?.dynamodb?.NewImage?.bytes?.B).toEqual(new Uint8Array([0, 1, 2, 250, 255]));
    expect(modified?.dynamodb?.OldImage?.count).toEqual({ N: '42' });
    expect(modified?.dynamodb?.ApproximateCreationDateTime).toBeInstanceOf(Date);
    plain.destroy();
    ours.destroy();
  });
});
