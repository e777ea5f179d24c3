import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ISO_3166_ALPHA2 } from '../domain/iso-codes.ts';
import { offerRecordSchema } from '../domain/records.ts';
import { inParallel } from '../in-parallel.ts';
import { isConditionFailure } from './errors.ts';
import { offerItem } from './items.ts';
import { openByCountryIndex } from './keys.ts';
import { queryItems } from './query.ts';

/**
 * Brings the matching pool's index of stored open offers up to date after the way offerItem
 * keys them changed (as when the pool cells became finer): an open offer whose gsi1 keys differ
 * from what offerItem gives now is invisible to the candidate search, a bed nobody is offered.
 * It reads every country's open offers (gsi3, as the sweep does: no Scan, nothing but open
 * offers) and rewrites each stale one under its version, so a change racing this pass wins and
 * is itself written with the new keys.
 */
export async function reindexOpenOffers(
  db: DynamoDBDocumentClient,
  tableName: string,
): Promise<{ openOffers: number; rewritten: number }> {
  let openOffers = 0;
  let rewritten = 0;
  await inParallel([...ISO_3166_ALPHA2], 16, async (country) => {
    const open = queryItems(db, {
      TableName: tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': openByCountryIndex('offer', country, '', '').gsi3pk },
    });
    for await (const stored of open) {
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
        if (!isConditionFailure(error)) throw error;
      }
    }
  });
  return { openOffers, rewritten };
}
