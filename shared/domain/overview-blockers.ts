import { cellOf, cellsWithin, distanceKm } from './geo.ts';
import { availability, type HeldBeds, stayOf } from './matching/nights.ts';
import {
  availableOnDay,
  hasPlace,
  isMatchable,
  isSafeHousehold,
  type MatchOffer,
  type MatchRequest,
  maxDistanceKmOf,
  partySize,
  remainingBeds,
} from './matching/rules.ts';
import { byte, float, item } from './matching/solver/arrays.ts';
import { offerGives, requestNeeds } from './matching/solver/offer-index.ts';
import { pairKey } from './matching/solver/pool.ts';
import { ANYWHERE } from './overview.ts';
/**
 * Why a waiting request has no proposal: the one hard rule that, relaxed alone, would let some
 * offer take it. `place`: no open offer in its reach at all; `declined`: the offers it fits were
 * declined for it before (rule 6); `several`: every offer in reach breaks two rules or more; `none`: an offer in reach breaks no rule (its beds went to others
 * in this round, or the matcher has not run since it opened).
 */
export const BLOCKERS = [
  'place',
  'capacity',
  'children',
  'pets',
  'stepFree',
  'safeHousehold',
  'dates',
  'declined',
  'several',
  'none',
] as const;
export type Blocker = (typeof BLOCKERS)[number];

/** What an offer gives that requests may need: counted per city for "3 offers there accept children". */
export const SUPPLY = ['offers', 'children', 'pets', 'stepFree', 'safeHousehold', 'beds'] as const;
export type Supply = (typeof SUPPLY)[number];

/** The needs of rules 2 and 5 in OFFER_NEEDS order (pets, children, step-free, safe household): bits 0–3. */
const NEED_BLOCKERS: readonly Blocker[] = ['pets', 'children', 'stepFree', 'safeHousehold'];
const DATES = 1 << NEED_BLOCKERS.length;
const CAPACITY = DATES << 1;
const DECLINED = CAPACITY << 1;
/** Each single broken rule's bit, and the blocker relaxing it would lift. */
const SINGLE: readonly (readonly [number, Blocker])[] = [
  ...NEED_BLOCKERS.map((blocker, i) => [1 << i, blocker] as const),
  [DATES, 'dates'],
  [CAPACITY, 'capacity'],
  [DECLINED, 'declined'],
];

export interface LoadedPoolOffer {
  readonly offer: MatchOffer & { readonly city: string };
  readonly holds: readonly HeldBeds[];
}

export interface CityBlockers {
  readonly city: string;
  readonly waiting: number;
  readonly blocked: Partial<Record<Blocker, number>>;
  readonly offers: Partial<Record<Supply, number>>;
}

/**
 * In reading an offer in reach, at most this many per distinct request: a city with tens of
 * thousands of offers would otherwise cost each kind of request as many rule checks.
 */
const MOST_OFFERS_CHECKED = 4000;

/**
 * The pool's open offers as the blocker check reads them, built once per country: what each
 * gives (rules 2 and 5 as bits), when it is open, and by geo cell. A pair's check is then a few
 * comparisons and one distance, with checkPair's arithmetic for capacity only where beds are held.
 */
class BlockerIndex {
  readonly gives: Uint8Array;
  readonly fromDay: Float64Array;
  readonly toDay: Float64Array;
  readonly byCell = new Map<string, number[]>();
  readonly all: number[] = [];

  constructor(readonly offers: readonly LoadedPoolOffer[]) {
    this.gives = new Uint8Array(offers.length);
    this.fromDay = new Float64Array(offers.length);
    this.toDay = new Float64Array(offers.length);
    offers.forEach(({ offer }, i) => {
      // An offer that may take nobody (blocked, no longer open) frees no door by relaxing a rule.
      if (!isMatchable(offer)) return;
      this.gives[i] = offerGives(offer);
      const open = availability(offer);
      this.fromDay[i] = open.from;
      this.toDay[i] = open.to;
      const cell = cellOf(offer);
      const members = this.byCell.get(cell);
      if (members) members.push(i);
      else this.byCell.set(cell, [i]);
      this.all.push(i);
    });
  }

  /** The offers a request could reach by place (rule 4's cells; the whole country without a city). */
  reachOf(request: MatchRequest): readonly number[] {
    if (!hasPlace(request)) return this.all;
    return cellsWithin(request, maxDistanceKmOf(request)).flatMap((cell) => this.byCell.get(cell) ?? []);
  }

  /**
   * The rules other than place that the pair breaks, as bits: the unmet needs, dates, capacity,
   * declined. Undefined when the offer is out of the request's reach (rule 4).
   */
  broken(
    i: number,
    request: MatchRequest,
    needs: number,
    today: number,
    declined: boolean,
  ): number | undefined {
    const { offer, holds } = item(this.offers, i);
    if (offer.country !== request.country) return undefined;
    if (hasPlace(request) && distanceKm(request, offer) > maxDistanceKmOf(request)) return undefined;
    let bits = needs & ~byte(this.gives, i);
    const from = float(this.fromDay, i);
    const to = float(this.toDay, i);
    const stay = stayOf(request, offer);
    if (!availableOnDay(from, to, stay.from) || stay.to <= today || to <= today) bits |= DATES;
    const beds = holds.length === 0 ? offer.beds : remainingBeds(offer, holds, stay);
    if (partySize(request) > beds) bits |= CAPACITY;
    if (declined) bits |= DECLINED;
    return bits;
  }
}

/**
 * The blocker of one request: relaxing one rule at a time against the offers in its reach, the
 * rule that alone would open the most of them (ties: the earlier in BLOCKERS).
 */
function blockerOf(
  index: BlockerIndex,
  request: MatchRequest,
  declined: ReadonlySet<string>,
  today: number,
): Blocker {
  const needs = requestNeeds(request);
  const alone = new Map<number, number>();
  let inReach = 0;
  let checked = 0;
  for (const i of index.reachOf(request)) {
    if (checked++ >= MOST_OFFERS_CHECKED) break;
    const offerId = item(index.offers, i).offer.id;
    const bits = index.broken(i, request, needs, today, declined.has(pairKey(request.id, offerId)));
    if (bits === undefined) continue;
    inReach++;
    if (bits === 0) return 'none';
    // A single rule: its bit alone is set.
    if ((bits & (bits - 1)) === 0) alone.set(bits, (alone.get(bits) ?? 0) + 1);
  }
  if (inReach === 0) return 'place';
  let best: Blocker = 'several';
  let most = 0;
  for (const blocker of BLOCKERS) {
    const bit = SINGLE.find(([, b]) => b === blocker)?.[0];
    const count = bit === undefined ? 0 : (alone.get(bit) ?? 0);
    if (count > most) {
      best = blocker;
      most = count;
    }
  }
  return best;
}

/** What the rules read of a request but its id: requests alike in it wait for the same reason (rule 6 aside). */
export const signatureOf = (request: MatchRequest) =>
  [
    request.lat,
    request.lon,
    maxDistanceKmOf(request),
    request.adults + request.children,
    request.children > 0,
    request.pets,
    request.needsStepFree,
    request.safeHousehold,
    request.arrival,
    request.departure,
  ].join('|');

/** How requests wait: what the matcher solved (its pool, rule 6's declined pairs included) and who it proposed. */
export interface WaitingPool {
  readonly requests: readonly (MatchRequest & { readonly city?: string | undefined })[];
  readonly offers: readonly LoadedPoolOffer[];
  readonly declined: ReadonlySet<string>;
}

/**
 * Why each waiting request of one country waits, summed per city, with what the city's open
 * offers give: the line a coordinator acts on ("34 families with children wait in Izmir; 3
 * offers there accept children"). Pure: the caller hands over the pool the matcher loaded.
 * `cityOf` names the city a stored place counts under (a district under its city).
 */
export function blockersOf(
  pool: WaitingPool,
  today: number,
  cityOf: (city: string) => string = (city) => city,
): CityBlockers[] {
  const index = new BlockerIndex(pool.offers);
  const declinedRequests = new Set([...pool.declined].map((pair) => pair.slice(0, pair.indexOf('|'))));
  const known = new Map<string, Blocker>();
  const cities = new Map<string, { waiting: number; blocked: Map<Blocker, number> }>();
  for (const request of pool.requests) {
    // A request with declined pairs is its own kind: rule 6 is about it alone.
    const signature = declinedRequests.has(request.id) ? undefined : signatureOf(request);
    let blocker = signature === undefined ? undefined : known.get(signature);
    if (blocker === undefined) {
      blocker = blockerOf(index, request, pool.declined, today);
      if (signature !== undefined) known.set(signature, blocker);
    }
    const city = request.city === undefined ? ANYWHERE : cityOf(request.city);
    const entry = cities.get(city) ?? { waiting: 0, blocked: new Map<Blocker, number>() };
    entry.waiting++;
    entry.blocked.set(blocker, (entry.blocked.get(blocker) ?? 0) + 1);
    cities.set(city, entry);
  }
  const supply = new Map<string, Map<Supply, number>>();
  for (const i of index.all) {
    const { offer } = item(pool.offers, i);
    const city = cityOf(offer.city);
    const counts = supply.get(city) ?? new Map<Supply, number>();
    const add = (what: Supply, amount = 1) => counts.set(what, (counts.get(what) ?? 0) + amount);
    add('offers');
    if (offer.childrenAllowed) add('children');
    if (offer.petsAllowed) add('pets');
    if (offer.stepFree) add('stepFree');
    if (isSafeHousehold(offer)) add('safeHousehold');
    counts.set('beds', Math.max(counts.get('beds') ?? 0, offer.beds));
    supply.set(city, counts);
  }
  return [...cities]
    .map(([city, { waiting, blocked }]) => ({
      city,
      waiting,
      blocked: Object.fromEntries(blocked),
      offers: Object.fromEntries(supply.get(city) ?? []),
    }))
    .sort((a, b) => b.waiting - a.waiting || a.city.localeCompare(b.city));
}
