import { DAY_MS } from '../time.ts';

/**
 * Nights as whole UTC day numbers. A stay is the half-open range [from, to): `from` is the first
 * night, `to` the morning of departure. An open-ended stay has `to = Infinity`.
 */
export interface Nights {
  readonly from: number;
  readonly to: number;
}

/**
 * A request without a departure date is scored as if it asked for this many nights: long enough
 * that a short offer covers it only partly, short enough that a long one covers it fully.
 */
export const OPEN_STAY_NIGHTS = 90;

const days = new Map<string, number>();

/** The day number of a YYYY-MM-DD date (memoised: matching parses the same few hundred dates millions of times). */
export function dayOf(isoDate: string): number {
  let day = days.get(isoDate);
  if (day === undefined) {
    day = Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
    if (days.size < 100_000) days.set(isoDate, day);
  }
  return day;
}

/** The YYYY-MM-DD date of a day number. */
export const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The nights a stored stay holds, [nightsFrom, nightsTo): open-ended without nightsTo. */
export const nightsOf = (stay: { nightsFrom: string; nightsTo?: string | undefined }): Nights => ({
  from: dayOf(stay.nightsFrom),
  to: stay.nightsTo === undefined ? Number.POSITIVE_INFINITY : dayOf(stay.nightsTo),
});

/** Nights the offer is available: availableTo is the last night a guest may stay. */
export function availability(offer: { availableFrom: string; availableTo?: string | undefined }): Nights {
  return {
    from: dayOf(offer.availableFrom),
    to: offer.availableTo === undefined ? Number.POSITIVE_INFINITY : dayOf(offer.availableTo) + 1,
  };
}

/**
 * The nights a proposal would hold: from the arrival until the departure or the offer's end,
 * whichever comes first (rule 3 asks only that the offer be open on the arrival day; what host
 * and seeker are told, and the check-ins, are the stay the host can give). A request without a
 * departure holds the offer until its availableTo, or indefinitely when the offer has no end
 * either. Every stay starts while its offer is open, so one that would run past the offer's end
 * shares its later nights only with stays that share its last open night too: cutting them there
 * changes no capacity. A host who later offers more nights offers them free: the stay arranged
 * ends where it was approved, and the family, told so in their placement mail, asks again.
 */
export function stayOf(
  request: { arrival: string; departure?: string | undefined },
  offer: { availableFrom: string; availableTo?: string | undefined },
): Nights {
  const from = dayOf(request.arrival);
  const open = availability(offer).to;
  const end = request.departure === undefined ? open : Math.min(dayOf(request.departure), open);
  return { from, to: Math.max(from + 1, end) };
}

/** The nights the seeker asked for, with an open-ended stay counted as OPEN_STAY_NIGHTS. */
export function requestedNights(request: { arrival: string; departure?: string | undefined }): Nights {
  const from = dayOf(request.arrival);
  const to = request.departure === undefined ? from + OPEN_STAY_NIGHTS : dayOf(request.departure);
  return { from, to: Math.max(from + 1, to) };
}

export const overlaps = (a: Nights, b: Nights): boolean => a.from < b.to && b.from < a.to;

export const nightsIn = (range: Nights, within: Nights): number =>
  Math.max(0, Math.min(range.to, within.to) - Math.max(range.from, within.from));

/** Beds held on some nights, by one pending or approved proposal. */
export interface HeldBeds {
  readonly nights: Nights;
  readonly beds: number;
}

/** The most beds held on any one night of the stay (0 when nothing overlaps). */
export function peakHeld(holds: readonly HeldBeds[], stay: Nights): number {
  // What is held only rises on a night a hold begins (or the stay does), so the peak is on one of
  // those nights: each is counted as it stands, with nothing to allocate or sort, since the
  // night-by-night search asks this at every step of its fills. A guest leaving frees the bed
  // for the night they leave: a hold covers its nights from `from` up to, not including, `to`.
  let peak = 0;
  for (const hold of holds) {
    if (!overlaps(hold.nights, stay)) continue;
    const night = Math.max(hold.nights.from, stay.from);
    let held = 0;
    for (const other of holds) if (other.nights.from <= night && night < other.nights.to) held += other.beds;
    peak = Math.max(peak, held);
  }
  return peak;
}
