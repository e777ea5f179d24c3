import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { BadRequest } from '../domain/errors.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import {
  type OfferRecord,
  offerRecordSchema,
  type ProposalRecord,
  proposalRecordSchema,
  type RequestRecord,
  requestRecordSchema,
} from '../domain/records.ts';
import { auditPut } from './audit.ts';
import { intakeRecordOf } from './items.ts';
import {
  offerKey,
  openByCountryPartition,
  openProblemKey,
  PROBLEM_PREFIX,
  problemKey,
  problemQueueIndex,
  problemQueuePartition,
  proposalQueuePartition,
  recordOfPartition,
  requestKey,
  unreachablePartition,
} from './keys.ts';
import { queryAll, type ReadStats } from './query.ts';
import type { TransactItem } from './transact.ts';

/**
 * The coordinators' queues, one country at a time, each read a page at a time from a GSI
 * partition (never a Scan). A page's cursor is an index key to start after (the last row shown,
 * or the Query's LastEvaluatedKey: see partitionPage), opaque to the client (base64url JSON) and
 * accepted back only for the same partition.
 */

export interface Page<T> {
  readonly items: T[];
  /** Where the next page starts; undefined on the last page. */
  readonly next: string | undefined;
}

type QueueIndex = 'gsi2' | 'gsi3';

/**
 * A GSI Query's LastEvaluatedKey is the table's key and the index's key, nothing else: a cursor
 * of any other shape would reach DynamoDB as a start key it refuses, a 500 for what a client sent.
 * DynamoDB bounds a sort key by 1,024 bytes of UTF-8, not characters: 1,024 × «Ж» is 2 KB.
 * No key the table writes holds a control character or half a surrogate pair (text that is not
 * UTF-16 and has no UTF-8); DynamoDB Local takes them, DynamoDB may not, so they are refused here.
 */
const cursorSchema = lazySchema(() =>
  z
    .record(
      z.string(),
      z
        .string()
        .min(1)
        .refine((value) => Buffer.byteLength(value, 'utf8') <= 1024 && !/[\p{Cc}\p{Cs}]/u.test(value)),
    )
    .refine((key) => Object.keys(key).length === 4),
);
const keyNames = (index: QueueIndex) => ['pk', 'sk', `${index}pk`, `${index}sk`] as const;

const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key === undefined ? undefined : Buffer.from(JSON.stringify(key)).toString('base64url');

function parseCursor(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadRequest('The page cursor cannot be read.');
  }
}

function decodeCursor(cursor: string | undefined, index: QueueIndex, pk: string) {
  if (cursor === undefined || cursor === '') return undefined;
  return startKeyOf(parseCursor(cursor), index, pk);
}

/** A start key a client sent back, checked to be a key of exactly this partition. */
function startKeyOf(parsed: unknown, index: QueueIndex, pk: string) {
  const key = cursorSchema.safeParse(parsed);
  // A cursor from another partition (another country) would read outside the coordinator's scope.
  if (
    !key.success ||
    key.data[`${index}pk`] !== pk ||
    keyNames(index).some((name) => key.data[name] === undefined)
  )
    throw new BadRequest('The page cursor cannot be read.');
  return key.data;
}

/** Narrows a partition's items; `limit` bounds the items read, so a page may hold fewer that pass. */
type PageFilter = Pick<QueryCommandInput, 'FilterExpression' | 'ExpressionAttributeValues'>;

/** The key of an item read from a queue index: what a page's cursor holds. */
const indexKeyOf = (index: QueueIndex, item: Record<string, unknown>) =>
  Object.fromEntries(keyNames(index).map((name) => [name, item[name]]));

/**
 * One page of a GSI partition, from the cursor on, parsed by the partition's schema. A page
 * has a next one only when something follows it, so a queue's "20" and "20+" say what they
 * mean: DynamoDB hands back a LastEvaluatedKey whenever a Query stops at its Limit, even on
 * the partition's last item. Unfiltered, it reads one item more than it shows and starts the
 * next page after the last one shown. Filtered (`limit` counts the items read, not those kept),
 * a full page counts the one item after it (no filter), which the next page reads first.
 */
async function partitionPage<T>(
  deps: Deps,
  partition: { readonly index: QueueIndex; readonly pk: string },
  schema: { parse(item: unknown): T },
  page: { readonly cursor: string | undefined; readonly limit: number; readonly stats?: ReadStats },
  filter: PageFilter = {},
): Promise<Page<T>> {
  const pkName = `${partition.index}pk`;
  const filtered = filter.FilterExpression !== undefined;
  const query = (
    startKey: Record<string, unknown> | undefined,
    limit: number,
    more: PageFilter & Pick<QueryCommandInput, 'Select'>,
  ) =>
    deps.db.send(
      new QueryCommand({
        TableName: deps.config.TABLE_NAME,
        IndexName: partition.index,
        KeyConditionExpression: `${pkName} = :pk`,
        ...more,
        ExpressionAttributeValues: { ':pk': partition.pk, ...more.ExpressionAttributeValues },
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
  const count = (result: { ScannedCount?: number }) => {
    if (!page.stats) return;
    page.stats.queries++;
    page.stats.items += result.ScannedCount ?? 0;
  };
  const result = await query(
    decodeCursor(page.cursor, partition.index, partition.pk),
    filtered ? page.limit : page.limit + 1,
    filter,
  );
  count(result);
  const items = result.Items ?? [];
  const shown = items.slice(0, page.limit);
  const lastShown = shown.at(-1);
  // Kept unless replaced below. Unfiltered, a LastEvaluatedKey with fewer items than asked for
  // means the Query stopped at 1 MB and more may follow; filtered, it stays when an item follows.
  let next: Record<string, unknown> | undefined = result.LastEvaluatedKey;
  if (!filtered && items.length > page.limit && lastShown) {
    next = indexKeyOf(partition.index, lastShown);
  } else if (filtered && next) {
    const after = await query(next, 1, { Select: 'COUNT' });
    count(after);
    if (!after.Count) next = undefined;
  }
  return { items: shown.map((item) => schema.parse(item)), next: encodeCursor(next) };
}

/** Pending proposals for offers in a country, the longest waiting first. */
export function pendingProposalsPage(
  deps: Deps,
  country: string,
  cursor: string | undefined,
  limit: number,
  stats?: ReadStats,
): Promise<Page<ProposalRecord>> {
  const pk = proposalQueuePartition(country);
  return partitionPage(deps, { index: 'gsi2', pk }, proposalRecordSchema, { cursor, limit, stats });
}

/** Open requests of a country (open: no pending proposal), the earliest arrival first. */
export function waitingRequestsPage(
  deps: Deps,
  country: string,
  cursor: string | undefined,
  limit: number,
  stats?: ReadStats,
): Promise<Page<RequestRecord>> {
  const pk = openByCountryPartition('request', country);
  return partitionPage(deps, { index: 'gsi3', pk }, requestRecordSchema, { cursor, limit, stats });
}

/** An offer or a request, by the kind the item says it is. */
const intakeRecordSchema = { parse: intakeRecordOf };

/**
 * Live offers and requests of a country that nobody could reach once placed (no address, phone
 * or Telegram username: domain/unreachable.ts), the longest known first. Each record carries its
 * place in this list itself (items.ts), so the list follows every write of the record.
 */
export function unreachableRecordsPage(
  deps: Deps,
  country: string,
  cursor: string | undefined,
  limit: number,
  stats?: ReadStats,
): Promise<Page<OfferRecord | RequestRecord>> {
  const pk = unreachablePartition(country);
  return partitionPage(deps, { index: 'gsi2', pk }, intakeRecordSchema, { cursor, limit, stats });
}

/**
 * Open offers of a country that pass a filter, from the country's open-offer partition. `limit`
 * bounds the items read, so a page may hold fewer matches than that and still have a next one.
 */
function openOffersWhere(
  deps: Deps,
  country: string,
  filter: PageFilter,
  cursor: string | undefined,
  limit: number,
  stats?: ReadStats,
): Promise<Page<OfferRecord>> {
  const pk = openByCountryPartition('offer', country);
  return partitionPage(deps, { index: 'gsi3', pk }, offerRecordSchema, { cursor, limit, stats }, filter);
}

/** Open offers no coordinator has verified or rejected yet. */
export function unverifiedHostsPage(
  deps: Deps,
  country: string,
  cursor: string | undefined,
  limit: number,
  stats?: ReadStats,
): Promise<Page<OfferRecord>> {
  return openOffersWhere(
    deps,
    country,
    { FilterExpression: 'attribute_not_exists(verification)' },
    cursor,
    limit,
    stats,
  );
}

/** Open offers whose host has not confirmed them since `before` (the "still available?" question is out). */
export function staleOffersPage(
  deps: Deps,
  country: string,
  before: Date,
  cursor: string | undefined,
  limit: number,
  stats?: ReadStats,
): Promise<Page<OfferRecord>> {
  return openOffersWhere(
    deps,
    country,
    {
      FilterExpression:
        '(attribute_exists(availabilityConfirmedAt) AND availabilityConfirmedAt < :before) OR (attribute_not_exists(availabilityConfirmedAt) AND confirmedAt < :before)',
      ExpressionAttributeValues: { ':before': before.toISOString() },
    },
    cursor,
    limit,
    stats,
  );
}

export const problemSchema = lazySchema(() =>
  z.object({
    kind: z.literal('problem'),
    proposalId: z.string().min(1),
    offerId: z.string().min(1),
    requestId: z.string().min(1),
    country: z.string().length(2),
    city: z.string(),
    side: z.enum(['host', 'seeker']),
    reportedAt: z.iso.datetime(),
    resolvedAt: z.iso.datetime().optional(),
    resolvedBy: z.string().optional(),
  }),
);
export type Problem = z.infer<typeof problemSchema>;

/** The Put of a reported problem, for the report's own transaction: it waits in its country's queue. */
export function problemPut(table: string, problem: Omit<Problem, 'kind'>) {
  return {
    Put: {
      TableName: table,
      Item: {
        ...problemKey(problem.proposalId, problem.reportedAt, problem.side),
        ...problemQueueIndex(problem.country, problem.reportedAt, problem.proposalId, problem.side),
        kind: 'problem',
        ...problem,
      },
    },
  };
}

/**
 * The Put of the mark that a placement's side has a problem open, first in the report's
 * transaction: it fails (ConditionalCheckFailed at `OPEN_PROBLEM_ITEM`) while one is open.
 */
export function openProblemPut(table: string, proposalId: string, side: Problem['side']) {
  return {
    Put: {
      TableName: table,
      Item: { ...openProblemKey(proposalId, side), kind: 'open-problem' },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** The problems of one side of a placement that nobody has dealt with yet. */
export async function openProblemsOf(
  deps: Deps,
  proposalId: string,
  side: Problem['side'],
): Promise<Problem[]> {
  const { pk } = problemKey(proposalId, '', side);
  const items = await queryAll(deps.db, {
    TableName: deps.config.TABLE_NAME,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': PROBLEM_PREFIX },
    ConsistentRead: true,
  });
  return items
    .map((item) => problemSchema.parse(item))
    .filter((problem) => problem.side === side && problem.resolvedAt === undefined);
}

/**
 * What dealing with a side's open problems writes: each leaves its country's queue (its gsi3
 * keys go) marked with who dealt with it and when, the open mark goes, and the audit says who.
 * Every write is conditioned on the problem still being open, so two coordinators pressing at
 * once deal with it once.
 */
export function problemsResolvedItems(
  table: string,
  problems: readonly Problem[],
  actor: `coordinator:${string}`,
  now: Date,
): TransactItem[] {
  const [first] = problems;
  if (first === undefined) return [];
  const at = now.toISOString();
  return [
    ...problems.map((problem) => ({
      Update: {
        TableName: table,
        Key: problemKey(problem.proposalId, problem.reportedAt, problem.side),
        UpdateExpression: 'SET resolvedAt = :at, resolvedBy = :by REMOVE gsi3pk, gsi3sk',
        ConditionExpression: 'attribute_exists(gsi3pk)',
        ExpressionAttributeValues: { ':at': at, ':by': actor.slice('coordinator:'.length) },
      },
    })),
    { Delete: { TableName: table, Key: openProblemKey(first.proposalId, first.side) } },
    auditPut(
      table,
      {
        subjectPk: problemKey(first.proposalId, at, first.side).pk,
        action: 'placement.problem-resolved',
        actor,
        fields: [first.side],
      },
      now,
    ),
  ];
}

/** Problems reported in a country that nobody has dealt with, the oldest first. */
export function openProblemsPage(
  deps: Deps,
  country: string,
  cursor: string | undefined,
  limit: number,
  stats?: ReadStats,
): Promise<Page<Problem>> {
  const pk = problemQueuePartition(country);
  return partitionPage(deps, { index: 'gsi3', pk }, problemSchema, { cursor, limit, stats });
}

/**
 * The start key of a live-records partition a client sent back: a key of the partition, and the
 * key of a record of its kind (pk and sk its record's, gsi3sk ending in its id), so a cursor
 * cannot carry the table key of something else into the Query.
 */
function liveStartKey(parsed: unknown, kind: 'offer' | 'request', pk: string) {
  const key = startKeyOf(parsed, 'gsi3', pk);
  const record = recordOfPartition(key.pk ?? '');
  const own = record?.kind === kind ? (kind === 'offer' ? offerKey : requestKey)(record.id) : undefined;
  if (!own || !record || key.sk !== own.sk || !key.gsi3sk?.endsWith(`#${record.id}`))
    throw new BadRequest('The page cursor cannot be read.');
  return key;
}

/** The key attributes of a live record: all a listing of parts needs to count and go on. */
const LIVE_KEYS = keyNames('gsi3').join(', ');

/**
 * Up to `wanted` items of a live-records partition from `startKey` on (only their keys when
 * `keysOnly`). DynamoDB ends a Query at 1 MB, so this asks again until it has them or the
 * partition ends.
 */
async function openItems(
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
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ...(keysOnly ? { ProjectionExpression: LIVE_KEYS } : {}),
        Limit: wanted - items.length,
        ExclusiveStartKey: from,
      }),
    );
    items.push(...(result.Items ?? []));
    from = result.LastEvaluatedKey;
  } while (from && items.length < wanted);
  return items;
}

const gsi3KeyOf = (item: Record<string, unknown>) => indexKeyOf('gsi3', item);

const liveSchema = (kind: 'offer' | 'request') =>
  kind === 'offer' ? offerRecordSchema : requestRecordSchema;

/** Raw items of a live-records part and where the next starts; only keys when `keysOnly`. */
type RawPart = Page<Record<string, unknown>>;

/**
 * Exactly `limit` live items of a kind in a country (fewer only on the last part), in the
 * partition's order, from a cursor. It reads one more than wanted so that the last part says it
 * is the last (no empty part after a full one). The cursor is the key of the last item returned.
 */
async function livePart(
  deps: Deps,
  kind: 'offer' | 'request',
  country: string,
  cursor: string | undefined,
  limit: number,
  keysOnly: boolean,
): Promise<RawPart> {
  const pk = openByCountryPartition(kind, country);
  const startKey = cursor ? liveStartKey(parseCursor(cursor), kind, pk) : undefined;
  const items = await openItems(deps, pk, startKey, limit + 1, keysOnly);
  const page = items.slice(0, limit);
  const last = page.at(-1);
  return { items: page, next: items.length > limit && last ? encodeCursor(gsi3KeyOf(last)) : undefined };
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
  const pk = openByCountryPartition(kind, at.data.country);
  return { index, startKey: at.data.after === undefined ? undefined : liveStartKey(at.data.after, kind, pk) };
}

/**
 * `limit` live items of a kind (fewer only on the last part) of several countries, one country
 * after another in the order given and each in its partition's order, from a cursor
 * (decodeAcross): a part that finishes a country goes on into the next until it is full. Each
 * country is its own gsi3 partition, so one with no live records still costs a Query.
 */
async function livePartAcross(
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
    const pk = openByCountryPartition(kind, country);
    const items = await openItems(
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
        ? { kind, country: last.country, after: gsi3KeyOf(last.item) }
        : { kind, country: following.country };
  return { items: page.map(({ item }) => item), next: encodeCursor(next) };
}

/** Which live records a part reads: one country's, or several countries' one after another. */
type LiveRecordsOf = { readonly country: string } | { readonly countries: readonly string[] };

const parsed = (kind: 'offer' | 'request', part: RawPart): Page<OfferRecord | RequestRecord> => ({
  items: part.items.map((item) => liveSchema(kind).parse(item)),
  next: part.next,
});

/** One part of a country's export: `limit` live records (fewer only on the last part) from a cursor. */
export async function liveRecordsPage(
  deps: Deps,
  kind: 'offer' | 'request',
  country: string,
  cursor: string | undefined,
  limit: number,
): Promise<Page<OfferRecord | RequestRecord>> {
  return parsed(kind, await livePart(deps, kind, country, cursor, limit, false));
}

/** One part of the export of several countries: see livePartAcross. */
export async function liveRecordsAcross(
  deps: Deps,
  kind: 'offer' | 'request',
  countries: readonly string[],
  cursor: string | undefined,
  limit: number,
): Promise<Page<OfferRecord | RequestRecord>> {
  return parsed(kind, await livePartAcross(deps, kind, countries, cursor, limit, false));
}

/**
 * How many records the same part holds and where the next starts, reading only their keys: the
 * page that lists an export's parts shows no one's data, so it neither fetches nor parses it.
 */
export async function liveRecordsPartSize(
  deps: Deps,
  kind: 'offer' | 'request',
  of: LiveRecordsOf,
  cursor: string | undefined,
  limit: number,
): Promise<{ rows: number; next: string | undefined }> {
  const part =
    'country' in of
      ? await livePart(deps, kind, of.country, cursor, limit, true)
      : await livePartAcross(deps, kind, of.countries, cursor, limit, true);
  return { rows: part.items.length, next: part.next };
}
