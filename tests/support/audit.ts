import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { AUDIT_PREFIX } from '../../shared/data/keys.ts';
import type { TestTable } from './table.ts';

/** Every audit event of one partition (a record, a proposal), oldest first: consistent, every page. */
export async function auditItemsOf(table: TestTable, pk: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.db.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
        ExpressionAttributeValues: { ':pk': pk, ':audit': AUDIT_PREFIX },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
