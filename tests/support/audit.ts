import { AUDIT_PREFIX } from '../../shared/data/keys.ts';
import { queryAll } from '../../shared/data/query.ts';
import type { TestTable } from './table.ts';

/** Every audit event of one partition (a record, a proposal), oldest first: consistent, every page. */
export function auditItemsOf(table: TestTable, pk: string): Promise<Record<string, unknown>[]> {
  return queryAll(table.db, {
    TableName: table.tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
    ExpressionAttributeValues: { ':pk': pk, ':audit': AUDIT_PREFIX },
    ConsistentRead: true,
  });
}
