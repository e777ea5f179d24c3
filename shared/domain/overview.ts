import { dateOf, dayOf } from './matching/nights.ts';
import { confirmedOn } from './record-states.ts';
import { DAY_MS } from './time.ts';

/**
 * The country at a glance, kept as counters. Each offer, request and proposal adds fixed amounts
 * to a few counter items while it is in a given state (its contribution); a stream record moves
 * the counters by the contribution of its new image minus that of its old one, and a rebuild
 * adds up the contributions of all records. Both therefore arrive at the same numbers.
 *
 * Counter items (sks under the country's partition, see shared/data/keys.ts):
 * - `TOTAL` and one per city: people and parties waiting, open offers and beds, pending
 *   proposals, beds opening and closing per day (so "beds open tonight" is a sum over past
 *   days, read from one item), people placed per week, and a histogram of waits;
 * - `TOTAL` also: people waiting and beds offered per city, to rank cities and draw the map;
 * - one per month: offers, requests and people confirmed per day, people placed per day.
 */
export type Tally = Map<string, Map<string, number>>;

/** Which counter item: the country's total, a city's, or a month's history. */
export type CounterScope =
  | { readonly kind: 'total' }
  | { readonly kind: 'city'; readonly city: string }
  | {
      readonly kind: 'month';
      readonly month: string;
    };

/** A request without a city waits anywhere in its country; it is counted under this name. */
export const ANYWHERE = '*';

/** Attribute names of the counters; short, because the history items hold hundreds of them. */
export const COUNTER = {
  waitingPeople: 'wp',
  waitingParties: 'wn',
  openOffers: 'oo',
  openBeds: 'ob',
  pendingProposals: 'pp',
  /** `bs:<day>` beds of open offers from that day, `be:<day>` no longer from that day. */
  bedsFrom: 'bs:',
  bedsUntil: 'be:',
  /** Beds held by pending or approved proposals from / no longer from that day. */
  heldFrom: 'hs:',
  heldUntil: 'he:',
  /** People placed in the week starting that Monday. */
  placedWeek: 'pw:',
  /** Placed parties by how many days they waited from confirmation (lower bound of the bucket). */
  waitBucket: 'wh:',
  /** On TOTAL: people waiting and beds offered in each city. */
  cityWaiting: 'cw:',
  cityBeds: 'cb:',
  /** On a month: per day of month. */
  offersIn: 'o:',
  requestsIn: 'r:',
  peopleIn: 'p:',
  placedOn: 'pl:',
} as const;

/** Lower bounds (days) of the wait histogram's buckets; the last is open-ended. */
export const WAIT_BUCKETS = [0, 1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90, 120, 180, 365] as const;

export const scopeKey = (scope: CounterScope): string =>
  scope.kind === 'total' ? 'TOTAL' : scope.kind === 'city' ? `CITY#${scope.city}` : `MONTH#${scope.month}`;

/** The lower bound of the bucket a wait of `ms` falls in. */
export function waitBucketOf(ms: number): number {
  const days = Math.max(0, ms / DAY_MS);
  let bucket: number = WAIT_BUCKETS[0];
  for (const bound of WAIT_BUCKETS) if (days >= bound) bucket = bound;
  return bucket;
}

/** The Monday (YYYY-MM-DD, UTC) of the week a day falls in. */
export function weekOf(isoDate: string): string {
  const day = dayOf(isoDate);
  // Day 0 (1970-01-01) was a Thursday.
  const weekday = (day + 3) % 7;
  return dateOf(day - weekday);
}

class TallyBuilder {
  readonly tally: Tally = new Map();
  constructor(private readonly country: string) {}

  add(scope: CounterScope, attribute: string, amount: number): void {
    if (amount === 0) return;
    const key = `${this.country}|${scopeKey(scope)}`;
    const counters = this.tally.get(key) ?? new Map<string, number>();
    counters.set(attribute, (counters.get(attribute) ?? 0) + amount);
    this.tally.set(key, counters);
  }

  /** Adds to the country's total and to the city's item alike. */
  both(city: string, attribute: string, amount: number): void {
    this.add({ kind: 'total' }, attribute, amount);
    this.add({ kind: 'city', city }, attribute, amount);
  }

  /** Beds held from `from` until `to` (exclusive; open-ended without it). */
  hold(city: string, beds: number, from: string | undefined, to: string | undefined): void {
    if (from) this.both(city, `${COUNTER.heldFrom}${from}`, beds);
    if (to) this.both(city, `${COUNTER.heldUntil}${to}`, beds);
  }

  onDay(at: string, attribute: string, amount: number): void {
    const date = at.slice(0, 10);
    this.add({ kind: 'month', month: date.slice(0, 7) }, `${attribute}${date.slice(8, 10)}`, amount);
  }
}

/** The key of a tally entry: the country and the item's sk. */
export const splitTallyKey = (key: string): { country: string; sk: string } => {
  const bar = key.indexOf('|');
  return { country: key.slice(0, bar), sk: key.slice(bar + 1) };
};

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

/** When a stored offer or request came in, for the counts of what came in (record-states.ts confirmedOn). */
const confirmedOnItem = (item: Record<string, unknown>, status: string | undefined) =>
  confirmedOn({
    status,
    createdAt: str(item.createdAt),
    confirmedAt: str(item.confirmedAt),
    eraseBy: str(item.eraseBy),
  });

/** The city a stored place counts under (a district under its city: places/gazetteer.ts cityOf). */
export type CityOf = (country: string, city: string) => string;

const ownCity: CityOf = (_, city) => city;

/**
 * What one stored item adds to the counters in its present state; anything that is not an
 * offer, request or proposal adds nothing. Reads raw items (stream images, scanned items) and
 * only the attributes counting needs, which erasure keeps (records.ts ErasedRecord).
 */
export function contributionOf(
  item: Record<string, unknown> | undefined,
  cityOf: CityOf = ownCity,
  offerOpen: (offerId: string) => boolean = () => true,
): Tally {
  const kind = str(item?.kind);
  const country = str(item?.country);
  if (!item || !country) return new Map();
  const t = new TallyBuilder(country);
  const status = str(item.status);
  const stored = str(item.city);
  // What erasure keeps of a request (retention.ts erased) holds its people as one number and the
  // city it counts under already; one erased before kept its party and its place as given. A
  // proposal whose offer was erased says so itself (cityCounted).
  const counted = typeof item.people === 'number' || item.cityCounted === true;
  const city = stored === undefined ? ANYWHERE : counted ? stored : cityOf(country, stored);
  if (kind === 'offer') {
    const confirmed = confirmedOnItem(item, status);
    if (confirmed) t.onDay(confirmed, COUNTER.offersIn, 1);
    if (status === 'open') {
      const beds = num(item.beds);
      t.both(city, COUNTER.openOffers, 1);
      t.both(city, COUNTER.openBeds, beds);
      t.add({ kind: 'total' }, `${COUNTER.cityBeds}${city}`, beds);
      const from = str(item.availableFrom);
      if (from) t.both(city, `${COUNTER.bedsFrom}${from}`, beds);
      const to = str(item.availableTo);
      if (to) t.both(city, `${COUNTER.bedsUntil}${dateOf(dayOf(to) + 1)}`, beds);
    }
  } else if (kind === 'request') {
    const people = counted ? num(item.people) : num(item.adults) + num(item.children);
    const confirmed = confirmedOnItem(item, status);
    if (confirmed) {
      t.onDay(confirmed, COUNTER.requestsIn, 1);
      t.onDay(confirmed, COUNTER.peopleIn, people);
    }
    if (status === 'open' || status === 'proposed') {
      t.both(city, COUNTER.waitingPeople, people);
      t.both(city, COUNTER.waitingParties, 1);
      t.add({ kind: 'total' }, `${COUNTER.cityWaiting}${city}`, people);
    }
    const placed = str(item.placedAt);
    if (status === 'placed' && placed) {
      t.onDay(placed, COUNTER.placedOn, people);
      t.both(city, `${COUNTER.placedWeek}${weekOf(placed.slice(0, 10))}`, people);
      if (confirmed) {
        const bucket = waitBucketOf(Date.parse(placed) - Date.parse(confirmed));
        t.both(city, `${COUNTER.waitBucket}${bucket}`, 1);
      }
    }
  } else if (kind === 'proposal') {
    if (status === 'pending') t.both(city, COUNTER.pendingProposals, 1);
    // An approved stay holds beds of an offer only while the offer is open: a closed or paused
    // offer's beds are not among tonight's, so its guests' must not be taken from others'.
    if (status === 'pending' || (status === 'approved' && offerOpen(str(item.offerId) ?? ''))) {
      t.hold(city, num(item.partySize), str(item.nightsFrom), str(item.nightsTo));
    }
  }
  return t.tally;
}

/** What the approved stays of an offer hold (their holds, `partySize` beds each), counted under its city. */
export function stayHolds(
  offer: Record<string, unknown>,
  holds: readonly {
    readonly beds: number;
    readonly nightsFrom: string;
    readonly nightsTo?: string | undefined;
  }[],
  cityOf: CityOf = ownCity,
): Tally {
  const country = str(offer.country);
  if (!country) return new Map();
  const t = new TallyBuilder(country);
  const stored = str(offer.city);
  const city = stored === undefined ? ANYWHERE : cityOf(country, stored);
  for (const hold of holds) t.hold(city, hold.beds, hold.nightsFrom, hold.nightsTo);
  return t.tally;
}

/** An offer that became open (1) or stopped being open (-1) in a change; 0 otherwise. */
export function offerOpening(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
): -1 | 0 | 1 {
  if ((after ?? before)?.kind !== 'offer') return 0;
  const was = before?.status === 'open';
  const is = after?.status === 'open';
  return was === is ? 0 : is ? 1 : -1;
}

/** Adds `b` times `sign` into `a`. */
export function addInto(a: Tally, b: Tally, sign = 1): Tally {
  for (const [key, counters] of b) {
    const into = a.get(key) ?? new Map<string, number>();
    for (const [attribute, amount] of counters) {
      const sum = (into.get(attribute) ?? 0) + sign * amount;
      if (sum === 0) into.delete(attribute);
      else into.set(attribute, sum);
    }
    if (into.size > 0) a.set(key, into);
    else a.delete(key);
  }
  return a;
}

/** How a change from `before` to `after` moves the counters (empty when nothing counted changed). */
export const changeOf = (
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
  cityOf: CityOf = ownCity,
): Tally => addInto(contributionOf(after, cityOf), contributionOf(before, cityOf), -1);

/** A counter item as read back: its numeric attributes. */
export type Counters = Readonly<Record<string, number>>;

const sumWhere = (counters: Counters, prefix: string, keep: (suffix: string) => boolean): number => {
  let sum = 0;
  for (const [name, value] of Object.entries(counters))
    if (name.startsWith(prefix) && keep(name.slice(prefix.length))) sum += value;
  return sum;
};

/** The figures a coordinator reads for a country or a city. */
export interface Figures {
  readonly waitingPeople: number;
  readonly waitingParties: number;
  readonly openOffers: number;
  readonly openBeds: number;
  readonly bedsTonight: number;
  readonly pendingProposals: number;
  readonly placedThisWeek: number;
  /** Days from confirmation to placement, the median of all placements; undefined before the first. */
  readonly medianWaitDays: number | undefined;
  /** Placed parties per wait bucket, in WAIT_BUCKETS order. */
  readonly waits: readonly number[];
}

/**
 * Reads the figures off a TOTAL or city counter item on `today` (YYYY-MM-DD), the UTC day its day
 * and week counters are filed by; beds count for `tonight`, the night where the country lies (at
 * 01:00 in Istanbul, the night of the UTC day before has passed).
 */
export function figuresOf(counters: Counters, today: string, tonight = today): Figures {
  const byNow = (day: string) => day <= tonight;
  const offered = sumWhere(counters, COUNTER.bedsFrom, byNow) - sumWhere(counters, COUNTER.bedsUntil, byNow);
  const held = sumWhere(counters, COUNTER.heldFrom, byNow) - sumWhere(counters, COUNTER.heldUntil, byNow);
  const waits = WAIT_BUCKETS.map((bound) => counters[`${COUNTER.waitBucket}${bound}`] ?? 0);
  return {
    waitingPeople: counters[COUNTER.waitingPeople] ?? 0,
    waitingParties: counters[COUNTER.waitingParties] ?? 0,
    openOffers: counters[COUNTER.openOffers] ?? 0,
    openBeds: counters[COUNTER.openBeds] ?? 0,
    // Exact in the counters; a moment's disorder between two records (a stay counted before the
    // offer it is in) must still never show fewer than none.
    bedsTonight: Math.max(0, offered - held),
    pendingProposals: counters[COUNTER.pendingProposals] ?? 0,
    placedThisWeek: counters[`${COUNTER.placedWeek}${weekOf(today)}`] ?? 0,
    medianWaitDays: medianOf(waits),
    waits,
  };
}

/** The median of a bucketed histogram, linear within its bucket (the open-ended last one reads as its bound). */
export function medianOf(waits: readonly number[]): number | undefined {
  const total = waits.reduce((a, b) => a + b, 0);
  if (total === 0) return undefined;
  const half = total / 2;
  let below = 0;
  for (let i = 0; i < waits.length; i++) {
    const count = waits[i] ?? 0;
    if (below + count >= half && count > 0) {
      const low = WAIT_BUCKETS[i] ?? 0;
      const high = WAIT_BUCKETS[i + 1] ?? low;
      return low + ((half - below) / count) * (high - low);
    }
    below += count;
  }
  return WAIT_BUCKETS.at(-1);
}

/** People waiting and beds offered per city, from the TOTAL item, most people waiting first. */
export function citiesOf(total: Counters): { city: string; waitingPeople: number; beds: number }[] {
  const cities = new Map<string, { city: string; waitingPeople: number; beds: number }>();
  const entry = (city: string) => {
    const found = cities.get(city) ?? { city, waitingPeople: 0, beds: 0 };
    cities.set(city, found);
    return found;
  };
  for (const [name, value] of Object.entries(total)) {
    if (value === 0) continue;
    if (name.startsWith(COUNTER.cityWaiting))
      entry(name.slice(COUNTER.cityWaiting.length)).waitingPeople = value;
    else if (name.startsWith(COUNTER.cityBeds)) entry(name.slice(COUNTER.cityBeds.length)).beds = value;
  }
  return [...cities.values()].sort(
    (a, b) => b.waitingPeople - a.waitingPeople || b.beds - a.beds || a.city.localeCompare(b.city),
  );
}

/** One day's intake and placements, from the month items. */
export interface DayFigures {
  readonly day: string;
  readonly offers: number;
  readonly requests: number;
  readonly people: number;
  readonly placed: number;
}

/** The days from `from` to `to` (inclusive, YYYY-MM-DD) from month items keyed by YYYY-MM. */
export function daysOf(months: ReadonlyMap<string, Counters>, from: string, to: string): DayFigures[] {
  const days: DayFigures[] = [];
  for (let day = dayOf(from); day <= dayOf(to); day++) {
    const date = dateOf(day);
    const month = months.get(date.slice(0, 7)) ?? {};
    const dd = date.slice(8, 10);
    days.push({
      day: date,
      offers: month[`${COUNTER.offersIn}${dd}`] ?? 0,
      requests: month[`${COUNTER.requestsIn}${dd}`] ?? 0,
      people: month[`${COUNTER.peopleIn}${dd}`] ?? 0,
      placed: month[`${COUNTER.placedOn}${dd}`] ?? 0,
    });
  }
  return days;
}
