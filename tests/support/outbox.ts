import { OUTBOX_PENDING_PARTITION } from '../../shared/data/keys.ts';
import { outboxItemOf } from '../../shared/data/outbox.ts';
import { queryAll } from '../../shared/data/query.ts';
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
  const items = await queryAll(table.db, {
    TableName: table.tableName,
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :pending',
    ExpressionAttributeValues: { ':pending': OUTBOX_PENDING_PARTITION },
  });
  return items.map(outboxItemOf) as unknown as PendingMail[];
}
