import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { OUTBOX_PENDING_PARTITION } from '../../shared/data/keys.ts';
import { outboxItemOf } from '../../shared/data/outbox.ts';
import type { TestTable } from './table.ts';

/** A mail in the outbox, its body unpacked. */
export interface PendingMail {
  id: string;
  template: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  locale: string;
  createdAt: string;
}

/** Every unsent mail of a test's table (the outbox's pending partition on gsi3, every page), oldest first. */
export async function pendingMails(table: TestTable): Promise<PendingMail[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.db.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pending',
        ExpressionAttributeValues: { ':pending': OUTBOX_PENDING_PARTITION },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []).map(outboxItemOf));
    start = page.LastEvaluatedKey;
  } while (start);
  return items as unknown as PendingMail[];
}
