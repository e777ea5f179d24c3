import type { Deps } from '../deps.ts';
import {
  availabilityDueIndex,
  checkInDueIndex,
  lifecycleDueIndex,
  outboxPendingIndex,
  pendingProposalIndex,
} from './keys.ts';
import { queryItems } from './query.ts';

/**
 * The due queues the sweeps work through: each is one gsi3 partition whose sort key starts with
 * the time (or day) its items fall due, so "everything due by then" is a single key range.
 */
const DUE_QUEUES = {
  /** Outbox messages not yet sent, by creation time. */
  outbox: outboxPendingIndex('', '').gsi3pk,
  /** Pending proposals, by the time their decision is due. */
  'proposal-expiry': pendingProposalIndex('', '').gsi3pk,
  /** Placement check-ins not yet sent, by the day they are due (YYYY-MM-DD). */
  'check-in': checkInDueIndex('', '', 0).gsi3pk,
  /** "Still available?" / "still looking?" schedules, by the time the next step is due. */
  availability: availabilityDueIndex('', '').gsi3pk,
  /** Lifecycle schedules (closing, expiry, erasure), by the time time next acts on a record. */
  lifecycle: lifecycleDueIndex('', 'offer', '').gsi3pk,
} as const;

export type DueQueue = keyof typeof DUE_QUEUES;

/**
 * Every item of a due queue that fell due before `before` (an ISO time, or a day for
 * check-ins), oldest first, read 100 at a time. Items come raw: each sweep parses its own.
 */
export function dueItems(
  deps: Pick<Deps, 'db' | 'config'>,
  queue: DueQueue,
  before: string,
): AsyncGenerator<Record<string, unknown>> {
  return queryItems(deps.db, {
    TableName: deps.config.TABLE_NAME,
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :queue AND gsi3sk < :before',
    ExpressionAttributeValues: { ':queue': DUE_QUEUES[queue], ':before': before },
    Limit: 100,
  });
}
