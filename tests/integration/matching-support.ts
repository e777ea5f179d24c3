import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { offerItem, requestItem } from '../../shared/data/items.ts';
import { cellOf } from '../../shared/domain/geo.ts';
import {
  type OfferRecord,
  type ProposalRecord,
  proposalRecordSchema,
  type RequestRecord,
} from '../../shared/domain/records.ts';
import { streamImage } from '../support/streams.ts';
import { everyItem, type TestTable } from '../support/table.ts';

/**
 * Fixtures lie in next year: a stay in the past is never proposed, so dates written as
 * literals would stop matching once the calendar passed them.
 */
export const FUTURE_YEAR = new Date().getUTCFullYear() + 1;
/** A day of next year, `MM-DD`. */
export const futureDate = (monthDay: string) => `${FUTURE_YEAR}-${monthDay}`;
const STAMP = '2026-02-01T00:00:00.000Z';
let sequence = 0;

export const BERLIN = { country: 'DE', city: 'Berlin', lat: 52.52, lon: 13.405 };
export const POTSDAM = { country: 'DE', city: 'Potsdam', lat: 52.3906, lon: 13.0645 };
export const LEIPZIG = { country: 'DE', city: 'Leipzig', lat: 51.3397, lon: 12.3731 };
/** UTC+4 all year: at 21:30 UTC it is already the next day there. */
export const TBILISI = { country: 'GE', city: 'Tbilisi', lat: 41.7151, lon: 44.8271 };

export function makeOffer(id: string, overrides: Partial<OfferRecord> = {}): OfferRecord {
  const place = { ...BERLIN, ...overrides };
  return {
    id,
    kind: 'offer',
    status: 'open',
    locale: 'en',
    createdAt: STAMP,
    updatedAt: STAMP,
    version: 1,
    name: `Host ${id}`,
    email: `${id}@host.test`,
    languages: ['uk', 'de'],
    country: place.country,
    city: place.city,
    lat: place.lat,
    lon: place.lon,
    cell: cellOf(place),
    availableFrom: futureDate('03-01'),
    availableTo: futureDate('09-30'),
    beds: 3,
    petsAllowed: true,
    childrenAllowed: true,
    stepFree: false,
    multipleParties: false,
    hostHousehold: 'family',
    ...overrides,
  };
}

export function makeRequest(id: string, overrides: Partial<RequestRecord> = {}): RequestRecord {
  const place = { ...BERLIN, ...overrides };
  return {
    id,
    kind: 'request',
    status: 'open',
    locale: 'uk',
    createdAt: STAMP,
    updatedAt: STAMP,
    version: 1,
    name: `Seeker ${id}`,
    email: `${id}@seeker.test`,
    languages: ['uk'],
    country: place.country,
    city: place.city,
    lat: place.lat,
    lon: place.lon,
    cell:
      place.lat === undefined || place.lon === undefined
        ? undefined
        : cellOf({ lat: place.lat, lon: place.lon }),
    maxDistanceKm: 50,
    arrival: futureDate('03-10'),
    departure: futureDate('05-10'),
    adults: 2,
    children: 1,
    pets: false,
    needsStepFree: false,
    safeHousehold: false,
    ...overrides,
  };
}

export async function putAll(
  db: DynamoDBDocumentClient,
  tableName: string,
  records: (OfferRecord | RequestRecord)[],
) {
  for (let i = 0; i < records.length; i += 25) {
    await db.send(
      new BatchWriteCommand({
        RequestItems: {
          [tableName]: records.slice(i, i + 25).map((record) => ({
            PutRequest: { Item: record.kind === 'offer' ? offerItem(record) : requestItem(record) },
          })),
        },
      }),
    );
  }
}

export const putOne = (db: DynamoDBDocumentClient, tableName: string, record: OfferRecord | RequestRecord) =>
  db.send(
    new PutCommand({
      TableName: tableName,
      Item: record.kind === 'offer' ? offerItem(record) : requestItem(record),
    }),
  );

/**
 * The proposals among items already read whose request id starts with `idPrefix` (a test's own):
 * checked against the same snapshot as the holds and maps read with them.
 */
export const proposalsIn = (items: readonly Record<string, unknown>[], idPrefix: string): ProposalRecord[] =>
  items
    .filter((item) => item.kind === 'proposal' && String(item.requestId).startsWith(idPrefix))
    .map((item) => proposalRecordSchema.parse(item));

/** The proposals of the table whose request id starts with `idPrefix` (a test's own). */
export const proposalsOf = async (table: TestTable, idPrefix: string): Promise<ProposalRecord[]> =>
  proposalsIn(await everyItem(table), idPrefix);

/** A stream batch as Lambda delivers it, for records that were just written. */
export function streamEvent(
  changes: { newItem: Record<string, unknown>; oldItem?: Record<string, unknown> }[],
): DynamoDBStreamEvent {
  return {
    Records: changes.map(
      ({ newItem, oldItem }): DynamoDBRecord => ({
        eventName: oldItem ? 'MODIFY' : 'INSERT',
        eventSource: 'aws:dynamodb',
        dynamodb: {
          SequenceNumber: String(++sequence).padStart(21, '0'),
          NewImage: streamImage(newItem),
          ...(oldItem ? { OldImage: streamImage(oldItem) } : {}),
        },
      }),
    ),
  };
}
