import * as z from 'zod';
import { depsFromEnv } from '../../shared/deps.ts';
import { erasePerson, type Person } from '../../shared/upkeep/lifecycle.ts';

/**
 * `npm run erase -- <email | @username | tg:chat-id>`: for an operator answering a data-subject
 * request. Erases every offer and request of the person at once, as "Delete my data now" does
 * for one record: live ones are withdrawn first and their pending proposals cancelled, the
 * coordinators told by the usual mail. Someone who came through the Telegram bot may have given
 * no address: they are found by the username they wrote from, or by their chat id (shown on the
 * coordinators' record page). Run with the functions' settings
 * (TABLE_NAME, AWS_REGION, COORDINATORS, PUBLIC_URL, MAIL_FROM; DYNAMODB_ENDPOINT for a local
 * table). It sends no mail itself: the outbox items it writes go out through the mailer.
 */
const argument = z
  .union([
    z.email().transform((email): Person => ({ email })),
    z
      .string()
      .regex(/^@[A-Za-z0-9_]{3,32}$/)
      .transform((username): Person => ({ telegram: 'username', value: username.slice(1) })),
    z
      .string()
      .regex(/^tg:-?\d{1,20}$/)
      .transform((chat): Person => ({ telegram: 'chat', value: chat.slice(3) })),
  ])
  .safeParse(process.argv[2]);
if (!argument.success) {
  console.error('Usage: npm run erase -- <email address | @telegram_username | tg:<telegram chat id>>');
  process.exit(2);
}
// The mailer, not this command, delivers what it queues: the transport setting is never used here.
const deps = depsFromEnv({ MAIL_TRANSPORT: 'ses', ...process.env });
const erased = await erasePerson(deps, argument.data);
console.log(`Erased ${erased.offers} offer(s) and ${erased.requests} request(s) of that person.`);
deps.db.destroy();
