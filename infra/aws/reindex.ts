import { cancelProposalsOfRejectedHosts } from '../../shared/approval/cancel.ts';
import {
  backfillLookups,
  backfillPauseHorizons,
  backfillProposalCountries,
  dropUnconfirmedChatAddresses,
  reindexOpenOffers,
} from '../../shared/data/reindex.ts';
import { depsFromEnv } from '../../shared/deps.ts';

/**
 * `npm run reindex`: rewrites the pool keys of stored open offers after a release changes them,
 * gives records stored before the coordinators' phone search or the Telegram bot their lookups, and pending
 * proposals made before the workspace their country and queue place, paused records their pause
 * horizon's schedule (see
 * shared/data/reindex.ts), and cancels the pending proposals of hosts rejected before rejecting
 * cancelled them (shared/approval/cancel.ts), and takes off Telegram records the addresses
 * nobody confirmed. Run once per deployed table after a release, with
 * the credentials of an operator (it reads the whole table once) and the functions' settings, as
 * the cancellations mail the coordinators: TABLE_NAME, AWS_REGION, COORDINATORS, PUBLIC_URL,
 * MAIL_FROM (DYNAMODB_ENDPOINT for a local table).
 */
// The mailer, not this command, delivers what it queues: the transport setting is never used here.
const deps = depsFromEnv({ MAIL_TRANSPORT: 'ses', ...process.env });
const { db } = deps;
const tableName = deps.config.TABLE_NAME;
try {
  const result = await reindexOpenOffers(db, tableName);
  console.log(`${result.openOffers} open offers, ${result.rewritten} rewritten with the current pool keys.`);
  const lookups = await backfillLookups(db, tableName);
  console.log(
    `${lookups.records} records with a phone number or a Telegram chat, ${lookups.written} lookups written.`,
  );
  const pauses = await backfillPauseHorizons(db, tableName, new Date());
  console.log(
    `${pauses.paused} paused records, ${pauses.scheduled} given a schedule by their pause horizon.`,
  );
  const proposals = await backfillProposalCountries(db, tableName);
  console.log(
    `${proposals.pending} pending proposals, ${proposals.written} given their country and queue place.`,
  );
  const rejected = await cancelProposalsOfRejectedHosts(deps, 'process:reindex-command');
  console.log(
    `${rejected.pending} pending proposals, ${rejected.cancelled} of rejected hosts cancelled (their seekers back in the pool).`,
  );
  const addresses = await dropUnconfirmedChatAddresses(deps);
  console.log(
    `${addresses.records} Telegram records giving an address, ${addresses.dropped} never confirmed and taken off, ${addresses.unknown} too old to tell (kept).`,
  );
} finally {
  db.destroy();
}
