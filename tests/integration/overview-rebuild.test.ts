import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { offerItem } from '../../shared/data/items.ts';
import { finishRebuild, takeRebuildLock } from '../../shared/data/overview.ts';
import type { Deps } from '../../shared/deps.ts';
import type { Logger } from '../../shared/log.ts';
import { createOverviewCounter } from '../../shared/overview/counters.ts';
import {
  RebuildAlreadyRunning,
  rebuildCounters,
  recomputeCounters,
  storedCounters,
} from '../../shared/overview/rebuild.ts';
import { streamImage } from '../support/streams.ts';
import { useTestTable } from '../support/table.ts';
import { makeOffer, putAll } from './matching-support.ts';

const table = useTestTable();
const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const deps = (): Deps => table.deps({ log: quiet });
const CONFIRMED = '2026-11-20T10:00:00.000Z';

/** An offer's INSERT as the stream delivers it, written at `at`. */
const inserted = (n: number, offer: ReturnType<typeof makeOffer>, at: Date): DynamoDBRecord => ({
  eventID: `rebuild-${n}`,
  eventName: 'INSERT',
  dynamodb: {
    SequenceNumber: String(n),
    ApproximateCreationDateTime: Math.floor(at.getTime() / 1000),
    NewImage: streamImage(offerItem(offer)),
  },
});

const countedAsRebuilt = async () =>
  expect(await storedCounters(deps(), ['DE'])).toEqual(await recomputeCounters(deps()));

describe('the overview rebuild beside the live stream consumer', () => {
  it('holds the consumer off while it runs: the batch fails, counts nothing, and counts once after', async () => {
    const offer = makeOffer('o-during', { beds: 3, confirmedAt: CONFIRMED });
    await putAll(table.db, table.tableName, [offer]);
    const startedAt = new Date();
    expect(await takeRebuildLock(deps(), startedAt, new Date(startedAt.getTime() + 60_000))).toBe(true);
    const counter = createOverviewCounter(deps());
    const batch = { Records: [inserted(1, offer, new Date(startedAt.getTime() + 2_000))] };
    expect((await counter(batch)).batchItemFailures).toHaveLength(1);
    expect(await storedCounters(deps(), ['DE'])).toEqual(new Map());
    await expect(rebuildCounters(deps())).rejects.toThrow(RebuildAlreadyRunning);
    await finishRebuild(deps(), startedAt);
    expect((await counter(batch)).batchItemFailures).toEqual([]);
    await countedAsRebuilt();
  });

  it('leaves out the records written before it began reading, and counts those after', async () => {
    const before = makeOffer('o-before', { beds: 2, confirmedAt: CONFIRMED });
    await putAll(table.db, table.tableName, [before]);
    const written = new Date(Date.now() - 60_000);
    await rebuildCounters(deps());
    await countedAsRebuilt();
    // The stream hands the offer's INSERT over only now: the rebuild has counted it already.
    const counter = createOverviewCounter(deps());
    expect((await counter({ Records: [inserted(2, before, written)] })).batchItemFailures).toEqual([]);
    await countedAsRebuilt();
    const after = makeOffer('o-after', { beds: 5, confirmedAt: CONFIRMED });
    await putAll(table.db, table.tableName, [after]);
    await counter({ Records: [inserted(3, after, new Date(Date.now() + 2_000))] });
    await countedAsRebuilt();
  });
});
