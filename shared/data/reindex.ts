import { type DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { offerRecordSchema } from '../domain/records.ts';
import { offerItem } from './items.ts';

/**
 * Brings the matching pool's index of stored open offers up to date after the way offerItem
 * keys them changed (as when the pool cells became finer): an open offer whose gsi1 keys differ
 * from what offerItem gives now is invisible to the candidate search, a bed nobody is offered.
 * Each such offer is rewritten under its version, so a change racing this pass wins and is
 * itself written with the new keys. A maintenance pass, not a request path: it scans the table.
 */
export async function reindexOpenOffers(
  db: DynamoDBDocumentClient,
  tableName: string,
): Promise<{ openOffers: number; rewritten: number }> {
  let openOffers = 0;
  let rewritten = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '#kind = :offer AND #status = :open',
        ExpressionAttributeNames: { '#kind': 'kind', '#status': 'status' },
        ExpressionAttributeValues: { ':offer': 'offer', ':open': 'open' },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const stored of page.Items ?? []) {
      openOffers++;
      const wanted = offerItem(offerRecordSchema.parse(stored));
      if (stored.gsi1pk === wanted.gsi1pk && stored.gsi1sk === wanted.gsi1sk) continue;
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: wanted.pk, sk: wanted.sk },
            UpdateExpression: 'SET gsi1pk = :pk, gsi1sk = :sk',
            ConditionExpression: '#version = :version AND #status = :open',
            ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
            ExpressionAttributeValues: {
              ':pk': wanted.gsi1pk,
              ':sk': wanted.gsi1sk,
              ':version': wanted.version,
              ':open': 'open',
            },
          }),
        );
        rewritten++;
      } catch (error) {
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { openOffers, rewritten };
}
