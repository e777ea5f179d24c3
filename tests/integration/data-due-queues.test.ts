import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dueItems } from '../../shared/data/due.ts';
import { lifecycleDueIndex, lifecycleKey, outboxKey, outboxPendingIndex } from '../../shared/data/keys.ts';
import { useTestTable } from '../support/table.ts';

const table = useTestTable();

const put = (item: Record<string, unknown>) =>
  table.db.send(new PutCommand({ TableName: table.tableName, Item: item }));

async function idsOf(items: AsyncGenerator<Record<string, unknown>>) {
  const ids: string[] = [];
  for await (const item of items) ids.push(String(item.id));
  return ids;
}

describe('dueItems, the one read of the due queues', () => {
  it('returns what fell due before the given time, oldest first, from that queue only', async () => {
    const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 12, minute)).toISOString();
    for (const [id, minute] of [
      ['late', 30],
      ['first', 1],
      ['second', 2],
    ] as const) {
      await put({ ...outboxKey(id), ...outboxPendingIndex(at(minute), id), id });
    }
    await put({
      ...lifecycleKey('offer', 'other'),
      ...lifecycleDueIndex(at(0), 'offer', 'other'),
      id: 'other',
    });

    expect(await idsOf(dueItems(table.deps(), 'outbox', at(10)))).toEqual(['first', 'second']);
    expect(await idsOf(dueItems(table.deps(), 'outbox', at(1)))).toEqual([]);
    expect(await idsOf(dueItems(table.deps(), 'lifecycle', at(10)))).toEqual(['other']);
  });
});
