import * as z from 'zod';
import { createDocumentClient, createDynamoClient } from '../../shared/data/client.ts';
import { rebuildCounters } from '../../shared/overview/rebuild.ts';

/**
 * `npm run overview:rebuild`: recomputes the overview's counters from the records (see
 * shared/overview/rebuild.ts), with the credentials of an operator:
 * TABLE_NAME=<table> AWS_REGION=<region> npm run overview:rebuild.
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
  const result = await rebuildCounters({
    db: createDocumentClient(client),
    config: { TABLE_NAME: settings.TABLE_NAME },
  });
  console.log(
    `${result.countries} countries rebuilt; ${result.itemsDiffering} counter items differed from the records; ${result.changedWhileReading} records changed while it read (run it again at a quieter moment if any did).`,
  );
} finally {
  client.destroy();
}
