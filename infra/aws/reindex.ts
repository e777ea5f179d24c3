import * as z from 'zod';
import { createDocumentClient, createDynamoClient } from '../../shared/data/client.ts';
import { backfillLookups, backfillProposalCountries, reindexOpenOffers } from '../../shared/data/reindex.ts';

/**
 * `npm run reindex`: rewrites the pool keys of stored open offers after a release changes them,
 * gives records stored before the coordinators' phone search their phone lookups, and pending
 * proposals made before the workspace their country and queue place (see
 * shared/data/reindex.ts). Run once per deployed table after a release, with the credentials of
 * an operator (it reads the whole table once): TABLE_NAME=<table> AWS_REGION=<region> npm run reindex.
 */
const settings = z
  .object({
    TABLE_NAME: z.string().min(1),
    AWS_REGION: z.string().min(1),
    DYNAMODB_ENDPOINT: z.url().optional(),
  })
  .parse(process.env);
const client = createDynamoClient({ region: settings.AWS_REGION, endpoint: settings.DYNAMODB_ENDPOINT });
try {
  const db = createDocumentClient(client);
  const result = await reindexOpenOffers(db, settings.TABLE_NAME);
  console.log(`${result.openOffers} open offers, ${result.rewritten} rewritten with the current pool keys.`);
  const lookups = await backfillLookups(db, settings.TABLE_NAME);
  console.log(
    `${lookups.records} records with a phone number or a Telegram chat, ${lookups.written} lookups written.`,
  );
  const proposals = await backfillProposalCountries(db, settings.TABLE_NAME);
  console.log(
    `${proposals.pending} pending proposals, ${proposals.written} given their country and queue place.`,
  );
} finally {
  client.destroy();
}
