import { depsFromEnv } from '../../shared/deps.ts';
import { reindex, reindexReport } from '../../shared/upkeep/reindex.ts';

/**
 * `npm run reindex`: brings a deployed table up to this release (shared/upkeep/reindex.ts):
 * rewrites the pool keys of stored open offers after a release changes them, gives records
 * stored before the coordinators' phone search or the Telegram bot their lookups, pending
 * proposals made before the workspace their country and queue place, paused records their
 * pause horizon's schedule, cancels the pending proposals of hosts rejected before rejecting
 * cancelled them, takes off the Telegram records the addresses nobody confirmed, and blocks the
 * chats that confirmed a blocked address before a press copied the block across. Run once
 * per deployed table after a release, with the credentials of an operator (it reads the whole
 * table) and the functions' settings, as the cancellations mail the coordinators: TABLE_NAME,
 * AWS_REGION, COORDINATORS, COORDINATOR_LANGUAGES, PUBLIC_URL, MAIL_FROM (DYNAMODB_ENDPOINT for a local table).
 */
// The mailer, not this command, delivers what it queues: the transport setting is never used here.
const deps = depsFromEnv({ MAIL_TRANSPORT: 'ses', ...process.env });
try {
  for (const line of reindexReport(await reindex(deps, new Date()))) console.log(line);
} finally {
  deps.db.destroy();
}
