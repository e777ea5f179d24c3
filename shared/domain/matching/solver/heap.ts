import { float, int } from './arrays.ts';

/**
 * A binary min-heap of (key, value) pairs in typed arrays, the one priority queue of the
 * solver: the frontier of every shortest-path search and the candidate search's queues. Equal
 * keys leave in no promised order, unless `tiesByValue`: then the smaller value leaves first,
 * which makes the order total (the candidate search relies on that to be deterministic).
 */
export class TypedHeap {
  private keys: Float64Array;
  private values: Int32Array;
  size = 0;
  /** The key of the value `pop` returned last. */
  poppedKey = 0;

  constructor(
    private readonly tiesByValue = false,
    capacity = 64,
  ) {
    this.keys = new Float64Array(capacity);
    this.values = new Int32Array(capacity);
  }

  /** The least key held (the heap must not be empty). */
  get topKey(): number {
    return float(this.keys, 0);
  }

  /** The values held, in heap order. */
  contents(): Int32Array {
    return this.values.subarray(0, this.size);
  }

  clear() {
    this.size = 0;
  }

  private before(keyA: number, valueA: number, keyB: number, valueB: number): boolean {
    return keyA < keyB || (this.tiesByValue && keyA === keyB && valueA < valueB);
  }

  push(key: number, value: number) {
    if (this.size === this.keys.length) this.grow();
    const { keys, values } = this;
    let slot = this.size++;
    while (slot > 0) {
      const parent = (slot - 1) >> 1;
      if (!this.before(key, value, float(keys, parent), int(values, parent))) break;
      keys[slot] = float(keys, parent);
      values[slot] = int(values, parent);
      slot = parent;
    }
    keys[slot] = key;
    values[slot] = value;
  }

  /** Removes the value with the least key and returns it; its key is left in `poppedKey`. */
  pop(): number {
    const { keys, values } = this;
    const top = int(values, 0);
    this.poppedKey = float(keys, 0);
    const size = --this.size;
    const lastKey = float(keys, size);
    const lastValue = int(values, size);
    let slot = 0;
    for (;;) {
      let child = 2 * slot + 1;
      if (child >= size) break;
      if (
        child + 1 < size &&
        this.before(float(keys, child + 1), int(values, child + 1), float(keys, child), int(values, child))
      )
        child++;
      if (!this.before(float(keys, child), int(values, child), lastKey, lastValue)) break;
      keys[slot] = float(keys, child);
      values[slot] = int(values, child);
      slot = child;
    }
    keys[slot] = lastKey;
    values[slot] = lastValue;
    return top;
  }

  private grow() {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
    const values = new Int32Array(this.values.length * 2);
    values.set(this.values);
    this.values = values;
  }
}
