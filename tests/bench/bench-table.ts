import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamoLocal } from '../../infra/local/dynamo.ts';
import { ensureTable } from '../../infra/local/table.ts';
import { loadConfig } from '../../shared/config.ts';
import { createDocumentClient, createDynamoClient } from '../../shared/data/client.ts';
import type { Deps } from '../../shared/deps.ts';

export interface BenchTable {
  /** The low-level client under deps.db, for a bench that counts what each call reads. */
  readonly client: DynamoDBClient;
  readonly deps: Deps;
  /** Ends the client and DynamoDB Local. */
  stop(killAfterMs?: number): Promise<void>;
}

/**
 * A DynamoDB Local of the bench's own holding one table of the real definition, and the deps
 * Haven's code is handed: settings of a test deployment, no log lines (they would be the
 * bench's own cost), mail (if any) under the temporary folder.
 */
export async function startBenchTable(
  tableName: string,
  coordinators: readonly string[] = ['coordinator@haven.bench'],
): Promise<BenchTable> {
  const dynamo = await startDynamoLocal();
  const client = createDynamoClient({ region: 'local', endpoint: dynamo.endpoint });
  const stop = async (killAfterMs?: number) => {
    client.destroy();
    await dynamo.stop(killAfterMs);
  };
  try {
    await ensureTable(client, tableName);
  } catch (error) {
    await stop();
    throw error;
  }
  const config = loadConfig({
    TABLE_NAME: tableName,
    PUBLIC_URL: 'http://haven.bench',
    MAIL_FROM: 'Haven <haven@haven.bench>',
    COORDINATORS: JSON.stringify({ '*': coordinators }),
    AWS_REGION: 'local',
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    MAIL_TRANSPORT: 'directory',
    MAIL_DIR: join(tmpdir(), 'haven-bench-mail'),
  });
  const log = { info: () => {}, warn: () => {}, error: () => {} };
  return { client, deps: { config, db: createDocumentClient(client), now: () => new Date(), log }, stop };
}

/**
 * Loads items into the bench's table fast: batches of 25, eight at once, each sent again until
 * nothing is left unprocessed. Only benches write this way; Haven writes every item
 * conditionally.
 */
export async function writeAll(deps: Pick<Deps, 'db' | 'config'>, items: readonly Record<string, unknown>[]) {
  const table = deps.config.TABLE_NAME;
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < items.length) {
        const start = next;
        next += 25;
        let pending = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
        while (pending.length > 0) {
          const out = await deps.db.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
          pending = (out.UnprocessedItems?.[table] ?? []) as typeof pending;
        }
      }
    }),
  );
}
