import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.ts';
import type { OfferRecord, RequestRecord } from '../domain/records.ts';
import { emailHash } from './items.ts';
import { emailPartition } from './keys.ts';
import { lifecycleScheduleOf } from './lifecycle.ts';
import { mailboxLookupWrites } from './mailbox-lookups.ts';
import { phoneLookupWrite } from './phone-lookups.ts';
import { queryAll } from './query.ts';
import { type RecordWrite, writeRecord } from './record-writes.ts';
import { telegramLookupWrites } from './telegram-lookups.ts';

/** What a change about an offer or request writes besides the record itself. */
export type RecordChange = Omit<RecordWrite, 'item' | 'expectedVersion' | 'subjectPk'>;

/**
 * The reads and writes of one kind of record (offers.ts and requests.ts each make one): what
 * tells an offer from a request is only its key, its schema and its item.
 */
export function recordStore<R extends OfferRecord | RequestRecord>(
  kind: R['kind'],
  key: (id: string) => { pk: string; sk: string },
  schema: { parse(value: unknown): R },
  itemOf: (record: R) => Record<string, unknown> & { pk: string },
) {
  return {
    /** Reads one record, consistently and parsed; undefined when there is none. */
    async get(deps: Deps, id: string): Promise<R | undefined> {
      const { Item } = await deps.db.send(
        new GetCommand({ TableName: deps.config.TABLE_NAME, Key: key(id), ConsistentRead: true }),
      );
      return Item === undefined ? undefined : schema.parse(Item);
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
      // Every write says when time next acts on the record (closing, expiry, erasure): shared/upkeep/lifecycle.ts.
      // The phone, Telegram and mailbox lookups too, so the coordinators' search, an operator's
      // erasure and a block on the mailbox follow every edit and erasure.
      const extra = [
        ...(change.extra ?? []),
        ...lifecycleScheduleOf(deps, next),
        phoneLookupWrite(deps.config.TABLE_NAME, next),
        ...telegramLookupWrites(deps.config.TABLE_NAME, next),
        ...mailboxLookupWrites(deps.config.TABLE_NAME, next, expectedVersion === undefined),
      ];
      return writeRecord(deps, { ...change, extra, item, subjectPk: item.pk, expectedVersion });
    },

    /** Writes what a change about a record issues (tokens, mail, audit) while the record itself stays as it is. */
    note(deps: Deps, id: string, change: RecordChange): Promise<void> {
      return writeRecord(deps, { ...change, subjectPk: key(id).pk, expectedVersion: undefined });
    },
  };
}
