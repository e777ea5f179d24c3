import type { Deps } from '../deps.ts';
import { describeError, type LogFields } from '../log.ts';
import {
  AVAILABILITY_DUE_PARTITION,
  BLOCK_STEPS_DUE_PARTITION,
  CANCELLATIONS_DUE_PARTITION,
  CHECK_IN_DUE_PARTITION,
  FORGET_DUE_PARTITION,
  HELD_CHANGES_DUE_PARTITION,
  LIFECYCLE_DUE_PARTITION,
  OUTBOX_PENDING_PARTITION,
  PENDING_PROPOSAL_PARTITION,
} from './keys.ts';
import { queryItems } from './query.ts';

/**
 * How long after a change the sweep takes over what it queued to do after its transaction (a
 * press's steps, a change's later cancellations): well past the API's 15 s timeout, so the sweep
 * seldom works beside a change still doing it (either may: each write is conditioned, and each
 * step skips what is done already).
 */
export const SWEEP_GRACE_MS = 60_000;

/**
 * The due queues the sweeps work through: each is one gsi3 partition whose sort key starts with
 * the time (or day) its items fall due, so "everything due by then" is a single key range.
 */
const DUE_QUEUES = {
  /** Outbox messages not yet sent, by creation time. */
  outbox: OUTBOX_PENDING_PARTITION,
  /** Pending proposals, by the time their decision is due. */
  'proposal-expiry': PENDING_PROPOSAL_PARTITION,
  /** Placement check-ins not yet sent, by the instant they go out (checkInSendAt; an older one by its day, YYYY-MM-DD). */
  'check-in': CHECK_IN_DUE_PARTITION,
  /** "Still available?" / "still looking?" schedules, by the time the next step is due. */
  availability: AVAILABILITY_DUE_PARTITION,
  /** Lifecycle schedules (closing, expiry, erasure), by the time time next acts on a record. */
  lifecycle: LIFECYCLE_DUE_PARTITION,
  /** Tokens holding unconfirmed changes, by the time their link stops working. */
  'held-changes': HELD_CHANGES_DUE_PARTITION,
  /** What a press that copied a block still has to do after its transaction, by when the sweep takes it over. */
  'block-steps': BLOCK_STEPS_DUE_PARTITION,
  /** Proposal cancellations a change had no room for in its own transaction, by when the sweep takes them over. */
  cancellations: CANCELLATIONS_DUE_PARTITION,
  /** Blocks and suppressions, by the time the lifecycle next asks whether they may go. */
  forget: FORGET_DUE_PARTITION,
} as const;

export type DueQueue = keyof typeof DUE_QUEUES;

/**
 * Every item of a due queue that fell due before `before` (an ISO time), oldest first, read 100 at a time. Items come raw: each sweep parses its own.
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

/**
 * One item of a due queue as its sweep reads it: parsed, or, when its schema refuses it, the
 * refusal and the time it fell due (its sort key's first part, never its content). An
 * unreadable item is the sweep's to log and pass over: thrown from the read, it stopped the
 * queue, and every item behind it waited for ever.
 */
export type DueItem<T> =
  | { readonly value: T }
  | { readonly unreadable: unknown; readonly queue: DueQueue; readonly dueAt: string };

/** dueItems, each parsed by `parse`, a refused item handed on as unreadable (see DueItem). */
export async function* parsedDueItems<T>(
  deps: Pick<Deps, 'db' | 'config'>,
  queue: DueQueue,
  before: string,
  parse: (item: Record<string, unknown>) => T,
): AsyncGenerator<DueItem<T>> {
  for await (const item of dueItems(deps, queue, before)) {
    let value: T;
    try {
      value = parse(item);
    } catch (error) {
      yield { unreadable: error, queue, dueAt: String(item.gsi3sk).split('#')[0] ?? '' };
      continue;
    }
    yield { value };
  }
}

/** What a log line says of an unreadable due item: its queue, when it fell due, and why; nothing it holds. */
export const unreadableFields = (item: Extract<DueItem<unknown>, { unreadable: unknown }>): LogFields => ({
  queue: item.queue,
  dueAt: item.dueAt,
  ...describeError(item.unreadable),
});

/** What a sweep did with one queue: items due, done, and failed (left queued for the next sweep). */
export interface DueReport {
  due: number;
  done: number;
  failed: number;
}

/**
 * For the sweep: works every item of a due queue with `work`. One that fails, or that does not
 * parse, is logged as `failure` (an event the upkeep alarm counts) with its id or its unreadable
 * fields and counted; it stays queued for the next sweep, and the next item still has its turn.
 */
export async function workDueItems<T>(
  deps: Pick<Deps, 'log'>,
  items: AsyncGenerator<DueItem<T>>,
  failure: string,
  idOf: (value: T) => string,
  work: (value: T) => Promise<void>,
): Promise<DueReport> {
  const report: DueReport = { due: 0, done: 0, failed: 0 };
  for await (const due of items) {
    report.due++;
    if ('unreadable' in due) {
      report.failed++;
      deps.log.error(failure, unreadableFields(due));
      continue;
    }
    try {
      await work(due.value);
      report.done++;
    } catch (error) {
      report.failed++;
      deps.log.error(failure, { id: idOf(due.value), ...describeError(error) });
    }
  }
  return report;
}
