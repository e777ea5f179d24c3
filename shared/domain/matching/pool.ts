import { cellBox, cellsWithin, kmBetween, type LatLon, minDistanceToBox, unitVector } from '../geo.ts';
import {
  type AssignmentInput,
  assign,
  partiesAtMost,
  type SolverOptions,
  WEIGHT_SCALE,
  weightOf,
} from './assign.ts';
import { DynamicAssignment } from './dynamic.ts';
import { availability, dayOf, type HeldBeds, requestedNights } from './nights.ts';
import {
  checkPair,
  DEFAULT_MAX_DISTANCE_KM,
  hasPlace,
  isSafeHousehold,
  type MatchOffer,
  type MatchRequest,
  type PairCheck,
  partySize,
} from './rules.ts';
import {
  COUNTRY_WIDE_DISTANCE_SCORE,
  distanceComponent,
  fitComponent,
  languagesComponent,
  SCORE_WEIGHTS,
  type Score,
  SECONDARY_LANGUAGE_SCORE,
  scorePair,
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

/** A lower bound of the distance from a point to anything in a record cell. */
const minDistanceToCell = (point: LatLon, cell: string): number => minDistanceToBox(point, cellBox(cell));

/** Offers of one area that a class of requests accepts, with the same beds and languages, latest availableTo first. */
interface Group {
  readonly id: number;
  readonly beds: number;
  readonly languages: number;
  readonly offers: Int32Array;
}

/** The groups of one country a class of requests accepts: all of them, and by geo cell. */
interface ClassIndex {
  readonly all: Bucket[];
  readonly cells: Map<string, Bucket[]>;
}

/** The groups of one area with the same beds, with what bounds all of them: opened only when they could matter. */
interface Bucket {
  readonly beds: number;
  readonly groups: Group[];
  /** Every language any of its offers speaks. */
  readonly languages: number;
  /** The latest end of availability among its offers. */
  readonly toDay: number;
}

/** A cell a request's radius touches, with the best distance score anything in it could give. */
interface Area {
  readonly cell: string | undefined;
  readonly distanceBound: number;
}

/** What a request's search keeps between rounds, so that no pair is examined twice. */
interface RequestScan {
  /** Per group scanned, the position of the first offer not examined yet. */
  readonly positions: Map<number, number>;
  /** Feasible pairs examined but not made candidates (scored too low then): offer, score, km. */
  waitingOffers: number[];
  waitingScores: number[];
  waitingKm: number[];
  readonly size: number;
  readonly arrival: number;
  readonly requestedFrom: number;
  readonly requestedTo: number;
  /** The bit of the seeker's first language, and of all of them. */
  readonly firstBit: number;
  readonly anyBits: number;
  readonly index: ClassIndex | undefined;
  readonly areas: Area[];
  readonly place: boolean;
  /** Where the request is, as a unit vector (when it has a place). */
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

/** A pair kept during a scan, before it becomes a candidate. */
interface Kept {
  readonly offer: number;
  readonly score: number;
  readonly km: number;
  /** Checked when kept only if the offer has holds or the pool declined pairs: nothing else can break. */
  readonly check: PairCheck | undefined;
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

function heapPop(heap: Kept[]): Kept {
  const top = heap[0] as Kept;
  const last = heap.pop() as Kept;
  if (heap.length === 0) return top;
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
  return top;
}

/** Times the multi-party search may ask for pairs it could use and run again. */
const SEATED_PRICING_ROUNDS = 2;
/** The share of the total a pricing round must be able to add (by its pairs' prices), and then add, to run. */
const PRICING_GAIN = 1e-4;

/** How many candidates each request looks for before the solver's duals say whether it needs more. */
const FIRST_CANDIDATES = 12;

const PETS = 1;
const CHILDREN = 2;
const STEP_FREE = 4;
const UNSAFE = 8;
const NO_END = Number.POSITIVE_INFINITY;
const {
  coverage: COVERAGE_WEIGHT,
  distance: DISTANCE_WEIGHT,
  fit: FIT_WEIGHT,
  languages: LANGUAGES_WEIGHT,
} = SCORE_WEIGHTS;
/** Bounds are sums in another order than the score's: this much slack keeps them above it. */
const BOUND_SLACK = 1e-9;

/**
 * The candidate pairs of a pool, found without scoring most pairs. Offers are bucketed by
 * country, by the class of requests that accept them (pets, children, step-free, safe
 * household) and by geo cell, then grouped by beds and languages, latest availableTo first. A
 * request scans the groups its radius touches (its whole country when it has no city), always
 * the one whose best offer could score highest next, and leaves a group once nothing further
 * in it could beat what it keeps: first its FIRST_CANDIDATES best, later (see matchPool)
 * everything above the floor the solver's duals set. A request's search resumes where it
 * stopped, and the feasible pairs it passed over wait for a lower floor: no pair is examined
 * twice. Pairs it keeps are checked and scored by checkPair and scorePair, the one definition
 * of the rules and score.
 */
export class CandidateSearch {
  readonly pairs: CandidatePair[] = [];
  pairsExamined = 0;
  private readonly offersByCountry = new Map<string, number[]>();
  private readonly classIndexes = new Map<string, ClassIndex>();
  private readonly orders = new Map<string, { all: number[]; byCell: Map<string, number[]> }>();
  private readonly areas = new Map<string, Area[]>();
  private readonly groups: Group[] = [];
  private readonly beds: Int32Array;
  private readonly flags: Uint8Array;
  private readonly fromDay: Float64Array;
  private readonly toDay: Float64Array;
  private readonly languages: Int32Array;
  /** Offers at the same point share a place number: a request computes each distance once. */
  private readonly place: Int32Array;
  private readonly placeKm: Float64Array;
  private readonly placeSeen: Int32Array;
  /** Each place as a unit vector. */
  private readonly placeX: number[] = [];
  private readonly placeY: number[] = [];
  private readonly placeZ: number[] = [];
  private scansDone = 0;
  private readonly languageBits = new Map<string, number>();
  /** More distinct languages than bits: languages are then compared the slow, exact way. */
  private readonly languagesOverflow: boolean;
  /** Per request: the highest score a feasible pair not yet among its candidates could have. */
  private readonly unread: Float64Array;
  private readonly scans: (RequestScan | undefined)[];

  constructor(private readonly pool: Pool) {
    const count = pool.offers.length;
    this.beds = new Int32Array(count);
    this.flags = new Uint8Array(count);
    this.fromDay = new Float64Array(count);
    this.toDay = new Float64Array(count);
    this.languages = new Int32Array(count);
    this.place = new Int32Array(count);
    const places = new Map<string, number>();
    let overflow = false;
    pool.offers.forEach(({ offer }, index) => {
      const point = `${offer.lat}|${offer.lon}`;
      let place = places.get(point);
      if (place === undefined) {
        place = places.size;
        places.set(point, place);
        const { x, y, z } = unitVector(offer);
        this.placeX.push(x);
        this.placeY.push(y);
        this.placeZ.push(z);
      }
      this.place[index] = place;
      this.beds[index] = offer.beds;
      this.flags[index] =
        (offer.petsAllowed ? PETS : 0) |
        (offer.childrenAllowed ? CHILDREN : 0) |
        (offer.stepFree ? STEP_FREE : 0) |
        (isSafeHousehold(offer) ? 0 : UNSAFE);
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
      if (offer.status !== 'open') return;
      const country = this.offersByCountry.get(offer.country);
      if (country) country.push(index);
      else this.offersByCountry.set(offer.country, [index]);
    });
    this.languagesOverflow = overflow;
    this.placeKm = new Float64Array(places.size);
    this.placeSeen = new Int32Array(places.size);
    this.unread = new Float64Array(pool.requests.length).fill(NO_END);
    this.scans = pool.requests.map(() => undefined);
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

  /** The open offers of a country that requests with these needs accept, grouped (built on first use). */
  private classIndex(country: string, needs: number, refuses: number): ClassIndex | undefined {
    const key = `${country}|${needs}|${refuses}`;
    let index = this.classIndexes.get(key);
    if (index) return index;
    const order = this.offerOrder(country);
    if (!order) return undefined;
    const accepts = (o: number) => {
      const flags = this.flags[o] as number;
      return (flags & needs) === needs && (flags & refuses) === 0;
    };
    const cells = new Map<string, Bucket[]>();
    for (const [cell, members] of order.byCell) {
      const buckets = this.bucketsOf(members, accepts);
      if (buckets.length > 0) cells.set(cell, buckets);
    }
    index = { all: this.bucketsOf(order.all, accepts), cells };
    this.classIndexes.set(key, index);
    return index;
  }

  /**
   * A country's open offers sorted once by beds, languages and latest availableTo first, by
   * cell and all together: every class index is then a filtered pass, with no sorting of its own.
   */
  private offerOrder(country: string) {
    let order = this.orders.get(country);
    if (order) return order;
    const offers = this.offersByCountry.get(country);
    if (!offers) return undefined;
    const sorted = [...offers].sort(
      (x, y) =>
        (this.beds[x] as number) - (this.beds[y] as number) ||
        (this.languages[x] as number) - (this.languages[y] as number) ||
        (this.toDay[y] as number) - (this.toDay[x] as number),
    );
    const byCell = new Map<string, number[]>();
    for (const o of sorted) {
      const cell = (this.pool.offers[o] as PoolOffer).offer.cell;
      const list = byCell.get(cell);
      if (list) list.push(o);
      else byCell.set(cell, [o]);
    }
    order = { all: sorted, byCell };
    this.orders.set(country, order);
    return order;
  }

  /** Offers already in (beds, languages, availableTo) order, those accepted cut into groups and beds buckets. */
  private bucketsOf(sorted: readonly number[], accepts: (o: number) => boolean): Bucket[] {
    const buckets: Bucket[] = [];
    let members: number[] = [];
    let bucket: { beds: number; groups: Group[]; languages: number; toDay: number } | undefined;
    const close = () => {
      if (members.length === 0) return;
      const first = members[0] as number;
      const group: Group = {
        id: this.groups.length,
        beds: this.beds[first] as number,
        languages: this.languages[first] as number,
        offers: Int32Array.from(members),
      };
      this.groups.push(group);
      if (!bucket || bucket.beds !== group.beds) {
        bucket = { beds: group.beds, groups: [], languages: 0, toDay: Number.NEGATIVE_INFINITY };
        buckets.push(bucket);
      }
      bucket.groups.push(group);
      bucket.languages |= group.languages;
      bucket.toDay = Math.max(bucket.toDay, this.toDay[first] as number);
      members = [];
    };
    for (const o of sorted) {
      if (!accepts(o)) continue;
      const last = members[members.length - 1];
      if (
        last !== undefined &&
        (this.beds[last] !== this.beds[o] || this.languages[last] !== this.languages[o])
      )
        close();
      members.push(o);
    }
    close();
    return buckets;
  }

  /** The cells a request's radius touches (one country-wide area without a city), shared by requests at the same place. */
  private areasOf(request: MatchRequest): Area[] {
    if (!hasPlace(request)) return [{ cell: undefined, distanceBound: COUNTRY_WIDE_DISTANCE_SCORE }];
    const key = `${request.lat}|${request.lon}|${request.maxDistanceKm}`;
    let areas = this.areas.get(key);
    if (!areas) {
      areas = [];
      for (const cell of cellsWithin(request, request.maxDistanceKm)) {
        const minKm = minDistanceToCell(request, cell);
        if (minKm <= request.maxDistanceKm)
          areas.push({ cell, distanceBound: distanceComponent(minKm, request.maxDistanceKm) });
      }
      this.areas.set(key, areas);
    }
    return areas;
  }

  /** The highest score any feasible offer this request does not have as a candidate yet could reach. */
  unreadBound(request: number): number {
    return this.unread[request] as number;
  }

  /** What a request's scans share, worked out on its first. */
  private scanOf(request: number, target: MatchRequest): RequestScan {
    let scan = this.scans[request];
    if (scan) return scan;
    const requested = requestedNights(target);
    let firstBit = 0;
    let anyBits = 0;
    target.languages.forEach((code, i) => {
      const bit = this.languageBits.get(code.toLowerCase()) ?? 0;
      anyBits |= bit;
      if (i === 0) firstBit = bit;
    });
    const needs =
      (target.pets ? PETS : 0) |
      (target.children > 0 ? CHILDREN : 0) |
      (target.needsStepFree ? STEP_FREE : 0);
    const place = hasPlace(target);
    const { x, y, z } = place ? unitVector(target) : { x: 0, y: 0, z: 0 };
    scan = {
      positions: new Map(),
      waitingOffers: [],
      waitingScores: [],
      waitingKm: [],
      size: partySize(target),
      arrival: dayOf(target.arrival),
      requestedFrom: requested.from,
      requestedTo: requested.to,
      firstBit,
      anyBits,
      index: this.classIndex(target.country, needs, target.safeHousehold ? UNSAFE : 0),
      areas: this.areasOf(target),
      place,
      x,
      y,
      z,
    };
    this.scans[request] = scan;
    return scan;
  }

  /**
   * Adds the request's candidates: among the feasible pairs scoring above `floor` that are not
   * candidates yet, its `k` best (all when k is infinite).
   */
  extend(request: number, k: number, floor: number) {
    const target = this.pool.requests[request] as MatchRequest;
    if (target.status !== 'open') {
      this.unread[request] = Number.NEGATIVE_INFINITY;
      return;
    }
    const scan = this.scanOf(request, target);
    const { size, arrival, requestedFrom, requestedTo, firstBit, anyBits, place, x, y, z } = scan;
    const nightsRequested = requestedTo - requestedFrom;
    const maxKm = target.maxDistanceKm ?? DEFAULT_MAX_DISTANCE_KM;
    const declinedAny = this.pool.declined.size > 0;
    const scanStamp = ++this.scansDone;
    // The kept pairs as a min-heap on (score, order kept): the worst is dropped in O(log k) once
    // k are kept (k reaches thousands in late rounds), and waits for a later round.
    const limit = k > 0 ? k : Number.POSITIVE_INFINITY;
    const kept: Kept[] = [];
    let order = 0;
    let threshold = floor;
    const waitingOffers: number[] = [];
    const waitingScores: number[] = [];
    const waitingKm: number[] = [];
    const wait = (offer: number, score: number, km: number) => {
      waitingOffers.push(offer);
      waitingScores.push(score);
      waitingKm.push(km);
    };
    const checked = (offer: number) => {
      const { offer: record, holds } = this.pool.offers[offer] as PoolOffer;
      return checkPair(record, target, {
        holds,
        declined: declinedAny && this.pool.declined.has(pairKey(target.id, record.id)),
      });
    };
    // The scan already applied every rule but capacity and declines, which only holds and
    // declined pairs can break: the others are checked once, when they become candidates.
    const keep = (offer: number, score: number, km: number) => {
      let check: PairCheck | undefined;
      if (declinedAny || (this.pool.offers[offer] as PoolOffer).holds.length > 0) {
        check = checked(offer);
        if (check.broken.length > 0) return;
      }
      heapPush(kept, { offer, score, km, check, order: order++ });
      if (kept.length > limit) {
        const dropped = heapPop(kept);
        wait(dropped.offer, dropped.score, dropped.km);
      }
      if (kept.length >= limit) threshold = Math.max(floor, (kept[0] as Kept).score);
    };
    const { waitingOffers: waited, waitingScores: waitedScores, waitingKm: waitedKm } = scan;
    for (let i = 0; i < waited.length; i++) {
      const score = waitedScores[i] as number;
      if (score > threshold) keep(waited[i] as number, score, waitedKm[i] as number);
      else wait(waited[i] as number, score, waitedKm[i] as number);
    }
    const languagesOf = (offered: number) =>
      (offered & firstBit) !== 0 ? 1 : (offered & anyBits) !== 0 ? SECONDARY_LANGUAGE_SCORE : 0;
    // Rule 3 keeps availableFrom ≤ arrival, so an offer covers at most up to its availableTo.
    const coverageUpTo = (toDay: number) =>
      Math.max(0, Math.min(requestedTo, toDay) - requestedFrom) / nightsRequested;
    // With more languages than mask bits, the language bound is the loosest one.
    const languagesBound = this.languagesOverflow ? () => 1 : languagesOf;
    const { index } = scan;
    // A max-heap on the best score anything in a source could give: a source is a bucket of
    // groups with the same beds in one area (opened into its groups when it comes first) or a
    // group, whose bound is that of its next offer.
    const sourceBucket: (Bucket | undefined)[] = [];
    const sourceGroups: (Group | undefined)[] = [];
    const sourceDistance: number[] = [];
    const sourceBase: number[] = [];
    const sourceBound: number[] = [];
    const sourcePosition: number[] = [];
    const boundAt = (base: number, group: Group, position: number) =>
      base +
      COVERAGE_WEIGHT * coverageUpTo(this.toDay[group.offers[position] as number] as number) +
      BOUND_SLACK;
    const heap: number[] = [];
    const above = (a: number, b: number) => (sourceBound[a] as number) > (sourceBound[b] as number);
    const siftUp = (from: number) => {
      const item = heap[from] as number;
      let i = from;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!above(item, heap[parent] as number)) break;
        heap[i] = heap[parent] as number;
        i = parent;
      }
      heap[i] = item;
    };
    const addSource = (
      bucket: Bucket | undefined,
      group: Group | undefined,
      distance: number,
      base: number,
      bound: number,
      position: number,
    ) => {
      sourceBucket.push(bucket);
      sourceGroups.push(group);
      sourceDistance.push(distance);
      sourceBase.push(base);
      sourceBound.push(bound);
      sourcePosition.push(position);
      heap.push(sourceBound.length - 1);
      siftUp(heap.length - 1);
    };
    if (index) {
      for (const area of scan.areas) {
        const buckets = area.cell === undefined ? index.all : index.cells.get(area.cell);
        if (!buckets) continue;
        for (const bucket of buckets) {
          if (bucket.beds < size) continue;
          const bound =
            DISTANCE_WEIGHT * area.distanceBound +
            FIT_WEIGHT * fitComponent(size, bucket.beds) +
            LANGUAGES_WEIGHT * languagesBound(bucket.languages) +
            COVERAGE_WEIGHT * coverageUpTo(bucket.toDay) +
            BOUND_SLACK;
          addSource(bucket, undefined, area.distanceBound, 0, bound, 0);
        }
      }
    }
    const siftDown = (from: number) => {
      const item = heap[from] as number;
      let i = from;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= heap.length) break;
        if (child + 1 < heap.length && above(heap[child + 1] as number, heap[child] as number)) child++;
        if (!above(heap[child] as number, item)) break;
        heap[i] = heap[child] as number;
        i = child;
      }
      heap[i] = item;
    };
    // The best score anything passed over in the groups could reach: what stays unread.
    let passedOver = Number.NEGATIVE_INFINITY;
    while (heap.length > 0) {
      const s = heap[0] as number;
      if ((sourceBound[s] as number) <= threshold) break;
      const last = heap.pop() as number;
      if (heap.length > 0) {
        heap[0] = last;
        siftDown(0);
      }
      const bucket = sourceBucket[s];
      if (bucket) {
        const distance = sourceDistance[s] as number;
        for (const group of bucket.groups) {
          const position = scan.positions.get(group.id) ?? 0;
          if (position >= group.offers.length) continue;
          const base =
            DISTANCE_WEIGHT * distance +
            FIT_WEIGHT * fitComponent(size, group.beds) +
            LANGUAGES_WEIGHT * languagesBound(group.languages);
          addSource(undefined, group, distance, base, boundAt(base, group, position), position);
        }
        continue;
      }
      const group = sourceGroups[s] as Group;
      const base = sourceBase[s] as number;
      const { offers } = group;
      const fit = fitComponent(size, group.beds);
      let position = sourcePosition[s] as number;
      for (; position < offers.length; position++) {
        const o = offers[position] as number;
        const bound = boundAt(base, group, position);
        if (bound <= threshold) {
          passedOver = Math.max(passedOver, bound);
          break;
        }
        this.pairsExamined++;
        if (arrival < (this.fromDay[o] as number) || arrival >= (this.toDay[o] as number)) continue;
        let km = Number.NaN;
        if (place) {
          const point = this.place[o] as number;
          if (this.placeSeen[point] === scanStamp) km = this.placeKm[point] as number;
          else {
            km = kmBetween(
              x,
              y,
              z,
              this.placeX[point] as number,
              this.placeY[point] as number,
              this.placeZ[point] as number,
            );
            this.placeKm[point] = km;
            this.placeSeen[point] = scanStamp;
          }
          if (km > maxKm) continue;
        }
        const covered = Math.max(
          0,
          Math.min(requestedTo, this.toDay[o] as number) - Math.max(requestedFrom, this.fromDay[o] as number),
        );
        const languages = this.languagesOverflow
          ? languagesComponent(target.languages, (this.pool.offers[o] as PoolOffer).offer.languages).value
          : languagesOf(this.languages[o] as number);
        // weighted(), written out: the same sum in the same order, without an object per pair.
        const score = Math.min(
          1,
          COVERAGE_WEIGHT * (covered / nightsRequested) +
            DISTANCE_WEIGHT *
              distanceComponent(place ? km : undefined, place ? target.maxDistanceKm : undefined) +
            FIT_WEIGHT * fit +
            LANGUAGES_WEIGHT * languages,
        );
        if (score > threshold) keep(o, score, km);
        else wait(o, score, km);
      }
      scan.positions.set(group.id, position);
    }
    if (heap.length > 0) passedOver = Math.max(passedOver, sourceBound[heap[0] as number] as number);
    for (const score of waitingScores) passedOver = Math.max(passedOver, score);
    scan.waitingOffers = waitingOffers;
    scan.waitingScores = waitingScores;
    scan.waitingKm = waitingKm;
    this.unread[request] = passedOver;
    // Pairs go to the solver best first.
    kept.sort((a, b) => keptBefore(b, a));
    for (const { offer, score, km, check } of kept) {
      // The scan's score is scorePair's, term for term, and its distance checkPair's (tests hold them equal).
      this.pairs.push({
        request,
        offer,
        score,
        distanceKm: place ? km : undefined,
        remaining: check ? check.remaining : (this.beds[offer] as number),
      });
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
    edges: pairs,
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
 * The relaxation the candidate rounds solve, kept optimal as pairs arrive: every offer a column,
 * a multi-party offer with as many slots as its smallest candidate parties fit into its beds
 * (as the solver's own relaxation counts them), so that its optimum bounds the real one.
 */
class Relaxation {
  readonly solver: DynamicAssignment;
  private added = 0;
  private readonly beds: number[];
  private readonly multi: Uint8Array;
  private readonly partySizes: Int32Array;
  private readonly sizes = new Map<number, number[]>();

  constructor(pool: Pool) {
    this.solver = new DynamicAssignment(pool.requests.length);
    this.beds = pool.offers.map(({ offer }) => offer.beds);
    this.multi = Uint8Array.from(pool.offers, ({ offer }) => (offer.multipleParties ? 1 : 0));
    this.partySizes = Int32Array.from(pool.requests, partySize);
    for (let o = 0; o < pool.offers.length; o++) this.solver.addColumn(1);
  }

  /** Adds the pairs found since the last call and restores the optimum. */
  update(pairs: readonly CandidatePair[]) {
    const touched = new Set<number>();
    for (; this.added < pairs.length; this.added++) {
      const pair = pairs[this.added] as CandidatePair;
      const o = pair.offer;
      if (this.multi[o] === 1) {
        this.beds[o] = Math.min(this.beds[o] as number, pair.remaining);
        const sizes = this.sizes.get(o);
        const size = this.partySizes[pair.request] as number;
        if (sizes) sizes.push(size);
        else this.sizes.set(o, [size]);
        touched.add(o);
      }
      this.solver.addEdge(pair.request, o, weightOf(pair.score), this.added);
    }
    for (const o of touched)
      this.solver.setCapacity(o, partiesAtMost(this.sizes.get(o) as number[], this.beds[o] as number));
    this.solver.solve();
  }
}

/**
 * Lets every request that could still gain from a pair it has not read (a pair helps only when
 * its weight exceeds the request's dual, offers' duals being ≥ 0) read on: up to `k` more
 * pairs, all scoring above its dual.
 */
function readOn(search: CandidateSearch, duals: Float64Array, k: number) {
  duals.forEach((dual, r) => {
    const unread = search.unreadBound(r);
    if (unread > Number.NEGATIVE_INFINITY && weightOf(unread) > dual)
      search.extend(r, k, dual / WEIGHT_SCALE);
  });
}

/**
 * What the pairs from `from` on could add at most to the seated assignment, seats as cut: each
 * request's best new weight above its dual, summed (raising each dual so far keeps every edge
 * feasible, so the assignment's optimum rises by no more). Re-cutting may find more, but a
 * round whose pairs price at almost nothing is not worth a second search.
 */
function priceOf(pairs: readonly CandidatePair[], from: number, duals: Float64Array): number {
  const gain = new Map<number, number>();
  for (let i = from; i < pairs.length; i++) {
    const { request, score } = pairs[i] as CandidatePair;
    const above = weightOf(score) - (duals[request] as number);
    if (above > (gain.get(request) ?? 0)) gain.set(request, above);
  }
  let total = 0;
  for (const above of gain.values()) total += above;
  return total / WEIGHT_SCALE;
}

/** What one matching run proposes, and what it took. */
export interface PoolMatch {
  /** The proposals: pairs as indexes into the pool's requests and offers. */
  readonly chosen: ChosenPair[];
  /** The sum of the chosen pairs' scores. */
  readonly total: number;
  /** An upper bound on the best total the pool allows; equal to total when `exact`. */
  readonly bound: number;
  /** Whether the total is proven the best (see AssignmentResult.exact). */
  readonly exact: boolean;
  readonly pairsExamined: number;
  readonly candidates: number;
  /** Candidate rounds of the country that needed the most. */
  readonly rounds: number;
  readonly components: number;
  readonly largestComponent: number;
}

/**
 * The proposals of one run: the best set of pairs under every hard rule. No pair crosses a
 * border (rule 4), so each country is matched alone: its own rounds, stopping when it is done,
 * and structures the size of one country rather than of the pool.
 */
export function matchPool(pool: Pool, options?: SolverOptions): PoolMatch {
  const countries = new Map<string, { offers: number[]; requests: number[] }>();
  const partOf = (country: string) => {
    let part = countries.get(country);
    if (!part) {
      part = { offers: [], requests: [] };
      countries.set(country, part);
    }
    return part;
  };
  pool.requests.forEach((request, r) => {
    partOf(request.country).requests.push(r);
  });
  pool.offers.forEach(({ offer }, o) => {
    partOf(offer.country).offers.push(o);
  });
  const chosen: ChosenPair[] = [];
  let total = 0;
  let bound = 0;
  let exact = true;
  let pairsExamined = 0;
  let candidates = 0;
  let rounds = 0;
  let components = 0;
  let largestComponent = 0;
  for (const part of countries.values()) {
    if (part.offers.length === 0 || part.requests.length === 0) continue;
    const matched = matchCountry(
      {
        offers: part.offers.map((o) => pool.offers[o] as PoolOffer),
        requests: part.requests.map((r) => pool.requests[r] as MatchRequest),
        declined: pool.declined,
      },
      options,
    );
    for (const pair of matched.chosen)
      chosen.push({
        ...pair,
        request: part.requests[pair.request] as number,
        offer: part.offers[pair.offer] as number,
      });
    total += matched.solver.total;
    bound += matched.solver.bound;
    exact &&= matched.solver.exact;
    pairsExamined += matched.pairsExamined;
    candidates += matched.candidates;
    rounds = Math.max(rounds, matched.rounds);
    components += matched.solver.components;
    largestComponent = Math.max(largestComponent, matched.solver.largestComponent);
  }
  return { chosen, total, bound, exact, pairsExamined, candidates, rounds, components, largestComponent };
}

/**
 * The proposals for the pool of one country. Each request first
 * gets its few best candidates; the relaxation's greatest request duals then tell which
 * requests could still gain from an offer they have not looked at, and those read on until
 * nothing unread could; the relaxation is updated, not solved again, between rounds. When no
 * request can gain, the optimum over the candidates read is the optimum over all pairs for
 * single-party offers, and for multi-party offers that of the relaxation only: the
 * multi-party search then prices left-out pairs against its own seated duals (see below).
 */
function matchCountry(pool: Pool, options: SolverOptions | undefined) {
  const search = new CandidateSearch(pool);
  for (let r = 0; r < pool.requests.length; r++) search.extend(r, FIRST_CANDIDATES, Number.NEGATIVE_INFINITY);
  const relaxation = new Relaxation(pool);
  let rounds = 0;
  for (;;) {
    rounds++;
    const before = search.pairs.length;
    relaxation.update(search.pairs);
    const duals = relaxation.solver.greatestRowDuals();
    readOn(search, duals, FIRST_CANDIDATES * 2 ** rounds);
    if (search.pairs.length === before) break;
  }
  // The seated search's own duals then show pairs the cuttings it settled on could use that
  // the relaxation did not ask for (a small party for a multi-party offer's leftover beds):
  // every pair priced above its request's seated dual is read, and the search runs again,
  // while what those pairs could add is worth it.
  let input = assignmentInput(pool, search.pairs);
  let solver = assign(input, { ...options, relaxedRoot: relaxation.solver.assignment() });
  for (let pricing = 0; pricing < SEATED_PRICING_ROUNDS; pricing++) {
    const before = search.pairs.length;
    readOn(search, solver.seatedDuals, Number.POSITIVE_INFINITY);
    if (priceOf(search.pairs, before, solver.seatedDuals) <= PRICING_GAIN * solver.total) break;
    rounds++;
    relaxation.update(search.pairs);
    input = assignmentInput(pool, search.pairs);
    const previous = solver.total;
    solver = assign(input, { ...options, relaxedRoot: relaxation.solver.assignment(), start: solver.edges });
    // Another round is worth its time only while the last one still found something.
    if (solver.total - previous <= PRICING_GAIN * previous) break;
  }
  const chosen = solver.edges.map((index) => {
    const pair = search.pairs[index] as CandidatePair;
    const { offer, holds } = pool.offers[pair.offer] as PoolOffer;
    const request = pool.requests[pair.request] as MatchRequest;
    // The search applies the rules its own way, for speed; what it proposes passes the one definition.
    const { broken } = checkPair(offer, request, {
      holds,
      declined: pool.declined.has(pairKey(request.id, offer.id)),
    });
    if (broken.length > 0) throw new Error(`the candidate search chose a pair that breaks ${broken}`);
    return { ...pair, scored: scorePair(offer, request, pair.distanceKm) };
  });
  return { chosen, pairsExamined: search.pairsExamined, candidates: search.pairs.length, rounds, solver };
}
