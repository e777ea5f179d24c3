import type { PairCheck } from '../rules.ts';
import { num } from './arrays.ts';
import { TypedHeap } from './heap.ts';

/**
 * The best `limit` pairs of one request's scan, by score and, among equal scores, the one kept
 * later: a min-heap on (score, order kept), so that once `limit` are kept the worst is dropped
 * in O(log limit) (the limit reaches thousands in late rounds) and waits for a later round.
 */
export class BestPairs {
  private readonly heap = new TypedHeap(true, 16);
  /** Per pair kept, in the order kept. */
  readonly offers: number[] = [];
  readonly scores: number[] = [];
  /** Checked when kept only if the offer has holds or the pool declined pairs: nothing else can break. */
  readonly checks: (PairCheck | undefined)[] = [];
  private limit = 0;

  /** Empties it for the next scan, which keeps at most `limit` (one object serves every scan of a search). */
  reset(limit: number) {
    this.limit = limit;
    this.heap.clear();
    this.offers.length = 0;
    this.scores.length = 0;
    this.checks.length = 0;
  }

  get full(): boolean {
    return this.heap.size >= this.limit;
  }

  /** The lowest score kept (when any is). */
  get lowest(): number {
    return this.heap.topKey;
  }

  /** Keeps the pair; returns the one it pushed out (by order kept), or -1. */
  add(offer: number, score: number, check: PairCheck | undefined): number {
    const order = this.offers.length;
    this.offers.push(offer);
    this.scores.push(score);
    this.checks.push(check);
    this.heap.push(score, order);
    return this.heap.size > this.limit ? this.heap.pop() : -1;
  }

  /** The pairs kept, best first (by order kept). */
  bestFirst(): number[] {
    const { scores } = this;
    return Array.from(this.heap.contents()).sort((a, b) => num(scores, b) - num(scores, a) || b - a);
  }
}
