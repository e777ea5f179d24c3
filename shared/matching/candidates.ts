import { heldBedsOf, heldBedsOnItem, holdsOf, holdsOfCountry, holdsOfOffer } from '../data/holds.ts';
import { unlessErased } from '../data/intake-records.ts';
import { getOffer as readOffer } from '../data/offers.ts';
import {
  countryOfferPartition,
  declinedOfferIds,
  type OfferPartition,
  offerPage,
  openOffersIfFewer,
  openOffersOf,
  openRequestsByArrival,
  openRequestsOfPoolCell,
  poolCellPartition,
} from '../data/pool.ts';
import type { ReadStats } from '../data/query.ts';
import { getRequest as readRequest } from '../data/requests.ts';
import type { Deps } from '../deps.ts';
import { todayIn } from '../domain/country-day.ts';
import { distanceKm, minDistanceToBox, poolGrid } from '../domain/geo.ts';
import { availability, dateOf, dayOf, type HeldBeds } from '../domain/matching/nights.ts';
import { requestCellsReaching } from '../domain/matching/request-cells.ts';
import { checkPair, hasPlace, isProposable, partySize } from '../domain/matching/rules.ts';
import {
  COUNTRY_WIDE_DISTANCE_SCORE,
  distanceComponent,
  fitComponent,
  scorePair,
  weighted,
} from '../domain/matching/score.ts';
import type { OfferRecord, RequestRecord } from '../domain/records.ts';
import { inParallel } from '../in-parallel.ts';

/**
 * Items per page of a bounded candidate search: small, because the search usually stops early
 * (at 100k open offers, 12 read half the items 25 did for two more queries per match).
 */
const PAGE_SIZE = 12;

export interface LoadedOffer {
  readonly offer: OfferRecord;
  readonly holds: readonly HeldBeds[];
}

/** The request's record, read consistently and counted; undefined when it does not exist. */
export async function getRequest(
  deps: Deps,
  id: string,
  stats: ReadStats,
): Promise<RequestRecord | undefined> {
  return counted(stats, unlessErased(await readRequest(deps, id)));
}

/** The offer's record, read consistently and counted; undefined when it does not exist. */
export async function getOffer(deps: Deps, id: string, stats: ReadStats): Promise<OfferRecord | undefined> {
  return counted(stats, unlessErased(await readOffer(deps, id)));
}

function counted<T>(stats: ReadStats, record: T | undefined): T | undefined {
  stats.queries++;
  stats.items += record ? 1 : 0;
  return record;
}

/** Offers this request was declined with (rule 6). */
export const declinedOffers = (deps: Deps, requestId: string, stats: ReadStats): Promise<Set<string>> =>
  declinedOfferIds(deps, requestId, stats);

/**
 * Open requests of a country, optionally only those arriving within [from, to] (YYYY-MM-DD),
 * earliest first; with `most`, no more than that many items are read.
 */
export async function openRequestsOfCountry(
  deps: Deps,
  country: string,
  stats: ReadStats,
  arrival?: { from: string; to: string | undefined },
  most?: number,
): Promise<RequestRecord[]> {
  const requests = await openRequestsByArrival(deps, country, stats, arrival, most);
  const today = todayIn(country, deps.now());
  return requests.filter((request) => isOpenToMatch(request, today));
}

/** A request whose departure has come has no night left to propose, even before it expires. */
export const isOpenToMatch = (request: RequestRecord, today: number) =>
  isProposable(request) && (request.departure === undefined || dayOf(request.departure) > today);

/**
 * An offer past its last night has nothing left to propose, even before it closes (the lifecycle
 * acts on it within its sweep's minute, and an offer stored stays in the pool's index until then). The pool keys
 * follow isProposable only from the release that made them so: an offer stored before may still
 * carry them (a host rejected before 0b11451, or one nobody could reach), and the rule, not the
 * key, decides.
 */
const offerOpenToMatch = (offer: OfferRecord, today: number) =>
  isProposable(offer) && availability(offer).to > today;

/**
 * Past this many offers of a read whose map is not trusted, their holds come from the country's
 * holds (one partition of gsi3, one read) rather than one Query each: right after a deploy, before
 * the re-index, most offers are so, and a country's partition is read in a few pages.
 */
const UNTRUSTED_PER_OFFER = 4;

/**
 * The offers of a read with their holds: from each offer's item where its map is trusted
 * (holdsTrusted), and for the others their hold items, each offer's in parallel (consistent
 * Queries), or the country's holds (gsi3) when more than UNTRUSTED_PER_OFFER are untrusted.
 */
async function withHolds(
  deps: Deps,
  country: string,
  offers: readonly OfferRecord[],
  stats: ReadStats,
): Promise<LoadedOffer[]> {
  const onItems = offers.map((offer) => heldBedsOnItem(offer));
  const untrusted = offers.filter((_, i) => onItems[i] === undefined);
  if (untrusted.length === 0) return offers.map((offer, i) => ({ offer, holds: onItems[i] ?? [] }));
  const read =
    untrusted.length > UNTRUSTED_PER_OFFER
      ? await holdsOfCountry(deps, country, stats)
      : new Map(
          await Promise.all(
            untrusted.map(async (offer) => [offer.id, await holdsOfOffer(deps, offer.id, stats)] as const),
          ),
        );
  return offers.map((offer, i) => ({
    offer,
    holds: onItems[i] ?? (read.get(offer.id) ?? []).map(heldBedsOf),
  }));
}

/** The offers of a read that still have a night to propose today where they lie, with their holds. */
function matchableWithHolds(
  deps: Deps,
  country: string,
  offers: readonly OfferRecord[],
  stats: ReadStats,
): Promise<LoadedOffer[]> {
  const today = todayIn(country, deps.now());
  return withHolds(
    deps,
    country,
    offers.filter((offer) => offerOpenToMatch(offer, today)),
    stats,
  );
}

/**
 * Every open offer of a country with its holds: one partition of gsi3, each offer with the holds
 * on its item (withHolds). An eventually consistent index: the pool only chooses, and each
 * proposal is checked against its offer and holds read again, consistently (matcher.ts, sight),
 * under a transaction that requires the offer's version.
 */
export async function openOffersOfCountry(
  deps: Deps,
  country: string,
  stats: ReadStats,
): Promise<LoadedOffer[]> {
  const offers = await openOffersOf(deps, country, stats);
  return matchableWithHolds(deps, country, offers, stats);
}

/**
 * Every open offer of a country with its holds, if it has fewer than `fewerThan`: one page of
 * gsi3, each offer with the holds on its item (withHolds). Where offers are few, the bounded
 * search of each request finds too little to stop early and reads nearly every pool cell in
 * reach (about 60 queries a request with 40 offers in five cities); this reads them all at once.
 */
export async function fewOpenOffersOfCountry(
  deps: Deps,
  country: string,
  fewerThan: number,
  stats: ReadStats,
): Promise<LoadedOffer[] | undefined> {
  const offers = await openOffersIfFewer(deps, country, fewerThan, stats);
  if (offers === undefined) return undefined;
  return matchableWithHolds(deps, country, offers, stats);
}

interface Source {
  readonly partition: OfferPartition;
  readonly distanceBound: number;
  /** The fewest beds anything unread has. */
  bedsSeen: number;
  /** Where the next page starts: after the last item read, or at the first item of `bedsSeen` beds. */
  startKey: Record<string, unknown> | undefined;
  /** Reading one bed count at a time, only offers open by the arrival (once a page showed later ones). */
  dated: boolean;
  /** In dated reading: whether an offer with exactly `bedsSeen` beds, open by the arrival, is known to exist. */
  bedsKnown: boolean;
  done: boolean;
}

/** Beds an offer can have at most (the intake's limit): past them a partition holds nothing more. */
const MOST_BEDS = 50;

interface Ranked extends LoadedOffer {
  readonly score: number;
}

/**
 * The k best offers for a request that keep every hard rule, read without Scan and usually
 * without reading the whole neighbourhood. Each cell within the radius (or, for a request
 * without a city, the country's open offers) is a partition sorted by beds, starting at the
 * party's size; the search always reads the partition whose unread items could score highest
 * and stops once none could beat the k-th best found. Within one bed count items are sorted by
 * availableFrom, so once a page shows an offer opening after the arrival (rule 3), the rest of
 * that bed count is skipped, and the partition is read from then on one bed count at a time:
 * a one-item probe finds the next bed count and whether any of it is open by the arrival, then
 * a range read takes only those. What it returns is exactly the k best of
 * reading everything (ties aside), which is what the assignment needs: with k at least the
 * number of requests matched together, restricting each to its k best keeps the optimum.
 * With `budget`, it stops once it has read that many items (a page's reading budget) and
 * returns the best it found: the partitions it read first are the ones that could score highest.
 */
export async function topCandidates(
  deps: Deps,
  request: RequestRecord,
  k: number,
  declined: ReadonlySet<string>,
  stats: ReadStats,
  budget = Number.POSITIVE_INFINITY,
): Promise<LoadedOffer[]> {
  return (await searchCandidates(deps, request, k, declined, stats, { items: budget })).offers;
}

/**
 * topCandidates' search, which may also stop once `limits.full` offers it would have taken
 * turned out full (their holds leave the party no room); `stopped` says it ended on a limit,
 * so what it found may not be the k best.
 */
export async function searchCandidates(
  deps: Deps,
  request: RequestRecord,
  k: number,
  declined: ReadonlySet<string>,
  stats: ReadStats,
  limits: { readonly items?: number; readonly full?: number } = {},
): Promise<{ offers: LoadedOffer[]; stopped: boolean }> {
  const readBefore = stats.items;
  const itemBudget = limits.items ?? Number.POSITIVE_INFINITY;
  const fullBudget = limits.full ?? Number.POSITIVE_INFINITY;
  let full = 0;
  let stopped = false;
  const size = partySize(request);
  const today = todayIn(request.country, deps.now());
  const sources: Source[] = [];
  if (hasPlace(request)) {
    for (const cell of poolGrid.cellsWithin(request, request.maxDistanceKm)) {
      const minKm = minDistanceToBox(request, poolGrid.cellBox(cell));
      if (minKm > request.maxDistanceKm) continue;
      sources.push({
        partition: poolCellPartition(request.country, cell),
        distanceBound: distanceComponent(minKm, request.maxDistanceKm),
        bedsSeen: size,
        startKey: undefined,
        dated: false,
        bedsKnown: false,
        done: false,
      });
    }
  } else {
    sources.push({
      partition: countryOfferPartition(request.country),
      distanceBound: COUNTRY_WIDE_DISTANCE_SCORE,
      bedsSeen: size,
      startKey: undefined,
      dated: false,
      bedsKnown: false,
      done: false,
    });
  }
  const bound = (source: Source) =>
    weighted({
      coverage: 1,
      distance: source.distanceBound,
      fit: fitComponent(size, source.bedsSeen),
      languages: 1,
    });
  const best: Ranked[] = [];
  const threshold = () => (best.length >= k ? (best[k - 1] as Ranked).score : Number.NEGATIVE_INFINITY);

  for (;;) {
    let next: Source | undefined;
    for (const source of sources) {
      if (!source.done && (next === undefined || bound(source) > bound(next))) next = source;
    }
    if (!next || bound(next) <= threshold()) break;
    if (stats.items - readBefore >= itemBudget || full >= fullBudget) {
      stopped = true;
      break;
    }
    const range = next.dated && next.bedsKnown;
    const probe = next.dated && !next.bedsKnown;
    const page = await offerPage(
      deps,
      next.partition,
      {
        fromBeds: next.bedsSeen,
        ...(range ? { openBy: request.arrival } : {}),
        limit: probe ? 1 : PAGE_SIZE,
        ...(probe || next.startKey === undefined ? {} : { startKey: next.startKey }),
      },
      stats,
    );
    const items = page.offers;
    const last = items.at(-1);
    next.startKey = page.next;
    if (range) {
      if (next.startKey === undefined) {
        next.bedsSeen++;
        next.bedsKnown = false;
      }
    } else if (!last || next.startKey === undefined) {
      next.done = true;
    } else if (last.availableFrom > request.arrival) {
      // Everything after it with as many beds opens later still: on to the next bed count.
      next.startKey = undefined;
      next.bedsSeen = last.beds + 1;
      next.dated = true;
      next.bedsKnown = false;
    } else if (probe) {
      next.bedsSeen = last.beds;
      next.bedsKnown = true;
    }
    next.done ||= next.bedsSeen > MOST_BEDS;
    for (const offer of items) {
      next.bedsSeen = Math.max(next.bedsSeen, offer.beds);
      if (declined.has(offer.id)) continue;
      const alone = checkPair(offer, request, { holds: [], declined: false, today });
      if (alone.broken.length > 0) continue;
      const { score } = scorePair(offer, request, alone.distanceKm);
      if (score <= threshold()) continue;
      // Holds are read only for offers that would enter the top k (most never need it), and only
      // for an offer that does not carry them on its item.
      const holds = await holdsOf(deps, offer, stats);
      if (checkPair(offer, request, { holds, declined: false, today }).broken.length > 0) {
        full++;
        continue;
      }
      best.push({ offer, holds, score });
      best.sort((a, b) => b.score - a.score);
      if (best.length > k) best.length = k;
    }
  }
  return { offers: best.map(({ offer, holds }) => ({ offer, holds })), stopped };
}

/** Before any arrival: DynamoDB takes no empty string as a key condition's bound. */
const EARLIEST_DATE = '0000-01-01';

/** The arrivals an offer takes: while it is open, or, for an offer open today, any earlier arrival still waiting. */
export function arrivalWindow(today: number, offer: OfferRecord): { from: string; to: string | undefined } {
  return {
    from: offer.availableFrom <= dateOf(today) ? EARLIEST_DATE : offer.availableFrom,
    to: offer.availableTo,
  };
}

/** Whether the offer could serve the request: it arrives in the offer's window, fits its beds and lies within its radius. */
export const reaches =
  (offer: OfferRecord, window: { from: string; to: string | undefined }) => (request: RequestRecord) =>
    request.arrival >= window.from &&
    (window.to === undefined || request.arrival <= window.to) &&
    partySize(request) <= offer.beds &&
    (!hasPlace(request) || distanceKm(request, offer) <= request.maxDistanceKm);

/**
 * Open requests that could use this offer: same country, arriving while it is open (or, for an
 * offer open today, still waiting since an earlier arrival), within their radius; with `most`,
 * among the first that many to arrive.
 */
export async function requestsReaching(
  deps: Deps,
  offer: OfferRecord,
  stats: ReadStats,
  most?: number,
): Promise<RequestRecord[]> {
  const window = arrivalWindow(todayIn(offer.country, deps.now()), offer);
  const requests = await openRequestsOfCountry(deps, offer.country, stats, window, most);
  return requests.filter(reaches(offer, window));
}

/**
 * Open requests that any of these offers, all of one country, could use (see requestsReaching),
 * earliest arrival first: read by pool cell (requestCellsReaching), each cell once over the
 * arrivals of every offer it could hold requests for. Read from the country's every open
 * request, in a scarce surge each offer's run read thousands (3,000 at the end of the full
 * surge), most of them in other cities, and most runs read them again for each round of fresh
 * offers: the larger part of the matcher's reads. The cells hold every request that could reach
 * an offer, so the same requests come back.
 */
export async function requestsReachingAny(
  deps: Deps,
  offers: readonly OfferRecord[],
  stats: ReadStats,
  cellsRead?: CellsRead,
): Promise<RequestRecord[]> {
  const [first] = offers;
  if (first === undefined) return [];
  const today = todayIn(first.country, deps.now());
  const reachers = offers.map((offer) => {
    const window = arrivalWindow(today, offer);
    return { window, reached: reaches(offer, window) };
  });
  const byCell = new Map<string, (typeof reachers)[number][]>();
  offers.forEach((offer, i) => {
    for (const cell of requestCellsReaching(offer))
      byCell.set(cell, [...(byCell.get(cell) ?? []), reachers[i] as (typeof reachers)[number]]);
  });
  const found: RequestRecord[] = [];
  await inParallel([...byCell], CELLS_AT_ONCE, async ([cell, around]) => {
    const ends = around.map(({ window }) => window.to);
    const window = {
      from: around.map(({ window }) => window.from).sort()[0] as string,
      to: ends.includes(undefined) ? undefined : (ends as string[]).sort().at(-1),
    };
    const key = `${first.country}#${cell}`;
    const known = cellsRead?.get(key);
    const covered =
      known !== undefined &&
      known.from <= window.from &&
      (known.to === undefined || (window.to !== undefined && window.to <= known.to));
    const requests = covered
      ? known.requests
      : await openRequestsOfPoolCell(deps, first.country, cell, stats, window);
    if (!covered) cellsRead?.set(key, { ...window, requests });
    for (const request of requests)
      if (isOpenToMatch(request, today) && around.some(({ reached }) => reached(request)))
        found.push(request);
  });
  // In arrival order, as the country's partition gave them: the solver meets its ties in the same order.
  return found.sort(byArrival);
}

/**
 * The pool cells one stream run has read (requestsReachingAny), by country and cell, with the
 * arrivals each read covered: a run reads requests around the offers its batch names, then again
 * around each round of fresh offers (matcher.ts, aroundFreshOffers), mostly in the same cells
 * (in the full surge, three to four reads of the country's open requests in the runs that
 * proposed most). Nothing the run writes comes before its pool is complete, so what it read
 * first is what it would read again; a request changed since by another writer has its own
 * stream record, and a proposal's transaction conditions on the version the run read.
 */
export type CellsRead = Map<
  string,
  { readonly from: string; readonly to: string | undefined; readonly requests: readonly RequestRecord[] }
>;

/** Pool cells read at once by requestsReachingAny: an offer's reach touches up to a dozen, most of them empty. */
const CELLS_AT_ONCE = 8;

const byArrival = (a: RequestRecord, b: RequestRecord) =>
  a.arrival < b.arrival ? -1 : a.arrival > b.arrival ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
