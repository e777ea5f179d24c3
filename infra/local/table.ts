import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndexDescription,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import {
  type IndexDefinition,
  keyAttributes,
  type TableDefinition,
  tableDefinition,
} from '../../shared/data/table.ts';

const attributeDefinitions = (definition: TableDefinition): AttributeDefinition[] =>
  keyAttributes(definition).map((name) => ({ AttributeName: name, AttributeType: 'S' }));

const indexSpec = (index: IndexDefinition) => ({
  IndexName: index.name,
  KeySchema: [
    { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
    { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: 'ALL' as const },
});

async function describe(client: DynamoDBClient, name: string) {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/** How long an index added to an existing table may take to become queryable. */
const INDEX_READY_MS = 60_000;

/**
 * Waits until every index of the table answers Queries: DynamoDB Local keeps an index it adds to
 * a table that has items CREATING for seconds, and a Query meanwhile fails (InternalFailure).
 */
async function untilIndexesActive(client: DynamoDBClient, tableName: string): Promise<void> {
  const deadline = Date.now() + INDEX_READY_MS;
  for (;;) {
    const indexes = (await describe(client, tableName))?.GlobalSecondaryIndexes ?? [];
    if (indexes.every((index) => index.IndexStatus === 'ACTIVE')) return;
    if (Date.now() > deadline)
      throw new Error(`The indexes of ${tableName} were not active after ${INDEX_READY_MS / 1000} s`);
    await sleep(250);
  }
}

/**
 * Creates the table from the shared definition, or adds the indexes a newer definition has,
 * so a DATA_DIR from an older version keeps working after an upgrade.
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  definition: TableDefinition = tableDefinition,
): Promise<{ streamArn: string }> {
  let table = await describe(client, tableName);
  if (!table) {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributeDefinitions(definition),
        KeySchema: [
          { AttributeName: definition.partitionKey, KeyType: 'HASH' },
          { AttributeName: definition.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: definition.indexes.map(indexSpec),
        StreamSpecification: { StreamEnabled: true, StreamViewType: definition.streamView },
      }),
    );
    await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName: tableName });
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: definition.ttlAttribute, Enabled: true },
      }),
    );
    table = await describe(client, tableName);
  } else {
    const existing = new Set(
      (table.GlobalSecondaryIndexes ?? []).map((i: GlobalSecondaryIndexDescription) => i.IndexName),
    );
    const added = definition.indexes.filter((i) => !existing.has(i.name));
    for (const index of added) {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: attributeDefinitions(definition),
          GlobalSecondaryIndexUpdates: [{ Create: indexSpec(index) }],
        }),
      );
    }
    if (added.length > 0) await untilIndexesActive(client, tableName);
  }
  const streamArn = table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${tableName} has no stream`);
  return { streamArn };
}
