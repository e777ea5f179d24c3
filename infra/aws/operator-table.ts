import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { createDocumentClient, createDynamoClient } from '../../shared/data/client.ts';

/**
 * The table an operator's command works on, from TABLE_NAME and AWS_REGION (DYNAMODB_ENDPOINT
 * for a local one), with the operator's credentials; the client is closed after `work`.
 */
export async function withOperatorTable<T>(
  work: (table: { db: DynamoDBDocumentClient; tableName: string }) => Promise<T>,
): Promise<T> {
  const settings = z
    .object({
      TABLE_NAME: z.string().min(1),
      AWS_REGION: z.string().min(1),
      DYNAMODB_ENDPOINT: z.url().optional(),
    })
    .parse(process.env);
  const client = createDynamoClient({ region: settings.AWS_REGION, endpoint: settings.DYNAMODB_ENDPOINT });
  try {
    return await work({ db: createDocumentClient(client), tableName: settings.TABLE_NAME });
  } finally {
    client.destroy();
  }
}
