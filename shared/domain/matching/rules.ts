import { distanceKm } from '../geo.ts';
import { type HostHousehold, type OfferRecord, type RequestRecord, reachable } from '../records.ts';
import { availability, dateOf, type HeldBeds, type Nights, overlaps, peakHeld, stayOf } from './nights.ts';

/** The hard rules of docs/product.md ("The rules a match never breaks"), by number, plus that only open records match. */
export type HardRule =
  | 'open'
  | '1-capacity'
  | '2-accepts'
  | '3-dates'
  | '4-place'
  | '5-safe-household'
  | '6-declined'
  | '6-one-pending';

/**
 * The only host households a request asking for a safe household is proposed to (UNHCR
 * guidance). A list of the allowed, not of the refused, so that a blank answer or one added
 * later fails closed.
 */
const SAFE_HOUSEHOLDS: ReadonlySet<HostHousehold> = new Set(['single_woman', 'women', 'couple', 'family']);

/** Rule 5 from the offer's side: whether its host may receive a request asking for a safe household. */
export const isSafeHousehold = (offer: Pick<MatchOffer, 'hostHousehold'>): boolean =>
  offer.hostHousehold !== undefined && SAFE_HOUSEHOLDS.has(offer.hostHousehold);

/** Default radius when a request names a city without a maximum distance. */
export const DEFAULT_MAX_DISTANCE_KM = 50;

/** What beyond the two records decides a pair: the offer's current holds and the pair's history. */
export interface PairContext {
  readonly holds: readonly HeldBeds[];
  readonly declined: boolean;
  /** The request already has a pending proposal (its status says so too; this covers a stale read). */
  readonly requestHasPending?: boolean;
  /** Today's day number where the offer lies (todayIn): a stay with no night left from today on (the stay's or the offer's) is never proposed. */
  readonly today?: number;
}

export type MatchOffer = Pick<
  OfferRecord,
  | 'id'
  | 'status'
  | 'country'
  | 'lat'
  | 'lon'
  | 'cell'
  | 'availableFrom'
  | 'availableTo'
  | 'beds'
  | 'petsAllowed'
  | 'childrenAllowed'
  | 'stepFree'
  | 'multipleParties'
  | 'hostHousehold'
  | 'languages'
  | 'blockedAt'
  | 'verification'
>;
export type MatchRequest = Pick<
  RequestRecord,
  | 'id'
  | 'status'
  | 'country'
  | 'lat'
  | 'lon'
  | 'maxDistanceKm'
  | 'arrival'
  | 'departure'
  | 'adults'
  | 'children'
  | 'pets'
  | 'needsStepFree'
  | 'safeHousehold'
  | 'languages'
  | 'blockedAt'
>;

/**
 * Only open records match: never one sent from an address a coordinator blocked, nor the offer
 * of a host a coordinator rejected.
 */
export const isMatchable = (record: {
  readonly status: string;
  readonly blockedAt?: string | undefined;
  readonly verification?: { readonly state: string } | undefined;
}) => record.status === 'open' && record.blockedAt === undefined && record.verification?.state !== 'rejected';

/**
 * Whether a record is in the matching pool: matchable, and reachable once placed (an address,
 * phone number or Telegram username: records.ts reachable). Approval refuses a placement nobody
 * could reach, so a proposal to such a record could never be approved and would only hold the
 * other side's beds or turn. Its pool and sweep keys follow this (data/items.ts), and the
 * matcher reads by id only what this allows; once a contact is added, that write puts the keys
 * back and triggers a run as any edit does.
 */
export const isProposable = (
  record: Parameters<typeof isMatchable>[0] & Pick<OfferRecord, 'email' | 'phone' | 'telegramUsername'>,
) => isMatchable(record) && reachable(record);

export const partySize = (request: Pick<RequestRecord, 'adults' | 'children'>) =>
  request.adults + request.children;

/** Whether the request is tied to a place (a city) or takes its whole country. */
export const hasPlace = (request: MatchRequest): request is MatchRequest & { lat: number; lon: number } =>
  request.lat !== undefined && request.lon !== undefined;

/** Beds still free on every night of the stay; a single-party offer is full once anything overlaps. */
export function remainingBeds(offer: MatchOffer, holds: readonly HeldBeds[], stay: Nights): number {
  if (!offer.multipleParties) return holds.some((hold) => overlaps(hold.nights, stay)) ? 0 : offer.beds;
  return offer.beds - peakHeld(holds, stay);
}

/** What a request may need of an offer, and whether the offer gives it: rules 2 and 5, one line each. */
export interface OfferNeed {
  readonly rule: '2-accepts' | '5-safe-household';
  readonly needs: (request: MatchRequest) => boolean;
  readonly gives: (offer: MatchOffer) => boolean;
}

/**
 * Rules 2 and 5 as data: checkPair reads this list, and the candidate search turns it into bit
 * flags (solver/offer-index.ts), so that the two can never disagree.
 */
export const OFFER_NEEDS: readonly OfferNeed[] = [
  { rule: '2-accepts', needs: (request) => request.pets, gives: (offer) => offer.petsAllowed },
  { rule: '2-accepts', needs: (request) => request.children > 0, gives: (offer) => offer.childrenAllowed },
  { rule: '2-accepts', needs: (request) => request.needsStepFree, gives: (offer) => offer.stepFree },
  { rule: '5-safe-household', needs: (request) => request.safeHousehold, gives: isSafeHousehold },
];

function unmetNeed(offer: MatchOffer, request: MatchRequest, rule: OfferNeed['rule']): boolean {
  for (const need of OFFER_NEEDS)
    if (need.rule === rule && need.needs(request) && !need.gives(offer)) return true;
  return false;
}

/**
 * Rule 3 for someone still waiting after their arrival day: they need a bed from today on, so
 * they are matched as arriving today. Without this, once the day passed unmatched no offer
 * posted later could ever take them (forms refuse a start date in the past). A request whose
 * departure has come is left as it is: it has no night left.
 */
export function stillWaiting<R extends { arrival: string; departure?: string | undefined }>(
  request: R,
  today: number,
): R {
  const date = dateOf(today);
  if (request.arrival >= date) return request;
  if (request.departure !== undefined && request.departure <= date) return request;
  return { ...request, arrival: date };
}

/**
 * The stay an approval on day `today` places: the nights proposed, from that day on when the
 * proposal waited past its first night, as a seeker still waiting is matched (stillWaiting), since
 * nobody arrives before a coordinator says yes (the placement mails, the check-ins and the manage
 * pages count from it). A stay whose nights have all passed keeps them.
 */
export function stayFromApproval<P extends { nightsFrom: string; nightsTo?: string | undefined }>(
  proposal: P,
  today: number,
): P {
  const { arrival } = stillWaiting({ arrival: proposal.nightsFrom, departure: proposal.nightsTo }, today);
  return arrival === proposal.nightsFrom ? proposal : { ...proposal, nightsFrom: arrival };
}

/** Rule 3: an offer open from day `from` until before day `to` takes an arrival on `day`. */
export const availableOnDay = (from: number, to: number, day: number): boolean => day >= from && day < to;

/** Rule 4: how far from its city a request may be placed. */
export const maxDistanceKmOf = (request: Pick<MatchRequest, 'maxDistanceKm'>): number =>
  request.maxDistanceKm ?? DEFAULT_MAX_DISTANCE_KM;

export interface PairCheck {
  readonly broken: readonly HardRule[];
  /** Great-circle distance from the request's city; undefined for a country-wide request. */
  readonly distanceKm: number | undefined;
  readonly stay: Nights;
  readonly remaining: number;
}

/** Every hard rule the pair would break, on its own (the solver enforces capacity across pairs). */
export function checkPair(offer: MatchOffer, request: MatchRequest, context: PairContext): PairCheck {
  const broken: HardRule[] = [];
  const party = partySize(request);
  const stay = stayOf(request, offer);
  const remaining = remainingBeds(offer, context.holds, stay);
  if (!isMatchable(offer) || !isMatchable(request)) broken.push('open');
  if (party > remaining) broken.push('1-capacity');
  if (unmetNeed(offer, request, '2-accepts')) broken.push('2-accepts');
  const open = availability(offer);
  const past = context.today !== undefined && (stay.to <= context.today || open.to <= context.today);
  if (!availableOnDay(open.from, open.to, stay.from) || past) broken.push('3-dates');
  let distance: number | undefined;
  if (offer.country !== request.country) broken.push('4-place');
  else if (hasPlace(request)) {
    distance = distanceKm(request, offer);
    if (distance > maxDistanceKmOf(request)) broken.push('4-place');
  }
  if (unmetNeed(offer, request, '5-safe-household')) broken.push('5-safe-household');
  if (context.declined) broken.push('6-declined');
  if (context.requestHasPending) broken.push('6-one-pending');
  return { broken, distanceKm: distance, stay, remaining };
}
