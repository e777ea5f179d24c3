import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { offerItem } from '../../shared/data/items.ts';
import { offerKey } from '../../shared/data/keys.ts';
import { newReadStats } from '../../shared/data/query.ts';
import { reindexOpenOffers } from '../../shared/data/reindex.ts';
import { topCandidates } from '../../shared/matching/candidates.ts';
import { useTestTable } from '../support/table.ts';
import { makeOffer, makeRequest } from './matching-support.ts';

const table = useTestTable();

/** An offer as an older release stored it: pool partition by the record's coarse cell. */
async function putWithOldPoolKey(offer: ReturnType<typeof makeOffer>) {
  const item = offerItem(offer);
  const old = { ...item, gsi1pk: `POOL#OFFER#${offer.country}#${offer.cell}` };
  await table.db.send(new PutCommand({ TableName: table.tableName, Item: old }));
}

describe('re-indexing the matching pool', () => {
  it('gives stored open offers the current pool keys, so the candidate search finds them again', async () => {
    const stale = makeOffer('reindex-open');
    const paused = makeOffer('reindex-paused', { status: 'paused' });
    await putWithOldPoolKey(stale);
    await table.db.send(new PutCommand({ TableName: table.tableName, Item: offerItem(paused) }));
    const request = makeRequest('reindex-seeker');
    const find = () => topCandidates(table.deps(), request, 5, new Set(), newReadStats());
    expect(await find()).toEqual([]);

    expect(await reindexOpenOffers(table.db, table.tableName)).toEqual({ openOffers: 1, rewritten: 1 });
    expect((await find()).map((candidate) => candidate.offer.id)).toEqual(['reindex-open']);
    // A second pass finds nothing to do, and a paused offer never enters the pool.
    expect(await reindexOpenOffers(table.db, table.tableName)).toEqual({ openOffers: 1, rewritten: 0 });
    const { Item } = await table.db.send(
      new GetCommand({ TableName: table.tableName, Key: offerKey('reindex-paused') }),
    );
    expect(Item?.gsi1pk).toBeUndefined();
  });
});
