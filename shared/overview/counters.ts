import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { applyCounterChanges, type CounterChange } from '../data/overview.ts';
import { changedItems } from '../data/stream.ts';
import type { Deps } from '../deps.ts';
import { changeOf } from '../domain/overview.ts';
import { describeError } from '../log.ts';

/**
 * The overview's stream consumer: each offer, request and proposal change moves the country's
 * counters by what it changed (shared/domain/overview.ts), once per stream record however
 * often the stream delivers it.
 */
export function createOverviewCounter(deps: Deps) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const changes: CounterChange[] = changedItems(event)
      .map((change) => ({ eventId: change.eventId, tally: changeOf(change.oldItem, change.newItem) }))
      .filter((change) => change.tally.size > 0);
    try {
      const counted = await applyCounterChanges(deps, changes);
      deps.log.info('overview.counted', { records: event.Records.length, changes: changes.length, counted });
      return { batchItemFailures: [] };
    } catch (error) {
      // Counting is idempotent per record, so the whole batch may come again.
      deps.log.error('overview.failed', describeError(error));
      const first = event.Records[0]?.dynamodb?.SequenceNumber;
      return { batchItemFailures: first ? [{ itemIdentifier: first }] : [] };
    }
  };
}
