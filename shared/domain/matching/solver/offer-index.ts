import { cellBox, cellsWithin, minDistanceToBox, unitVector } from '../../geo.ts';
import { availability } from '../nights.ts';
import { hasPlace, type MatchOffer, type MatchRequest, OFFER_NEEDS } from '../rules.ts';
import { COUNTRY_WIDE_DISTANCE_SCORE, distanceComponent } from '../score.ts';
import { byte, float, int, item } from './arrays.ts';
import type { Pool } from './pool.ts';

/** Rules 2 and 5 as bits (OFFER_NEEDS, in its order): what an offer gives. */
export const offerGives = (offer: MatchOffer): number =>
  OFFER_NEEDS.reduce((bits, need, i) => (need.gives(offer) ? bits | (1 << i) : bits), 0);

/** Rules 2 and 5 as bits: what a request needs. It accepts an offer that gives all of it. */
export const requestNeeds = (request: MatchRequest): number =>
  OFFER_NEEDS.reduce((bits, need, i) => (need.needs(request) ? bits | (1 << i) : bits), 0);

/** Offers of one area that a class of requests accepts, with the same beds and languages, latest availableTo first. */
export interface Group {
  readonly id: number;
  readonly beds: number;
  readonly languages: number;
  readonly offers: Int32Array;
}

/** The groups of one area with the same beds, with what bounds all of them: opened only when they could matter. */
export interface Bucket {
  readonly beds: number;
  readonly groups: Group[];
  /** Every language any of its offers speaks. */
  readonly languages: number;
  /** The latest end of availability among its offers. */
  readonly toDay: number;
}

/** The groups of one country a class of requests accepts: all of them, and by geo cell. */
export interface ClassIndex {
  readonly all: Bucket[];
  readonly cells: Map<string, Bucket[]>;
}

/** A cell a request's radius touches, with the best distance score anything in it could give. */
export interface Area {
  readonly cell: string | undefined;
  readonly distanceBound: number;
}

/**
 * The pool's offers as the candidate search reads them: what each gives and offers in typed
 * arrays, its place as a unit vector (offers at one point share a place, so that a request
 * works each distance out once), and, built on first use, per country and class of requests
 * (what they need), the offers that class accepts, bucketed by geo cell and beds and grouped by
 * languages, latest availableTo first.
 */
export class OfferIndex {
  readonly beds: Int32Array;
  readonly gives: Uint8Array;
  readonly fromDay: Float64Array;
  readonly toDay: Float64Array;
  readonly languages: Int32Array;
  readonly place: Int32Array;
  /** 1 where the offer has beds held by proposals: only then can a pair the scan found break rule 1. */
  readonly held: Uint8Array;
  /** Each place as a unit vector. */
  readonly placeX: number[] = [];
  readonly placeY: number[] = [];
  readonly placeZ: number[] = [];
  /** More distinct languages than bits: languages are then compared the slow, exact way. */
  readonly languagesOverflow: boolean;
  private readonly languageBits = new Map<string, number>();
  private readonly offersByCountry = new Map<string, number[]>();
  private readonly classIndexes = new Map<string, ClassIndex>();
  private readonly orders = new Map<string, { all: number[]; byCell: Map<string, number[]> }>();
  private readonly areas = new Map<string, Area[]>();
  private groupCount = 0;

  constructor(private readonly pool: Pool) {
    const count = pool.offers.length;
    this.beds = new Int32Array(count);
    this.gives = new Uint8Array(count);
    this.fromDay = new Float64Array(count);
    this.toDay = new Float64Array(count);
    this.languages = new Int32Array(count);
    this.place = new Int32Array(count);
    this.held = Uint8Array.from(pool.offers, ({ holds }) => (holds.length > 0 ? 1 : 0));
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
      this.gives[index] = offerGives(offer);
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
  }

  get places(): number {
    return this.placeX.length;
  }

  /** A language's bit (31 at most; undefined beyond). */
  private bitOf(code: string): number | undefined {
    const key = code.toLowerCase();
    let bit = this.languageBits.get(key);
    if (bit === undefined && this.languageBits.size < 31) {
      bit = 1 << this.languageBits.size;
      this.languageBits.set(key, bit);
    }
    return bit;
  }

  /** The bit of the seeker's first language, and of all of them (0 for a language no offer speaks). */
  languageMasks(languages: readonly string[]): { first: number; any: number } {
    let first = 0;
    let any = 0;
    languages.forEach((code, i) => {
      const bit = this.languageBits.get(code.toLowerCase()) ?? 0;
      any |= bit;
      if (i === 0) first = bit;
    });
    return { first, any };
  }

  /** The open offers of a country that requests with these needs accept, grouped (built on first use). */
  classIndex(country: string, needs: number): ClassIndex | undefined {
    const key = `${country}|${needs}`;
    let index = this.classIndexes.get(key);
    if (index) return index;
    const order = this.offerOrder(country);
    if (!order) return undefined;
    const accepts = (offer: number) => (byte(this.gives, offer) & needs) === needs;
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
        int(this.beds, x) - int(this.beds, y) ||
        int(this.languages, x) - int(this.languages, y) ||
        float(this.toDay, y) - float(this.toDay, x),
    );
    const byCell = new Map<string, number[]>();
    for (const offer of sorted) {
      const { cell } = item(this.pool.offers, offer).offer;
      const list = byCell.get(cell);
      if (list) list.push(offer);
      else byCell.set(cell, [offer]);
    }
    order = { all: sorted, byCell };
    this.orders.set(country, order);
    return order;
  }

  /** Offers already in (beds, languages, availableTo) order, those accepted cut into groups and beds buckets. */
  private bucketsOf(sorted: readonly number[], accepts: (offer: number) => boolean): Bucket[] {
    const buckets: Bucket[] = [];
    let members: number[] = [];
    let bucket: { beds: number; groups: Group[]; languages: number; toDay: number } | undefined;
    const close = () => {
      const first = members[0];
      if (first === undefined) return;
      const group: Group = {
        id: this.groupCount++,
        beds: int(this.beds, first),
        languages: int(this.languages, first),
        offers: Int32Array.from(members),
      };
      if (!bucket || bucket.beds !== group.beds) {
        bucket = { beds: group.beds, groups: [], languages: 0, toDay: Number.NEGATIVE_INFINITY };
        buckets.push(bucket);
      }
      bucket.groups.push(group);
      bucket.languages |= group.languages;
      bucket.toDay = Math.max(bucket.toDay, float(this.toDay, first));
      members = [];
    };
    for (const offer of sorted) {
      if (!accepts(offer)) continue;
      const last = members[members.length - 1];
      if (
        last !== undefined &&
        (this.beds[last] !== this.beds[offer] || this.languages[last] !== this.languages[offer])
      )
        close();
      members.push(offer);
    }
    close();
    return buckets;
  }

  /** The cells a request's radius touches (one country-wide area without a city), shared by requests at the same place. */
  areasOf(request: MatchRequest): Area[] {
    if (!hasPlace(request)) return [{ cell: undefined, distanceBound: COUNTRY_WIDE_DISTANCE_SCORE }];
    const key = `${request.lat}|${request.lon}|${request.maxDistanceKm}`;
    let areas = this.areas.get(key);
    if (!areas) {
      areas = [];
      for (const cell of cellsWithin(request, request.maxDistanceKm)) {
        // A lower bound of the distance from the request to anything in the cell.
        const minKm = minDistanceToBox(request, cellBox(cell));
        if (minKm <= request.maxDistanceKm)
          areas.push({ cell, distanceBound: distanceComponent(minKm, request.maxDistanceKm) });
      }
      this.areas.set(key, areas);
    }
    return areas;
  }
}
