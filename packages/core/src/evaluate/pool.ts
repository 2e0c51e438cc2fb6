/**
 * Recycled arrays for the intermediates of a contraction. A fresh `Float64Array` costs more than
 * its size suggests: the engine zeroes new memory and the OS maps it in page by page on first
 * write, which for a large intermediate can take as long as the arithmetic. `contract` gives back
 * each intermediate once the step that consumed it is done, and the next evaluation of the same
 * shapes takes the same arrays again. Arrays are kept by exact length (so a taken array is never a
 * view into a larger buffer) and the pool holds at most `LIMIT` entries in all.
 */

/** At most 64 MiB of float64s held. */
const LIMIT = 1 << 23;
const free = new Map<number, Float64Array[]>();
let held = 0;

/**
 * An array of `n` entries with unspecified contents: a recycled one when the pool has one.
 *
 * @example const scratch = takeArray(6); scratch.fill(0);
 */
export function takeArray(n: number): Float64Array {
  const list = free.get(n);
  const array = list?.pop();
  if (array === undefined) return new Float64Array(n);
  held -= n;
  return array;
}

/**
 * Returns `array` to the pool; the caller guarantees that nothing reads or writes it afterwards.
 *
 * @example giveArray(scratch)
 */
export function giveArray(array: Float64Array): void {
  const n = array.length;
  if (n === 0 || held + n > LIMIT) return;
  const list = free.get(n);
  if (list === undefined) free.set(n, [array]);
  else list.push(array);
  held += n;
}
