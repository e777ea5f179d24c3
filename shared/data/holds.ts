import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { todayIn } from '../domain/country-day.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import { dateOf, dayOf, type HeldBeds, type Nights, nightsOf } from '../domain/matching/nights.ts';
import { type HeldEntry, isoDateSchema, type OfferRecord } from '../domain/records.ts';
import { isConditionFailure } from './errors.ts';
import { HOLD_PREFIX, holdKey, holdsByCountryIndex, holdsByCountryPartition, offerKey } from './keys.ts';
import { newReadStats, queryAll, type ReadStats } from './query.ts';

/**
 * Beds held by one pending or approved proposal. Holds live beside the offer (its partition); a
 * proposal's transaction writes the hold and bumps the offer's version, which serialises
 * everything that changes the offer's beds. An offer also carries a copy of its holds (`holds`,
 * by proposal id), kept in the same transactions (offerVersionBump, offerHoldRelease,
 * withHoldsKept), so a read of the offer brings its holds. The copy is trusted only while
 * `holdsVersion` (the version at which it was last made exact) equals the offer's version
 * (holdsTrusted): a write that moves the version without keeping the copy (code from before the
 * copy, during a deploy) leaves it untrusted, and readers then read the hold items.
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

/** The beds a hold item, or an entry of its offer's map, holds, as matching counts them. */
export const heldBedsOf = (hold: HeldEntry): HeldBeds => ({
  beds: hold.beds,
  nights: nightsOf(hold),
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

/**
 * The proposals of the offer's map whose stay is over by `today` (a day number): their nights
 * cannot overlap any stay still to come, and their hold items expire from the table (expiresAt),
 * so the transactions that touch the map drop them and it does not grow for ever.
 */
export function pastHoldIds(holds: Readonly<Record<string, HeldEntry>> | undefined, today: number): string[] {
  return Object.entries(holds ?? {}).flatMap(([id, entry]) => (holdIsPast(entry, today) ? [id] : []));
}

/**
 * Whether a hold's stay was over a day before `today` (a day number). A stay over by today
 * overlaps nothing to come either; the day's slack keeps the hold while two clocks may disagree on
 * which day it is (a release counting in UTC beside one counting where the offer lies, or a
 * matcher that read the day a moment before midnight), so tonight's beds are never freed early.
 */
const holdIsPast = (entry: HeldEntry, today: number) =>
  entry.nightsTo !== undefined && dayOf(entry.nightsTo) < today;

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
 * Given `holds` (an offer whose map was trusted as read; its version condition makes the map as
 * read the map it changes), it also adds the new holds to the offer's map, drops past ones and
 * keeps the map trusted (`holdsVersion` the new version). Without it, the map is left as it was,
 * untrusted from then on.
 */
export function offerVersionBump(
  tableName: string,
  offerId: string,
  expectedVersion: number,
  availableOn?: string,
  holds?: HoldsChange,
) {
  const map = mapChangeParts(holds ?? { put: [], remove: [] });
  const trust = holds === undefined ? [] : ['#holdsVersion = :next'];
  return {
    Update: {
      TableName: tableName,
      Key: offerKey(offerId),
      UpdateExpression: `SET ${['#version = :next', ...trust, ...map.sets].join(', ')}${map.removes.length > 0 ? ` REMOVE ${map.removes.join(', ')}` : ''}`,
      ConditionExpression:
        availableOn === undefined
          ? '#version = :expected AND #status = :open'
          : '#version = :expected AND #status = :open AND (attribute_not_exists(availableTo) OR availableTo >= :today)',
      ExpressionAttributeNames: {
        '#version': 'version',
        '#status': 'status',
        ...(holds === undefined ? {} : { '#holdsVersion': 'holdsVersion' }),
        ...map.names,
      },
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
 * hold back. On an offer whose map was trusted as read, the hold leaves the map (past ones too)
 * and the map stays trusted, on the condition that it still is (`holdsVersion` = version): one
 * left untrusted in between fails the transaction, which is then read again. On an offer whose
 * map was not trusted, only the version moves, which leaves the map untrusted whatever happened
 * in between (a re-index that made it exact meanwhile is undone, never trusted wrong).
 */
export function offerHoldRelease(
  tableName: string,
  offer: Pick<OfferRecord, 'id' | 'holds' | 'holdsVersion' | 'version'>,
  proposalId: string,
  today: number,
) {
  const trusted = holdsTrusted(offer);
  const map = mapChangeParts(
    trusted ? { put: [], remove: [proposalId, ...pastHoldIds(offer.holds, today)] } : { put: [], remove: [] },
  );
  return {
    Update: {
      TableName: tableName,
      Key: offerKey(offer.id),
      UpdateExpression: `SET #version = #version + :one${trusted ? ', #holdsVersion = #version + :one' : ''}${map.removes.length > 0 ? ` REMOVE ${map.removes.join(', ')}` : ''}`,
      ConditionExpression: trusted
        ? 'attribute_exists(pk) AND #holdsVersion = #version'
        : 'attribute_exists(pk)',
      ExpressionAttributeNames: {
        '#version': 'version',
        ...(trusted ? { '#holdsVersion': 'holdsVersion' } : {}),
        ...map.names,
      },
      ExpressionAttributeValues: { ':one': 1 },
    },
  };
}

/**
 * The offer as a transaction that Puts it whole must write it (`next`, at its next version, in
 * place of the one read at `readVersion`; undefined for a new offer). A new offer carries an
 * empty map, trusted at its version. A stored one whose map was trusted as read keeps it without
 * the holds whose items `items` (the same transaction) delete and without past ones, trusted at
 * its next version: the Put is conditioned on the version it read, and every change of the map
 * moves the version, so the rest of the map is the one stored. One whose map was not trusted
 * keeps it as read, untrusted.
 */
export function withHoldsKept<O extends OfferRecord>(
  next: O,
  readVersion: number | undefined,
  items: readonly { readonly Delete?: { readonly Key?: Record<string, unknown> } }[],
  today: number,
): O {
  if (readVersion === undefined) return { ...next, holds: next.holds ?? {}, holdsVersion: next.version };
  if (next.holdsVersion !== readVersion || next.holds === undefined) return next;
  const released = new Set(
    Object.keys(next.holds).filter((id) => {
      const { pk, sk } = holdKey(next.id, id);
      return items.some(({ Delete }) => Delete?.Key?.pk === pk && Delete.Key.sk === sk);
    }),
  );
  for (const id of pastHoldIds(next.holds, today)) released.add(id);
  return {
    ...next,
    holds: Object.fromEntries(Object.entries(next.holds).filter(([id]) => !released.has(id))),
    holdsVersion: next.version,
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

/** Whether the offer's map is exact: made so at the version the offer is at. */
export const holdsTrusted = (offer: Pick<OfferRecord, 'holdsVersion' | 'version'>): boolean =>
  offer.holdsVersion !== undefined && offer.holdsVersion === offer.version;

/** An entry of the offer's map as a hold item holds it. */
export const heldEntryOf = (hold: {
  readonly beds: number;
  readonly nightsFrom: string;
  readonly nightsTo?: string | undefined;
}): HeldEntry => ({
  beds: hold.beds,
  nightsFrom: hold.nightsFrom,
  ...(hold.nightsTo === undefined ? {} : { nightsTo: hold.nightsTo }),
});

const sameMap = (a: Readonly<Record<string, HeldEntry>>, b: Readonly<Record<string, HeldEntry>>) =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([id, entry]) => {
    const other = b[id];
    return (
      other !== undefined &&
      other.beds === entry.beds &&
      other.nightsFrom === entry.nightsFrom &&
      other.nightsTo === entry.nightsTo
    );
  });

/**
 * Makes an offer's map exact, for the re-index: the offer is read first, then its hold items,
 * and the map is written (trusted at the next version) only while the offer is still at the
 * version read. Every new transaction that puts or deletes a hold moves it, so no hold can come
 * or go between the reads and the write unseen (code from before the map deletes a hold without
 * moving it: such a hold stays on the map, a bed held, until the next re-index). Past holds are
 * left out. A trusted map is checked too: `exact` when it lists the hold items, `repaired` when
 * it did not; `carried` when it was not trusted. On a conflict it reads both again, and after
 * CARRY_ATTEMPTS gives up (`busy`, for a later re-index); `missing` when there is no offer,
 * or only what erasure kept of it.
 */
export async function carryHoldsOnOffer(
  deps: Deps,
  offerId: string,
): Promise<'carried' | 'repaired' | 'exact' | 'missing' | 'busy'> {
  for (let attempt = 1; attempt <= CARRY_ATTEMPTS; attempt++) {
    const { Item } = await deps.db.send(
      new GetCommand({ TableName: deps.config.TABLE_NAME, Key: offerKey(offerId), ConsistentRead: true }),
    );
    // An erased offer keeps no map (records.ts ErasedRecord): nothing of it to carry.
    if (Item === undefined || Item.erasedAt !== undefined) return 'missing';
    const version = Number(Item.version);
    const trusted = holdsTrusted({
      version,
      holdsVersion: Item.holdsVersion === undefined ? undefined : Number(Item.holdsVersion),
    });
    const today = todayIn(z.string().parse(Item.country), deps.now());
    const holds: Record<string, HeldEntry> = {};
    for (const hold of await holdsOfOffer(deps, offerId)) {
      const entry = heldEntryOf(hold);
      if (!holdIsPast(entry, today)) holds[hold.proposalId] = entry;
    }
    const live = Object.fromEntries(
      Object.entries((Item.holds ?? {}) as Record<string, HeldEntry>).filter(
        ([, entry]) => !holdIsPast(entry, today),
      ),
    );
    if (trusted && sameMap(live, holds)) return 'exact';
    try {
      await deps.db.send(
        new UpdateCommand({
          TableName: deps.config.TABLE_NAME,
          Key: offerKey(offerId),
          UpdateExpression: 'SET #holds = :holds, #holdsVersion = :next, #version = :next',
          ConditionExpression: '#version = :read',
          ExpressionAttributeNames: {
            '#holds': 'holds',
            '#holdsVersion': 'holdsVersion',
            '#version': 'version',
          },
          ExpressionAttributeValues: { ':holds': holds, ':read': version, ':next': version + 1 },
        }),
      );
      return trusted ? 'repaired' : 'carried';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
  return 'busy';
}

/**
 * The holds an offer carries on its item, as matching counts them; undefined when its map is not
 * trusted (holdsTrusted): read its hold items then. The map is as consistent as the read of the
 * offer it came with.
 */
export function heldBedsOnItem(offer: OfferRecord): HeldBeds[] | undefined {
  if (!holdsTrusted(offer)) return undefined;
  return Object.values(offer.holds ?? {}).map(heldBedsOf);
}

/** An offer's holds: from its item when it carries them, else its hold items (one consistent Query). */
export async function holdsOf(
  deps: Deps,
  offer: OfferRecord,
  stats: ReadStats = newReadStats(),
): Promise<HeldBeds[]> {
  return heldBedsOnItem(offer) ?? (await holdsOfOffer(deps, offer.id, stats)).map(heldBedsOf);
}
