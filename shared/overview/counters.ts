import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import {
  applyCounterChanges,
  approvedStayHolds,
  type CounterChange,
  lastRebuildRead,
} from '../data/overview.ts';
import { changedItems } from '../data/stream.ts';
import type { Deps } from '../deps.ts';
import { addInto, changeOf, offerOpening, stayHolds } from '../domain/overview.ts';
import { describeError } from '../log.ts';
import { cityOf } from '../places/gazetteer.ts';

/**
 * The overview's stream consumer: each offer, request and proposal change moves the country's
 * counters by what it changed (shared/domain/overview.ts), once per stream record however
 * often the stream delivers it. A district counts under its city (the gazetteer says which).
 */
export function createOverviewCounter(deps: Deps) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    try {
      const changes: CounterChange[] = [];
      const rebuiltFrom = await lastRebuildRead(deps);
      for (const change of changedItems(event)) {
        // Written before the last rebuild began reading: the rebuilt counters hold it already.
        if (
          rebuiltFrom !== undefined &&
          change.writtenBefore !== undefined &&
          change.writtenBefore <= rebuiltFrom
        )
          continue;
        const tally = changeOf(change.oldItem, change.newItem, cityOf);
        const opening = offerOpening(change.oldItem, change.newItem);
        const latest = change.newItem ?? change.oldItem;
        // The open image says where the beds are: an erasure that closes an offer keeps no place.
        const open = opening === 1 ? change.newItem : change.oldItem;
        if (opening !== 0 && latest && open) {
          // Its approved stays' beds are held only while the offer is open (see contributionOf).
          const until = String(latest.updatedAt ?? new Date(0).toISOString());
          const holds = await approvedStayHolds(deps, String(latest.id), until);
          addInto(tally, stayHolds(open, holds, cityOf), opening);
        }
        if (tally.size > 0) changes.push({ eventId: change.eventId, tally });
      }
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
