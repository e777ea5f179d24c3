import { cellOf, cellsWithin } from './geo.ts';
import type { HeldBeds } from './matching/nights.ts';
import {
  checkPair,
  hasPlace,
  isSafeHousehold,
  type MatchOffer,
  type MatchRequest,
  maxDistanceKmOf,
  OFFER_NEEDS,
} from './matching/rules.ts';
import { ANYWHERE } from './overview.ts';

/**
 * Why a waiting request has no proposal: the one hard rule that, relaxed alone, would let some
 * offer take it. `place`: no open offer in its reach at all; `several`: every offer in reach
 * breaks two rules or more; `none`: an offer in reach breaks no rule (its beds went to others
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
  'several',
  'none',
] as const;
export type Blocker = (typeof BLOCKERS)[number];

/** What an offer gives that requests may need: counted per city for "3 offers there accept children". */
export const SUPPLY = ['offers', 'children', 'pets', 'stepFree', 'safeHousehold', 'beds'] as const;
export type Supply = (typeof SUPPLY)[number];

/** The needs of rule 2 in OFFER_NEEDS order (pets, children, step-free), then rule 5. */
const NEED_BLOCKERS: readonly Blocker[] = ['pets', 'children', 'stepFree', 'safeHousehold'];

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

/** The blocker of one request among the offers in its reach, from checkPair's broken rules. */
function blockerAmong(request: MatchRequest, offers: readonly LoadedPoolOffer[], today: number): Blocker {
  if (offers.length === 0) return 'place';
  const single = new Map<Blocker, number>();
  let inReach = 0;
  for (const { offer, holds } of offers.slice(0, MOST_OFFERS_CHECKED)) {
    const { broken } = checkPair(offer, request, { holds, declined: false, today });
    const rules = broken.filter((rule) => rule !== 'open');
    if (rules.includes('4-place')) continue;
    inReach++;
    if (rules.length === 0) return 'none';
    if (rules.length > 1) continue;
    const blocker = blockerOfRule(rules[0] as string, offer, request);
    if (blocker) single.set(blocker, (single.get(blocker) ?? 0) + 1);
  }
  if (inReach === 0) return 'place';
  // The rule most offers in reach break alone: relaxing it would open the most doors.
  let best: Blocker = 'several';
  let most = 0;
  for (const [blocker, count] of single)
    if (count > most) {
      best = blocker;
      most = count;
    }
  return best;
}

function blockerOfRule(rule: string, offer: MatchOffer, request: MatchRequest): Blocker | undefined {
  if (rule === '1-capacity') return 'capacity';
  if (rule === '3-dates') return 'dates';
  if (rule === '2-accepts' || rule === '5-safe-household') {
    const unmet = OFFER_NEEDS.flatMap((need, i) =>
      need.needs(request) && !need.gives(offer) ? [NEED_BLOCKERS[i] as Blocker] : [],
    );
    return unmet.length === 1 ? unmet[0] : 'several';
  }
  return undefined;
}

const signatureOf = (request: MatchRequest) =>
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

/**
 * Why each waiting request of one country waits, summed per city, with what the city's open
 * offers give: the line a coordinator acts on ("34 families with children wait in Izmir; 3
 * offers there accept children"). Pure: the caller reads the country's open records.
 */
export function blockersOf(
  requests: readonly (MatchRequest & { readonly city?: string | undefined })[],
  offers: readonly LoadedPoolOffer[],
  today: number,
): CityBlockers[] {
  const byCell = new Map<string, LoadedPoolOffer[]>();
  for (const loaded of offers) {
    const cell = cellOf(loaded.offer);
    byCell.set(cell, [...(byCell.get(cell) ?? []), loaded]);
  }
  const known = new Map<string, Blocker>();
  const cities = new Map<string, { waiting: number; blocked: Map<Blocker, number> }>();
  for (const request of requests) {
    const signature = signatureOf(request);
    let blocker = known.get(signature);
    if (blocker === undefined) {
      const reach = hasPlace(request)
        ? cellsWithin(request, maxDistanceKmOf(request)).flatMap((cell) => byCell.get(cell) ?? [])
        : offers;
      blocker = blockerAmong(request, reach, today);
      known.set(signature, blocker);
    }
    const city = request.city ?? ANYWHERE;
    const entry = cities.get(city) ?? { waiting: 0, blocked: new Map<Blocker, number>() };
    entry.waiting++;
    entry.blocked.set(blocker, (entry.blocked.get(blocker) ?? 0) + 1);
    cities.set(city, entry);
  }
  const supply = new Map<string, Map<Supply, number>>();
  for (const { offer } of offers) {
    const counts = supply.get(offer.city) ?? new Map<Supply, number>();
    const add = (what: Supply, amount = 1) => counts.set(what, (counts.get(what) ?? 0) + amount);
    add('offers');
    if (offer.childrenAllowed) add('children');
    if (offer.petsAllowed) add('pets');
    if (offer.stepFree) add('stepFree');
    if (isSafeHousehold(offer)) add('safeHousehold');
    counts.set('beds', Math.max(counts.get('beds') ?? 0, offer.beds));
    supply.set(offer.city, counts);
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
