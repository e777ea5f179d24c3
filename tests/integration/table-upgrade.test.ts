import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, expect, it } from 'vitest';
import { ensureTable } from '../../infra/local/table.ts';
import { loadConfig } from '../../shared/config.ts';
import { createDocumentClient } from '../../shared/data/client.ts';
import { exportRecordsPage } from '../../shared/data/export.ts';
import { requestItem } from '../../shared/data/items.ts';
import { tableDefinition } from '../../shared/data/table.ts';
import { logger } from '../../shared/log.ts';
import { reindex } from '../../shared/upkeep/reindex.ts';
import { testClient, testEnv } from '../support/table.ts';
import { makeRequest } from './matching-support.ts';

const tableName = `haven-upgrade-${randomUUID().slice(0, 8)}`;
const config = loadConfig(testEnv(tableName));
const client = testClient({ config });
const db = createDocumentClient(client);
const deps = { config, db, now: () => new Date(), log: logger };

afterAll(async () => {
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  client.destroy();
});

it('brings a DATA_DIR table from before the export’s index up to date as `npm start` does: the index added, the records stored before it in the export', async () => {
  const before = {
    ...tableDefinition,
    indexes: tableDefinition.indexes.filter((index) => index.name !== 'gsi4'),
  };
  await ensureTable(client, tableName, before);
  const stored = makeRequest(`r-upgrade-${randomUUID().slice(0, 4)}`, { country: 'RS', status: 'placed' });
  const { gsi4pk: _pk, gsi4sk: _sk, ...asStoredThen } = requestItem(stored);
  await db.send(new PutCommand({ TableName: tableName, Item: asStoredThen }));

  await ensureTable(client, tableName);
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  // Answered once every index is active: the export's first Query comes right after.
  expect(Table?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.IndexStatus]).sort()).toEqual([
    ['gsi1', 'ACTIVE'],
    ['gsi2', 'ACTIVE'],
    ['gsi3', 'ACTIVE'],
    ['gsi4', 'ACTIVE'],
  ]);
  expect((await exportRecordsPage(deps, 'request', 'RS', undefined, 10)).items).toEqual([]);

  expect((await reindex(deps, new Date())).exported).toEqual({ records: 1, written: 1 });
  const exported = await exportRecordsPage(deps, 'request', 'RS', undefined, 10);
  expect(exported.items.map((record) => [record.id, record.status])).toEqual([[stored.id, 'placed']]);
});
