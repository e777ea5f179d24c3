import { QueryCommand, type QueryCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
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
import { decodeCursor, encodeCursor, indexKeyOf, type Page } from './cursors.ts';
import { isConditionFailure } from './errors.ts';
import { intakeRecordOf } from './items.ts';
import {
  openByCountryPartition,
  openProblemKey,
  PROBLEM_PREFIX,
  problemKey,
  problemQueueIndex,
  problemQueuePartition,
  proposalKey,
  proposalQueuePartition,
  unreachablePartition,
} from './keys.ts';
import { queryAll, type ReadStats } from './query.ts';
import type { TransactItem } from './transact.ts';

/**
 * The coordinators' queues, one country at a time, each read a page at a time from a GSI
 * partition (never a Scan). A page's cursor (cursors.ts) is an index key to start after (the last
 * row shown, or the Query's LastEvaluatedKey: see partitionPage).
 */

export type { Page } from './cursors.ts';

type QueueIndex = 'gsi2' | 'gsi3';

/** Narrows a partition's items; `limit` bounds the items read, so a page may hold fewer that pass. */
type PageFilter = Pick<QueryCommandInput, 'FilterExpression' | 'ExpressionAttributeValues'>;

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
 * Gives the problems reported about a placement the name its offer's place was renamed to
 * (reindex.ts renamePlacesTakenSince), each only while it still carries the old one: the
 * coordinators' list of problems shows it.
 */
export async function renameProblemPlaces(
  deps: Deps,
  proposalId: string,
  from: string,
  to: string,
): Promise<void> {
  const table = deps.config.TABLE_NAME;
  const problems = await queryAll(deps.db, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': proposalKey(proposalId).pk, ':prefix': PROBLEM_PREFIX },
    ConsistentRead: true,
  });
  for (const problem of problems.map((item) => problemSchema.parse(item))) {
    if (problem.city !== from) continue;
    try {
      await deps.db.send(
        new UpdateCommand({
          TableName: table,
          Key: problemKey(problem.proposalId, problem.reportedAt, problem.side),
          UpdateExpression: 'SET city = :to',
          ConditionExpression: 'city = :from',
          ExpressionAttributeValues: { ':from': from, ':to': to },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
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
