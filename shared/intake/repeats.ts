import { type AddressRecords, recordsOfAddress } from '../data/address-registry.ts';
import { unlessErased } from '../data/intake-records.ts';
import { emailHash } from '../data/items.ts';
import { getOffer, offersByEmail } from '../data/offers.ts';
import { proposalsOfRequest } from '../data/proposals.ts';
import { getRequest, requestsByEmail } from '../data/requests.ts';
import { chatAddress, recordsByTelegram } from '../data/telegram-lookups.ts';
import type { Deps } from '../deps.ts';
import { dayOf, type Nights, nightsOf, overlaps } from '../domain/matching/nights.ts';
import type { OfferRecord, RequestRecord } from '../domain/records.ts';

type IntakeRecord = OfferRecord | RequestRecord;

const END_OF_TIME = '9999-12-31';
/** Offers' dates: availableTo is the last night a guest may stay, so both ends count. */
const datesOverlap = (aFrom: string, aTo: string | undefined, bFrom: string, bTo: string | undefined) =>
  aFrom <= (bTo ?? END_OF_TIME) && bFrom <= (aTo ?? END_OF_TIME);

const firstCreated = <R extends IntakeRecord>(records: R[]) =>
  records.sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];

export const liveOffer = (offer: OfferRecord) => offer.status !== 'closed';
export const liveRequest = (request: RequestRecord) =>
  ['pending', 'open', 'paused', 'proposed'].includes(request.status);

/**
 * The offer this one repeats: same sender, same place, overlapping dates. A host with two homes
 * uses two cities, or withdraws the first.
 */
export const duplicateOffer = (
  records: OfferRecord[],
  fields: Pick<OfferRecord, 'country' | 'city' | 'availableFrom' | 'availableTo'>,
) =>
  firstCreated(
    records.filter(
      (offer) =>
        liveOffer(offer) &&
        offer.country === fields.country &&
        offer.city === fields.city &&
        datesOverlap(offer.availableFrom, offer.availableTo, fields.availableFrom, fields.availableTo),
    ),
  );

/**
 * The request this one repeats: same sender, a night in common (a departure is the morning of
 * leaving, so a request from that morning on asks for other nights).
 */
export const duplicateRequest = (
  records: RequestRecord[],
  fields: Pick<RequestRecord, 'arrival' | 'departure'>,
) => {
  const asked = nightsAsked(fields);
  return firstCreated(
    records.filter((request) => liveRequest(request) && overlaps(nightsAsked(request), asked)),
  );
};

/**
 * The placed request this one repeats: same sender, a night in common with a stay already
 * arranged. It is no new need, so it must not become a second, matchable request (PRODUCT
 * "Keeping the pool true"); a live repeat (duplicateRequest) comes first, as that one can still
 * change. The stay is what was approved (its proposal's nights, which end with the host's offer
 * for a seeker who gave no departure), not the dates first asked for: a family whose stay has
 * ended, or who asks from the morning it ends, has a new need.
 */
export async function placedRepeat(
  deps: Deps,
  records: RequestRecord[],
  fields: Pick<RequestRecord, 'arrival' | 'departure'>,
): Promise<RequestRecord | undefined> {
  const asked = nightsAsked(fields);
  const placed = records.filter((request) => request.status === 'placed');
  for (const request of placed.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    const stays = (await proposalsOfRequest(deps, request.id)).filter(
      (proposal) => proposal.status === 'approved',
    );
    // A placement whose proposal cannot be read is judged by the nights the request asked for.
    const nights = stays.length === 0 ? [nightsAsked(request)] : stays.map(nightsOf);
    if (nights.some((stay) => overlaps(stay, asked))) return request;
  }
  return undefined;
}

/** The nights a request asks for, open-ended without a departure. */
const nightsAsked = (request: Pick<RequestRecord, 'arrival' | 'departure'>): Nights => {
  const from = dayOf(request.arrival);
  const to = request.departure === undefined ? Number.POSITIVE_INFINITY : dayOf(request.departure);
  return { from, to: Math.max(from + 1, to) };
};

/**
 * Every record of one kind that gives an address now, so that one address through the web form
 * and the Mini App is one person: the address's registry (`read`, which a web submission moves
 * on) and, through the email index, a Telegram chat's records that the address confirmed (the
 * chat's registry files them; storeFromTelegram).
 */
export async function addressRecords<R extends IntakeRecord>(
  deps: Deps,
  kind: R['kind'],
  email: string,
): Promise<{ read: AddressRecords<R>; records: R[] }> {
  // Erasure takes a record's id out of the registries: one read meanwhile is as good as gone.
  const readOne = async (id: string) =>
    unlessErased(kind === 'offer' ? await getOffer(deps, id) : await getRequest(deps, id)) as R | undefined;
  const indexed = (kind === 'offer' ? offersByEmail(deps, email) : requestsByEmail(deps, email)) as Promise<
    R[]
  >;
  const [read, byIndex] = await Promise.all([
    recordsOfAddress<R>(deps, kind, email, readOne, () => indexed),
    indexed,
  ]);
  const registered = new Set(read.records.map((record) => record.id));
  const address = emailHash(email);
  // A registry keeps a record whose address was changed since; only the address it gives now counts.
  const records = [...read.records, ...byIndex.filter((record) => !registered.has(record.id))].filter(
    (record) => record.email !== '' && emailHash(record.email) === address,
  );
  return { read, records };
}

/**
 * The live record of another channel (the web form, another chat) that a chat's record repeats
 * for this address: the same dates (for an offer, the same place too). A tie link pressed after
 * the address sent its own record merges into that one instead, so one address stays one person.
 */
export async function repeatForAddress(
  deps: Deps,
  record: IntakeRecord,
  email: string,
): Promise<IntakeRecord | undefined> {
  const { records } = await addressRecords<IntakeRecord>(deps, record.kind, email);
  const others = records.filter(
    (other) => other.id !== record.id && other.telegramChatId !== record.telegramChatId,
  );
  return record.kind === 'offer'
    ? duplicateOffer(others as OfferRecord[], record)
    : duplicateRequest(others as RequestRecord[], record);
}

/**
 * The stay already arranged for an address whose dates a chat's request overlaps, if any: a placed
 * request that gives the address now (made through the web form or by a chat that holds it), or
 * one that a chat which proved the address arranged without it (placedOfProvingChats).
 */
export async function placedStayForAddress(
  deps: Deps,
  record: RequestRecord,
  email: string,
): Promise<RequestRecord | undefined> {
  const { records } = await addressRecords<RequestRecord>(deps, 'request', email);
  const others = records.filter((other) => other.id !== record.id);
  return (
    (await placedRepeat(deps, others, record)) ??
    (await placedRepeat(deps, await placedOfProvingChats(deps, email, others), record))
  );
}

/**
 * The placed requests of the chats that proved an address (a chat's record of either kind holds
 * it, found through the email index): the same person's stays, arranged through the Mini App
 * without the address, which a web send from the address repeats as it repeats its own, and a
 * chat's request that the address's owner ties to it repeats too (placedStayForAddress).
 */
export async function placedOfProvingChats(
  deps: Deps,
  email: string,
  requests: readonly RequestRecord[],
): Promise<RequestRecord[]> {
  const { records: offers } = await addressRecords<OfferRecord>(deps, 'offer', email);
  const chats = new Set(
    [...requests, ...offers].flatMap((record) =>
      record.telegramChatId === undefined ? [] : [record.telegramChatId],
    ),
  );
  const found = await Promise.all(
    [...chats].map((chatId) => recordsOfChat<RequestRecord>(deps, 'request', chatId)),
  );
  return found.flatMap(({ records }) => records.filter((record) => record.status === 'placed'));
}

/**
 * A chat's records of one kind, read consistently through the registry filed under the chat
 * (chatAddress), so a second tap on "Send" racing the first sees the record it made.
 */
export function recordsOfChat<R extends IntakeRecord>(
  deps: Deps,
  kind: R['kind'],
  chatId: string,
): Promise<AddressRecords<R>> {
  const read = async (id: string) =>
    unlessErased(kind === 'offer' ? await getOffer(deps, id) : await getRequest(deps, id)) as R | undefined;
  return recordsOfAddress<R>(deps, kind, chatAddress(chatId), read, async () => {
    const refs = await recordsByTelegram(deps, 'chat', chatId, kind);
    return (await Promise.all(refs.map((ref) => read(ref.id)))).filter((record) => record !== undefined);
  });
}
