import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { type StreamConsumer, startStreamPoller } from '../../infra/local/stream-poller.ts';
import { createStreamsClient } from '../../infra/local/streams-client.ts';
import { outboxPuts } from '../../shared/data/outbox.ts';
import type { Deps } from '../../shared/deps.ts';
import type { RenderedMail } from '../../shared/domain/mail.ts';
import { type StreamConsumerName, streamFilterFor } from '../../shared/events.ts';
import { type Logger, logger } from '../../shared/log.ts';
import { createMatcher } from '../../shared/matching/matcher.ts';
import type { TestTable } from './table.ts';

/**
 * An item as a stream record carries it (NewImage, OldImage): the attribute-value form. The
 * marshaller's and aws-lambda's AttributeValue types describe the same JSON but do not meet.
 */
export const streamImage = (item: Record<string, unknown>) =>
  marshall(item, { removeUndefinedValues: true }) as unknown as NonNullable<
    DynamoDBRecord['dynamodb']
  >['NewImage'];

export const streamsClient = (table: TestTable) =>
  createStreamsClient({
    region: table.config.AWS_REGION,
    endpoint: table.config.DYNAMODB_ENDPOINT,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

/** Collects every record the table's stream delivers, as Lambda would receive them. */
export function recordStream(table: TestTable, dir: string) {
  const seen: DynamoDBRecord[] = [];
  const consumer: StreamConsumer = {
    name: 'recorder',
    handler: async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
      seen.push(...event.Records);
      return { batchItemFailures: [] };
    },
    accepts: () => true,
    batchSize: 100,
    batchWindowMs: 0,
    maxRetries: 0,
  };
  const poller = pollTable(table, consumer, { dir });
  return { seen, stop: () => poller.stop() };
}

/** Puts a mail into the outbox as a change does; the outbox item as written. */
export async function queuedOutboxItem(table: TestTable, mail: RenderedMail) {
  const [put] = outboxPuts(table.tableName, mail, new Date());
  if (!put) throw new Error('no outbox item');
  await table.db.send(new TransactWriteCommand({ TransactItems: [put] }));
  return put.Put.Item;
}

/** Puts a mail into the outbox as a change does; the outbox item's id. */
export async function queuedMail(table: TestTable, mail: RenderedMail): Promise<string> {
  return (await queuedOutboxItem(table, mail)).id;
}

/**
 * Puts a mail into the outbox as a change does, and waits until its INSERT comes off the table's
 * stream: the record a mailer is handed, and the outbox item's id.
 */
export async function enqueuedMail(
  table: TestTable,
  stream: ReturnType<typeof recordStream>,
  mail: RenderedMail,
): Promise<{ id: string; record: DynamoDBRecord }> {
  const id = await queuedMail(table, mail);
  const record = await eventually(() =>
    stream.seen.find((r) => r.eventName === 'INSERT' && r.dynamodb?.NewImage?.id?.S === id),
  );
  return { id, record };
}

/** Feeds consumers from the table's stream as `npm start` does, checkpointing under `dir` (default: a new temporary one). */
export function pollTable(
  table: TestTable,
  consumers: StreamConsumer | readonly StreamConsumer[],
  { dir = mkdtempSync(join(tmpdir(), 'haven-poller-')), log = logger }: { dir?: string; log?: Logger } = {},
) {
  return startStreamPoller({
    client: streamsClient(table),
    streamArn: table.streamArn,
    region: table.config.AWS_REGION,
    consumers: [consumers].flat(),
    checkpointFile: `${dir}/checkpoints.json`,
    deadLetterFile: `${dir}/dead-letter.jsonl`,
    log,
    idleMs: 50,
  });
}

/**
 * The matcher and the given mailer as `npm start` feeds them from the stream, each through its
 * own filter, with short batch windows so that a journey does not wait on them.
 */
export function matcherAndMailer(deps: Deps, mailer: StreamConsumer['handler']): StreamConsumer[] {
  const consumer = (
    name: StreamConsumerName,
    handler: StreamConsumer['handler'],
    batchWindowMs: number,
  ): StreamConsumer => ({
    name,
    handler,
    accepts: streamFilterFor(name),
    batchSize: 100,
    batchWindowMs,
    maxRetries: 3,
  });
  return [consumer('matcher', createMatcher(deps), 200), consumer('mailer', mailer, 0)];
}

/** Polls until the check passes or the time is up; for work that happens asynchronously. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
