import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.ts';
import { type RequestRecord, requestRecordSchema } from '../domain/records.ts';
import { emailHash, requestItem } from './items.ts';
import { emailPartition, requestKey } from './keys.ts';
import { lifecycleScheduleOf } from './lifecycle.ts';
import { phoneLookupWrite } from './phone-lookups.ts';
import { queryAll } from './query.ts';
import { type RecordWrite, writeRecord } from './record-writes.ts';
import { telegramLookupWrites } from './telegram-lookups.ts';

/** Reads one request, parsed; undefined when there is none. */
export async function getRequest(deps: Deps, id: string): Promise<RequestRecord | undefined> {
  const { Item } = await deps.db.send(
    new GetCommand({ TableName: deps.config.TABLE_NAME, Key: requestKey(id), ConsistentRead: true }),
  );
  return Item === undefined ? undefined : requestRecordSchema.parse(Item);
}

/** Every request ever made from one address (gsi2 by the address's hash), for de-duplication. */
export async function requestsByEmail(deps: Deps, email: string): Promise<RequestRecord[]> {
  const items = await queryAll(deps.db, {
    TableName: deps.config.TABLE_NAME,
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': emailPartition('request', emailHash(email)) },
  });
  return items.map((item) => requestRecordSchema.parse(item));
}

/**
 * Stores a request in its next state (a new one when `expectedVersion` is undefined), with the
 * audit event, mail, tokens, lifecycle schedule and lookups of the change in the same transaction.
 */
export function saveRequest(
  deps: Deps,
  next: RequestRecord,
  expectedVersion: number | undefined,
  change: Omit<RecordWrite, 'item' | 'expectedVersion' | 'subjectPk'>,
): Promise<void> {
  const item = requestItem(requestRecordSchema.parse(next));
  // Every write says when time next acts on the request (closing, expiry, erasure): shared/upkeep/lifecycle.ts.
  // The phone and Telegram lookups too, so the coordinators' search and an operator's erasure
  // follow every edit and erasure.
  const extra = [
    ...(change.extra ?? []),
    ...lifecycleScheduleOf(deps, next),
    phoneLookupWrite(deps.config.TABLE_NAME, next),
    ...telegramLookupWrites(deps.config.TABLE_NAME, next),
  ];
  return writeRecord(deps, { ...change, extra, item, subjectPk: item.pk, expectedVersion });
}

/** Writes what a change about an request issues (tokens, mail, audit) while the request itself stays as it is. */
export function noteRequestChange(
  deps: Deps,
  id: string,
  change: Omit<RecordWrite, 'item' | 'expectedVersion' | 'subjectPk'>,
): Promise<void> {
  return writeRecord(deps, { ...change, subjectPk: requestKey(id).pk, expectedVersion: undefined });
}
