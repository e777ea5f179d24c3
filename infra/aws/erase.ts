import * as z from 'zod';
import { settleRestoredOutbox } from '../../shared/data/outbox.ts';
import { erasedSince } from '../../shared/data/reindex.ts';
import { depsFromEnv } from '../../shared/deps.ts';
import { eraseAgain, erasePerson, type Person } from '../../shared/upkeep/lifecycle.ts';

/**
 * `npm run erase -- <email | @username | tg:chat-id>`: for an operator answering a data-subject
 * request. Erases every offer and request of the person at once, as "Delete my data now" does
 * for one record: live ones are withdrawn first and their pending proposals cancelled, the
 * coordinators told by the usual mail. Someone who came through the Telegram bot may have given
 * no address: they are found by the username they wrote from, or by their chat id (shown on the
 * coordinators' record page).
 *
 * `npm run erase -- --restored-to <restore point> <table before the restore>`: after a
 * point-in-time restore into TABLE_NAME, erases again every record that the `erased` and
 * `deleted` audit events of the table before the restore (read by a Scan) show was erased since
 * the restore point: the restore brought their personal data back. First it settles the mails
 * that were unsent at the restore point as that table shows them (data/outbox.ts,
 * settleRestoredOutbox), so the restored table's mailer does not send again what went since.
 *
 * Run with the functions' settings (TABLE_NAME, AWS_REGION, COORDINATORS, COORDINATOR_LANGUAGES, PUBLIC_URL,
 * MAIL_FROM; DYNAMODB_ENDPOINT for a local table). It sends no mail itself: the outbox items it
 * writes go out through the mailer.
 */
const person = z
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
  .transform((value) => ({ person: value }));
const restore = z
  .tuple([
    z.literal('--restored-to'),
    z.iso.datetime({ offset: true }).transform((at) => new Date(at)),
    z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/),
  ])
  .transform(([, since, tableBefore]) => ({ since, tableBefore }));
/**
 * How long before the restore point erasures are read: an event's time is when the erasure
 * started, and one that started just before the restore point may have been written after it,
 * so the restore did not keep it. Erasing a record again that the restore kept erased does no harm.
 */
const IN_FLIGHT_MS = 5 * 60_000;
const args = process.argv.slice(2);
const argument = z.union([z.tuple([person]).transform(([one]) => one), restore]).safeParse(args);
if (!argument.success) {
  console.error(
    [
      'Usage: npm run erase -- <email address | @telegram_username | tg:<telegram chat id>>',
      '       npm run erase -- --restored-to <restore point, ISO time> <table name before the restore>',
    ].join('\n'),
  );
  process.exit(2);
}
// The mailer, not this command, delivers what it queues: the transport setting is never used here.
const deps = depsFromEnv({ MAIL_TRANSPORT: 'ses', ...process.env });
if ('person' in argument.data) {
  const erased = await erasePerson(deps, argument.data.person);
  console.log(
    `Erased ${erased.offers} offer(s) and ${erased.requests} request(s) of that person${erased.failed > 0 ? `, but ${erased.failed} record(s) failed (logged as erase.failed): run it again` : ''}.`,
  );
  if (erased.failed > 0) process.exitCode = 1;
} else {
  const { since, tableBefore } = argument.data;
  if (tableBefore === deps.config.TABLE_NAME) {
    console.error(
      `${tableBefore} is the restored table (TABLE_NAME): name the table as it was before the restore.`,
    );
    process.exit(2);
  }
  // A mail that cannot be settled is counted, not thrown, so the re-erasure below always runs.
  const outbox = await settleRestoredOutbox(deps, tableBefore, since);
  console.log(
    `${outbox.unsent} mail(s) were unsent at the restore point: ${outbox.settled} sent (or given up) since in ${tableBefore} are marked so here, ${outbox.deleted} gone from it are deleted, the rest stay for the mailer${outbox.failed > 0 ? `, but ${outbox.failed} failed (logged as erase.outbox_failed): run it again before the switch` : ''}.`,
  );
  const records = await erasedSince(deps.db, tableBefore, new Date(since.getTime() - IN_FLIGHT_MS));
  const { found, failed } = await eraseAgain(deps, records);
  console.log(
    `${records.length} record(s) were erased in ${tableBefore} since ${since.toISOString()}; ${found} of them are in this table and were erased again${failed > 0 ? `, but ${failed} failed (logged as erase.failed): run it again` : ''}.`,
  );
  if (failed > 0 || outbox.failed > 0) process.exitCode = 1;
}
deps.db.destroy();
