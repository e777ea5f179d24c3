import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { healthKey } from './keys.ts';

/** Answers whether the table can be read right now; used by GET /healthz. */
export async function tableIsReachable(db: DynamoDBDocumentClient, tableName: string): Promise<boolean> {
  try {
    await db.send(new GetCommand({ TableName: tableName, Key: healthKey }), {
      abortSignal: AbortSignal.timeout(3000),
    });
    return true;
  } catch {
    return false;
  }
}
