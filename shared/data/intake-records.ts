import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.ts';
import type { ErasedRecord, OfferRecord, RequestRecord } from '../domain/records.ts';
import { emailHash, erasedItem } from './items.ts';
import { emailPartition, mailboxLookupKey, phoneLookupKey, telegramLookupKey } from './keys.ts';
import { lifecycleScheduleOf } from './lifecycle.ts';
import { mailboxLookupWrites } from './mailbox-lookups.ts';
import { phoneLookupWrite } from './phone-lookups.ts';
import { queryAll } from './query.ts';
import { type RecordWrite, writeRecord } from './record-writes.ts';
import { telegramLookupWrites } from './telegram-lookups.ts';
import type { TransactItem } from './transact.ts';

/**
 * Every write says when time next acts on the record (closing, expiry, erasure): shared/upkeep/lifecycle.ts.
 * The phone, Telegram and mailbox lookups too, so the coordinators' search, an operator's
 * erasure and a block on the mailbox follow every edit and erasure.
 */
const besideRecord = (deps: Deps, next: OfferRecord | RequestRecord, expectedVersion: number | undefined) => [
  ...lifecycleScheduleOf(deps, next),
  phoneLookupWrite(deps.config.TABLE_NAME, next),
  ...telegramLookupWrites(deps.config.TABLE_NAME, next),
  ...mailboxLookupWrites(deps.config.TABLE_NAME, next, expectedVersion === undefined),
];

/** What a change about an offer or request writes besides the record itself. */
export type RecordChange = Omit<RecordWrite, 'item' | 'expectedVersion' | 'subjectPk'>;

/**
 * The reads and writes of one kind of record (offers.ts and requests.ts each make one): what
 * tells an offer from a request is only its key, its schemas and its item.
 */
export function recordStore<
  R extends OfferRecord | RequestRecord,
  E extends ErasedRecord & { kind: R['kind'] },
>(
  kind: R['kind'],
  key: (id: string) => { pk: string; sk: string },
  schema: { parse(value: unknown): R },
  erasedSchema: { parse(value: unknown): E },
  itemOf: (record: R) => Record<string, unknown> & { pk: string },
) {
  return {
    /** Reads one record, consistently and parsed (what is left of it once erased); undefined when there is none. */
    async get(deps: Deps, id: string): Promise<R | E | undefined> {
      const { Item } = await deps.db.send(
        new GetCommand({ TableName: deps.config.TABLE_NAME, Key: key(id), ConsistentRead: true }),
      );
      if (Item === undefined) return undefined;
      return Item.erasedAt === undefined ? schema.parse(Item) : erasedSchema.parse(Item);
    },

    /** Every record of the kind ever made from one address (gsi2 by the address's hash), for de-duplication. */
    async byEmail(deps: Deps, email: string): Promise<R[]> {
      const items = await queryAll(deps.db, {
        TableName: deps.config.TABLE_NAME,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': emailPartition(kind, emailHash(email)) },
      });
      return items.map((item) => schema.parse(item));
    },

    /**
     * Stores a record in its next state (a new one when `expectedVersion` is undefined), with the
     * audit event, mail, tokens, lifecycle schedule and lookups of the change in the same transaction.
     */
    save(deps: Deps, next: R, expectedVersion: number | undefined, change: RecordChange): Promise<void> {
      const item = itemOf(schema.parse(next));
      const extra = [...(change.extra ?? []), ...besideRecord(deps, next, expectedVersion)];
      return writeRecord(deps, { ...change, extra, item, subjectPk: item.pk, expectedVersion });
    },

    /**
     * What `save` writes for a record, as items of another record's change (conditioned on the
     * version it was read at): the two records change together or not at all. No audit event.
     */
    writes(deps: Deps, next: R, expectedVersion: number): TransactItem[] {
      return [
        {
          Put: {
            TableName: deps.config.TABLE_NAME,
            Item: itemOf(schema.parse(next)),
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': expectedVersion },
          },
        },
        ...besideRecord(deps, next, expectedVersion),
      ];
    },

    /** Writes what a change about a record issues (tokens, mail, audit) while the record itself stays as it is. */
    note(deps: Deps, id: string, change: RecordChange): Promise<void> {
      return writeRecord(deps, { ...change, subjectPk: key(id).pk, expectedVersion: undefined });
    },
  };
}

/**
 * Stores what erasure leaves of a record (retention.ts erased) in place of the record read at
 * `expectedVersion`, with the change's items, in one transaction: its phone, Telegram and mailbox
 * lookups go, and its schedule is due at once so that the sweep deletes what was written beside
 * it meanwhile (a link, a note).
 */
export function saveErased(
  deps: Deps,
  next: ErasedRecord,
  expectedVersion: number,
  change: RecordChange,
): Promise<void> {
  const table = deps.config.TABLE_NAME;
  const item = erasedItem(next);
  const lookups = [
    phoneLookupKey(next.kind, next.id),
    mailboxLookupKey(next.kind, next.id),
    telegramLookupKey(next.kind, next.id, 'chat'),
    telegramLookupKey(next.kind, next.id, 'username'),
  ].map((Key) => ({ Delete: { TableName: table, Key } }));
  const extra = [...(change.extra ?? []), ...lifecycleScheduleOf(deps, next), ...lookups];
  return writeRecord(deps, { ...change, extra, item, subjectPk: item.pk, expectedVersion });
}

/** A record read by id as one still to act on: undefined once erased, as when it is gone. */
export const unlessErased = <T extends OfferRecord | RequestRecord | ErasedRecord>(
  record: T | undefined,
): Exclude<T, ErasedRecord> | undefined =>
  record === undefined || record.erasedAt !== undefined ? undefined : (record as Exclude<T, ErasedRecord>);
