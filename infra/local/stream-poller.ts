import { existsSync, readFileSync } from 'node:fs';
import { appendFile, rename, writeFile } from 'node:fs/promises';
import {
  type AttributeValue,
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describeError, type Logger } from '../../shared/log.ts';

export interface StreamConsumer {
  readonly name: string;
  readonly handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>;
  /** The same filter the event source mapping applies in AWS. */
  readonly accepts: (record: DynamoDBRecord) => boolean;
  readonly batchSize: number;
  /** Like MaximumBatchingWindowInSeconds: after the first record, wait this long for more. */
  readonly batchWindowMs: number;
  readonly maxRetries: number;
  /**
   * Like ParallelizationFactor: batches of one shard handled at once, each record in the lane of
   * its item's partition key, so one item's records stay in order (default 1).
   */
  readonly lanes?: number;
}

export interface PollerOptions {
  readonly client: DynamoDBStreamsClient;
  readonly streamArn: string;
  readonly region: string;
  readonly consumers: readonly StreamConsumer[];
  /** Where the last handled sequence number per consumer and shard is kept across restarts. */
  readonly checkpointFile: string;
  /** Where batches that kept failing go, as AWS sends them to the on-failure destination. */
  readonly deadLetterFile: string;
  readonly log: Logger;
  readonly idleMs?: number;
  /** How often each consumer looks for new shards; 2 s unless said. */
  readonly shardLookMs?: number;
}

interface Checkpoints {
  [consumerAndShard: string]: { sequenceNumber?: string; finished?: boolean };
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    signal.addEventListener('abort', wake, { once: true });
  });

type Image = Record<string, AttributeValue>;

/**
 * The streams client hands an empty map over as `{}` instead of `{"M": {}}` (empty lists keep
 * their `L`), which unmarshall refuses: one such item (a proposal for a request without a city
 * explains its distance with an empty map) made every batch it was in fail until dead-lettered,
 * and with it the matching of every other record in the batch. Lambda delivers `{"M": {}}`.
 */
function repaired(value: AttributeValue): AttributeValue {
  if (value.M !== undefined) return { M: repairedImage(value.M) };
  if (value.L !== undefined) return { L: value.L.map(repaired) };
  return Object.keys(value).length === 0 ? { M: {} } : value;
}

const repairedImage = (image: Image): Image =>
  Object.fromEntries(Object.entries(image).map(([name, value]) => [name, repaired(value)]));

/** Rebuilds the record as Lambda delivers it from a DynamoDB stream. */
function toLambdaRecord(record: StreamRecord, streamArn: string, region: string): DynamoDBRecord {
  const dynamodb = record.dynamodb ?? {};
  const images = {
    ...(dynamodb.NewImage ? { NewImage: repairedImage(dynamodb.NewImage) } : {}),
    ...(dynamodb.OldImage ? { OldImage: repairedImage(dynamodb.OldImage) } : {}),
  };
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(dynamodb as NonNullable<DynamoDBRecord['dynamodb']>),
      ...(images as NonNullable<DynamoDBRecord['dynamodb']>),
      ApproximateCreationDateTime:
        dynamodb.ApproximateCreationDateTime instanceof Date
          ? Math.floor(dynamodb.ApproximateCreationDateTime.getTime() / 1000)
          : undefined,
    },
  };
}

/**
 * The most records one GetRecords asks DynamoDB Local for, whatever the batch size: it answers a
 * page of 1,000 records 10–20 times slower per record than a page of 100 (2–4 s against 0.2 s in
 * a surge), and a matcher reading 1,000 at a time fell behind the stream by itself. A consumer's
 * batch gathers several pages instead.
 */
const PAGE_LIMIT = 100;

/** A page's records of one lane, waiting for the lane: `read` counts them before the consumer's filter. */
interface Share {
  readonly records: DynamoDBRecord[];
  readonly read: number;
  readonly done: () => void;
  readonly failed: (error: unknown) => void;
}

interface Lane {
  readonly queue: Share[];
  busy: boolean;
}

/** The lane of a record: by its item's partition key, as Lambda keeps one key's records in order. */
function laneOf(record: DynamoDBRecord, lanes: number): number {
  const key = record.dynamodb?.Keys?.pk?.S ?? '';
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) >>> 0;
  return hash % lanes;
}

/**
 * Reads the table's stream the way Lambda's event source mappings do, one reader per consumer:
 * shards in parent-before-child order, batches with a window, partial batch failures retried
 * from the first failed record, and a batch that keeps failing sent to a dead-letter file.
 */
export interface StreamPoller {
  /** Stops reading; resolves true once in-flight batches are done, false if `graceMs` ran out first. */
  stop(graceMs?: number): Promise<boolean>;
}

export function startStreamPoller(options: PollerOptions): StreamPoller {
  const abort = new AbortController();
  const idleMs = options.idleMs ?? 250;
  const shardLookMs = options.shardLookMs ?? 2000;
  /** How old a listing of the shards the consumers share may be: half their time between looks. */
  const shardListingMs = shardLookMs / 2;
  const checkpoints: Checkpoints = existsSync(options.checkpointFile)
    ? (JSON.parse(readFileSync(options.checkpointFile, 'utf8')) as Checkpoints)
    : {};
  /** Invocations per consumer and their time: what the same work would cost as Lambda invocations. */
  const handled = new Map<string, { invocations: number; records: number; ms: number }>();
  let saving = Promise.resolve();
  const saveCheckpoints = () => {
    saving = saving.then(async () => {
      const partial = `${options.checkpointFile}.partial`;
      await writeFile(partial, JSON.stringify(checkpoints, null, 2));
      await rename(partial, options.checkpointFile);
    });
    return saving;
  };

  async function listShards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await options.client.send(
        new DescribeStreamCommand({
          StreamArn: options.streamArn,
          ExclusiveStartShardId: exclusiveStartShardId,
        }),
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return shards;
  }

  /**
   * The shards as listed at most shardListingMs ago, one listing for every consumer: each
   * consumer looks for new shards every shardLookMs, and each used to list them itself (a DescribeStream
   * each, 46 ms at the median and 1.7 s at the 99th percentile on a surge's busy DynamoDB Local).
   */
  let listing: { readonly at: number; readonly shards: Promise<Shard[]> } | undefined;
  function currentShards(): Promise<Shard[]> {
    const now = performance.now();
    if (listing === undefined || now - listing.at >= shardListingMs) {
      const shards = listShards();
      // A failed listing is each consumer's to log, and the next look lists again.
      shards.catch(() => {
        if (listing?.shards === shards) listing = undefined;
      });
      listing = { at: now, shards };
    }
    return listing.shards;
  }

  async function iteratorFor(shardId: string, after?: string): Promise<string | undefined> {
    const { ShardIterator } = await options.client.send(
      new GetShardIteratorCommand({
        StreamArn: options.streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator;
  }

  /** Invokes the handler until the batch is done, or dead-letters what still fails after the retries. */
  async function deliver(consumer: StreamConsumer, shardId: string, batch: DynamoDBRecord[]): Promise<void> {
    let pending = batch;
    for (let attempt = 0; pending.length > 0; attempt++) {
      let failedFrom: string | undefined;
      const started = performance.now();
      try {
        const response = await consumer.handler({ Records: pending }).finally(() => {
          const used = handled.get(consumer.name) ?? { invocations: 0, records: 0, ms: 0 };
          handled.set(consumer.name, {
            invocations: used.invocations + 1,
            records: used.records + pending.length,
            ms: used.ms + (performance.now() - started),
          });
        });
        const failed = (response?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
        failedFrom = failed.reduce<string | undefined>(
          (lowest, seq) => (lowest === undefined || BigInt(seq) < BigInt(lowest) ? seq : lowest),
          undefined,
        );
      } catch (error) {
        options.log.error('stream.handler_threw', { consumer: consumer.name, ...describeError(error) });
        failedFrom = pending[0]?.dynamodb?.SequenceNumber;
      }
      if (failedFrom === undefined) return;
      const from = BigInt(failedFrom);
      pending = pending.filter((r) => BigInt(r.dynamodb?.SequenceNumber ?? '0') >= from);
      if (attempt >= consumer.maxRetries) {
        await appendFile(
          options.deadLetterFile,
          `${JSON.stringify({
            consumer: consumer.name,
            shardId,
            at: new Date().toISOString(),
            firstSequenceNumber: pending[0]?.dynamodb?.SequenceNumber,
            lastSequenceNumber: pending.at(-1)?.dynamodb?.SequenceNumber,
            records: pending.length,
          })}\n`,
        );
        options.log.error('stream.dead_letter', { consumer: consumer.name, records: pending.length });
        return;
      }
      await sleep(Math.min(10_000, 200 * 2 ** attempt), abort.signal);
      if (abort.signal.aborted) throw new Error('stopped');
    }
  }

  async function readShard(consumer: StreamConsumer, shard: Shard): Promise<void> {
    const shardId = shard.ShardId as string;
    const key = `${consumer.name}/${shardId}`;
    const state = checkpoints[key] ?? {};
    checkpoints[key] = state;
    const lanes = Array.from({ length: consumer.lanes ?? 1 }, (): Lane => ({ queue: [], busy: false }));
    /** Pages read and not yet handled in every lane, oldest first: the checkpoint follows the oldest. */
    const inFlight: { handled: Promise<void>; records: number }[] = [];
    let held = 0;
    let checkpointed = Promise.resolve();
    /**
     * Hands each lane its share of a page, behind what the lane already holds; resolves when every
     * share is done. A lane that is busy gathers what arrives meanwhile and then takes it as one
     * batch, up to batchSize records read, as Lambda reads full batches from a shard that is
     * behind: handed over page by page instead, each share (one mail in ten records read) went
     * alone, and ten lanes sent ten mails at a time however many waited (a surge's confirmation
     * mail fell minutes behind its submissions on a busy laptop).
     */
    const handOut = (page: DynamoDBRecord[]) =>
      Promise.all(
        lanes.map((lane, index) => {
          const mine = page.filter((record) => laneOf(record, lanes.length) === index);
          return new Promise<void>((done, failed) => {
            lane.queue.push({
              records: mine.filter((r) => consumer.accepts(r)),
              read: mine.length,
              done,
              failed,
            });
            if (!lane.busy) void work(lane);
          });
        }),
      ).then(() => undefined);
    /** Delivers what a lane holds, a batch at a time, until it holds nothing. */
    async function work(lane: Lane): Promise<void> {
      lane.busy = true;
      while (lane.queue.length > 0) {
        const taken: Share[] = [];
        let read = 0;
        do {
          const share = lane.queue.shift() as Share;
          taken.push(share);
          read += share.read;
        } while (lane.queue.length > 0 && read + (lane.queue[0] as Share).read <= consumer.batchSize);
        const batch = taken.flatMap((share) => share.records);
        try {
          if (batch.length > 0) await deliver(consumer, shardId, batch);
          for (const share of taken) share.done();
        } catch (error) {
          for (const share of taken) share.failed(error);
        }
      }
      lane.busy = false;
    }
    let iterator = await iteratorFor(shardId, state.sequenceNumber);
    while (iterator && !abort.signal.aborted) {
      const page = await options.client.send(
        new GetRecordsCommand({ ShardIterator: iterator, Limit: Math.min(consumer.batchSize, PAGE_LIMIT) }),
      );
      let records = page.Records ?? [];
      iterator = page.NextShardIterator;
      if (
        records.length > 0 &&
        consumer.batchWindowMs > 0 &&
        records.length < consumer.batchSize &&
        iterator
      ) {
        await sleep(consumer.batchWindowMs, abort.signal);
        const more = await options.client.send(
          new GetRecordsCommand({
            ShardIterator: iterator,
            Limit: Math.min(consumer.batchSize - records.length, PAGE_LIMIT),
          }),
        );
        records = [...records, ...(more.Records ?? [])];
        iterator = more.NextShardIterator;
      }
      if (records.length === 0) {
        if (!iterator) break;
        await sleep(idleMs, abort.signal);
        continue;
      }
      const handled = handOut(records.map((r) => toLambdaRecord(r, options.streamArn, options.region)));
      const last = records.at(-1)?.dynamodb?.SequenceNumber;
      checkpointed = Promise.all([checkpointed, handled]).then(() => {
        state.sequenceNumber = last;
        return saveCheckpoints();
      });
      // A lane that stopped (the poller is stopping) surfaces where its page is awaited.
      checkpointed.catch(() => undefined);
      handled.catch(() => undefined);
      inFlight.push({ handled, records: records.length });
      held += records.length;
      // Pages read ahead, so that a busy lane gathers its next batch (a full one: batchSize
      // records read, in pages of PAGE_LIMIT) and a lane that waits (a mail server that does not
      // answer) holds back only its own records, up to a bound on what is held in memory. What
      // is held counts the batches being handled too: one batch more than the lanes, or a lane
      // behind the stream gathered only what its batch in hand left of the bound, and a single
      // lane's batches alternated about 900 and 100 records at 1,000.
      while (held >= (lanes.length + 1) * Math.max(consumer.batchSize, 10 * PAGE_LIMIT)) {
        const oldest = inFlight.shift();
        await oldest?.handled;
        held -= oldest?.records ?? 0;
      }
    }
    await Promise.all([...inFlight.map((page) => page.handled), checkpointed]);
    if (!abort.signal.aborted) {
      state.finished = true;
      await saveCheckpoints();
    }
  }

  async function run(consumer: StreamConsumer): Promise<void> {
    const active = new Map<string, Promise<void>>();
    while (!abort.signal.aborted) {
      try {
        const shards = await currentShards();
        const known = new Set(shards.map((s) => s.ShardId));
        for (const shard of shards) {
          const shardId = shard.ShardId as string;
          if (active.has(shardId) || checkpoints[`${consumer.name}/${shardId}`]?.finished) continue;
          const parent = shard.ParentShardId;
          if (parent && known.has(parent) && !checkpoints[`${consumer.name}/${parent}`]?.finished) continue;
          active.set(
            shardId,
            readShard(consumer, shard)
              .catch((error) => {
                if (!abort.signal.aborted)
                  options.log.error('stream.shard_failed', {
                    consumer: consumer.name,
                    ...describeError(error),
                  });
              })
              .finally(() => active.delete(shardId)),
          );
        }
      } catch (error) {
        options.log.error('stream.describe_failed', { consumer: consumer.name, ...describeError(error) });
      }
      await sleep(shardLookMs, abort.signal);
    }
    await Promise.all(active.values());
  }

  const running = Promise.all(options.consumers.map((consumer) => run(consumer)));
  return {
    async stop(graceMs?: number) {
      abort.abort();
      for (const [consumer, used] of handled)
        options.log.info('stream.handled', { consumer, ...used, ms: Math.round(used.ms) });
      const finished = running.then(() => saving).then(() => true);
      if (graceMs === undefined) return finished;
      // A handler stuck in a call that will not return (a mail server that stopped answering)
      // is left behind: its records were not checkpointed, so the next start delivers them again.
      let timer: NodeJS.Timeout | undefined;
      const givenUp = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), graceMs);
      });
      return Promise.race([finished, givenUp]).finally(() => clearTimeout(timer));
    },
  };
}
