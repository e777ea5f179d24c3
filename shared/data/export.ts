import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { BadRequest } from '../domain/errors.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import {
  type OfferRecord,
  offerRecordSchema,
  type RequestRecord,
  requestRecordSchema,
} from '../domain/records.ts';
import { encodeCursor, indexKeyOf, keyNames, type Page, parseCursor, startKeyOf } from './cursors.ts';
import { offerKey, recordOfPartition, recordsByCountryPartition, requestKey } from './keys.ts';

/**
 * The coordinators' export: every confirmed record of a kind in a country, in every state until
 * its personal data is erased (gsi4, keys.ts recordsByCountryIndex), in parts read by Query
 * (never a Scan), each part's cursor the key of its last record.
 */

/**
 * The start key of an export partition a client sent back: a key of the partition, and the
 * key of a record of its kind (pk and sk its record's, gsi4sk ending in its id), so a cursor
 * cannot carry the table key of something else into the Query.
 */
function exportStartKey(parsed: unknown, kind: 'offer' | 'request', pk: string) {
  const key = startKeyOf(parsed, 'gsi4', pk);
  const record = recordOfPartition(key.pk ?? '');
  const own = record?.kind === kind ? (kind === 'offer' ? offerKey : requestKey)(record.id) : undefined;
  if (!own || !record || key.sk !== own.sk || !key.gsi4sk?.endsWith(`#${record.id}`))
    throw new BadRequest('The page cursor cannot be read.');
  return key;
}

/** The key attributes of a record in the export's index: all a listing of parts needs to count and go on. */
const EXPORT_KEYS = keyNames('gsi4').join(', ');

/**
 * Up to `wanted` items of an export partition from `startKey` on (only their keys when
 * `keysOnly`). DynamoDB ends a Query at 1 MB, so this asks again until it has them or the
 * partition ends.
 */
async function exportItems(
  deps: Deps,
  pk: string,
  startKey: Record<string, unknown> | undefined,
  wanted: number,
  keysOnly: boolean,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let from = startKey;
  do {
    const result = await deps.db.send(
      new QueryCommand({
        TableName: deps.config.TABLE_NAME,
        IndexName: 'gsi4',
        KeyConditionExpression: 'gsi4pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ...(keysOnly ? { ProjectionExpression: EXPORT_KEYS } : {}),
        Limit: wanted - items.length,
        ExclusiveStartKey: from,
      }),
    );
    items.push(...(result.Items ?? []));
    from = result.LastEvaluatedKey;
  } while (from && items.length < wanted);
  return items;
}

const gsi4KeyOf = (item: Record<string, unknown>) => indexKeyOf('gsi4', item);

const recordSchema = (kind: 'offer' | 'request') =>
  kind === 'offer' ? offerRecordSchema : requestRecordSchema;

/** Raw items of an export part and where the next starts; only keys when `keysOnly`. */
type RawPart = Page<Record<string, unknown>>;

/**
 * Exactly `limit` records of a kind in a country (fewer only on the last part), in the
 * partition's order, from a cursor. It reads one more than wanted so that the last part says it
 * is the last (no empty part after a full one). The cursor is the key of the last item returned.
 */
async function exportPart(
  deps: Deps,
  kind: 'offer' | 'request',
  country: string,
  cursor: string | undefined,
  limit: number,
  keysOnly: boolean,
): Promise<RawPart> {
  const pk = recordsByCountryPartition(kind, country);
  const startKey = cursor ? exportStartKey(parseCursor(cursor), kind, pk) : undefined;
  const items = await exportItems(deps, pk, startKey, limit + 1, keysOnly);
  const page = items.slice(0, limit);
  const last = page.at(-1);
  return { items: page, next: items.length > limit && last ? encodeCursor(gsi4KeyOf(last)) : undefined };
}

/**
 * Where a part of the export of several countries starts: the kind, the country, and the key
 * within it of the last record before (none: the country's start). Only a country of the list
 * read, and a key of that country's and kind's partition, are taken back.
 */
const acrossCursorSchema = lazySchema(() =>
  z.strictObject({
    kind: z.enum(['offer', 'request']),
    country: z.string(),
    after: z.unknown().optional(),
  }),
);

function decodeAcross(
  cursor: string | undefined,
  kind: 'offer' | 'request',
  countries: readonly string[],
): { index: number; startKey: Record<string, string> | undefined } {
  if (cursor === undefined || cursor === '') return { index: 0, startKey: undefined };
  const at = acrossCursorSchema.safeParse(parseCursor(cursor));
  const index = at.success ? countries.indexOf(at.data.country) : -1;
  if (!at.success || at.data.kind !== kind || index === -1)
    throw new BadRequest('The page cursor cannot be read.');
  const pk = recordsByCountryPartition(kind, at.data.country);
  return {
    index,
    startKey: at.data.after === undefined ? undefined : exportStartKey(at.data.after, kind, pk),
  };
}

/**
 * `limit` records of a kind (fewer only on the last part) of several countries, one country
 * after another in the order given and each in its partition's order, from a cursor
 * (decodeAcross): a part that finishes a country goes on into the next until it is full. Each
 * country is its own gsi4 partition, so one with no records still costs a Query.
 */
async function exportPartAcross(
  deps: Deps,
  kind: 'offer' | 'request',
  countries: readonly string[],
  cursor: string | undefined,
  limit: number,
  keysOnly: boolean,
): Promise<RawPart> {
  const from = decodeAcross(cursor, kind, countries);
  const read: { country: string; item: Record<string, unknown> }[] = [];
  for (let i = from.index; i < countries.length && read.length <= limit; i++) {
    const country = countries[i] as string;
    const pk = recordsByCountryPartition(kind, country);
    const items = await exportItems(
      deps,
      pk,
      i === from.index ? from.startKey : undefined,
      limit + 1 - read.length,
      keysOnly,
    );
    read.push(...items.map((item) => ({ country, item })));
  }
  const page = read.slice(0, limit);
  const last = page.at(-1);
  const following = read[limit];
  // The record after the part is the next part's first: when it is of another country, the next
  // part starts at that country's beginning and does not read the empty countries between again.
  const next =
    following === undefined || last === undefined
      ? undefined
      : following.country === last.country
        ? { kind, country: last.country, after: gsi4KeyOf(last.item) }
        : { kind, country: following.country };
  return { items: page.map(({ item }) => item), next: encodeCursor(next) };
}

/** Which records a part reads: one country's, or several countries' one after another. */
type ExportOf = { readonly country: string } | { readonly countries: readonly string[] };

const parsed = (kind: 'offer' | 'request', part: RawPart): Page<OfferRecord | RequestRecord> => ({
  items: part.items.map((item) => recordSchema(kind).parse(item)),
  next: part.next,
});

/** One part of a country's export: `limit` records (fewer only on the last part) from a cursor. */
export async function exportRecordsPage(
  deps: Deps,
  kind: 'offer' | 'request',
  country: string,
  cursor: string | undefined,
  limit: number,
): Promise<Page<OfferRecord | RequestRecord>> {
  return parsed(kind, await exportPart(deps, kind, country, cursor, limit, false));
}

/** One part of the export of several countries: see exportPartAcross. */
export async function exportRecordsAcross(
  deps: Deps,
  kind: 'offer' | 'request',
  countries: readonly string[],
  cursor: string | undefined,
  limit: number,
): Promise<Page<OfferRecord | RequestRecord>> {
  return parsed(kind, await exportPartAcross(deps, kind, countries, cursor, limit, false));
}

/**
 * How many records the same part holds and where the next starts, reading only their keys: the
 * page that lists an export's parts shows no one's data, so it neither fetches nor parses it.
 */
export async function exportPartSize(
  deps: Deps,
  kind: 'offer' | 'request',
  of: ExportOf,
  cursor: string | undefined,
  limit: number,
): Promise<{ rows: number; next: string | undefined }> {
  const part =
    'country' in of
      ? await exportPart(deps, kind, of.country, cursor, limit, true)
      : await exportPartAcross(deps, kind, of.countries, cursor, limit, true);
  return { rows: part.items.length, next: part.next };
}
