import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import type { ErasedRecord, OfferRecord, RequestRecord } from '../domain/records.ts';
import { lifecycleDueAt, type StayEnd } from '../domain/retention.ts';
import { type DueItem, parsedDueItems } from './due.ts';
import {
  lifecycleDueIndex,
  lifecycleKey,
  mailboxLookupKey,
  offerKey,
  phoneLookupKey,
  requestKey,
} from './keys.ts';

type Kind = 'offer' | 'request';

/**
 * A record's lifecycle schedule: one item beside it in the due queue (gsi3 `LIFECYCLE#due`),
 * saying when the sweep should next look at it. The sweep re-reads the record and decides
 * (shared/domain/retention.ts), so a schedule that is early or stale only costs one read.
 */
export function lifecyclePut(table: string, kind: Kind, id: string, dueAt: Date) {
  const at = dueAt.toISOString();
  return {
    Put: {
      TableName: table,
      Item: {
        ...lifecycleKey(kind, id),
        ...lifecycleDueIndex(at, kind, id),
        kind: 'lifecycle',
        recordKind: kind,
        recordId: id,
        dueAt: at,
      },
    },
  };
}

/** The schedule for a record as it is about to be written, for that write's own transaction; none when time alone does nothing to it. */
export function lifecycleScheduleOf(
  deps: Deps,
  record: OfferRecord | RequestRecord | ErasedRecord,
  stay?: StayEnd,
) {
  const dueAt = lifecycleDueAt(record, deps.now(), deps.config.RETENTION_DAYS, stay);
  return dueAt === undefined ? [] : [lifecyclePut(deps.config.TABLE_NAME, record.kind, record.id, dueAt)];
}

export interface DueLifecycle {
  readonly recordKind: Kind;
  readonly recordId: string;
  readonly dueAt: string;
}

const dueLifecycleSchema = lazySchema(() =>
  z.object({ recordKind: z.enum(['offer', 'request']), recordId: z.string().min(1), dueAt: z.string() }),
);

/**
 * Every schedule due by `now`, oldest first: a Query on one gsi3 partition, a page at a time.
 * One that does not parse comes as unreadable (data/due.ts, DueItem) for the sweep to report.
 */
export const dueLifecycles = (deps: Deps, now: Date): AsyncGenerator<DueItem<DueLifecycle>> =>
  parsedDueItems(deps, 'lifecycle', now.toISOString(), (item) => dueLifecycleSchema.parse(item));

/** When a record's schedule is due now, read consistently; undefined when it has none. */
export async function readLifecycleDueAt(deps: Deps, kind: Kind, id: string): Promise<string | undefined> {
  const { Item } = await deps.db.send(
    new GetCommand({ TableName: deps.config.TABLE_NAME, Key: lifecycleKey(kind, id), ConsistentRead: true }),
  );
  return Item === undefined ? undefined : String(Item.dueAt);
}

/** Moves a schedule on, unless someone rewrote it meanwhile (then theirs is newer). */
export async function rescheduleLifecycle(deps: Deps, due: DueLifecycle, until: Date): Promise<void> {
  const put = lifecyclePut(deps.config.TABLE_NAME, due.recordKind, due.recordId, until).Put;
  await deps.db.send(
    new PutCommand({
      ...put,
      ConditionExpression: 'dueAt = :read',
      ExpressionAttributeValues: { ':read': due.dueAt },
    }),
  );
}

/** Ends a schedule that has nothing left to do, unless someone rewrote it meanwhile. */
export async function dropLifecycle(deps: Deps, due: DueLifecycle): Promise<void> {
  await deps.db.send(
    new DeleteCommand({
      TableName: deps.config.TABLE_NAME,
      Key: lifecycleKey(due.recordKind, due.recordId),
      ConditionExpression: 'dueAt = :read',
      ExpressionAttributeValues: { ':read': due.dueAt },
    }),
  );
}

/** For the transaction that deletes a never-confirmed record: the record itself (as read), its schedule, phone and mailbox lookups. */
export function recordDeletion(table: string, record: OfferRecord | RequestRecord) {
  const key = record.kind === 'offer' ? offerKey(record.id) : requestKey(record.id);
  return [
    {
      Delete: {
        TableName: table,
        Key: key,
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': record.version },
      },
    },
    { Delete: { TableName: table, Key: lifecycleKey(record.kind, record.id) } },
    { Delete: { TableName: table, Key: phoneLookupKey(record.kind, record.id) } },
    { Delete: { TableName: table, Key: mailboxLookupKey(record.kind, record.id) } },
  ];
}
