import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { ensureTable } from '../../infra/local/table.ts';
import { type Config, loadConfig } from '../../shared/config.ts';
import { createDocumentClient, createDynamoClient } from '../../shared/data/client.ts';
import type { Deps } from '../../shared/deps.ts';
import { logger } from '../../shared/log.ts';

export interface TestTable {
  readonly tableName: string;
  readonly streamArn: string;
  readonly client: DynamoDBClient;
  readonly db: DynamoDBDocumentClient;
  readonly config: Config;
  deps(overrides?: Partial<Deps>): Deps;
  drop(): Promise<void>;
}

export const dynamoEndpoint = () => inject('dynamoEndpoint');

/**
 * This test file's region: in the run's DynamoDB Local (no `-sharedDb`) each access key and region
 * is a database of its own, so each file has its own (README, Tests, says why). Clients pin the
 * access key `local` (createDynamoClient, createStreamsClient); build every one from the file's
 * config (testClient, testEnv): another region or key is another, empty database. vitest imports
 * this module afresh for each file (isolate, vitest.config.ts).
 */
const fileRegion = `local-${randomUUID().slice(0, 8)}`;

/** The settings a test process runs with; individual tests override what they pin down. */
export function testEnv(tableName: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    TABLE_NAME: tableName,
    PUBLIC_URL: 'http://haven.test',
    MAIL_FROM: 'Haven <haven@haven.test>',
    COORDINATORS: JSON.stringify({ TR: ['tr-coordinator@haven.test'], '*': ['coordinator@haven.test'] }),
    AWS_REGION: fileRegion,
    DYNAMODB_ENDPOINT: dynamoEndpoint(),
    MAIL_TRANSPORT: 'directory',
    MAIL_DIR: join(tmpdir(), 'haven-test-mail'),
    ...extra,
  };
}

/**
 * A DynamoDB client of this file's database, for a test that adds middleware (a fault, a barrier,
 * a tally) to its own client: one built by hand with another region would see an empty database.
 */
export function testClient(table: Pick<TestTable, 'config'>): DynamoDBClient {
  return createDynamoClient({ region: table.config.AWS_REGION, endpoint: table.config.DYNAMODB_ENDPOINT });
}

/** A fresh table of the real definition in the shared DynamoDB Local: each test file owns its data. */
export async function createTestTable(extraEnv: Record<string, string> = {}): Promise<TestTable> {
  const tableName = `haven-test-${randomUUID().slice(0, 8)}`;
  const config = loadConfig(testEnv(tableName, extraEnv));
  const client = testClient({ config });
  const { streamArn } = await ensureTable(client, tableName);
  const db = createDocumentClient(client);
  return {
    tableName,
    streamArn,
    client,
    db,
    config,
    deps: (overrides = {}) => ({ config, db, now: () => new Date(), log: logger, ...overrides }),
    drop: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
    },
  };
}

/**
 * The table of one test file or describe block: made before its tests, dropped after them.
 * Call it at the top of the file (or block); its fields read the table once the hook has made it.
 * Settings that name something an earlier hook starts (a mail sink's URL, a fake Bot API) are
 * given as a function, read when the table is made.
 */
export function useTestTable(
  extraEnv: Record<string, string> | (() => Record<string, string>) = {},
): TestTable {
  let table: TestTable | undefined;
  beforeAll(async () => {
    table = await createTestTable(typeof extraEnv === 'function' ? extraEnv() : extraEnv);
  });
  afterAll(async () => {
    await table?.drop();
  });
  const current = () => {
    if (!table) throw new Error('useTestTable: the table exists only inside hooks and tests');
    return table;
  };
  return {
    get tableName() {
      return current().tableName;
    },
    get streamArn() {
      return current().streamArn;
    },
    get client() {
      return current().client;
    },
    get db() {
      return current().db;
    },
    get config() {
      return current().config;
    },
    deps: (overrides) => current().deps(overrides),
    drop: () => current().drop(),
  };
}

/**
 * Every item of a test's own table as it is now, page by page (a test may Scan its own table;
 * the service never scans).
 */
export async function everyItem(
  table: Pick<TestTable, 'db' | 'tableName'>,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.db.send(
      new ScanCommand({ TableName: table.tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
