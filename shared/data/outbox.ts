import { randomUUID } from 'node:crypto';
import type { RenderedMail } from '../mail/message.ts';
import { outboxKey, outboxPendingIndex } from './keys.ts';

/**
 * The Put of a new outbox item, to be placed in the same TransactWriteItems as the state change
 * that causes the mail: the mail exists exactly when the change does.
 */
export function outboxPut(tableName: string, mail: RenderedMail, now: Date) {
  const id = randomUUID();
  const at = now.toISOString();
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...outboxKey(id),
        ...outboxPendingIndex(at, id),
        id,
        kind: 'outbox',
        template: mail.template,
        to: [...mail.to],
        locale: mail.locale,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        status: 'pending',
        attempts: 0,
        createdAt: at,
        updatedAt: at,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
