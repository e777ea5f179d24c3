import { grownFrom, widened } from './arrays.ts';
import { TypedHeap } from './heap.ts';
import type { Bucket, Group } from './offer-index.ts';

/**
 * Where one request's scan reads next, best first: a max-heap on the best score anything in a
 * source could give. A source is either a bucket of groups with the same beds in one area
 * (opened into its groups when it comes first) or a group, whose bound is that of its next
 * offer. Keys are negated bounds: the min-heap then pops the highest bound. One object serves
 * every scan of a search, and its tables keep their room between scans: a national pool's
 * rounds run hundreds of thousands of scans, and tables grown again for each were a large
 * part of the collector's work.
 */
export class ScanSources {
  private readonly heap = new TypedHeap(false, 16);
  private count = 0;
  readonly bucket: (Bucket | undefined)[] = [];
  readonly group: (Group | undefined)[] = [];
  /** The area's distance bound, the group's score without coverage, and where in the group to read. */
  distance = new Float64Array(16);
  base = new Float64Array(16);
  position = new Int32Array(16);

  /** Empties it for the next scan. */
  clear() {
    this.heap.clear();
    this.count = 0;
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
    const at = this.count++;
    if (at === this.position.length) {
      const room = grownFrom(at);
      this.distance = widened(this.distance, new Float64Array(room), at);
      this.base = widened(this.base, new Float64Array(room), at);
      this.position = widened(this.position, new Int32Array(room), at);
    }
    this.bucket[at] = bucket;
    this.group[at] = group;
    this.distance[at] = distance;
    this.base[at] = base;
    this.position[at] = position;
    this.heap.push(-bound, at);
  }

  /** Takes the source with the highest bound out; returns its number. */
  pop(): number {
    return this.heap.pop();
  }
}
