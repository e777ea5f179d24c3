import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import { dateOf, dayOf, type HeldBeds, type Nights } from '../domain/matching/nights.ts';
import { type HeldEntry, isoDateSchema, type OfferRecord } from '../domain/records.ts';
import { isConditionFailure } from './errors.ts';
import { HOLD_PREFIX, holdKey, holdsByCountryIndex, holdsByCountryPartition, offerKey } from './keys.ts';
import { newReadStats, queryAll, type ReadStats } from './query.ts';

/**
 * Beds held by one pending or approved proposal. Holds live beside the offer (its partition); a
 * proposal's transaction writes the hold and bumps the offer's version, which serialises
 * everything that changes the offer's beds. An offer marked `holdsOnItem` also carries a copy of
 * its holds (`holds`, by proposal id), kept in the same transactions (offerVersionBump,
 * offerHoldRelease, withHoldsKept), so a read of the offer brings its holds.
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
 * The Delete of a hold, for the transaction that declines, expires or cancels its proposal, beside
 * the offer's offerHoldRelease (or, when the offer itself is written in that transaction, its Put
 * through withHoldsKept), so the copy on the offer's item goes with it.
 */
export const holdDelete = (tableName: string, offerId: string, proposalId: string) => ({
  Delete: { TableName: tableName, Key: holdKey(offerId, proposalId) },
});

/** The beds an entry of the offer's map holds, as matching counts them. */
export const heldBedsOfEntry = (entry: HeldEntry): HeldBeds => ({
  beds: entry.beds,
  nights: {
    from: dayOf(entry.nightsFrom),
    to: entry.nightsTo === undefined ? Number.POSITIVE_INFINITY : dayOf(entry.nightsTo),
  },
});

/**
 * The proposals of the offer's map whose stay is over by `today` (a day number): their nights
 * cannot overlap any stay still to come, and their hold items expire from the table (expiresAt),
 * so the transactions that touch the map drop them and it does not grow for ever.
 */
export function pastHoldIds(holds: Readonly<Record<string, HeldEntry>> | undefined, today: number): string[] {
  return Object.entries(holds ?? {}).flatMap(([id, entry]) =>
    entry.nightsTo !== undefined && dayOf(entry.nightsTo) <= today ? [id] : [],
  );
}

/** A change of the offer's map: holds to add, by proposal id, and proposal ids to drop. */
export interface HoldsChange {
  readonly put: readonly (readonly [string, HeldEntry])[];
  readonly remove: readonly string[];
}

/** The SET and REMOVE parts of a map change, with indexed placeholders (ids never reach the expression). */
function mapChangeParts(change: HoldsChange) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = change.put.map(([id, entry], i) => {
    names[`#hp${i}`] = id;
    values[`:hp${i}`] = entry;
    return `#holds.#hp${i} = :hp${i}`;
  });
  const put = new Set(change.put.map(([id]) => id));
  const removes = [...new Set(change.remove)]
    .filter((id) => !put.has(id))
    .map((id, i) => {
      names[`#hr${i}`] = id;
      return `#holds.#hr${i}`;
    });
  if (sets.length > 0 || removes.length > 0) names['#holds'] = 'holds';
  return { sets, removes, names, values };
}

/**
 * The Update that serialises a change of an offer's holds with every other change of the offer.
 * Given `availableOn` (a new proposal's today), it also requires the offer not to have ended.
 * Given `holds` (an offer read with `holdsOnItem`; its version condition makes the map as read
 * the map it changes), it also adds the new holds to the offer's map and drops past ones.
 */
export function offerVersionBump(
  tableName: string,
  offerId: string,
  expectedVersion: number,
  availableOn?: string,
  holds?: HoldsChange,
) {
  const map = mapChangeParts(holds ?? { put: [], remove: [] });
  return {
    Update: {
      TableName: tableName,
      Key: offerKey(offerId),
      UpdateExpression: `SET ${['#version = :next', ...map.sets].join(', ')}${map.removes.length > 0 ? ` REMOVE ${map.removes.join(', ')}` : ''}`,
      ConditionExpression:
        availableOn === undefined
          ? '#version = :expected AND #status = :open'
          : '#version = :expected AND #status = :open AND (attribute_not_exists(availableTo) OR availableTo >= :today)',
      ExpressionAttributeNames: { '#version': 'version', '#status': 'status', ...map.names },
      ExpressionAttributeValues: {
        ':expected': expectedVersion,
        ':next': expectedVersion + 1,
        ':open': 'open',
        ...(availableOn === undefined ? {} : { ':today': availableOn }),
        ...map.values,
      },
    },
  };
}

/**
 * The offer's side of a hold's release (decline, expiry, cancellation in its own transaction):
 * its version moves on, so an offer Put or a re-index that read the map before cannot write the
 * hold back, and, on an offer that carries its holds, the hold leaves the map (past ones too).
 * Conditioned on the mark as read: an offer the re-index marked in between fails the transaction,
 * which is then read again, rather than keep on its map a hold whose item is gone (a bed lost).
 */
export function offerHoldRelease(
  tableName: string,
  offer: Pick<OfferRecord, 'id' | 'holds' | 'holdsOnItem'>,
  proposalId: string,
  today: number,
) {
  const map = mapChangeParts(
    offer.holdsOnItem
      ? { put: [], remove: [proposalId, ...pastHoldIds(offer.holds, today)] }
      : { put: [], remove: [] },
  );
  return {
    Update: {
      TableName: tableName,
      Key: offerKey(offer.id),
      UpdateExpression: `SET #version = #version + :one${map.removes.length > 0 ? ` REMOVE ${map.removes.join(', ')}` : ''}`,
      ConditionExpression: offer.holdsOnItem
        ? 'attribute_exists(pk) AND #mark = :marked'
        : 'attribute_exists(pk) AND attribute_not_exists(#mark)',
      ExpressionAttributeNames: { '#version': 'version', '#mark': 'holdsOnItem', ...map.names },
      ExpressionAttributeValues: { ':one': 1, ...(offer.holdsOnItem ? { ':marked': true } : {}) },
    },
  };
}

/**
 * The offer as a transaction that Puts it whole must write it: marked with an empty map when it
 * is new, and otherwise without the holds whose items `items` (the same transaction) delete and
 * without past ones. A Put is conditioned on the version it read, and every change of the map
 * moves the version, so the rest of the map is the one stored.
 */
export function withHoldsKept<O extends OfferRecord>(
  offer: O,
  isNew: boolean,
  items: readonly { readonly Delete?: { readonly Key?: Record<string, unknown> } }[],
  today: number,
): O {
  if (isNew) return { ...offer, holds: offer.holds ?? {}, holdsOnItem: true };
  if (offer.holds === undefined) return offer;
  const { pk } = offerKey(offer.id);
  const released = new Set(
    items.flatMap(({ Delete }) => {
      const key = Delete?.Key;
      return key?.pk === pk && typeof key.sk === 'string' && key.sk.startsWith(HOLD_PREFIX)
        ? [key.sk.slice(HOLD_PREFIX.length)]
        : [];
    }),
  );
  for (const id of pastHoldIds(offer.holds, today)) released.add(id);
  if (released.size === 0) return offer;
  return {
    ...offer,
    holds: Object.fromEntries(Object.entries(offer.holds).filter(([id]) => !released.has(id))),
  };
}

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

/** Tries of one offer's copy when changes keep moving its version between the reads and the write. */
const CARRY_ATTEMPTS = 8;

/**
 * Copies the holds of an offer stored before offers carried them onto its item and marks it
 * (`holdsOnItem`), for the re-index. The offer is read first, then its holds, and the copy is
 * written only while the offer is still at the version read: every transaction that puts or
 * deletes a hold moves it, so no hold can come or go between the reads and the write unseen.
 * Past holds are left out (pastHoldIds). On a conflict it reads both again.
 */
export async function carryHoldsOnOffer(
  deps: Deps,
  offerId: string,
): Promise<'carried' | 'already' | 'missing'> {
  for (let attempt = 1; ; attempt++) {
    const { Item } = await deps.db.send(
      new GetCommand({ TableName: deps.config.TABLE_NAME, Key: offerKey(offerId), ConsistentRead: true }),
    );
    if (Item === undefined) return 'missing';
    if (Item.holdsOnItem === true) return 'already';
    const version = Number(Item.version);
    const today = dayOf(deps.now().toISOString().slice(0, 10));
    const holds: Record<string, HeldEntry> = {};
    for (const hold of await holdsOfOffer(deps, offerId)) {
      const entry: HeldEntry = {
        beds: hold.beds,
        nightsFrom: hold.nightsFrom,
        ...(hold.nightsTo === undefined ? {} : { nightsTo: hold.nightsTo }),
      };
      if (pastHoldIds({ [hold.proposalId]: entry }, today).length === 0) holds[hold.proposalId] = entry;
    }
    try {
      await deps.db.send(
        new UpdateCommand({
          TableName: deps.config.TABLE_NAME,
          Key: offerKey(offerId),
          UpdateExpression: 'SET #holds = :holds, #mark = :marked, #version = :next',
          ConditionExpression: '#version = :read AND attribute_not_exists(#mark)',
          ExpressionAttributeNames: { '#holds': 'holds', '#mark': 'holdsOnItem', '#version': 'version' },
          ExpressionAttributeValues: {
            ':holds': holds,
            ':marked': true,
            ':read': version,
            ':next': version + 1,
          },
        }),
      );
      return 'carried';
    } catch (error) {
      if (!isConditionFailure(error) || attempt >= CARRY_ATTEMPTS) throw error;
    }
  }
}

/**
 * The holds an offer carries on its item, as matching counts them; undefined when its copy is
 * not known complete (an offer stored before offers carried them, until the re-index): read its
 * hold items then. The copy is as consistent as the read of the offer it came with.
 */
export function heldBedsOnItem(offer: OfferRecord): HeldBeds[] | undefined {
  if (offer.holdsOnItem !== true) return undefined;
  return Object.values(offer.holds ?? {}).map(heldBedsOfEntry);
}

/** An offer's holds: from its item when it carries them, else its hold items (one consistent Query). */
export async function holdsOf(
  deps: Deps,
  offer: OfferRecord,
  stats: ReadStats = newReadStats(),
): Promise<HeldBeds[]> {
  return heldBedsOnItem(offer) ?? (await holdsOfOffer(deps, offer.id, stats)).map(heldBedsOf);
}
