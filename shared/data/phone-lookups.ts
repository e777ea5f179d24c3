import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import { normalisePhone } from '../domain/phone.ts';
import type { OfferRecord, RequestRecord } from '../domain/records.ts';
import { phoneIndex, phoneLookupKey, phonePartition } from './keys.ts';
import { queryAll } from './query.ts';

type Kind = 'offer' | 'request';

/** The hash under which a normalised number is indexed; the number itself is never a key. */
export const phoneHash = (normalised: string) =>
  createHash('sha256').update(`phone:${normalised}`).digest('hex');

const lookupSchema = lazySchema(() =>
  z.object({
    kind: z.literal('phone-lookup'),
    recordKind: z.enum(['offer', 'request']),
    recordId: z.string().min(1),
  }),
);

/** A record's phone lookup item; undefined when it has no number (any more); erasure deletes it (intake-records.ts saveErased). */
export function phoneLookupItem(record: OfferRecord | RequestRecord) {
  if (record.phone === undefined) return undefined;
  return {
    ...phoneLookupKey(record.kind, record.id),
    ...phoneIndex(phoneHash(normalisePhone(record.phone, record.country)), record.kind, record.id),
    kind: 'phone-lookup',
    recordKind: record.kind,
    recordId: record.id,
  };
}

/** For the transaction that writes a record: its phone lookup as the record now is, or its removal. */
export function phoneLookupWrite(table: string, record: OfferRecord | RequestRecord) {
  const item = phoneLookupItem(record);
  if (item === undefined)
    return { Delete: { TableName: table, Key: phoneLookupKey(record.kind, record.id) } };
  return { Put: { TableName: table, Item: item } };
}

/** The records stored under any of these normalised numbers (gsi2, one Query each). */
export async function recordsByPhone(
  deps: Deps,
  normalised: readonly string[],
): Promise<{ kind: Kind; id: string }[]> {
  const found = await Promise.all(
    normalised.map((number) =>
      queryAll(deps.db, {
        TableName: deps.config.TABLE_NAME,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': phonePartition(phoneHash(number)) },
      }),
    ),
  );
  const refs = new Map<string, { kind: Kind; id: string }>();
  for (const item of found.flat()) {
    const lookup = lookupSchema.parse(item);
    refs.set(`${lookup.recordKind}#${lookup.recordId}`, { kind: lookup.recordKind, id: lookup.recordId });
  }
  return [...refs.values()];
}
