import { createHash } from 'node:crypto';
import { poolGrid } from '../domain/geo.ts';
import { requestPoolCell } from '../domain/matching/request-cells.ts';
import { isProposable } from '../domain/matching/rules.ts';
import { confirmedOn } from '../domain/record-states.ts';
import {
  type ErasedRecord,
  type OfferRecord,
  offerRecordSchema,
  type RequestRecord,
  requestRecordSchema,
} from '../domain/records.ts';
import { awaitsContact } from '../domain/unreachable.ts';
import {
  emailIndex,
  offerKey,
  offerPoolIndex,
  openByCountryIndex,
  openOfferByCountryIndex,
  recordsByCountryIndex,
  requestKey,
  requestPoolIndex,
  unreachableIndex,
} from './keys.ts';

/** An offer or a request read from the table, parsed by the kind the item says it is. */
export const intakeRecordOf = (item: unknown): OfferRecord | RequestRecord =>
  (item as { kind?: unknown }).kind === 'offer'
    ? offerRecordSchema.parse(item)
    : requestRecordSchema.parse(item);

/** The hash under which an address is indexed; the address itself is never a key. */
export const emailHash = (email: string) =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

/** What names or reaches a person: an erasure's audit event lists those the record had. */
export const PERSONAL_ATTRIBUTES = [
  'name',
  'email',
  'phone',
  'notes',
  'telegramChatId',
  'telegramUsername',
] as const;

/**
 * What a record's gsi2 holds: its address's hash, or, for a live record with no address, phone
 * or Telegram username, its place in its country's list of people nobody could reach (so every
 * write of the record, whatever changes its status or contact, keeps that list true).
 */
function addressKeys(record: OfferRecord | RequestRecord, date: string) {
  if (awaitsContact(record))
    return unreachableIndex(record.country, record.createdAt, record.kind, record.id);
  // A person who came through Telegram may have given no address: nothing to index then.
  return record.email === '' ? {} : emailIndex(record.kind, emailHash(record.email), date, record.id);
}

/**
 * A record's place in its country's export, by when its address was confirmed: none before (nor
 * for one ended unconfirmed), as its address may not be its owner's (workspace/records.ts).
 */
export function exportKeys(record: OfferRecord | RequestRecord): { gsi4pk?: string; gsi4sk?: string } {
  const confirmed = confirmedOn(record);
  return confirmed === undefined
    ? {}
    : recordsByCountryIndex(record.kind, record.country, confirmed, record.id);
}

/** A record's attributes with its email index and, once confirmed, its place in its country's export. */
const attributesOf = <R extends OfferRecord | RequestRecord>(
  record: R,
  emailKeys: { gsi2pk: string; gsi2sk: string } | Record<string, never>,
): R & Partial<{ gsi2pk: string; gsi2sk: string; gsi4pk: string; gsi4sk: string }> => ({
  ...record,
  ...emailKeys,
  ...exportKeys(record),
});

/**
 * The table item of what erasure left of a record: its key and what it keeps (records.ts
 * ErasedRecord), and no index: not the email's (its key is the address's hash), the export's
 * (nothing is left to export), the pool's or the queues'.
 */
export const erasedItem = (record: ErasedRecord) => ({
  ...record,
  ...(record.kind === 'offer' ? offerKey(record.id) : requestKey(record.id)),
});

/**
 * The table item of an offer: its attributes plus every key it should carry in its state.
 * Always write offers through this so the indexes follow the status. An offer from a blocked
 * address, or one nobody could reach once placed (rules.ts isProposable), carries no pool or
 * sweep keys: no search, sweep or queue reads it.
 */
export function offerItem(offer: OfferRecord) {
  const open = isProposable(offer);
  return {
    ...attributesOf(offer, addressKeys(offer, offer.availableFrom)),
    ...offerKey(offer.id),
    ...(open
      ? offerPoolIndex(offer.country, poolGrid.cellOf(offer), offer.beds, offer.availableFrom, offer.id)
      : {}),
    ...(open ? openOfferByCountryIndex(offer.country, offer.beds, offer.availableFrom, offer.id) : {}),
  };
}

/**
 * The table item of a request, with the pool and sweep keys only while it is open, not blocked,
 * and reachable once placed (rules.ts isProposable).
 */
export function requestItem(request: RequestRecord) {
  const open = isProposable(request);
  return {
    ...attributesOf(request, addressKeys(request, request.arrival)),
    ...requestKey(request.id),
    ...(open ? requestPoolIndex(request.country, requestPoolCell(request), request.arrival, request.id) : {}),
    ...(open ? openByCountryIndex('request', request.country, request.arrival, request.id) : {}),
  };
}
