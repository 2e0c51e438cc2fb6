/**
 * The helper thread as the kernels see it: the `Helper` interface (`threads.ts` makes the real
 * one, on Node), the one attached now, and its jobs. A job is one call of `runChunks` (a share of
 * a matrix product's block, `blocked.ts`), of a packer of `packKernel.ts` (the helper packing the
 * panels of B it then multiplies), or of a memory-bound kernel of `vectorKernel.ts`: `shareRows`
 * splits such a call's rows with the helper, since two cores stream memory almost twice as fast
 * as one (measured here: 23 GB/s copying on one thread, 44 on two).
 */
import type { runChunks } from "./blocked.js";
import { KERNELS } from "./simdKernel.js";
import type { Block, VectorKernels } from "./wasmRuntime.js";

/** The most jobs a helper takes at once. */
export const MAX_JOBS = 64;
/** Slots per job: `runChunks`'s arguments after the kernels (a vector call uses fewer). */
export const JOB_SLOTS = 13;
/** The memory-bound kernels `shareRows` splits. */
const VECTOR_CALLS = ["mulBlock", "dotRows", "axpyRows", "dotRows2", "axpyRows2"] as const;
type VectorCall = (typeof VECTOR_CALLS)[number];
/** The kernels a job may call besides the block kernels; job number `KERNELS.length + k` calls the k-th. */
export const CALLS = [...VECTOR_CALLS, "packSide", "packLanes", "packStrided"] as const;

/**
 * A second thread running kernel calls on the kernels' shared memory: `ready` says whether it can
 * take work (starting it on first call), `start` hands it jobs of `JOB_SLOTS` numbers each, which
 * it claims one after the other — with `more`, more may be appended by calling it again before
 * `wait`, up to `MAX_JOBS` in all; with `together`, the jobs of that call are claimed and run as
 * one (a packer and the kernel call that reads its panels) — `finished(j)` says, without waiting,
 * whether the first j of them are done, and `wait` runs on this thread every job the helper has
 * not claimed, waits for those it has, and says whether all went well (false: a job failed, and
 * the caller must run again those whose results it has not used).
 */
export interface Helper {
  ready(): boolean;
  /** Whether it is still coming up: started by `ready`, neither up nor failed yet. */
  starting(): boolean;
  start(args: readonly number[], more?: boolean, together?: boolean): void;
  finished(jobs: number): boolean;
  wait(): boolean;
}

/**
 * Runs one job: `job[0]` below `blocks.length` is a block kernel's number and the job is the
 * arguments of `chunks` (`runChunks`) after the kernels; otherwise it picks one of `calls` (the
 * kernels named in `CALLS`), given the job's other numbers (unused ones are ignored).
 * Self-contained (no outer names), since the helper thread runs its source text (`threads.ts`).
 */
export function runJob(
  chunks: typeof runChunks,
  blocks: readonly Block[],
  calls: readonly ((...args: number[]) => void)[],
  job: ArrayLike<number> & Iterable<number>,
): void {
  const which = job[0];
  if (which < blocks.length) (chunks as (...args: unknown[]) => void)(blocks, ...job);
  else calls[which - blocks.length](...Array.from(job).slice(1));
}

/** A job calling the memory-bound kernel `name` with `args`, padded to `JOB_SLOTS`. */
export function callJob(name: (typeof CALLS)[number], args: readonly number[]): number[] {
  const job = new Array<number>(JOB_SLOTS).fill(0);
  job[0] = KERNELS.length + CALLS.indexOf(name);
  job.splice(1, args.length, ...args);
  return job;
}

let helper: Helper | null = null;

/** Attaches (or, with null, detaches) the helper thread that large steps are shared with. */
export function attachHelper(h: Helper | null): void {
  helper = h;
}

/** The attached helper, up or not (its `ready` starts it). */
export function attachedHelper(): Helper | null {
  return helper;
}

/** The attached helper when it is up, else null. */
export function readyHelper(): Helper | null {
  return helper?.ready() === true ? helper : null;
}

/**
 * How many threads a large product runs on now: 2 once a helper thread is attached and up, else 1.
 *
 * @example enableThreads(); wasmMatmul(a, b, c, 0, 512, 512, 512); productThreads() // 2 soon after
 */
export function productThreads(): 1 | 2 {
  return readyHelper() === null ? 1 : 2;
}

/** Entries a memory-bound call must stream (read and written) before it is split with the helper. */
export const SHARE_MIN = 1 << 16;

/**
 * Runs the memory-bound kernel call `part(0, rows)`, whose rows are independent, as
 * `part(0, half)` here and `part(half, rows)` in up to four pieces on the helper (those it has
 * not claimed by then run here) when `entries` (what the whole call streams) reaches `SHARE_MIN`
 * and the helper is up; after a failure the helper's half is run again here, after
 * `reset(half, rows)` when the kernel adds into its rows (what was added is unknown).
 *
 * @example shareRows(vector, rows, rows * k, (from, to) => ["dotRows", [y + 8 * from, …]])
 */
export function shareRows(
  vector: VectorKernels,
  rows: number,
  entries: number,
  part: (from: number, to: number) => [VectorCall, number[]],
  reset?: (from: number, to: number) => void,
): void {
  const run = (from: number, to: number) => {
    const [name, args] = part(from, to);
    (vector[name] as (...args: number[]) => void)(...args);
  };
  const partner = entries >= SHARE_MIN && rows >= 2 ? readyHelper() : null;
  if (partner === null) {
    run(0, rows);
    return;
  }
  const half = rows >> 1;
  // the helper's half in pieces: what it has not claimed when this half is done is run here
  const pieces = Math.min(4, rows - half);
  const size = Math.ceil((rows - half) / pieces);
  const jobs: number[] = [];
  for (let from = half; from < rows; from += size) {
    jobs.push(...callJob(...part(from, Math.min(rows, from + size))));
  }
  partner.start(jobs);
  // the helper is waited for whatever happens here: it writes into memory the caller may free
  let helped = true;
  try {
    run(0, half);
  } finally {
    helped = partner.wait();
  }
  if (!helped) {
    reset?.(half, rows);
    run(half, rows);
  }
}
