import { DeleteCommand, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { ISO_3166_ALPHA2 } from '../domain/iso-codes.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import { type Counters, splitTallyKey, type Tally } from '../domain/overview.ts';
import { batchGetItems } from './batch-get.ts';
import { isConditionFailure } from './errors.ts';
import { type HoldItem, holdsOfOffer } from './holds.ts';
import {
  countryOfOverviewPartition,
  OVERVIEW_CITY_PREFIX,
  OVERVIEW_MONTH_PREFIX,
  OVERVIEW_TOTAL_SK,
  overviewBlockersKey,
  overviewKey,
  overviewPartition,
  overviewRebuildCutKey,
  overviewRebuildLockKey,
  overviewRecountOwedKey,
  overviewSeenKey,
  proposalKey,
} from './keys.ts';
import { queryItems, type ReadStats } from './query.ts';
import { type TransactItem, transact } from './transact.ts';

/** What the offline rebuild needs of the table: no settings beyond its name. */
export type TableOnly = Pick<Deps, 'db'> & { readonly config: Pick<Deps['config'], 'TABLE_NAME'> };

/** The `kind` of counter items: no stream consumer takes them (shared/events.ts). */
const COUNTERS_KIND = 'overview';
const SEEN_TTL_SECONDS = 2 * 86_400;
/** DynamoDB's limit of items in one transaction. */
const MAX_TRANSACTION_ITEMS = 100;

/** One stream record's effect on the counters. */
export interface CounterChange {
  readonly eventId: string;
  readonly tally: Tally;
}

const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'kind', 'expiresAt']);

/** The counters of a stored item: its numeric attributes other than keys. */
export function countersOf(item: Record<string, unknown> | undefined): Counters {
  const counters: Record<string, number> = {};
  for (const [name, value] of Object.entries(item ?? {}))
    if (!KEY_ATTRIBUTES.has(name) && typeof value === 'number') counters[name] = value;
  return counters;
}

function counterUpdates(table: string, tally: Tally): TransactItem[] {
  return [...tally].map(([key, counters]) => {
    const { country, sk } = splitTallyKey(key);
    const names: Record<string, string> = { '#kind': 'kind' };
    const values: Record<string, unknown> = { ':kind': COUNTERS_KIND };
    const adds: string[] = [];
    let i = 0;
    for (const [attribute, amount] of counters) {
      names[`#a${i}`] = attribute;
      values[`:a${i}`] = amount;
      adds.push(`#a${i} :a${i}`);
      i++;
    }
    return {
      Update: {
        TableName: table,
        Key: overviewKey(country, sk),
        UpdateExpression: `SET #kind = :kind ADD ${adds.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  });
}

function seenPut(table: string, eventId: string, now: Date): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: {
        ...overviewSeenKey(eventId),
        kind: 'overview-seen',
        expiresAt: Math.floor(now.getTime() / 1000) + SEEN_TTL_SECONDS,
      },
      // A record delivered again finds its mark and the whole transaction, counts included, does nothing.
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** No rebuild holds the lock at `now` (none took it, or the one that did has lapsed). */
const rebuildLockFree = (now: Date) => ({
  ConditionExpression: 'attribute_not_exists(pk) OR #until < :now',
  ExpressionAttributeNames: { '#until': 'until' },
  ExpressionAttributeValues: { ':now': now.toISOString() },
});

/** The consumer's writes wait while a rebuild holds its lock (it would overwrite them, or count them twice). */
const noRebuildCheck = (table: string, now: Date) => ({
  ConditionCheck: { TableName: table, Key: overviewRebuildLockKey, ...rebuildLockFree(now) },
});

/** The stream consumer met a rebuild's lock: its batch comes again once the rebuild is done. */
export class RebuildRunning extends Error {
  override readonly name = 'RebuildRunning';
}

function merged(changes: readonly CounterChange[]): Tally {
  const sum: Tally = new Map();
  for (const { tally } of changes)
    for (const [key, counters] of tally) {
      const into = sum.get(key) ?? new Map<string, number>();
      for (const [attribute, amount] of counters) into.set(attribute, (into.get(attribute) ?? 0) + amount);
      sum.set(key, into);
    }
  for (const [key, counters] of sum) {
    for (const [attribute, amount] of counters) if (amount === 0) counters.delete(attribute);
    if (counters.size === 0) sum.delete(key);
  }
  return sum;
}

/**
 * Adds stream records' changes to the counters, each record at most once however often it is
 * delivered: its mark and its counts are one transaction. Records are taken together, as many
 * as fit in a transaction; when one of a group was seen before, the group is applied one record
 * at a time, skipping those seen. Returns how many records counted now (not seen before).
 */
export async function applyCounterChanges(deps: Deps, changes: readonly CounterChange[]): Promise<number> {
  const table = deps.config.TABLE_NAME;
  let applied = 0;
  let group: CounterChange[] = [];
  const flush = async () => {
    if (group.length === 0) return;
    const items = [
      ...group.map((c) => seenPut(table, c.eventId, deps.now())),
      ...counterUpdates(table, merged(group)),
      noRebuildCheck(table, deps.now()),
    ];
    try {
      await transact(deps.db, items);
      applied += group.length;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Some records of the group were counted before: their marks say which (a reason per
      // item, marks first); the others go again together.
      const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
      if (reasons.at(-1)?.Code === 'ConditionalCheckFailed')
        throw new RebuildRunning('The overview is being rebuilt.', { cause: error });
      if (reasons.length === 0) {
        if (group.length > 1)
          for (const change of group) applied += await applyCounterChanges(deps, [change]);
      } else {
        const unseen = group.filter((_, i) => reasons[i]?.Code !== 'ConditionalCheckFailed');
        // Only a mark (or the rebuild check, above) carries a condition: a failure that names none is not a repeat.
        if (unseen.length === group.length) throw error;
        if (unseen.length > 0) applied += await applyCounterChanges(deps, unseen);
      }
    }
    group = [];
  };
  for (const change of changes) {
    const keys = new Set([...group, change].flatMap((c) => [...c.tally.keys()]));
    const again = group.some((c) => c.eventId === change.eventId);
    // Marks, counter items and the rebuild check share one transaction.
    if (group.length > 0 && (again || group.length + 1 + keys.size + 1 > MAX_TRANSACTION_ITEMS))
      await flush();
    group.push(change);
  }
  await flush();
  return applied;
}

/**
 * The holds of an offer's approved stays made by `until` (ISO instant): what the overview stops
 * or starts counting as held when the offer stops or starts being open. A pending proposal's
 * hold is left out: its own change (cancelled with the offer, or decided later) moves it.
 */
export async function approvedStayHolds(deps: Deps, offerId: string, until: string): Promise<HoldItem[]> {
  const holds = (await holdsOfOffer(deps, offerId)).filter((hold) => hold.createdAt <= until);
  const approved = await Promise.all(
    holds.map(async (hold) => {
      const { Item } = await deps.db.send(
        new GetCommand({
          TableName: deps.config.TABLE_NAME,
          Key: proposalKey(hold.proposalId),
          ProjectionExpression: '#status',
          ExpressionAttributeNames: { '#status': 'status' },
        }),
      );
      return Item?.status === 'approved';
    }),
  );
  return holds.filter((_, i) => approved[i]);
}

/** The country's TOTAL counters. */
export async function getCounters(
  deps: Deps,
  country: string,
  sk: string,
  stats: ReadStats,
): Promise<Counters | undefined> {
  const { Item } = await deps.db.send(
    new GetCommand({ TableName: deps.config.TABLE_NAME, Key: overviewKey(country, sk) }),
  );
  stats.queries++;
  stats.items += Item ? 1 : 0;
  return Item ? countersOf(Item) : undefined;
}

/**
 * Items of a country's overview partition by sk, all asked at once (one round trip of Gets: no
 * function may batch, see TABLE_ACCESS); absent items are left out.
 */
async function overviewItems(
  deps: Deps,
  country: string,
  sks: readonly string[],
  stats: ReadStats,
): Promise<Map<string, Record<string, unknown>>> {
  const found = await Promise.all(
    [...new Set(sks)].map(async (sk) => {
      const { Item } = await deps.db.send(
        new GetCommand({ TableName: deps.config.TABLE_NAME, Key: overviewKey(country, sk) }),
      );
      stats.queries++;
      if (Item) stats.items++;
      return Item ? [[sk, Item] as const] : [];
    }),
  );
  return new Map(found.flat());
}

/** What the overview page asks of a country's partition; months as YYYY-MM, cities by stored name. */
export interface OverviewWanted {
  readonly total: boolean;
  readonly blockers: boolean;
  readonly months: readonly string[];
  readonly cities: readonly string[];
}

export interface OverviewRead {
  readonly total: Counters | undefined;
  readonly blockers: Blockers | undefined;
  readonly months: Map<string, Counters>;
  readonly cities: Map<string, Counters>;
}

/** The counter items (and the sweep's BLOCKERS item) the overview page shows, asked all at once. */
export async function readOverview(
  deps: Deps,
  country: string,
  wanted: OverviewWanted,
  stats: ReadStats,
): Promise<OverviewRead> {
  const blockersSk = overviewBlockersKey(country).sk;
  const monthSk = (month: string) => `${OVERVIEW_MONTH_PREFIX}${month}`;
  const citySk = (city: string) => `${OVERVIEW_CITY_PREFIX}${city}`;
  const found = await overviewItems(
    deps,
    country,
    [
      ...(wanted.total ? [OVERVIEW_TOTAL_SK] : []),
      ...(wanted.blockers ? [blockersSk] : []),
      ...wanted.months.map(monthSk),
      ...wanted.cities.map(citySk),
    ],
    stats,
  );
  const countersAt = (sk: string) => {
    const item = found.get(sk);
    return item ? countersOf(item) : undefined;
  };
  const present = (names: readonly string[], sk: (name: string) => string) =>
    new Map(
      names.flatMap((name) => (found.has(sk(name)) ? [[name, countersAt(sk(name)) ?? {}] as const] : [])),
    );
  const blockers = found.get(blockersSk);
  return {
    total: countersAt(OVERVIEW_TOTAL_SK),
    blockers: blockers ? blockersSchema.parse(blockers) : undefined,
    months: present(wanted.months, monthSk),
    cities: present(wanted.cities, citySk),
  };
}

/** Why requests wait, per city: what the matcher's sweep found (shared/matching/blockers.ts). */
export const blockersSchema = lazySchema(() =>
  z.object({
    at: z.iso.datetime(),
    cities: z.array(
      z.object({
        city: z.string(),
        waiting: z.number().int(),
        blocked: z.record(z.string(), z.number().int()),
        offers: z.record(z.string(), z.number().int()),
      }),
    ),
  }),
);
export type Blockers = z.infer<typeof blockersSchema>;

/** Keeps the latest finding of the sweep for one country (it replaces the one before). */
export async function putBlockers(deps: Deps, country: string, blockers: Blockers): Promise<void> {
  await deps.db.send(
    new PutCommand({
      TableName: deps.config.TABLE_NAME,
      Item: { ...overviewBlockersKey(country), kind: COUNTERS_KIND, ...blockers },
    }),
  );
}

/**
 * Deletes a country's BLOCKERS item if it has one (a read first: most countries never had
 * one, and a delete costs a write even when there is nothing to delete). The delete is
 * conditioned on the finding read, so one written meanwhile stands. Says whether it deleted.
 */
export async function clearBlockers(deps: Deps, country: string, stats: ReadStats): Promise<boolean> {
  const { Item } = await deps.db.send(
    new GetCommand({
      TableName: deps.config.TABLE_NAME,
      Key: overviewBlockersKey(country),
      ProjectionExpression: '#at',
      ExpressionAttributeNames: { '#at': 'at' },
    }),
  );
  stats.queries++;
  if (!Item) return false;
  stats.items++;
  try {
    await deps.db.send(
      new DeleteCommand({
        TableName: deps.config.TABLE_NAME,
        Key: overviewBlockersKey(country),
        ConditionExpression: '#at = :at',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: { ':at': Item.at },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function getBlockers(
  deps: Deps,
  country: string,
  stats: ReadStats,
): Promise<Blockers | undefined> {
  const { Item } = await deps.db.send(
    new GetCommand({ TableName: deps.config.TABLE_NAME, Key: overviewBlockersKey(country) }),
  );
  stats.queries++;
  stats.items += Item ? 1 : 0;
  return Item ? blockersSchema.parse(Item) : undefined;
}

/**
 * Every offer, request and proposal in the table, for the offline rebuild only (a Scan: no
 * function's role may run it, see TABLE_ACCESS in infra/aws/haven-stack.ts).
 */
export async function* everyCountedRecord(deps: TableOnly): AsyncGenerator<Record<string, unknown>> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.db.send(
      new ScanCommand({
        TableName: deps.config.TABLE_NAME,
        FilterExpression: '#kind IN (:offer, :request, :proposal)',
        ExpressionAttributeNames: { '#kind': 'kind' },
        ExpressionAttributeValues: { ':offer': 'offer', ':request': 'request', ':proposal': 'proposal' },
        ExclusiveStartKey: startKey,
      }),
    );
    yield* page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** The counter items of a country as stored, by sk (the rebuild's comparison and replacement). */
export async function storedCounterItems(deps: TableOnly, country: string): Promise<Map<string, Counters>> {
  const items = new Map<string, Counters>();
  for await (const item of queryItems(deps.db, {
    TableName: deps.config.TABLE_NAME,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': overviewPartition(country) },
  }))
    if (item.sk !== overviewBlockersKey(country).sk) items.set(String(item.sk), countersOf(item));
  return items;
}

/** Times keys left unprocessed are asked again before the rebuild gives up on a table that stays busy. */
const REBUILD_BATCH_GET_RETRIES = 7;

/**
 * The countries that have counters (the rebuild's list of what to replace): each country's TOTAL
 * item read by key, a fixed 249 keys in three BatchGetItem calls, however large the table.
 */
export async function countriesWithCounters(deps: TableOnly): Promise<Set<string>> {
  const totals = await batchGetItems(
    deps.db,
    deps.config.TABLE_NAME,
    [...ISO_3166_ALPHA2].map((country) => ({ pk: overviewPartition(country), sk: OVERVIEW_TOTAL_SK })),
    { projection: 'pk', retries: REBUILD_BATCH_GET_RETRIES },
  );
  return new Set(totals.map((item) => countryOfOverviewPartition(String(item.pk))));
}

/** Replaces a country's counter items with these (items not listed are deleted). */
export async function replaceCounterItems(
  deps: TableOnly,
  country: string,
  items: ReadonlyMap<string, Counters>,
): Promise<void> {
  const table = deps.config.TABLE_NAME;
  const stored = await storedCounterItems(deps, country);
  for (const sk of stored.keys())
    if (!items.has(sk))
      await deps.db.send(new DeleteCommand({ TableName: table, Key: overviewKey(country, sk) }));
  for (const [sk, counters] of items)
    await deps.db.send(
      new PutCommand({
        TableName: table,
        Item: { ...counters, ...overviewKey(country, sk), kind: COUNTERS_KIND },
      }),
    );
}

/**
 * Takes the rebuild's lock until `until` (a crashed rebuild's lock lapses then); false when
 * another rebuild holds it.
 */
export async function takeRebuildLock(deps: TableOnly, startedAt: Date, until: Date): Promise<boolean> {
  try {
    await deps.db.send(
      new PutCommand({
        TableName: deps.config.TABLE_NAME,
        Item: {
          ...overviewRebuildLockKey,
          kind: COUNTERS_KIND,
          startedAt: startedAt.toISOString(),
          until: until.toISOString(),
        },
        ...rebuildLockFree(startedAt),
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Records when the finished rebuild began reading and releases its lock, in one transaction. */
export async function finishRebuild(deps: TableOnly, startedAt: Date): Promise<void> {
  const table = deps.config.TABLE_NAME;
  await transact(deps.db, [
    {
      Put: {
        TableName: table,
        Item: { ...overviewRebuildCutKey, kind: COUNTERS_KIND, readFrom: startedAt.toISOString() },
      },
    },
    {
      Delete: {
        TableName: table,
        Key: overviewRebuildLockKey,
        ConditionExpression: 'startedAt = :startedAt',
        ExpressionAttributeValues: { ':startedAt': startedAt.toISOString() },
      },
    },
  ]);
}

/**
 * Marks the counters as owing a recount from a moment on: a change the stream cannot count right
 * (a stored place renamed: reindex.ts renamePlacesTakenSince) is about to be written. Kept until
 * a rebuild that began reading after it, so a run stopped before its recount leaves it owed.
 */
export async function oweRecount(deps: Deps): Promise<void> {
  await deps.db.send(
    new PutCommand({
      TableName: deps.config.TABLE_NAME,
      Item: { ...overviewRecountOwedKey, kind: COUNTERS_KIND, at: deps.now().toISOString() },
    }),
  );
}

/** Whether the counters owe a recount: marked so (oweRecount) after the last rebuild began reading. */
export async function recountOwed(deps: Deps): Promise<boolean> {
  const { Item } = await deps.db.send(
    new GetCommand({ TableName: deps.config.TABLE_NAME, Key: overviewRecountOwedKey, ConsistentRead: true }),
  );
  if (typeof Item?.at !== 'string') return false;
  const rebuilt = await lastRebuildRead(deps);
  return rebuilt === undefined || Date.parse(Item.at) >= rebuilt;
}

/** When the last rebuild began reading the records (ms since the epoch); undefined before any. */
export async function lastRebuildRead(deps: Deps): Promise<number | undefined> {
  const { Item } = await deps.db.send(
    new GetCommand({ TableName: deps.config.TABLE_NAME, Key: overviewRebuildCutKey }),
  );
  return typeof Item?.readFrom === 'string' ? Date.parse(Item.readFrom) : undefined;
}
