import {
  backfillLookups,
  backfillPauseHorizons,
  backfillProposalCountries,
  reindexOpenOffers,
} from '../../shared/data/reindex.ts';
import { withOperatorTable } from './operator-table.ts';

/**
 * `npm run reindex`: rewrites the pool keys of stored open offers after a release changes them,
 * gives records stored before the coordinators' phone search or the Telegram bot their lookups, and pending
 * proposals made before the workspace their country and queue place, paused records their pause
 * horizon's schedule (see
 * shared/data/reindex.ts). Run once per deployed table after a release, with the credentials of
 * an operator (it reads the whole table once): TABLE_NAME=<table> AWS_REGION=<region> npm run reindex.
 */
await withOperatorTable(async ({ db, tableName }) => {
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
});
