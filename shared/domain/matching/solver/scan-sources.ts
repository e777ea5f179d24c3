import { TypedHeap } from './heap.ts';
import type { Bucket, Group } from './offer-index.ts';

/**
 * Where one request's scan reads next, best first: a max-heap on the best score anything in a
 * source could give. A source is either a bucket of groups with the same beds in one area
 * (opened into its groups when it comes first) or a group, whose bound is that of its next
 * offer. Keys are negated bounds: the min-heap then pops the highest bound.
 */
export class ScanSources {
  private readonly heap = new TypedHeap(false, 16);
  readonly bucket: (Bucket | undefined)[] = [];
  readonly group: (Group | undefined)[] = [];
  /** The area's distance bound, the group's score without coverage, and where in the group to read. */
  readonly distance: number[] = [];
  readonly base: number[] = [];
  readonly position: number[] = [];

  /** Empties it for the next scan (one object serves every scan of a search). */
  clear() {
    this.heap.clear();
    this.bucket.length = 0;
    this.group.length = 0;
    this.distance.length = 0;
    this.base.length = 0;
    this.position.length = 0;
  }

  get size(): number {
    return this.heap.size;
  }

  /** The highest bound of any source left (the queue must not be empty). */
  get topBound(): number {
    return -this.heap.topKey;
  }

  add(
    bucket: Bucket | undefined,
    group: Group | undefined,
    distance: number,
    base: number,
    bound: number,
    position: number,
  ) {
    this.bucket.push(bucket);
    this.group.push(group);
    this.distance.push(distance);
    this.base.push(base);
    this.position.push(position);
    this.heap.push(-bound, this.position.length - 1);
  }

  /** Takes the source with the highest bound out; returns its number. */
  pop(): number {
    return this.heap.pop();
  }
}
