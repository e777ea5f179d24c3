import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.ts';
import {
  type OfferRecord,
  offerRecordSchema,
  type RequestRecord,
  requestRecordSchema,
} from '../domain/records.ts';
import {
  bedsSortPart,
  DECLINED_PREFIX,
  offerPoolPartition,
  openByCountryPartition,
  requestKey,
  requestPoolPartition,
} from './keys.ts';
import { queryAll, queryItems, type ReadStats } from './query.ts';

/**
 * The matcher's reads of the pool: open offers and requests by country (gsi3), open offers by
 * pool cell (gsi1, sorted by beds then availableFrom), open requests by pool cell (gsi1, sorted by
 * arrival), and the pairs a request declined.
 */

/** Offers this request was declined with (rule 6): one Query on the request's partition. */
export async function declinedOfferIds(
  deps: Deps,
  requestId: string,
  stats: ReadStats,
): Promise<Set<string>> {
  const items = await queryAll(
    deps.db,
    {
      TableName: deps.config.TABLE_NAME,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :declined)',
      ExpressionAttributeValues: { ':pk': requestKey(requestId).pk, ':declined': DECLINED_PREFIX },
      ProjectionExpression: 'offerId',
      ConsistentRead: true,
    },
    stats,
  );
  return new Set(items.map((item) => String(item.offerId)));
}

/**
 * Open requests of a country, optionally only those arriving within [from, to] (YYYY-MM-DD),
 * earliest first; with `most`, no more than that many items are read.
 */
export function openRequestsByArrival(
  deps: Deps,
  country: string,
  stats: ReadStats,
  arrival?: { from: string; to: string | undefined },
  most?: number,
): Promise<RequestRecord[]> {
  return requestsByArrival(deps, 'gsi3', openByCountryPartition('request', country), stats, arrival, most);
}

/**
 * Open requests of one pool cell of a country (gsi1: a record cell, or its WIDE or ANY cell, see
 * requestPoolCell), optionally only those arriving within [from, to], earliest first.
 */
export function openRequestsOfPoolCell(
  deps: Deps,
  country: string,
  poolCell: string,
  stats: ReadStats,
  arrival?: { from: string; to: string | undefined },
): Promise<RequestRecord[]> {
  return requestsByArrival(deps, 'gsi1', requestPoolPartition(country, poolCell), stats, arrival);
}

/** A partition of open requests sorted by arrival (gsi1 or gsi3), read within an arrival window. */
async function requestsByArrival(
  deps: Deps,
  index: 'gsi1' | 'gsi3',
  pk: string,
  stats: ReadStats,
  arrival?: { from: string; to: string | undefined },
  most?: number,
): Promise<RequestRecord[]> {
  const items: Record<string, unknown>[] = [];
  const read = queryItems(
    deps.db,
    {
      TableName: deps.config.TABLE_NAME,
      IndexName: index,
      KeyConditionExpression: arrival
        ? `${index}pk = :pk AND ${index}sk BETWEEN :from AND :to`
        : `${index}pk = :pk`,
      ExpressionAttributeValues: arrival
        ? { ':pk': pk, ':from': arrival.from, ':to': `${arrival.to ?? '9999-12-31'}#\uffff` }
        : { ':pk': pk },
      ...(most === undefined ? {} : { Limit: most }),
    },
    stats,
  );
  for await (const item of read) {
    items.push(item);
    if (items.length === most) break;
  }
  return items.map((item) => requestRecordSchema.parse(item));
}

/** Every open offer of a country: its whole open-offer partition. */
export async function openOffersOf(deps: Deps, country: string, stats: ReadStats): Promise<OfferRecord[]> {
  const items = await queryAll(
    deps.db,
    {
      TableName: deps.config.TABLE_NAME,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': openByCountryPartition('offer', country) },
    },
    stats,
  );
  return items.map((item) => offerRecordSchema.parse(item));
}

/** The open offers of a country if there are fewer than `fewerThan`, in one page; else undefined. */
export async function openOffersIfFewer(
  deps: Deps,
  country: string,
  fewerThan: number,
  stats: ReadStats,
): Promise<OfferRecord[] | undefined> {
  const page = await deps.db.send(
    new QueryCommand({
      TableName: deps.config.TABLE_NAME,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': openByCountryPartition('offer', country) },
      Limit: fewerThan,
    }),
  );
  stats.queries++;
  stats.items += page.ScannedCount ?? page.Items?.length ?? 0;
  if (page.LastEvaluatedKey) return undefined;
  return (page.Items ?? []).map((item) => offerRecordSchema.parse(item));
}

/** A partition of open offers sorted by beds, then availableFrom: a pool cell's (gsi1) or a whole country's (gsi3). */
export interface OfferPartition {
  readonly index: 'gsi1' | 'gsi3';
  readonly pk: string;
}

/** The open offers of one pool cell. */
export const poolCellPartition = (country: string, cell: string): OfferPartition => ({
  index: 'gsi1',
  pk: offerPoolPartition(country, cell),
});

/** The open offers of a whole country, for a request that names no city. */
export const countryOfferPartition = (country: string): OfferPartition => ({
  index: 'gsi3',
  pk: openByCountryPartition('offer', country),
});

export interface OfferPageQuery {
  /** The fewest beds to read from. */
  readonly fromBeds: number;
  /** Only offers with exactly `fromBeds` beds, open by this day (YYYY-MM-DD). */
  readonly openBy?: string;
  readonly limit: number;
  readonly startKey?: Record<string, unknown>;
}

/** One page of a partition of open offers, from a bed count on (or one bed count, open by a day). */
export async function offerPage(
  deps: Deps,
  partition: OfferPartition,
  query: OfferPageQuery,
  stats: ReadStats,
): Promise<{ offers: OfferRecord[]; next: Record<string, unknown> | undefined }> {
  const pkName = `${partition.index}pk`;
  const skName = `${partition.index}sk`;
  const beds = bedsSortPart(query.fromBeds);
  const range = query.openBy !== undefined;
  const page = await deps.db.send(
    new QueryCommand({
      TableName: deps.config.TABLE_NAME,
      IndexName: partition.index,
      KeyConditionExpression: range
        ? `${pkName} = :pk AND ${skName} BETWEEN :beds AND :openBy`
        : `${pkName} = :pk AND ${skName} >= :beds`,
      ExpressionAttributeValues: {
        ':pk': partition.pk,
        ':beds': beds,
        ...(range ? { ':openBy': `${beds}#${query.openBy}#\uffff` } : {}),
      },
      Limit: query.limit,
      ExclusiveStartKey: query.startKey,
    }),
  );
  stats.queries++;
  stats.items += page.ScannedCount ?? page.Items?.length ?? 0;
  return {
    offers: (page.Items ?? []).map((item) => offerRecordSchema.parse(item)),
    next: page.LastEvaluatedKey,
  };
}
