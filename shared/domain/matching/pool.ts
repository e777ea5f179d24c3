import { cellBox, cellsWithin, distanceKm, type LatLon } from '../geo.ts';
import {
  type AssignmentInput,
  type AssignmentResult,
  assign,
  type SolverOptions,
  WEIGHT_SCALE,
} from './assign.ts';
import { availability, dayOf, type HeldBeds, requestedNights } from './nights.ts';
import {
  checkPair,
  DEFAULT_MAX_DISTANCE_KM,
  hasPlace,
  type MatchOffer,
  type MatchRequest,
  type PairCheck,
  partySize,
  UNSAFE_FOR_SAFE_HOUSEHOLD,
} from './rules.ts';
import {
  COUNTRY_WIDE_DISTANCE_SCORE,
  distanceComponent,
  fitComponent,
  languagesComponent,
  type Score,
  SECONDARY_LANGUAGE_SCORE,
  scorePair,
  weighted,
} from './score.ts';

/** An open offer as the matcher sees it: the record and the beds its proposals hold. */
export interface PoolOffer<O extends MatchOffer = MatchOffer> {
  readonly offer: O;
  readonly holds: readonly HeldBeds[];
}

export interface Pool<O extends MatchOffer = MatchOffer, R extends MatchRequest = MatchRequest> {
  readonly offers: readonly PoolOffer<O>[];
  readonly requests: readonly R[];
  /** Pairs declined before (rule 6), as `${requestId}|${offerId}`. */
  readonly declined: ReadonlySet<string>;
}

export const pairKey = (requestId: string, offerId: string) => `${requestId}|${offerId}`;

/** A pair that keeps every hard rule on its own, with what the solver needs (kept small: pools have millions). */
export interface CandidatePair {
  readonly request: number;
  readonly offer: number;
  readonly score: number;
  readonly distanceKm: number | undefined;
  /** Beds the offer has left on the nights of this request's stay. */
  readonly remaining: number;
}

/** A lower bound of the distance from a point to anything in a cell (a little under the clamped distance). */
export function minDistanceToCell(point: LatLon, cell: string): number {
  const box = cellBox(cell);
  const lat = Math.min(box.north, Math.max(box.south, point.lat));
  const inside = point.lon >= box.west && point.lon <= box.east;
  const toWest = (((box.west - point.lon) % 360) + 360) % 360;
  const toEast = (((point.lon - box.east) % 360) + 360) % 360;
  const lon = inside ? point.lon : toWest < toEast ? box.west : box.east;
  return 0.9 * distanceKm(point, { lat, lon });
}

/** Offers of one country (and cell) with the same beds and languages, latest availableTo first. */
interface Group {
  readonly beds: number;
  readonly languages: number;
  readonly offers: Int32Array;
}

/** A group a request scans, with the best distance score any of its offers could give. */
interface Source {
  readonly group: Group;
  readonly distanceBound: number;
  readonly bound: number;
}

interface Kept {
  readonly offer: number;
  readonly score: number;
  readonly check: PairCheck;
  readonly order: number;
}

const keptBefore = (a: Kept, b: Kept) => a.score - b.score || a.order - b.order;

function heapPush(heap: Kept[], item: Kept) {
  let i = heap.length;
  heap.push(item);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (keptBefore(heap[parent] as Kept, item) <= 0) break;
    heap[i] = heap[parent] as Kept;
    i = parent;
  }
  heap[i] = item;
}

function heapPop(heap: Kept[]) {
  const last = heap.pop() as Kept;
  if (heap.length === 0) return;
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= heap.length) break;
    if (child + 1 < heap.length && keptBefore(heap[child + 1] as Kept, heap[child] as Kept) < 0) child++;
    if (keptBefore(heap[child] as Kept, last) >= 0) break;
    heap[i] = heap[child] as Kept;
    i = child;
  }
  heap[i] = last;
}

/** How many candidates each request looks for before the solver's duals say whether it needs more. */
const FIRST_CANDIDATES = 12;

const PETS = 1;
const CHILDREN = 2;
const STEP_FREE = 4;
const UNSAFE = 8;
const OPEN = 16;
const NO_END = Number.POSITIVE_INFINITY;

/**
 * The candidate pairs of a pool, found without scoring most pairs. Offers are bucketed by
 * country and geo cell and sorted by beds, their attributes copied into typed arrays once; a
 * request scans the buckets its radius touches (its whole country when it has no city) from
 * its party size up, dropping pairs on cheap attribute tests before scoring, and leaves a
 * bucket once no bigger offer there could beat what it keeps: first its FIRST_CANDIDATES best,
 * later (see matchPool) everything above the floor the solver's duals set. Pairs it keeps are
 * checked and scored by checkPair and scorePair, the one definition of the rules and score.
 */
export class CandidateSearch {
  readonly pairs: CandidatePair[] = [];
  pairsExamined = 0;
  private readonly byCountry = new Map<string, { all: Group[]; cells: Map<string, Group[]> }>();
  private readonly beds: Int32Array;
  private readonly flags: Uint8Array;
  private readonly fromDay: Float64Array;
  private readonly toDay: Float64Array;
  private readonly languages: Int32Array;
  private readonly languageBits = new Map<string, number>();
  /** More distinct languages than bits: languages are then compared the slow, exact way. */
  private readonly languagesOverflow: boolean;
  /** Per request: the highest score a feasible pair not yet among its candidates could have. */
  private readonly unread: Float64Array;
  /** Per request: the offers among its candidates. */
  private readonly candidates: number[][];
  /** Per request: the groups it scans, once computed. */
  private readonly sources: (Source[] | undefined)[];

  constructor(private readonly pool: Pool) {
    const count = pool.offers.length;
    this.beds = new Int32Array(count);
    this.flags = new Uint8Array(count);
    this.fromDay = new Float64Array(count);
    this.toDay = new Float64Array(count);
    this.languages = new Int32Array(count);
    let overflow = false;
    const lists = new Map<string, { all: number[]; cells: Map<string, number[]> }>();
    pool.offers.forEach(({ offer }, index) => {
      this.beds[index] = offer.beds;
      this.flags[index] =
        (offer.petsAllowed ? PETS : 0) |
        (offer.childrenAllowed ? CHILDREN : 0) |
        (offer.stepFree ? STEP_FREE : 0) |
        (offer.hostHousehold !== undefined && UNSAFE_FOR_SAFE_HOUSEHOLD.has(offer.hostHousehold)
          ? UNSAFE
          : 0) |
        (offer.status === 'open' ? OPEN : 0);
      const open = availability(offer);
      this.fromDay[index] = open.from;
      this.toDay[index] = open.to;
      let mask = 0;
      for (const code of offer.languages) {
        const bit = this.bitOf(code);
        if (bit === undefined) overflow = true;
        else mask |= bit;
      }
      this.languages[index] = mask;
      let country = lists.get(offer.country);
      if (!country) {
        country = { all: [], cells: new Map() };
        lists.set(offer.country, country);
      }
      country.all.push(index);
      const cell = country.cells.get(offer.cell);
      if (cell) cell.push(index);
      else country.cells.set(offer.cell, [index]);
    });
    this.languagesOverflow = overflow;
    const grouped = (offers: number[]): Group[] => {
      const groups = new Map<string, number[]>();
      for (const o of offers) {
        const key = `${this.beds[o]}|${this.languages[o]}`;
        const group = groups.get(key);
        if (group) group.push(o);
        else groups.set(key, [o]);
      }
      return [...groups.values()].map((members) => ({
        beds: this.beds[members[0] as number] as number,
        languages: this.languages[members[0] as number] as number,
        offers: Int32Array.from(
          members.sort((x, y) => (this.toDay[y] as number) - (this.toDay[x] as number)),
        ),
      }));
    };
    for (const [code, { all, cells }] of lists) {
      const groupedCells = new Map<string, Group[]>();
      for (const [cell, offers] of cells) groupedCells.set(cell, grouped(offers));
      this.byCountry.set(code, { all: grouped(all), cells: groupedCells });
    }
    this.unread = new Float64Array(pool.requests.length).fill(NO_END);
    this.candidates = pool.requests.map(() => []);
    this.sources = pool.requests.map(() => undefined);
  }

  private bitOf(code: string): number | undefined {
    const key = code.toLowerCase();
    let bit = this.languageBits.get(key);
    if (bit === undefined && this.languageBits.size < 31) {
      bit = 1 << this.languageBits.size;
      this.languageBits.set(key, bit);
    }
    return bit;
  }

  /** The groups a request's radius touches that have beds enough, the most promising first. */
  private sourcesOf(
    request: MatchRequest,
    coverage: (toDay: number) => number,
    languages: (mask: number) => number,
  ) {
    const country = this.byCountry.get(request.country);
    if (!country || request.status !== 'open') return [];
    const size = partySize(request);
    const areas: { groups: Group[]; distanceBound: number }[] = [];
    if (!hasPlace(request)) areas.push({ groups: country.all, distanceBound: COUNTRY_WIDE_DISTANCE_SCORE });
    else {
      for (const cell of cellsWithin(request, request.maxDistanceKm)) {
        const groups = country.cells.get(cell);
        if (!groups) continue;
        const minKm = minDistanceToCell(request, cell);
        if (minKm <= request.maxDistanceKm)
          areas.push({ groups, distanceBound: distanceComponent(minKm, request.maxDistanceKm) });
      }
    }
    const sources: Source[] = [];
    for (const { groups, distanceBound } of areas) {
      for (const group of groups) {
        if (group.beds < size) continue;
        const first = this.toDay[group.offers[0] as number] as number;
        const bound = weighted({
          coverage: coverage(first),
          distance: distanceBound,
          fit: fitComponent(size, group.beds),
          languages: languages(group.languages),
        });
        sources.push({ group, distanceBound, bound });
      }
    }
    return sources.sort((x, y) => y.bound - x.bound);
  }

  /** The highest score any feasible offer this request does not have as a candidate yet could reach. */
  unreadBound(request: number): number {
    return this.unread[request] as number;
  }

  /**
   * Adds the request's candidates: its `k` best feasible pairs (all when k is infinite), and
   * every feasible pair scoring above `floor` it does not have yet.
   */
  extend(request: number, k: number, floor: number) {
    const target = this.pool.requests[request] as MatchRequest;
    const mine = this.candidates[request] as number[];
    const have = mine.length > 0 ? new Set(mine) : undefined;
    const size = partySize(target);
    const needs =
      (target.pets ? PETS : 0) |
      (target.children > 0 ? CHILDREN : 0) |
      (target.needsStepFree ? STEP_FREE : 0);
    const refuses = target.safeHousehold ? UNSAFE : 0;
    const arrival = dayOf(target.arrival);
    const requested = requestedNights(target);
    const nightsRequested = requested.to - requested.from;
    let firstBit = 0;
    let anyBits = 0;
    target.languages.forEach((code, i) => {
      const bit = this.languageBits.get(code.toLowerCase()) ?? 0;
      anyBits |= bit;
      if (i === 0) firstBit = bit;
    });
    const place = hasPlace(target);
    const maxKm = target.maxDistanceKm ?? DEFAULT_MAX_DISTANCE_KM;
    // The kept pairs as a min-heap on (score, order kept): the worst is dropped in O(log k) once
    // k are kept (k reaches thousands in late rounds), the same one a stable sort would drop.
    const limit = k > 0 ? k : Number.POSITIVE_INFINITY;
    const kept: Kept[] = [];
    let overflowed = false;
    let order = 0;
    let threshold = floor;
    const keep = (offer: number, score: number, check: PairCheck) => {
      heapPush(kept, { offer, score, check, order: order++ });
      if (kept.length > limit) {
        heapPop(kept);
        overflowed = true;
      }
      if (kept.length >= limit) threshold = Math.max(floor, (kept[0] as Kept).score);
    };
    const languagesOf = (offered: number) =>
      (offered & firstBit) !== 0 ? 1 : (offered & anyBits) !== 0 ? SECONDARY_LANGUAGE_SCORE : 0;
    // Rule 3 keeps availableFrom ≤ arrival, so an offer covers at most up to its availableTo.
    const coverageUpTo = (toDay: number) =>
      Math.max(0, Math.min(requested.to, toDay) - requested.from) / nightsRequested;
    // With more languages than mask bits, the language bound is the loosest one.
    const languagesBound = this.languagesOverflow ? () => 1 : languagesOf;
    // A request's sources depend on it alone; later rounds read on from the same list.
    let sources = this.sources[request];
    if (!sources) {
      sources = this.sourcesOf(target, coverageUpTo, languagesBound);
      this.sources[request] = sources;
    }
    for (const source of sources) {
      if (source.bound <= threshold) break;
      const { offers, beds } = source.group;
      const fit = fitComponent(size, beds);
      const languagesPart = languagesBound(source.group.languages);
      for (let i = 0; i < offers.length; i++) {
        const o = offers[i] as number;
        const bound = weighted({
          coverage: coverageUpTo(this.toDay[o] as number),
          distance: source.distanceBound,
          fit,
          languages: languagesPart,
        });
        if (bound <= threshold) break;
        this.pairsExamined++;
        if (have?.has(o)) continue;
        const flags = this.flags[o] as number;
        if ((flags & OPEN) === 0 || (flags & needs) !== needs || (flags & refuses) !== 0) continue;
        if (arrival < (this.fromDay[o] as number) || arrival >= (this.toDay[o] as number)) continue;
        const { offer } = this.pool.offers[o] as PoolOffer;
        let km: number | undefined;
        if (place) {
          km = distanceKm(target, offer);
          if (km > maxKm) continue;
        }
        const covered = Math.max(
          0,
          Math.min(requested.to, this.toDay[o] as number) -
            Math.max(requested.from, this.fromDay[o] as number),
        );
        const languages = this.languagesOverflow
          ? languagesComponent(target.languages, offer.languages).value
          : languagesOf(this.languages[o] as number);
        const score = Math.min(
          1,
          weighted({
            coverage: covered / nightsRequested,
            distance: distanceComponent(km, place ? target.maxDistanceKm : undefined),
            fit,
            languages,
          }),
        );
        if (score <= threshold) continue;
        const { holds } = this.pool.offers[o] as PoolOffer;
        const check = checkPair(offer, target, {
          holds,
          declined: this.pool.declined.size > 0 && this.pool.declined.has(pairKey(target.id, offer.id)),
        });
        if (check.broken.length === 0) keep(o, score, check);
      }
    }
    // Whatever was passed over scores at most the threshold it was passed over at.
    this.unread[request] = Math.min(this.unread[request] as number, kept.length >= limit ? threshold : floor);
    // Pairs go to the solver in the order the former sort-and-shift list left them in.
    kept.sort(overflowed ? keptBefore : (a, b) => a.order - b.order);
    for (const { offer, check } of kept) {
      const { score } = scorePair((this.pool.offers[offer] as PoolOffer).offer, target, check.distanceKm);
      this.pairs.push({ request, offer, score, distanceKm: check.distanceKm, remaining: check.remaining });
      mine.push(offer);
    }
  }
}

/**
 * The solver's input for the pool's pairs. An offer's beds for the batch are the fewest it has
 * left on the nights of any of its candidates: a conservative cut that never overbooks.
 */
export function assignmentInput(pool: Pool, pairs: readonly CandidatePair[]): AssignmentInput {
  const offerBeds = pool.offers.map(({ offer }) => offer.beds);
  for (const pair of pairs) offerBeds[pair.offer] = Math.min(offerBeds[pair.offer] as number, pair.remaining);
  return {
    partySizes: pool.requests.map(partySize),
    offerBeds,
    offerMultipleParties: pool.offers.map(({ offer }) => offer.multipleParties),
    edges: pairs.map((pair) => ({ request: pair.request, offer: pair.offer, score: pair.score })),
  };
}

/** Every feasible pair of the pool (no early stop): for tests and for pools small enough not to care. */
export function allCandidatePairs(pool: Pool): { pairs: CandidatePair[]; pairsExamined: number } {
  const search = new CandidateSearch(pool);
  for (let r = 0; r < pool.requests.length; r++)
    search.extend(r, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
  return { pairs: search.pairs, pairsExamined: search.pairsExamined };
}

export interface ChosenPair extends CandidatePair {
  readonly scored: Score;
}

/**
 * The proposals of one run: the best set of pairs under every hard rule. Each request first
 * gets its few best candidates; the solver's least duals then tell which requests could still
 * gain from an offer they have not looked at (a pair helps only when its weight exceeds the
 * request's dual, offers' duals being ≥ 0), and those read on until
 * nothing unread could. When no request can gain, the optimum over the candidates read is the
 * optimum over all pairs (for multi-party offers, of the relaxation the solver starts from).
 */
export function matchPool(
  pool: Pool,
  options?: SolverOptions,
): {
  chosen: ChosenPair[];
  pairsExamined: number;
  candidates: number;
  rounds: number;
  solver: AssignmentResult;
  input: AssignmentInput;
} {
  const search = new CandidateSearch(pool);
  for (let r = 0; r < pool.requests.length; r++) search.extend(r, FIRST_CANDIDATES, Number.NEGATIVE_INFINITY);
  let rounds = 0;
  for (;;) {
    rounds++;
    const input = assignmentInput(pool, search.pairs);
    // Rounds that only ask for duals solve the relaxation; the last solve is the full one.
    const relaxed = assign(input, { ...options, relaxationOnly: true });
    let extended = false;
    pool.requests.forEach((_, r) => {
      // Scores below this floor cannot beat what the request has in the solver's optimum.
      const floor = ((relaxed.requestDuals[r] as number) - 1) / WEIGHT_SCALE;
      if (search.unreadBound(r) > floor) {
        const before = search.pairs.length;
        search.extend(r, FIRST_CANDIDATES * 2 ** rounds, floor);
        extended ||= search.pairs.length > before;
      }
    });
    if (!extended) {
      // A relaxation that kept every offer's beds is already the optimum.
      const solver = relaxed.exact ? relaxed : assign(input, options);
      const chosen = solver.edges.map((index) => {
        const pair = search.pairs[index] as CandidatePair;
        const { offer } = pool.offers[pair.offer] as PoolOffer;
        return {
          ...pair,
          scored: scorePair(offer, pool.requests[pair.request] as MatchRequest, pair.distanceKm),
        };
      });
      return {
        chosen,
        pairsExamined: search.pairsExamined,
        candidates: search.pairs.length,
        rounds,
        solver,
        input,
      };
    }
  }
}
