/*
 * Reads of a slot in an array the solver sized itself and indexes only within bounds. The
 * type checker cannot see those bounds (`noUncheckedIndexedAccess` types every read as
 * possibly undefined), so these accessors say it once instead of a cast at every read. One per
 * kind of array, not one generic: each then sees a single kind of array in the hot loops, and
 * the engine keeps its reads as fast as a plain index.
 */

export const int = (array: Int32Array, index: number): number => array[index] as number;
export const float = (array: Float64Array, index: number): number => array[index] as number;
export const byte = (array: Uint8Array, index: number): number => array[index] as number;
export const short = (array: Uint16Array, index: number): number => array[index] as number;
export const num = (array: readonly number[], index: number): number => array[index] as number;
/** Any other array: of arrays, of records, or array-like input. */
export const item = <T>(array: ArrayLike<T>, index: number): T => array[index] as T;

/**
 * The room a full table of `length` entries grows to: a quarter more. A national pool's tables
 * hold millions of entries, and every slot not yet used is memory at the peak, against a few
 * more copies while they grow.
 */
export const grownFrom = (length: number): number => Math.max(16, Math.ceil(length * 1.25));

/** `to` holding the first `length` entries of `from`: how the solver's growing tables widen. */
export function widened<T extends Int32Array | Float64Array | Uint16Array>(
  from: T,
  to: T,
  length: number,
): T {
  to.set(from.subarray(0, length));
  return to;
}
