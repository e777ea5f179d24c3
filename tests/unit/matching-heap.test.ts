import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TypedHeap } from '../../shared/domain/matching/solver/heap.ts';

const entries = fc.array(fc.record({ key: fc.integer({ min: -5, max: 5 }), value: fc.nat(1000) }), {
  maxLength: 300,
});

describe('typed heap', () => {
  it('pops keys in ascending order however they were pushed, growing past its first capacity', () => {
    fc.assert(
      fc.property(entries, (pushed) => {
        const heap = new TypedHeap(false, 4);
        for (const { key, value } of pushed) heap.push(key, value);
        const keys: number[] = [];
        while (heap.size > 0) {
          heap.pop();
          keys.push(heap.poppedKey);
        }
        expect(keys).toEqual(pushed.map(({ key }) => key).sort((a, b) => a - b));
      }),
    );
  });

  it('breaks ties by the smaller value when asked, so that the order is total', () => {
    fc.assert(
      fc.property(entries, (pushed) => {
        const heap = new TypedHeap(true, 4);
        for (const { key, value } of pushed) heap.push(key, value);
        const popped: [number, number][] = [];
        while (heap.size > 0) {
          const value = heap.pop();
          popped.push([heap.poppedKey, value]);
        }
        const sorted = pushed.map(({ key, value }): [number, number] => [key, value]);
        sorted.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(popped).toEqual(sorted);
      }),
    );
  });
});
