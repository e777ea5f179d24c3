import * as z from 'zod';
import { depsFromEnv } from '../../shared/deps.ts';
import { eraseAddress } from '../../shared/upkeep/lifecycle.ts';

/**
 * `npm run erase -- <email>`: for an operator answering a data-subject request. Erases every
 * offer and request from the address at once, as "Delete my data now" does for one record:
 * live ones are withdrawn first and their pending proposals cancelled, the coordinators told
 * by the usual mail. Run with the functions' settings (TABLE_NAME, AWS_REGION, COORDINATORS,
 * PUBLIC_URL, MAIL_FROM; DYNAMODB_ENDPOINT for a local table). It sends no mail itself: the
 * outbox items it writes go out through the mailer like any other.
 */
const email = z.email().safeParse(process.argv[2]);
if (!email.success) {
  console.error('Usage: npm run erase -- <email address>');
  process.exit(2);
}
// The mailer, not this command, delivers what it queues: the transport setting is never used here.
const deps = depsFromEnv({ MAIL_TRANSPORT: 'ses', ...process.env });
const erased = await eraseAddress(deps, email.data);
console.log(`Erased ${erased.offers} offer(s) and ${erased.requests} request(s) from that address.`);
deps.db.destroy();
