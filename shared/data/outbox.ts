import { randomUUID } from 'node:crypto';
import type { RenderedMail } from '../mail/message.ts';
import { sealMail } from '../mail/plain-text.ts';
import { parseRecipient } from '../mail/recipients.ts';
import { outboxKey, outboxPendingIndex } from './keys.ts';

function outboxItemPut(
  tableName: string,
  mail: RenderedMail,
  to: readonly string[],
  chat: string | undefined,
  now: Date,
) {
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
        to: [...to],
        ...(chat ? { chat } : {}),
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

/**
 * The Puts of a mail's outbox items, to be placed in the same TransactWriteItems as the state
 * change that causes the mail: the mail exists exactly when the change does. One item carries
 * every email recipient; each Telegram chat gets an item of its own (with the address it falls
 * back to), so a chat that fails or waits holds back nobody else and is never sent twice.
 * Every mail is sealed here (mail/plain-text.ts): what people typed cannot forge a line in it.
 */
export function outboxPuts(tableName: string, rendered: RenderedMail, now: Date) {
  const mail = sealMail(rendered);
  const recipients = mail.to.map(parseRecipient);
  const emails = recipients.flatMap((recipient) => (recipient.kind === 'email' ? [recipient.address] : []));
  return [
    ...(emails.length > 0 ? [outboxItemPut(tableName, mail, emails, undefined, now)] : []),
    ...recipients.flatMap((recipient) =>
      recipient.kind === 'telegram'
        ? [
            outboxItemPut(
              tableName,
              mail,
              recipient.fallback === undefined ? [] : [recipient.fallback],
              recipient.chatId,
              now,
            ),
          ]
        : [],
    ),
  ];
}
