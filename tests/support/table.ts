import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
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

/** The settings a test process runs with; individual tests override what they pin down. */
export function testEnv(tableName: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    TABLE_NAME: tableName,
    PUBLIC_URL: 'http://haven.test',
    MAIL_FROM: 'Haven <haven@haven.test>',
    COORDINATORS: JSON.stringify({ TR: ['tr-coordinator@haven.test'], '*': ['coordinator@haven.test'] }),
    AWS_REGION: 'local',
    DYNAMODB_ENDPOINT: dynamoEndpoint(),
    MAIL_TRANSPORT: 'directory',
    MAIL_DIR: '/tmp/haven-test-mail',
    ...extra,
  };
}

/** A fresh table of the real definition in the shared DynamoDB Local: each test file owns its data. */
export async function createTestTable(extraEnv: Record<string, string> = {}): Promise<TestTable> {
  const tableName = `haven-test-${randomUUID().slice(0, 8)}`;
  const config = loadConfig(testEnv(tableName, extraEnv));
  const client = createDynamoClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });
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
