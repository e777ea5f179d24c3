import { randomUUID } from 'node:crypto';
import type { RenderedMail } from '../mail/message.ts';
import { sealMail } from '../mail/plain-text.ts';
import { outboxKey, outboxPendingIndex } from './keys.ts';

/**
 * The Put of a new outbox item, to be placed in the same TransactWriteItems as the state change
 * that causes the mail: the mail exists exactly when the change does. Every mail is sealed here
 * (mail/plain-text.ts): what people typed cannot forge a line in it.
 */
export function outboxPut(tableName: string, rendered: RenderedMail, now: Date) {
  const mail = sealMail(rendered);
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
