/**
 * Storage inside the kernels' WebAssembly memory. An array allocated here is a view of that
 * memory, so the kernels read and write it in place at its byte address: for memory-bound steps,
 * copying an operand in and the result out would cost as much as the step itself. Blocks are
 * 64-byte aligned; a freed block merges with its free neighbours (or lowers the top), free blocks
 * are reused best-fit, and the memory grows when none fits (it never shrinks). A growing shared
 * memory keeps its old views valid, an unshared one detaches them; so arrays are placed here only
 * on shared memory, while scratch space for one kernel call (`reserve`, then `unreserve` by
 * address, with no view kept across calls) works on either. `address` tells an array placed here
 * from any other.
 */
import { MAX_PAGES, runtime } from "./wasmRuntime.js";

const ALIGN = 64;
const PAGE = 65536;

/** Free blocks by increasing address, never touching one another. */
const free: { at: number; bytes: number }[] = [];
/** The size of every block in use, by address. */
const used = new Map<number, number>();
/** The length of every array `allocate` gave and `release` has not taken back, by address. */
const arrays = new Map<number, number>();
/** Where the blocks end: everything above is unused. Address 0 is never handed out. */
let top = ALIGN;
/** Every buffer of the memory views were made on (a new one after each growth). */
const buffers = new WeakSet<ArrayBufferLike>();
let view: Float64Array | undefined;

function fits(end: number): boolean {
  const memory = runtime()?.memory;
  if (memory === undefined) return false;
  const have = memory.buffer.byteLength;
  if (end <= have) return true;
  if (end > MAX_PAGES * PAGE) return false;
  try {
    memory.grow(Math.ceil((end - have) / PAGE));
    return true;
  } catch {
    return false; // more than the engine or the machine gives
  }
}

/**
 * The whole memory as float64s (made anew after it grows); the kernels must be available.
 *
 * @example heap()[address(array) / 8] === array[0]
 */
export function heap(): Float64Array {
  const buffer = runtime()?.memory.buffer;
  if (buffer === undefined) throw new Error("heap: no WebAssembly memory here");
  if (view?.buffer !== buffer) {
    view = new Float64Array(buffer);
    buffers.add(buffer);
  }
  return view;
}

/**
 * A block of at least `bytes` bytes in the kernels' memory: its byte address, or -1 when the
 * memory cannot hold it (or there is none).
 *
 * @example const at = reserve(1024); heap()[at / 8] = 1; unreserve(at);
 */
export function reserve(bytes: number): number {
  const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
  let best = -1;
  for (let i = 0; i < free.length; i++) {
    if (free[i].bytes >= size && (best < 0 || free[i].bytes < free[best].bytes)) best = i;
  }
  let at: number;
  if (best >= 0) {
    const block = free[best];
    at = block.at;
    if (block.bytes === size) free.splice(best, 1);
    else {
      block.at += size;
      block.bytes -= size;
    }
  } else {
    if (!fits(top + size)) return -1;
    at = top;
    top += size;
  }
  used.set(at, size);
  return at;
}

/** Frees the block at `at` that `reserve` gave (nothing for any other address). */
export function unreserve(at: number): void {
  const size = used.get(at);
  if (size === undefined) return;
  used.delete(at);
  let i = 0;
  while (i < free.length && free[i].at < at) i++;
  const block = { at, bytes: size };
  free.splice(i, 0, block);
  const next = free[i + 1];
  if (next !== undefined && block.at + block.bytes === next.at) {
    block.bytes += next.bytes;
    free.splice(i + 1, 1);
  }
  const previous = free[i - 1];
  if (previous !== undefined && previous.at + previous.bytes === block.at) {
    previous.bytes += block.bytes;
    free.splice(i, 1);
  }
  const last = free[free.length - 1];
  if (last !== undefined && last.at + last.bytes === top) {
    top = last.at;
    free.pop();
  }
}

/**
 * A new array of `n` float64s in the kernels' memory, with unspecified contents; null when the
 * memory is not shared (or absent) or cannot hold it, and for n = 0.
 *
 * @example const a = allocate(1000) ?? new Float64Array(1000);
 */
export function allocate(n: number): Float64Array | null {
  if (n === 0 || runtime()?.shared !== true) return null;
  const at = reserve(8 * n);
  if (at < 0) return null;
  arrays.set(at, n);
  return new Float64Array(heap().buffer, at, n);
}

/**
 * Frees an array `allocate` gave; the caller guarantees nothing uses it afterwards. Any other
 * array, a part of one included, is left alone.
 */
export function release(array: Float64Array): void {
  const at = address(array);
  // only a whole array (not a view that merely starts where one does)
  if (at >= 0 && arrays.get(at) === array.length) {
    arrays.delete(at);
    unreserve(at);
  }
}

/**
 * The byte address of an array that lives in the kernels' memory, or -1 for any other array.
 *
 * @example address(allocate(4) as Float64Array) % 64 // 0
 */
export function address(array: Float64Array): number {
  return buffers.has(array.buffer) ? array.byteOffset : -1;
}
