import { kmBetween, unitVector } from '../../geo.ts';
import { dayOf, requestedNights } from '../nights.ts';
import {
  availableOnDay,
  checkPair,
  hasPlace,
  type MatchRequest,
  maxDistanceKmOf,
  type PairCheck,
  partySize,
} from '../rules.ts';
import {
  distanceComponent,
  fitComponent,
  languagesComponent,
  SCORE_WEIGHTS,
  SECONDARY_LANGUAGE_SCORE,
} from '../score.ts';
import { byte, float, int, item, num, short, widened } from './arrays.ts';
import { BestPairs } from './best-pairs.ts';
import {
  type Area,
  type Bucket,
  type ClassIndex,
  type Group,
  OfferIndex,
  requestNeeds,
} from './offer-index.ts';
import { PairTable } from './pair-table.ts';
import { type Pool, pairKey } from './pool.ts';
import { ScanSources } from './scan-sources.ts';

const NO_END = Number.POSITIVE_INFINITY;
const NO_OFFERS = new Int32Array(0);
const NO_AREAS: Area[] = [];
const NO_BUCKETS: Bucket[] = [];
const {
  coverage: COVERAGE_WEIGHT,
  distance: DISTANCE_WEIGHT,
  fit: FIT_WEIGHT,
  languages: LANGUAGES_WEIGHT,
} = SCORE_WEIGHTS;
/** Bounds are sums in another order than the score's: this much slack keeps them above it. */
const BOUND_SLACK = 1e-9;
/**
 * A waiting pair's score kept as a bound in steps of 1/32767, rounded up (the low 15 bits of two
 * bytes a pair): in the later rounds of a national pool most waiting pairs still cannot be read
 * (a request left without a place waits on every offer others want more), and the bound shows it
 * without working out the distance and score of each again (on 100,000 × 160,000, 128 million
 * times).
 */
const BOUND_STEPS = 32767;
/**
 * The top bit: the pair's score, worked out, was at most the floor its request read at last
 * (RequestScan.floor). Many pairs tie with the pair that sets a request's dual (the same score
 * from many like offers), so their bound stays above every floor the duals set; at a floor no
 * lower, the mark shows they cannot be read without working their score out again (on the
 * national pool, over half a million pairs per country and round).
 */
const AT_FLOOR = 0x8000;
const NO_BOUNDS = new Uint16Array(0);
const boundOf = (score: number) =>
  Math.min(BOUND_STEPS, Math.max(0, Math.ceil(score * BOUND_STEPS + BOUND_SLACK)));

/** How well an offer's languages (as bits) suit the scan's request: its first language, another, or none. */
const languagesOf = (scan: RequestScan, offered: number) =>
  (offered & scan.firstBit) !== 0 ? 1 : (offered & scan.anyBits) !== 0 ? SECONDARY_LANGUAGE_SCORE : 0;

/**
 * The share of the scan's requested nights an offer open until `toDay` can cover at most: rule 3
 * keeps availableFrom ≤ arrival, so it covers at most up to its availableTo.
 */
const coverageUpTo = (scan: RequestScan, toDay: number) =>
  Math.max(0, Math.min(scan.requestedTo, toDay) - scan.requestedFrom) /
  (scan.requestedTo - scan.requestedFrom);

/** What a request's search keeps between rounds, so that no pair is examined twice. */
interface RequestScan {
  /** Per group scanned, the position of the first offer not examined yet. */
  readonly positions: Map<number, number>;
  /**
   * Feasible pairs examined but not made candidates (scored too low then): their offers, in a
   * typed array of their exact number (a national pool holds tens of millions; a view of a
   * longer one when a scan left fewer than it found, see keepWaiting), and their scores
   * rounded up to a step of the bound (see boundOf). A pair's distance and score are worked out
   * again when the request reads on, only where its bound could be read.
   */
  waitingOffers: Int32Array;
  waitingBounds: Uint16Array;
  /** The floor of the request's last scan: the pairs marked AT_FLOOR score at most this. */
  floor: number;
  /** The most an offer its groups have not yielded yet could score (as its last scan left them). */
  groupsUnread: number;
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

/**
 * The candidate pairs of a pool, found without scoring most pairs. A request scans the groups
 * of the offers its class accepts (see OfferIndex) that its radius touches (its whole country
 * when it has no city), always the one whose best offer could score highest next, and leaves a
 * group once nothing further in it could beat what it keeps: first its few best, later (see
 * matchPool) everything above the floor the solver's duals set. A request's search resumes
 * where it stopped, and the feasible pairs it passed over wait for a lower floor: no pair is
 * examined twice. The scan applies rules 2 to 5 through the index and its own arithmetic;
 * holds and declines (rules 1 and 6) go through checkPair, the one definition, and so does
 * every pair the solver finally chooses.
 */
export class CandidateSearch {
  readonly pairs = new PairTable();
  pairsExamined = 0;
  /** Waiting pairs whose distance and score were worked out again (see boundOf). */
  pairsRescored = 0;
  private readonly offers: OfferIndex;
  private scansDone = 0;
  /** Per place, its distance from the request of the scan that stamped it last. */
  private readonly placeKm: Float64Array;
  private readonly placeSeen: Int32Array;
  /** Per request: the highest score a feasible pair not yet among its candidates could have. */
  private readonly unread: Float64Array;
  private readonly scans: (RequestScan | undefined)[];
  /** One scan's best pairs and where it reads next, emptied for each scan. */
  private readonly best = new BestPairs();
  private readonly sources = new ScanSources();
  /**
   * Where the current scan sets pairs aside (see wait): first back into the request's own
   * arrays, as it passes over the pairs waiting there, then into `spareOffers` and
   * `spareBounds`, which gather what its groups add before it is copied to the request.
   */
  private waitOffers: Int32Array = NO_OFFERS;
  private waitBounds: Uint16Array = NO_BOUNDS;
  private waitCount = 0;
  private spareOffers: Int32Array = new Int32Array(1024);
  private spareBounds: Uint16Array = new Uint16Array(1024);
  /** The highest score among them (or its bound, for a pair not worked out again). */
  private waitBest = Number.NEGATIVE_INFINITY;

  constructor(private readonly pool: Pool) {
    this.offers = new OfferIndex(pool);
    this.placeKm = new Float64Array(this.offers.places);
    this.placeSeen = new Int32Array(this.offers.places);
    this.unread = new Float64Array(pool.requests.length).fill(NO_END);
    this.scans = pool.requests.map(() => undefined);
  }

  /** The highest score any feasible offer this request does not have as a candidate yet could reach. */
  unreadBound(request: number): number {
    return float(this.unread, request);
  }

  /** What a request's scans share, worked out on its first. */
  private scanOf(request: number, target: MatchRequest): RequestScan {
    let scan = this.scans[request];
    if (scan) return scan;
    const requested = requestedNights(target);
    const { first, any } = this.offers.languageMasks(target.languages);
    const place = hasPlace(target);
    const { x, y, z } = place ? unitVector(target) : { x: 0, y: 0, z: 0 };
    scan = {
      positions: new Map(),
      waitingOffers: NO_OFFERS,
      waitingBounds: NO_BOUNDS,
      floor: Number.NEGATIVE_INFINITY,
      groupsUnread: Number.POSITIVE_INFINITY,
      size: partySize(target),
      arrival: dayOf(target.arrival),
      requestedFrom: requested.from,
      requestedTo: requested.to,
      firstBit: first,
      anyBits: any,
      index: this.offers.classIndex(target.country, requestNeeds(target)),
      areas: this.offers.areasOf(target),
      place,
      x,
      y,
      z,
    };
    this.scans[request] = scan;
    return scan;
  }

  /** Sets a pair aside for a later round of the current scan's request, marked when at most `floor` (the scan's). */
  private wait(offer: number, score: number, floor: number) {
    this.waitWithin(offer, score <= floor ? boundOf(score) | AT_FLOOR : boundOf(score), score);
  }

  /** Sets a pair aside with its bound (see boundOf, and AT_FLOOR) and the most it could score. */
  private waitWithin(offer: number, bound: number, most: number) {
    if (this.waitCount === this.waitOffers.length) {
      this.waitOffers = widened(this.waitOffers, new Int32Array(this.waitCount * 2), this.waitCount);
      this.waitBounds = widened(this.waitBounds, new Uint16Array(this.waitCount * 2), this.waitCount);
    }
    this.waitOffers[this.waitCount] = offer;
    this.waitBounds[this.waitCount++] = bound;
    this.waitBest = Math.max(this.waitBest, most);
  }

  /**
   * Whether a waiting pair of the scan's request could be read at this floor (as extend tests
   * it, by its bound). In the late rounds of a national pool most requests read nothing: when
   * their groups cannot yield anything above the floor either, extend stops here, leaving their
   * pairs as they wait, and the most any could score in waitBest.
   */
  private waitingCouldRead(
    scan: RequestScan,
    floor: number,
    pays: ((offer: number, score: number) => boolean) | undefined,
  ): boolean {
    const marksHold = floor >= scan.floor;
    let best = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < scan.waitingOffers.length; i++) {
      const stored = short(scan.waitingBounds, i);
      const bound = stored & ~AT_FLOOR;
      if (stored !== bound && marksHold) {
        best = Math.max(best, Math.min(bound / BOUND_STEPS, floor));
        continue;
      }
      const most = bound / BOUND_STEPS;
      if (most > floor && (!pays || pays(int(scan.waitingOffers, i), most))) return true;
      best = Math.max(best, most);
    }
    this.waitBest = best;
    return false;
  }

  /**
   * Leaves the scan's waiting pairs as this scan left them: the first `stillWaiting` already in the
   * request's arrays, then what its groups added. No more than it found fit in the arrays it
   * had (as views of their first entries): on the national pool's largest country, new arrays
   * for those too were 130 MB more to allocate over its rounds, and each 64 MB of arrays
   * allocated brings on a full collection of the heap, pool and all (see docs/matching.md).
   */
  private keepWaiting(scan: RequestScan, stillWaiting: number) {
    const added = this.waitCount;
    this.spareOffers = this.waitOffers;
    this.spareBounds = this.waitBounds;
    const length = stillWaiting + added;
    if (length === scan.waitingOffers.length && added === 0) return;
    if (length === 0) {
      scan.waitingOffers = NO_OFFERS;
      scan.waitingBounds = NO_BOUNDS;
      return;
    }
    let offers = scan.waitingOffers;
    let bounds = scan.waitingBounds;
    if (length <= offers.length) {
      offers = offers.subarray(0, length);
      bounds = bounds.subarray(0, length);
    } else {
      offers = widened(offers, new Int32Array(length), stillWaiting);
      bounds = widened(bounds, new Uint16Array(length), stillWaiting);
    }
    offers.set(this.waitOffers.subarray(0, added), stillWaiting);
    bounds.set(this.waitBounds.subarray(0, added), stillWaiting);
    scan.waitingOffers = offers;
    scan.waitingBounds = bounds;
  }

  /**
   * The score of a feasible pair of the scan's request: scorePair's weighted(), written out (the
   * same sum in the same order, without an object per pair).
   */
  private scoreOf(offer: number, km: number, scan: RequestScan, target: MatchRequest): number {
    const { offers } = this;
    const { requestedFrom, requestedTo, place } = scan;
    const covered = Math.max(
      0,
      Math.min(requestedTo, float(offers.toDay, offer)) -
        Math.max(requestedFrom, float(offers.fromDay, offer)),
    );
    const languages = offers.languagesOverflow
      ? languagesComponent(target.languages, item(this.pool.offers, offer).offer.languages).value
      : languagesOf(scan, int(offers.languages, offer));
    return Math.min(
      1,
      COVERAGE_WEIGHT * (covered / (requestedTo - requestedFrom)) +
        DISTANCE_WEIGHT *
          distanceComponent(place ? km : undefined, place ? target.maxDistanceKm : undefined) +
        FIT_WEIGHT * fitComponent(scan.size, int(offers.beds, offer)) +
        LANGUAGES_WEIGHT * languages,
    );
  }

  /** The distance from the scan's request to the offer's place, worked out once per place and scan. */
  private kmTo(offer: number, scan: RequestScan, stamp: number): number {
    const place = int(this.offers.place, offer);
    if (this.placeSeen[place] === stamp) return float(this.placeKm, place);
    const { placeX, placeY, placeZ } = this.offers;
    const km = kmBetween(scan.x, scan.y, scan.z, num(placeX, place), num(placeY, place), num(placeZ, place));
    this.placeKm[place] = km;
    this.placeSeen[place] = stamp;
    return km;
  }

  /**
   * Keeps a pair the scan scored above its threshold among the request's best, unless a hold or
   * a decline breaks it: the scan already applied every other rule, and only holds and declined
   * pairs can break rules 1 and 6, so the others are checked once, when they become candidates.
   * The pair it pushes out of the best waits.
   */
  private keep(offer: number, score: number, target: MatchRequest, declinedAny: boolean) {
    const { best, offers } = this;
    let check: PairCheck | undefined;
    if (declinedAny || byte(offers.held, offer) === 1) {
      const { offer: record, holds } = item(this.pool.offers, offer);
      check = checkPair(record, target, {
        holds,
        declined: declinedAny && this.pool.declined.has(pairKey(target.id, record.id)),
      });
      if (check.broken.length > 0) return;
    }
    const dropped = best.add(offer, score, check);
    // It scored above the scan's threshold, so above its floor: no mark.
    if (dropped >= 0)
      this.wait(num(best.offers, dropped), num(best.scores, dropped), Number.NEGATIVE_INFINITY);
  }

  /** The most an offer's languages (as bits) can add; with more languages than bits, the loosest bound. */
  private languagesBound(scan: RequestScan, offered: number): number {
    return this.offers.languagesOverflow ? 1 : languagesOf(scan, offered);
  }

  /** The most the offer at `position` in the group, or any after it, can score for the scan's request. */
  private boundAt(scan: RequestScan, base: number, group: Group, position: number): number {
    return (
      base +
      COVERAGE_WEIGHT * coverageUpTo(scan, float(this.offers.toDay, int(group.offers, position))) +
      BOUND_SLACK
    );
  }

  /**
   * Adds the request's candidates: among the feasible pairs scoring above `floor` that are not
   * candidates yet (and that `pays`, when given, lets in), its `k` best (all when k is
   * infinite). A pair kept out waits for a later round like one scored too low.
   */
  extend(request: number, k: number, floor: number, pays?: (offer: number, score: number) => boolean) {
    const target = item(this.pool.requests, request);
    if (target.status !== 'open') {
      this.unread[request] = Number.NEGATIVE_INFINITY;
      return;
    }
    const { offers } = this;
    const scan = this.scanOf(request, target);
    if (scan.groupsUnread <= floor && !this.waitingCouldRead(scan, floor, pays)) {
      this.unread[request] = Math.max(scan.groupsUnread, this.waitBest);
      return;
    }
    const { size, arrival, place } = scan;
    const maxKm = maxDistanceKmOf(target);
    const declinedAny = this.pool.declined.size > 0;
    const stamp = ++this.scansDone;
    const { best, sources } = this;
    best.reset(k > 0 ? k : Number.POSITIVE_INFINITY);
    sources.clear();
    let threshold = floor;
    // The pairs that still wait go back where they were, in the order they were: each pair read
    // out leaves room for the one a kept pair pushes out of the best (see keep), so a write
    // never passes the read. Copied elsewhere and back, this was two passes over every waiting
    // pair of every request that reads on, in every round.
    this.waitOffers = scan.waitingOffers;
    this.waitBounds = scan.waitingBounds;
    this.waitCount = 0;
    this.waitBest = Number.NEGATIVE_INFINITY;
    // Pairs marked at an earlier floor score at most this one when it is no lower.
    const marksHold = floor >= scan.floor;
    scan.floor = floor;
    for (let i = 0; i < scan.waitingOffers.length; i++) {
      const offer = int(scan.waitingOffers, i);
      const stored = short(scan.waitingBounds, i);
      const bound = stored & ~AT_FLOOR;
      if (stored !== bound && marksHold) {
        this.waitWithin(offer, stored, Math.min(bound / BOUND_STEPS, floor));
        continue;
      }
      const most = bound / BOUND_STEPS;
      if (most <= threshold || (pays && !pays(offer, most))) {
        this.waitWithin(offer, bound, most);
        continue;
      }
      this.pairsRescored++;
      const km = place ? this.kmTo(offer, scan, stamp) : Number.NaN;
      const score = this.scoreOf(offer, km, scan, target);
      if (score > threshold && (!pays || pays(offer, score))) {
        this.keep(offer, score, target, declinedAny);
        if (best.full) threshold = Math.max(floor, best.lowest);
      } else this.wait(offer, score, floor);
    }
    const stillWaiting = this.waitCount;
    this.waitOffers = this.spareOffers;
    this.waitBounds = this.spareBounds;
    this.waitCount = 0;
    const { index } = scan;
    const areas = index ? scan.areas : NO_AREAS;
    for (let a = 0; a < areas.length; a++) {
      const area = item(areas, a);
      const buckets = (area.cell === undefined ? index?.all : index?.cells.get(area.cell)) ?? NO_BUCKETS;
      for (let b = 0; b < buckets.length; b++) {
        const bucket = item(buckets, b);
        if (bucket.beds < size) continue;
        const bound =
          DISTANCE_WEIGHT * area.distanceBound +
          FIT_WEIGHT * fitComponent(size, bucket.beds) +
          LANGUAGES_WEIGHT * this.languagesBound(scan, bucket.languages) +
          COVERAGE_WEIGHT * coverageUpTo(scan, bucket.toDay) +
          BOUND_SLACK;
        sources.add(bucket, undefined, area.distanceBound, 0, bound, 0);
      }
    }
    // The best score anything passed over in the groups could reach: what stays unread.
    let passedOver = Number.NEGATIVE_INFINITY;
    while (sources.size > 0) {
      if (sources.topBound <= threshold) break;
      const source = sources.pop();
      const bucket = item(sources.bucket, source);
      if (bucket) {
        const distance = float(sources.distance, source);
        const { groups } = bucket;
        for (let g = 0; g < groups.length; g++) {
          const group = item(groups, g);
          const position = scan.positions.get(group.id) ?? 0;
          if (position >= group.offers.length) continue;
          const base =
            DISTANCE_WEIGHT * distance +
            FIT_WEIGHT * fitComponent(size, group.beds) +
            LANGUAGES_WEIGHT * this.languagesBound(scan, group.languages);
          sources.add(undefined, group, distance, base, this.boundAt(scan, base, group, position), position);
        }
        continue;
      }
      const group = item(sources.group, source);
      if (group === undefined) continue;
      const base = float(sources.base, source);
      let position = int(sources.position, source);
      for (; position < group.offers.length; position++) {
        const offer = int(group.offers, position);
        const bound = this.boundAt(scan, base, group, position);
        if (bound <= threshold) {
          passedOver = Math.max(passedOver, bound);
          break;
        }
        this.pairsExamined++;
        const fromDay = float(offers.fromDay, offer);
        const toDay = float(offers.toDay, offer);
        if (!availableOnDay(fromDay, toDay, arrival)) continue;
        let km = Number.NaN;
        if (place) {
          km = this.kmTo(offer, scan, stamp);
          if (km > maxKm) continue;
        }
        const score = this.scoreOf(offer, km, scan, target);
        if (score > threshold && (!pays || pays(offer, score))) {
          this.keep(offer, score, target, declinedAny);
          if (best.full) threshold = Math.max(floor, best.lowest);
        } else this.wait(offer, score, floor);
      }
      scan.positions.set(group.id, position);
    }
    if (sources.size > 0) passedOver = Math.max(passedOver, sources.topBound);
    scan.groupsUnread = passedOver;
    passedOver = Math.max(passedOver, this.waitBest);
    this.keepWaiting(scan, stillWaiting);
    this.unread[request] = passedOver;
    // Pairs go to the solver best first.
    const kept = best.bestFirst();
    for (let i = 0; i < kept.length; i++) {
      const offer = num(best.offers, num(kept, i));
      const check = item(best.checks, num(kept, i));
      // The scan's score is scorePair's, term for term, and its distance checkPair's (tests hold them equal).
      this.pairs.push(
        request,
        offer,
        num(best.scores, num(kept, i)),
        check ? check.remaining : int(offers.beds, offer),
      );
    }
  }
}
