import * as z from 'zod';
import { createDocumentClient, createDynamoClient } from '../../shared/data/client.ts';
import { reindexOpenOffers } from '../../shared/data/reindex.ts';

/**
 * `npm run reindex`: rewrites the pool keys of stored open offers after a release changes them
 * (see shared/data/reindex.ts). Run once per deployed table, with the credentials of an
 * operator: TABLE_NAME=<table> AWS_REGION=<region> npm run reindex.
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
  const result = await reindexOpenOffers(createDocumentClient(client), settings.TABLE_NAME);
  console.log(`${result.openOffers} open offers, ${result.rewritten} rewritten with the current pool keys.`);
} finally {
  client.destroy();
}
