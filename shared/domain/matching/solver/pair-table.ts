import { float, int, widened } from './arrays.ts';
import type { CandidatePair } from './pool.ts';

/** The pairs the solver chooses among, by index: request, offer and score in (0, 1] of each. */
export interface EdgeTable {
  readonly length: number;
  readonly request: Int32Array;
  readonly offer: Int32Array;
  readonly score: Float64Array;
}

/** A pair as plain values: what tests write and what the matcher proposes. */
export interface PairFields {
  readonly request: number;
  readonly offer: number;
  readonly score: number;
  /** Beds the offer has left on the nights of this request's stay. */
  readonly remaining?: number;
}

/**
 * The room a full table of `length` pairs grows to: half as much again. By a quarter, as the
 * solver's other tables grow, it allocated five times its final size over a country's rounds
 * (448 MB for the 74 MB of the national pool's largest country, and each 64 MB or so of arrays
 * allocated brings on a full collection); by a half, three times (278 MB there), for at most a
 * third of the table unused (19 MB there, against 16).
 */
const grownPairs = (length: number): number => Math.max(16, Math.ceil(length * 1.5));

/**
 * The candidate pairs of a pool, one typed array per field, grown by a half: a national pool
 * has tens of millions of them, and an object per pair costs several times their bytes and the
 * collector's time. Only the pairs finally proposed become objects (`fields`), and only they get
 * their distance (checkPair's, when the matcher checks them): the table keeps none.
 */
export class PairTable implements EdgeTable {
  length = 0;
  request = new Int32Array(0);
  offer = new Int32Array(0);
  score = new Float64Array(0);
  remaining = new Int32Array(0);

  /** A table of these pairs, in this order. */
  static of(pairs: readonly PairFields[]): PairTable {
    const table = new PairTable();
    for (const pair of pairs) table.push(pair.request, pair.offer, pair.score, pair.remaining ?? 0);
    return table;
  }

  push(request: number, offer: number, score: number, remaining: number) {
    if (this.length === this.request.length) this.grow(grownPairs(this.length));
    const at = this.length++;
    this.request[at] = request;
    this.offer[at] = offer;
    this.score[at] = score;
    this.remaining[at] = remaining;
  }

  /** The pair at `index` as an object. */
  fields(index: number): CandidatePair {
    return {
      request: int(this.request, index),
      offer: int(this.offer, index),
      score: float(this.score, index),
      remaining: int(this.remaining, index),
    };
  }

  private grow(capacity: number) {
    const { length } = this;
    this.request = widened(this.request, new Int32Array(capacity), length);
    this.offer = widened(this.offer, new Int32Array(capacity), length);
    this.score = widened(this.score, new Float64Array(capacity), length);
    this.remaining = widened(this.remaining, new Int32Array(capacity), length);
  }
}
