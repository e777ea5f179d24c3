import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { BadRequest } from '../domain/errors.ts';
import {
  type OfferRecord,
  offerRecordSchema,
  type ProposalRecord,
  proposalRecordSchema,
  type RequestRecord,
  requestRecordSchema,
} from '../domain/records.ts';
import { openByCountryIndex, problemKey, problemQueueIndex, proposalQueueIndex } from './keys.ts';
import { queryItems, type ReadStats } from './query.ts';

/**
 * The coordinators' queues, one country at a time, each read a page at a time from a GSI
 * partition (never a Scan). A page's cursor is the Query's LastEvaluatedKey, opaque to the
 * client (base64url JSON) and accepted back only for the same partition.
 */

export interface Page<T> {
  readonly items: T[];
  /** Where the next page starts; undefined on the last page. */
  readonly next: string | undefined;
}

const cursorSchema = z.record(z.string(), z.string().max(1024));

const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key === undefined ? undefined : Buffer.from(JSON.stringify(key)).toString('base64url');

function decodeCursor(cursor: string | undefined, pkName: string, pk: string) {
  if (cursor === undefined || cursor === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadRequest('The page cursor cannot be read.');
  }
  const key = cursorSchema.safeParse(parsed);
  // A cursor from another partition (another country) would read outside the coordinator's scope.
  if (!key.success || key.data[pkName] !== pk) throw new BadRequest('The page cursor cannot be read.');
  return key.data;
}

/** One page of a Query on a GSI partition; `limit` bounds the items read (filters apply after). */
async function queryPage(
  db: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey' | 'Limit'> & { IndexName: string },
  pk: string,
  cursor: string | undefined,
  limit: number,
  stats?: ReadStats,
): Promise<Page<Record<string, unknown>>> {
  const page = await db.send(
    new QueryCommand({
      ...input,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, `${input.IndexName}pk`, pk),
    }),
  );
  if (stats) {
    stats.queries++;
    stats.items += page.ScannedCount ?? page.Items?.length ?? 0;
  }
  return { items: page.Items ?? [], next: encodeCursor(page.LastEvaluatedKey) };
}

const parsePage = <T>(page: Page<Record<string, unknown>>, schema: z.ZodType<T>): Page<T> => ({
  items: page.items.map((item) => schema.parse(item)),
  next: page.next,
});

/** Pending proposals for offers in a country, the longest waiting first. */
export async function pendingProposalsPage(
  deps: Deps,
  country: string,
  cursor: string | undefined,
  limit: number,
  stats?: ReadStats,
): Promise<Page<ProposalRecord>> {
  const pk = proposalQueueIndex(country, '', '').gsi2pk;
  const page = await queryPage(
    deps.db,
    {
      TableName: deps.config.TABLE_NAME,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
    },
    pk,
    cursor,
    limit,
    stats,
  );
  return parsePage(page, proposalRecordSchema);
}

/** Open requests of a country (open: no pending proposal), the earliest arrival first. */
export async function waitingRequestsPage(
  deps: Deps,
  country: string,
  cursor: string | undefined,
  limit: number,
  stats?: ReadStats,
): Promise<Page<RequestRecord>> {
  const pk = openByCountryIndex('request', country, '', '').gsi3pk;
  const page = await queryPage(
    deps.db,
    {
      TableName: deps.config.TABLE_NAME,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
    },
    pk,
    cursor,
    limit,
    stats,
  );
  return parsePage(page, requestRecordSchema);
}

/**
 * Open offers of a country that pass a filter, from the country's open-offer partition. `limit`
 * bounds the items read, so a page may hold fewer matches than that and still have a next one.
 */
async function openOffersWhere(
  deps: Deps,
  country: string,
  filter: Pick<
    QueryCommandInput,
    'FilterExpression' | 'ExpressionAttributeValues' | 'ExpressionAttributeNames'
  >,
  cursor: string | undefined,
  limit: number,
  stats?: ReadStats,
): Promise<Page<OfferRecord>> {
  const pk = openByCountryIndex('offer', country, '', '').gsi3pk;
  const page = await queryPage(
    deps.db,
    {
      TableName: deps.config.TABLE_NAME,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ...filter,
      ExpressionAttributeValues: { ':pk': pk, ...filter.ExpressionAttributeValues },
    },
    pk,
    cursor,
    limit,
    stats,
  );
  return parsePage(page, offerRecordSchema);
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

export const problemSchema = z.object({
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
});
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

/** Problems reported in a country that nobody has dealt with, the oldest first. */
export async function openProblemsPage(
  deps: Deps,
  country: string,
  cursor: string | undefined,
  limit: number,
  stats?: ReadStats,
): Promise<Page<Problem>> {
  const pk = problemQueueIndex(country, '', '', '').gsi3pk;
  const page = await queryPage(
    deps.db,
    {
      TableName: deps.config.TABLE_NAME,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
    },
    pk,
    cursor,
    limit,
    stats,
  );
  return parsePage(page, problemSchema);
}

/** Every live (open) record of a kind in a country, from its open-by-country partition, page after page. */
export async function* liveRecordsOfCountry(
  deps: Deps,
  kind: 'offer' | 'request',
  country: string,
): AsyncGenerator<OfferRecord | RequestRecord> {
  const schema = kind === 'offer' ? offerRecordSchema : requestRecordSchema;
  const items = queryItems(deps.db, {
    TableName: deps.config.TABLE_NAME,
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :pk',
    ExpressionAttributeValues: { ':pk': openByCountryIndex(kind, country, '', '').gsi3pk },
  });
  for await (const item of items) yield schema.parse(item);
}
