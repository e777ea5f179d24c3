import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import type { OfferRecord, RequestRecord } from '../domain/records.ts';
import { type DueItem, parsedDueItems } from './due.ts';
import { availabilityCheckKey, availabilityDueIndex, offerKey, requestKey } from './keys.ts';
import type { TransactItem } from './transact.ts';

type Kind = 'offer' | 'request';

/**
 * A record's schedule, one item beside it that always waits in the due queue (gsi3) while the
 * record is live: `idle` until the next question is due, `asked` until the answer is due.
 * The sweep re-reads the record at each step, so a confirmation that came another way (the
 * manage page's resume, a confirmed resubmission) only moves the next question back. Offers
 * are asked "still available?", requests "still looking?"; items written before requests were
 * asked name only an `offerId`.
 */
const checkSchema = lazySchema(() =>
  z.object({
    kind: z.literal('availability-check'),
    recordKind: z.enum(['offer', 'request']).default('offer'),
    offerId: z.string().min(1).optional(),
    requestId: z.string().min(1).optional(),
    phase: z.enum(['idle', 'asked']),
    dueAt: z.iso.datetime(),
    askedAt: z.iso.datetime().optional(),
    /** The hashes of the last question's two links, so an answer spends both. */
    yesHash: z.string().optional(),
    noHash: z.string().optional(),
    /** The hash of the yes link in the mail that said the offer was paused: it answers the same question. */
    resumeHash: z.string().optional(),
    version: z.number().int().min(0),
  }),
);
export type Check = z.infer<typeof checkSchema>;

export const recordIdOf = (check: Check) =>
  (check.recordKind === 'offer' ? check.offerId : check.requestId) ?? '';

function checkItem(check: Check) {
  return {
    ...check,
    ...availabilityCheckKey(recordIdOf(check), check.recordKind),
    ...availabilityDueIndex(check.dueAt, recordIdOf(check)),
  };
}

/** A schedule that waits until `dueAt` to ask. */
export const idle = (kind: Kind, id: string, dueAt: Date, version: number): Check => ({
  kind: 'availability-check',
  recordKind: kind,
  ...(kind === 'offer' ? { offerId: id } : { requestId: id }),
  phase: 'idle',
  dueAt: dueAt.toISOString(),
  version,
});

/** Only if the stored schedule still has the version read; none: the caller's state is newer. */
const versionCondition = (expectedVersion: number | undefined) =>
  expectedVersion === undefined
    ? {}
    : {
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': expectedVersion },
      };

const putInput = (table: string, check: Check, expectedVersion?: number) => ({
  TableName: table,
  Item: checkItem(check),
  ...versionCondition(expectedVersion),
});

const deleteInput = (table: string, kind: Kind, id: string, expectedVersion?: number) => ({
  TableName: table,
  Key: availabilityCheckKey(id, kind),
  ...versionCondition(expectedVersion),
});

/** Put of a schedule, for a transaction, conditioned on the version read (or unconditioned). */
export function checkPut(table: string, check: Check, expectedVersion?: number) {
  return { Put: putInput(table, check, expectedVersion) } satisfies TransactItem;
}

/** A record's schedule, read consistently; undefined when it has none. */
export async function readCheck(deps: Deps, kind: Kind, id: string): Promise<Check | undefined> {
  const { Item } = await deps.db.send(
    new GetCommand({
      TableName: deps.config.TABLE_NAME,
      Key: availabilityCheckKey(id, kind),
      ConsistentRead: true,
    }),
  );
  return Item === undefined ? undefined : checkSchema.parse(Item);
}

/** Every schedule due before `now`, the oldest first; one that does not parse comes as unreadable (data/due.ts). */
export const dueChecks = (deps: Deps, now: Date): AsyncGenerator<DueItem<Check>> =>
  parsedDueItems(deps, 'availability', now.toISOString(), (item) => checkSchema.parse(item));

/** Writes a schedule on its own (a move in time, not a change of the record), if its version is still the one read. */
export async function saveCheck(deps: Deps, check: Check, expectedVersion: number): Promise<void> {
  await deps.db.send(new PutCommand(putInput(deps.config.TABLE_NAME, check, expectedVersion)));
}

/** The Delete of a schedule, for a transaction; with `expectedVersion`, only if it is still the one read. */
export function checkDelete(table: string, kind: Kind, id: string, expectedVersion?: number): TransactItem {
  return { Delete: deleteInput(table, kind, id, expectedVersion) };
}

/** Ends a schedule whose record ended, if its version is still the one read. */
export async function deleteCheck(
  deps: Deps,
  kind: Kind,
  id: string,
  expectedVersion: number,
): Promise<void> {
  await deps.db.send(new DeleteCommand(deleteInput(deps.config.TABLE_NAME, kind, id, expectedVersion)));
}

/** For the transaction that asks about a record: it is still open and as read. */
export function stillOpenAsRead(table: string, record: OfferRecord | RequestRecord): TransactItem {
  return {
    ConditionCheck: {
      TableName: table,
      Key: record.kind === 'offer' ? offerKey(record.id) : requestKey(record.id),
      ConditionExpression: '#version = :version AND #status = :open',
      ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
      ExpressionAttributeValues: { ':version': record.version, ':open': 'open' },
    },
  };
}
