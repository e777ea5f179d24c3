import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.ts';
import { dayInCountry, dayStartsIn } from '../domain/country-day.ts';
import type { RenderedMail } from '../domain/mail.ts';
import { dateOf, dayOf, type Nights } from '../domain/matching/nights.ts';
import type { Score } from '../domain/matching/score.ts';
import type { CityOf } from '../domain/overview.ts';
import {
  type OfferRecord,
  type ProposalRecord,
  type ProposalStatus,
  proposalRecordSchema,
  type RequestRecord,
} from '../domain/records.ts';
import { type AuditActor, auditPut } from './audit.ts';
import { isConditionFailure } from './errors.ts';
import {
  type HoldsChange,
  heldEntryOf,
  holdPut,
  holdsOfOffer,
  holdsTrusted,
  offerVersionBump,
  pastHoldIds,
} from './holds.ts';
import { requestItem } from './items.ts';
import {
  checkInKey,
  declinedKey,
  offerKey,
  offerProposalKey,
  PENDING_PROPOSAL_PARTITION,
  PROPOSAL_POINTER_PREFIX,
  pendingProposalIndex,
  proposalKey,
  proposalQueueIndex,
  requestKey,
} from './keys.ts';
import { outboxPuts } from './outbox.ts';
import { declinedOfferIds } from './pool.ts';
import { newReadStats, queryAll, queryItems } from './query.ts';
import { renameProblemPlaces } from './queues.ts';
import type { TransactItem } from './transact.ts';

/**
 * The table item of a proposal; only pending ones sit in the expiry queue and, by the offer's
 * country, in the coordinators' queue (a decision REMOVEs both, see decisions.ts).
 */
export function proposalItem(proposal: ProposalRecord) {
  const pending = proposal.status === 'pending';
  return {
    ...proposal,
    ...proposalKey(proposal.id),
    ...(pending ? pendingProposalIndex(proposal.decisionDueAt, proposal.id) : {}),
    ...(pending && proposal.country
      ? proposalQueueIndex(proposal.country, proposal.createdAt, proposal.id)
      : {}),
  };
}

/**
 * The offer's pointer to a proposal that leaves its holds' reach (see offerProposalKey), for the
 * transaction that decides, expires or cancels it. Unconditional: written again, it is the same item.
 */
export const offerProposalPut = (tableName: string, offerId: string, proposalId: string): TransactItem => ({
  Put: { TableName: tableName, Item: offerProposalItem(offerId, proposalId) },
});

export const offerProposalItem = (offerId: string, proposalId: string) => ({
  ...offerProposalKey(offerId, proposalId),
  kind: 'offer-proposal',
  offerId,
  proposalId,
});

/** Remembers a declined pair so it is never proposed again (rule 6); for the decline transaction. */
export const declinedPut = (tableName: string, requestId: string, offerId: string, now: Date) => ({
  Put: {
    TableName: tableName,
    Item: { ...declinedKey(requestId, offerId), kind: 'declined', requestId, offerId, at: now.toISOString() },
  },
});

/** A pair once declined (rule 6), by the ids of its two records. */
export interface DeclinedPair {
  readonly requestId: string;
  readonly offerId: string;
}

/**
 * The pairs a record was declined in, as they must stand for the record it is merged into
 * (`into`), so that a merge does not forget them (rule 6). A request's are in its own partition;
 * an offer's are each under its request, found through the offer's decided proposals (its pointers).
 */
export async function declinedPairsCarried(
  deps: Deps,
  record: { readonly kind: 'offer' | 'request'; readonly id: string },
  into: string,
): Promise<DeclinedPair[]> {
  if (record.kind === 'request') {
    const offerIds = await declinedOfferIds(deps, record.id, newReadStats());
    return [...offerIds].map((offerId) => ({ requestId: into, offerId }));
  }
  const proposals = await proposalsById(deps, await pointedProposalIds(deps, offerKey(record.id).pk));
  // One pair however often it was declined (a coordinator may have proposed it again by hand):
  // a transaction takes one write of an item.
  const requestIds = new Set(
    proposals.filter((proposal) => proposal.status === 'declined').map((proposal) => proposal.requestId),
  );
  return [...requestIds].map((requestId) => ({ requestId, offerId: into }));
}

/** Writes declined pairs (each alone: a Put of one that stands already changes nothing). */
export async function rememberDeclined(deps: Deps, pairs: readonly DeclinedPair[]): Promise<void> {
  const now = deps.now();
  for (const pair of pairs)
    await deps.db.send(
      new PutCommand(declinedPut(deps.config.TABLE_NAME, pair.requestId, pair.offerId, now).Put),
    );
}

export interface NewProposal {
  readonly offer: OfferRecord;
  readonly request: RequestRecord;
  readonly score: Score;
  readonly distanceKm: number | undefined;
  readonly partySize: number;
  readonly stay: Nights;
  /** Who proposed it, for its audit events: the matcher, or a coordinator who picked the pair. */
  readonly proposedBy?: AuditActor;
}

/**
 * When a new proposal must be decided: PROPOSAL_TTL_HOURS from now, or the morning its stay ends
 * if that comes first. A stay over before anyone decided has nothing left to place (its approval
 * is refused), so it expires then, which frees its request and tells the coordinators, rather than
 * sitting in their queue with buttons that no longer work.
 */
function decisionDueAt(now: Date, ttlHours: number, stay: Nights, country: string): string {
  const due = now.getTime() + ttlHours * 3_600_000;
  // An open-ended stay (no departure, an offer with no last night) never ends.
  if (!Number.isFinite(stay.to)) return new Date(due).toISOString();
  return new Date(Math.min(due, dayStartsIn(country, stay.to).getTime())).toISOString();
}

/**
 * The day a proposal was made, where its offer lies: the day its transaction requires the offer
 * not to have ended by, and from which the offer's map drops stays that are over.
 */
export const proposedOn = (record: ProposalRecord, offer: OfferRecord): string =>
  dayInCountry(record.createdAt, offer.country);

/** The coordinators' mail about a new proposal, and the items that make its links work. */
export type ProposalAnnouncement = (record: ProposalRecord) => {
  readonly mail: RenderedMail;
  readonly items: readonly TransactItem[];
};

/**
 * Everything a proposal is, written at once: the proposal, its hold on the offer's beds, the
 * offer's version bump (so a matcher that read the old holds cannot overbook), the request
 * open → proposed (so it never has two pending proposals), a check that the pair was not
 * declined meanwhile, audit events, and the coordinator's mail in the outbox. `announce` makes
 * that mail for the new record, with the items its links need (tokens, the links item): the
 * matcher passes approval's, which issues the links and renders the proposal mail.
 */
export function proposalTransaction(
  deps: Deps,
  proposal: NewProposal,
  announce: ProposalAnnouncement,
): { record: ProposalRecord; items: TransactItem[] } {
  const now = deps.now();
  const at = now.toISOString();
  const { offer, request } = proposal;
  const actor = proposal.proposedBy ?? 'process:matcher';
  const record: ProposalRecord = {
    id: randomUUID(),
    kind: 'proposal',
    status: 'pending',
    offerId: offer.id,
    requestId: request.id,
    country: offer.country,
    city: offer.city,
    score: proposal.score.score,
    breakdown: proposal.score.breakdown,
    explanation: proposal.score.explanation,
    ...(proposal.distanceKm === undefined ? {} : { distanceKm: Math.round(proposal.distanceKm * 10) / 10 }),
    partySize: proposal.partySize,
    nightsFrom: dateOf(proposal.stay.from),
    ...(Number.isFinite(proposal.stay.to) ? { nightsTo: dateOf(proposal.stay.to) } : {}),
    createdAt: at,
    updatedAt: at,
    decisionDueAt: decisionDueAt(now, deps.config.PROPOSAL_TTL_HOURS, proposal.stay, offer.country),
    version: 0,
    // Both reads are the ones this transaction is conditioned on (offer and request versions).
    offerFactsVersion: offer.factsVersion ?? 0,
    requestFactsVersion: request.factsVersion ?? 0,
  };
  const table = deps.config.TABLE_NAME;
  const today = proposedOn(record, offer);
  const { mail, items: linkItems } = announce(record);
  const items: TransactItem[] = [
    {
      Put: { TableName: table, Item: proposalItem(record), ConditionExpression: 'attribute_not_exists(pk)' },
    },
    holdPut(
      table,
      {
        offerId: offer.id,
        proposalId: record.id,
        requestId: request.id,
        country: offer.country,
        beds: proposal.partySize,
        nights: proposal.stay,
      },
      now,
    ),
    // A stay in the past is never proposed: the offer must not have ended, nor the request's stay.
    offerBumpFor(table, offer, today, [record]),
    {
      Put: {
        TableName: table,
        Item: requestItem({ ...request, status: 'proposed', version: request.version + 1, updatedAt: at }),
        ConditionExpression:
          '#version = :expected AND #status = :open AND (attribute_not_exists(departure) OR departure > :today)',
        ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
        ExpressionAttributeValues: { ':expected': request.version, ':open': 'open', ':today': today },
      },
    },
    {
      ConditionCheck: {
        TableName: table,
        Key: declinedKey(request.id, offer.id),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    auditPut(
      table,
      {
        subjectPk: proposalKey(record.id).pk,
        action: 'proposal.created',
        actor,
        to: 'pending',
      },
      now,
    ),
    auditPut(
      table,
      {
        subjectPk: requestKey(request.id).pk,
        action: 'request.proposed',
        actor,
        from: 'open',
        to: 'proposed',
      },
      now,
    ),
    auditPut(
      table,
      {
        subjectPk: offerKey(offer.id).pk,
        action: 'offer.beds-held',
        actor,
        fields: ['hold'],
      },
      now,
    ),
    ...outboxPuts(table, mail, now),
    ...linkItems,
  ];
  return { record, items };
}

/** How proposals of an offer whose map is trusted change its map: theirs in, past ones out. */
function holdsChangeFor(offer: OfferRecord, today: string, records: readonly ProposalRecord[]): HoldsChange {
  return {
    put: records.map((record) => [record.id, heldEntryOf({ ...record, beds: record.partySize })]),
    remove: pastHoldIds(offer.holds, dayOf(today)),
  };
}

/**
 * The offer's version bump for proposals of one offer written in one transaction (a transaction
 * may touch an item once): on an offer whose map was trusted as read, each proposal's hold joins
 * the map and past ones leave it, under the version the map was read at, and the map stays
 * trusted; on another, the map is left as it is (and stays untrusted).
 */
export function offerBumpFor(
  table: string,
  offer: OfferRecord,
  today: string,
  records: readonly ProposalRecord[],
): TransactItem {
  return offerVersionBump(
    table,
    offer.id,
    offer.version,
    today,
    holdsTrusted(offer) ? holdsChangeFor(offer, today, records) : undefined,
  );
}

/** The offer as offerBumpFor leaves it: its version moved on, its map (if trusted) changed alike and still trusted. */
export function offerAfter(
  offer: OfferRecord,
  today: string,
  records: readonly ProposalRecord[],
): OfferRecord {
  const next = { ...offer, version: offer.version + 1 };
  if (!holdsTrusted(offer)) return next;
  const change = holdsChangeFor(offer, today, records);
  const gone = new Set(change.remove);
  return {
    ...next,
    holdsVersion: next.version,
    holds: {
      ...Object.fromEntries(Object.entries(offer.holds ?? {}).filter(([id]) => !gone.has(id))),
      ...Object.fromEntries(change.put),
    },
  };
}

/** Which of the transaction's items a cancellation reason refers to, by position. */
export const PROPOSAL_ITEM = { proposal: 0, hold: 1, offer: 2, request: 3, declined: 4 } as const;

/**
 * Where among a proposal's transaction items (however filtered or grouped) the check that its pair
 * was never declined is, found by its key, so a cancellation reason is read at its own position.
 */
export function declinedCheckAt(items: readonly TransactItem[], requestId: string, offerId: string): number {
  const { pk, sk } = declinedKey(requestId, offerId);
  return items.findIndex((item) => item.ConditionCheck?.Key?.pk === pk && item.ConditionCheck.Key.sk === sk);
}

/** Reads a proposal by id, parsed. */
export async function getProposal(deps: Deps, id: string): Promise<ProposalRecord | undefined> {
  const { Item } = await deps.db.send(
    new GetCommand({ TableName: deps.config.TABLE_NAME, Key: proposalKey(id), ConsistentRead: true }),
  );
  return Item ? proposalRecordSchema.parse(Item) : undefined;
}

const byNewest = (a: ProposalRecord, b: ProposalRecord) => b.createdAt.localeCompare(a.createdAt);

async function proposalsById(deps: Deps, ids: readonly string[]): Promise<ProposalRecord[]> {
  const found = await Promise.all([...new Set(ids)].map((id) => getProposal(deps, id)));
  return found.filter((proposal): proposal is ProposalRecord => proposal !== undefined).sort(byNewest);
}

/** Every proposal ever made for a request, newest first (its pointers, then each proposal). */
export async function proposalsOfRequest(deps: Deps, requestId: string): Promise<ProposalRecord[]> {
  const pointers = await queryAll(deps.db, {
    TableName: deps.config.TABLE_NAME,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :proposal)',
    ExpressionAttributeValues: { ':pk': requestKey(requestId).pk, ':proposal': PROPOSAL_POINTER_PREFIX },
  });
  return proposalsById(
    deps,
    pointers.map((pointer) => String(pointer.proposalId)),
  );
}

/** The proposals that hold an offer's beds now (pending or placed), newest first. */
export async function proposalsOfOffer(deps: Deps, offerId: string): Promise<ProposalRecord[]> {
  const holds = await holdsOfOffer(deps, offerId);
  return proposalsById(
    deps,
    holds.map((hold) => hold.proposalId),
  );
}

/**
 * The ids of the offer's proposals that a matcher wrote about: those holding its beds (its holds)
 * and those decided, expired or cancelled (its pointers), two Queries on its partition. Proposals
 * that left their holds before the pointers were written get theirs from the reindex
 * (reindex.ts pointOffersToTheirProposals).
 */
export async function proposalIdsOfOffer(deps: Deps, offerId: string): Promise<string[]> {
  const pointed = await pointedProposalIds(deps, offerKey(offerId).pk);
  const holds = await holdsOfOffer(deps, offerId);
  return [...new Set([...pointed, ...holds.map((hold) => hold.proposalId)])];
}

/**
 * Gives a proposal the name its offer's place was renamed to (reindex.ts renamePlacesTakenSince),
 * only while it still carries the old one: the queue shows it, and the overview counts its city.
 * `counted`: the new name is the city it counts under already (forgetPairPlace), marked so.
 */
export async function renameProposalPlace(
  deps: Deps,
  proposalId: string,
  from: string,
  to: string,
  { counted = false }: { readonly counted?: boolean } = {},
): Promise<boolean> {
  try {
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.config.TABLE_NAME,
        Key: proposalKey(proposalId),
        UpdateExpression: `SET city = :to${counted ? ', cityCounted = :counted' : ''} ADD #version :one`,
        ConditionExpression: 'city = :from',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: {
          ':from': from,
          ':to': to,
          ':one': 1,
          ...(counted ? { ':counted': true } : {}),
        },
      }),
    );
    return true;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return false;
  }
}

/** The ids of every proposal ever made for a request: its pointers, one Query on its partition. */
export const proposalIdsOfRequest = (deps: Deps, requestId: string): Promise<string[]> =>
  pointedProposalIds(deps, requestKey(requestId).pk);

/** The proposals a record's partition points to (keys.ts requestProposalKey, offerProposalKey). */
async function pointedProposalIds(deps: Deps, pk: string): Promise<string[]> {
  const pointers = await queryAll(deps.db, {
    TableName: deps.config.TABLE_NAME,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': PROPOSAL_POINTER_PREFIX },
    ConsistentRead: true,
  });
  return pointers.map((pointer) => String(pointer.proposalId));
}

/** Every pending proposal, from the expiry sweep's queue (gsi3): for operator commands that must see them all. */
export async function* pendingProposals(deps: Deps): AsyncGenerator<ProposalRecord> {
  const items = queryItems(deps.db, {
    TableName: deps.config.TABLE_NAME,
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :pk',
    ExpressionAttributeValues: { ':pk': PENDING_PROPOSAL_PARTITION },
  });
  for await (const item of items) yield proposalRecordSchema.parse(item);
}

/** Takes a check-in out of its due queue unsent (a side's data is erased: nobody to write to). */
export async function skipCheckIn(deps: Deps, proposalId: string, day: number): Promise<void> {
  try {
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.config.TABLE_NAME,
        Key: checkInKey(proposalId, day),
        UpdateExpression: 'SET skippedAt = :now REMOVE gsi3pk, gsi3sk',
        // Erased with its proposal meanwhile: nothing is left to skip, and nothing is written back.
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':now': deps.now().toISOString() },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** A proposal's status and the reference of the decision that set it, read consistently. */
export async function decisionOf(
  deps: Deps,
  proposalId: string,
): Promise<{ status: ProposalStatus | undefined; ref: string | undefined }> {
  const { Item } = await deps.db.send(
    new GetCommand({ TableName: deps.config.TABLE_NAME, Key: proposalKey(proposalId), ConsistentRead: true }),
  );
  return { status: Item?.status as ProposalStatus | undefined, ref: Item?.decisionRef as string | undefined };
}

/**
 * Once its offer is erased (and so its place: retention.ts erased), a decided proposal's place,
 * the host's, goes down to the city the overview counts it under, marked so (`cityCounted`: the
 * overview counts it as it stands, where it would map the place), and so does that of each problem
 * reported about it, problems first: a retry finds the proposal's still to do. As an erased
 * request keeps its own, a district ("Kadıköy, Istanbul" → "Istanbul") is not kept.
 */
export async function forgetPairPlace(deps: Deps, proposalId: string, countedCity: CityOf): Promise<void> {
  const proposal = await getProposal(deps, proposalId);
  if (proposal === undefined || proposal.status === 'pending' || proposal.cityCounted) return;
  if (proposal.city === undefined || proposal.country === undefined) return;
  const city = countedCity(proposal.country, proposal.city);
  await renameProblemPlaces(deps, proposalId, proposal.city, city);
  await renameProposalPlace(deps, proposalId, proposal.city, city, { counted: true });
}

/**
 * Takes from a decided proposal what the matcher wrote about its pair beyond what holds beds and
 * is counted, once one side is erased: `explanation` (nights, party and beds, shared languages,
 * closeness) and `distanceKm`, which only the decision pages and mails read, with both sides. Its
 * status, place (the offer's), party size and nights stay, for the offer's holds and the
 * overview. A pending one is left to its cancellation; one already without them is not written
 * again.
 */
export async function forgetPairDetails(deps: Deps, proposalId: string): Promise<void> {
  try {
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.config.TABLE_NAME,
        Key: proposalKey(proposalId),
        UpdateExpression: 'REMOVE explanation, distanceKm ADD #version :one',
        ConditionExpression:
          '#status <> :pending AND (attribute_exists(explanation) OR attribute_exists(distanceKm))',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: { ':pending': 'pending', ':one': 1 },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
