import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.ts';
import { type OfferRecord, offerRecordSchema, type Verification } from '../domain/records.ts';
import type { AuditActor } from './audit.ts';
import { emailHash, offerItem } from './items.ts';
import { emailPartition, offerKey } from './keys.ts';
import { lifecycleScheduleOf } from './lifecycle.ts';
import { phoneLookupWrite } from './phone-lookups.ts';
import { queryAll } from './query.ts';
import { type RecordWrite, writeRecord } from './record-writes.ts';
import { telegramLookupWrites } from './telegram-lookups.ts';

/** Reads one offer, parsed; undefined when there is none. */
export async function getOffer(deps: Deps, id: string): Promise<OfferRecord | undefined> {
  const { Item } = await deps.db.send(
    new GetCommand({ TableName: deps.config.TABLE_NAME, Key: offerKey(id), ConsistentRead: true }),
  );
  return Item === undefined ? undefined : offerRecordSchema.parse(Item);
}

/** Every offer ever made from one address (gsi2 by the address's hash), for de-duplication. */
export async function offersByEmail(deps: Deps, email: string): Promise<OfferRecord[]> {
  const items = await queryAll(deps.db, {
    TableName: deps.config.TABLE_NAME,
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': emailPartition('offer', emailHash(email)) },
  });
  return items.map((item) => offerRecordSchema.parse(item));
}

/**
 * Stores an offer in its next state (a new one when `expectedVersion` is undefined), with the
 * audit event, mail, tokens, lifecycle schedule and lookups of the change in the same transaction.
 */
export function saveOffer(
  deps: Deps,
  next: OfferRecord,
  expectedVersion: number | undefined,
  change: Omit<RecordWrite, 'item' | 'expectedVersion' | 'subjectPk'>,
): Promise<void> {
  const item = offerItem(offerRecordSchema.parse(next));
  // Every write says when time next acts on the offer (closing, expiry, erasure): shared/upkeep/lifecycle.ts.
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

/** Writes what a change about an offer issues (tokens, mail, audit) while the offer itself stays as it is. */
export function noteOfferChange(
  deps: Deps,
  id: string,
  change: Omit<RecordWrite, 'item' | 'expectedVersion' | 'subjectPk'>,
): Promise<void> {
  return writeRecord(deps, { ...change, subjectPk: offerKey(id).pk, expectedVersion: undefined });
}

/** Records a coordinator's check of the host on the offer, under its version, with the audit event. */
export function setVerification(
  deps: Deps,
  offer: OfferRecord,
  verification: Verification,
  actor: AuditActor,
): Promise<void> {
  const next: OfferRecord = {
    ...offer,
    verification,
    version: offer.version + 1,
    updatedAt: deps.now().toISOString(),
  };
  return saveOffer(deps, next, offer.version, {
    audit: { action: `offer.host-${verification.state}`, actor, fields: ['verification'] },
  });
}
