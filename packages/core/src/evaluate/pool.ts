/**
 * Arrays for the intermediates of a contraction. Where the kernels' memory is shared (Node, and
 * cross-origin-isolated pages) they are placed there (`heap.ts`), so that the WebAssembly kernels
 * work on them in place, and a given-back array's block is freed for the next one. Elsewhere they
 * are plain arrays, recycled: a fresh `Float64Array` costs more than its size suggests (the
 * engine zeroes new memory and the OS maps it in page by page on first write, which for a large
 * intermediate can take as long as the arithmetic), so `contract` gives back each intermediate
 * once the step that consumed it is done and the next evaluation of the same shapes takes the same
 * arrays again. Plain arrays are kept by exact length (so a taken array is never a view into a
 * larger buffer), at most `LIMIT` entries in all.
 */
import { address, allocate, release } from "./heap.js";
import { checkedEntries } from "./tensor.js";

/** At most 64 MiB of plain float64s held. */
const LIMIT = 1 << 23;
const free = new Map<number, Float64Array[]>();
let held = 0;

/**
 * An array of `n` entries with unspecified contents: one in the kernels' memory, or a recycled
 * plain one when the pool has one.
 *
 * @example const scratch = takeArray(6); scratch.fill(0);
 */
export function takeArray(n: number): Float64Array {
  checkedEntries(n, "an intermediate of the contraction");
  const resident = allocate(n);
  if (resident !== null) return resident;
  const list = free.get(n);
  const array = list?.pop();
  if (array === undefined) return new Float64Array(n);
  held -= n;
  return array;
}

/**
 * Returns an array `takeArray` gave; the caller guarantees that nothing reads or writes it
 * afterwards.
 *
 * @example giveArray(scratch)
 */
export function giveArray(array: Float64Array): void {
  if (address(array) >= 0) {
    release(array);
    return;
  }
  const n = array.length;
  if (n === 0 || held + n > LIMIT) return;
  const list = free.get(n);
  if (list === undefined) free.set(n, [array]);
  else list.push(array);
  held += n;
}

/** How `resultArray` makes an array (a host may set a faster one: `setResultAllocator`). */
let makeResult = (n: number): Float64Array => new Float64Array(n);

/**
 * A new plain array of `n` entries, for a contraction's result, which goes to the caller (and is
 * never given back). Its contents are unspecified where the host set an allocator that does not
 * zero them: whoever takes one writes every entry.
 *
 * @example const out = resultArray(6); out.fill(1);
 */
export function resultArray(n: number): Float64Array {
  checkedEntries(n, "a contraction's result");
  return makeResult(n);
}

/**
 * Sets how `resultArray` makes arrays: on Node, without zeroing large ones (`node.ts`), since a
 * large result's fresh zeroed memory costs as much again as writing it.
 */
export function setResultAllocator(allocate: (n: number) => Float64Array): void {
  makeResult = allocate;
}
