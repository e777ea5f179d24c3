import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import { dateOf, dayOf, type HeldBeds, type Nights } from '../domain/matching/nights.ts';
import { isoDateSchema } from '../domain/records.ts';
import { HOLD_PREFIX, holdKey, holdsByCountryIndex, holdsByCountryPartition, offerKey } from './keys.ts';
import { newReadStats, queryAll, type ReadStats } from './query.ts';

/**
 * Beds held by one pending or approved proposal. Holds live beside the offer (its partition),
 * not in it, so the offer item stays a plain OfferRecord; a proposal's transaction writes the
 * hold and bumps the offer's version, which serialises everything that changes the offer's beds.
 */
export const holdItemSchema = lazySchema(() =>
  z.object({
    kind: z.literal('hold'),
    offerId: z.string().min(1),
    proposalId: z.string().min(1),
    requestId: z.string().min(1),
    country: z.string().length(2),
    beds: z.number().int().min(1),
    nightsFrom: isoDateSchema,
    /** The morning of departure (exclusive); absent for an open-ended stay at an offer without end. */
    nightsTo: isoDateSchema.optional(),
    createdAt: z.iso.datetime(),
  }),
);
export type HoldItem = z.infer<typeof holdItemSchema>;

export const heldBedsOf = (hold: HoldItem): HeldBeds => ({
  beds: hold.beds,
  nights: {
    from: dayOf(hold.nightsFrom),
    to: hold.nightsTo === undefined ? Number.POSITIVE_INFINITY : dayOf(hold.nightsTo),
  },
});

/** The Put of a hold, for the proposal's transaction; it expires from the table after the stay. */
export function holdPut(
  tableName: string,
  hold: {
    offerId: string;
    proposalId: string;
    requestId: string;
    country: string;
    beds: number;
    nights: Nights;
  },
  now: Date,
) {
  const item: HoldItem = {
    kind: 'hold',
    offerId: hold.offerId,
    proposalId: hold.proposalId,
    requestId: hold.requestId,
    country: hold.country,
    beds: hold.beds,
    nightsFrom: dateOf(hold.nights.from),
    ...(Number.isFinite(hold.nights.to) ? { nightsTo: dateOf(hold.nights.to) } : {}),
    createdAt: now.toISOString(),
  };
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...item,
        ...holdKey(hold.offerId, hold.proposalId),
        ...holdsByCountryIndex(hold.country, hold.offerId, hold.proposalId),
        ...(Number.isFinite(hold.nights.to) ? { expiresAt: (hold.nights.to + 1) * 86_400 } : {}),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * The Delete of a hold, for the transaction that declines, expires or cancels its proposal. Put
 * it beside an offer version bump (offerVersionBump) so matchers that read the old holds retry.
 */
export const holdDelete = (tableName: string, offerId: string, proposalId: string) => ({
  Delete: { TableName: tableName, Key: holdKey(offerId, proposalId) },
});

/**
 * The Update that serialises a change of an offer's holds with every other change of the offer.
 * Given `availableOn` (a new proposal's today), it also requires the offer not to have ended.
 */
export const offerVersionBump = (
  tableName: string,
  offerId: string,
  expectedVersion: number,
  availableOn?: string,
) => ({
  Update: {
    TableName: tableName,
    Key: offerKey(offerId),
    UpdateExpression: 'SET #version = :next',
    ConditionExpression:
      availableOn === undefined
        ? '#version = :expected AND #status = :open'
        : '#version = :expected AND #status = :open AND (attribute_not_exists(availableTo) OR availableTo >= :today)',
    ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
    ExpressionAttributeValues: {
      ':expected': expectedVersion,
      ':next': expectedVersion + 1,
      ':open': 'open',
      ...(availableOn === undefined ? {} : { ':today': availableOn }),
    },
  },
});

/** The holds of one offer: one Query on its partition. */
export async function holdsOfOffer(
  deps: Deps,
  offerId: string,
  stats: ReadStats = newReadStats(),
): Promise<HoldItem[]> {
  const items = await queryAll(
    deps.db,
    {
      TableName: deps.config.TABLE_NAME,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :hold)',
      ExpressionAttributeValues: { ':pk': offerKey(offerId).pk, ':hold': HOLD_PREFIX },
      ConsistentRead: true,
    },
    stats,
  );
  return items.map((item) => holdItemSchema.parse(item));
}

/** Every hold in a country, by offer: one partition of gsi3, for the sweep. */
export async function holdsOfCountry(
  deps: Deps,
  country: string,
  stats: ReadStats = newReadStats(),
): Promise<Map<string, HoldItem[]>> {
  const items = await queryAll(
    deps.db,
    {
      TableName: deps.config.TABLE_NAME,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': holdsByCountryPartition(country) },
    },
    stats,
  );
  const byOffer = new Map<string, HoldItem[]>();
  for (const item of items) {
    const hold = holdItemSchema.parse(item);
    byOffer.set(hold.offerId, [...(byOffer.get(hold.offerId) ?? []), hold]);
  }
  return byOffer;
}
