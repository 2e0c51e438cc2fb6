/**
 * The matrix product on the WebAssembly SIMD kernel, blocked as in GotoBLAS (`blocked.ts`): one
 * product (`wasmMatmul`), or a batch of them (`wasmBatch`). When a helper thread is attached
 * (`threads.ts`, on Node), a large block is split with it; a large batch of small products is
 * shared with it by whole entries instead — the helper's entries packed by this thread first, each
 * into scratch of its own, and handed over as one job. Where WebAssembly SIMD is unavailable
 * (`wasmRuntime.ts`) these report so and callers use the JavaScript kernel.
 */
import {
  type Job,
  KC,
  MS,
  NC,
  product,
  reserveProduct,
  runChunks,
  type Scratch,
  unpack,
  writesInPlace,
} from "./blocked.js";
import { unreserve } from "./heap.js";
import { attachedHelper, type Helper, MAX_JOBS } from "./helper.js";
import { zero } from "./loops.js";
import type { StridedMatrix } from "./strided.js";
import { type Runtime, runtime } from "./wasmRuntime.js";

/**
 * Batches of at least this many multiply–adds are shared with the helper by whole entries: many
 * more than a block needs to be split, as every entry costs a hand-over of its own. Measured here,
 * alternating builds: 128 products of 16 × 16 × 16 (half a million) took 1.1–1.3× their
 * one-thread time shared; from a million on, sharing lost nothing.
 */
export const BATCH_SPLIT_MIN = 1 << 20;
/**
 * What this thread's staging of one entry for the helper costs, in the kernel's multiply–adds per
 * value staged: A's m·k and B's k·n packed, and C's m·n unpacked unless the kernel writes C in
 * place. Measured here, alternating builds: against this thread taking one entry fewer than the
 * helper, attention QKᵀV (8 entries of 64 × 128 × 64, 4 here rather than 3) ran in 0.89–0.91 of
 * its time, 64 products of 32³ in 0.95, 20 of 30 × 100 × 30 (C unpacked) in 0.95–0.98, attention
 * scores and multi-head proj within ±2 %, 256 products of 16³ in 1.01–1.04; with a cost of 8192
 * per entry on top, those 256 products ran 1.28× slower (this thread only staging).
 */
const STAGE_COST = 3;

/**
 * Whether the SIMD kernel is available here (compiling it on first call).
 *
 * @example if (wasmAvailable()) wasmMatmul(a, b, c, 0, m, k, n)
 */
export function wasmAvailable(): boolean {
  return runtime() !== null;
}

/**
 * `C = A · B` for strided `A: m × k` and `B: k × n`, written row-major into `c` at `cOff`
 * (overwriting); returns false (writing nothing) when the kernel is unavailable or its memory
 * cannot hold the product (C padded, beyond 4 GiB). Strides are read while packing, so a
 * transposed operand costs no copy of its own.
 *
 * @example
 * const a = { data: Float64Array.of(1, 2, 3, 4), offset: 0, row: 2, col: 1 };
 * wasmMatmul(a, { data: Float64Array.of(1, 1), offset: 0, row: 1, col: 1 }, c, 0, 2, 2, 1) // c = [3, 7]
 */
export function wasmMatmul(
  a: StridedMatrix,
  b: StridedMatrix,
  c: Float64Array,
  cOff: number,
  m: number,
  k: number,
  n: number,
): boolean {
  const r = runtime();
  return r !== null && multiply(r, a, b, c, cOff, m, k, n, attachedHelper());
}

/** `wasmMatmul` on the loaded kernels, splitting large blocks with `partner` when it is up. */
function multiply(
  r: Runtime,
  a: StridedMatrix,
  b: StridedMatrix,
  c: Float64Array,
  cOff: number,
  m: number,
  k: number,
  n: number,
  partner: Helper | null,
): boolean {
  if (m === 0 || n === 0) return true;
  if (k === 0) {
    zero(c, cOff, cOff + m * n);
    return true;
  }
  const s = reserveProduct(c, cOff, m, n);
  if (s === null) return false;
  try {
    // a helper that failed partway through a product: this thread computes it again, alone
    if (!product(r.blocks, a, b, s, m, k, n, partner)) product(r.blocks, a, b, s, m, k, n, null);
    unpack(r, s, c, cOff, m, n);
  } finally {
    unreserve(s.base);
  }
  return true;
}

/**
 * The batch `C[t] = A[t] · B[t]` for t < `batch`, `entry(t)` giving the two views and C's entries
 * lying m·n apart from 0 on; false when the kernel is unavailable or its memory cannot hold a
 * product (then C may hold some entries). When the helper is up, the batch is large and each entry
 * one block, the helper computes half of the entries or more (the more, the more packing them
 * costs against computing them) — packed by this thread first, each into scratch of its own, and
 * handed over as one job — while this thread computes the rest, unpacking the helper's entries as
 * they are finished; otherwise entry by entry (a large entry split with the helper on its own).
 *
 * @example wasmBatch((t) => [view(a, t * m * k), view(b, t * k * n)], c, 16, m, k, n)
 */
export function wasmBatch(
  entry: (t: number) => readonly [StridedMatrix, StridedMatrix],
  c: Float64Array,
  batch: number,
  m: number,
  k: number,
  n: number,
): boolean {
  const r = runtime();
  if (r === null) return false;
  const partner = attachedHelper();
  const oneBlock = m <= MS && k <= KC && n <= NC && m * k * n > 0;
  let t = 0;
  if (oneBlock && batch * m * k * n >= BATCH_SPLIT_MIN && partner?.ready() === true) {
    // rounds of `mine` entries here and `h` on the helper (each helper entry makes at most two
    // kernel jobs): this thread also stages the helper's entries (`STAGE_COST`), so it takes
    // `share` entries per helper entry, and both finish together
    const unpacked = writesInPlace(c, m, n) ? 0 : m * n;
    const stage = STAGE_COST * (m * k + k * n + unpacked);
    const share = Math.max(0, 1 - stage / (m * k * n));
    while (batch - t >= 2) {
      const count = batch - t;
      const h = Math.min(MAX_JOBS / 2, count - 1, Math.max(1, Math.round(count / (1 + share))));
      const mine = Math.min(count - h, Math.round(h * share));
      const next = shareEntries(r, partner, entry, c, t, mine, h, m, k, n);
      if (next < 0) break; // no room for the helper's scratch: entry by entry from here
      // this thread's entries that did not fit beside the helper's scratch, now freed
      for (let u = next; u < t + mine; u++) {
        const [x, y] = entry(u);
        if (!multiply(r, x, y, c, u * m * n, m, k, n, partner)) return false;
      }
      t += mine + h;
    }
  }
  for (; t < batch; t++) {
    const [x, y] = entry(t);
    if (!multiply(r, x, y, c, t * m * n, m, k, n, partner)) return false;
  }
  return true;
}

/**
 * Entries [t, t + mine + h) of `wasmBatch`, the last h on the helper: the helper's all done, and
 * this thread's from t up to the one returned (t + mine when all fitted beside the helper's
 * scratch); −1, having written nothing, when the helper's scratch does not fit.
 */
function shareEntries(
  r: Runtime,
  partner: Helper,
  entry: (t: number) => readonly [StridedMatrix, StridedMatrix],
  c: Float64Array,
  t: number,
  mine: number,
  h: number,
  m: number,
  k: number,
  n: number,
): number {
  // each of the helper's entries with the number of jobs up to its last
  const theirs: { s: Scratch; cOff: number; jobs: number }[] = [];
  const jobs: Job[] = [];
  try {
    for (let u = t + mine; u < t + mine + h; u++) {
      const s = reserveProduct(c, u * m * n, m, n);
      if (s === null) return -1;
      theirs.push({ s, cOff: u * m * n, jobs: 0 });
    }
    // the helper's finished entries are unpacked between this thread's own, so that little is
    // left to unpack once both are done
    let unpacked = 0;
    const collect = (all: boolean) => {
      for (; unpacked < h && (all || partner.finished(theirs[unpacked].jobs)); unpacked++) {
        const { s, cOff } = theirs[unpacked];
        unpack(r, s, c, cOff, m, n);
      }
    };
    // the helper is waited for whatever happens here: the scratch it works on is freed after
    let helped = true;
    let next = t;
    try {
      // each of the helper's entries is handed over once packed: it starts on the first while
      // this thread packs the next
      for (const [x, held] of theirs.entries()) {
        const [a, b] = entry(t + mine + x);
        const before = jobs.length;
        product(r.blocks, a, b, held.s, m, k, n, null, jobs);
        partner.start(jobs.slice(before).flat(), x < theirs.length - 1);
        held.jobs = jobs.length;
      }
      for (; next < t + mine; next++) {
        const [x, y] = entry(next);
        if (!multiply(r, x, y, c, next * m * n, m, k, n, null)) break;
        collect(false);
      }
    } finally {
      helped = partner.wait();
    }
    // a failed helper's entries not unpacked yet are computed here (their calls overwrite C)
    if (!helped) {
      for (const job of jobs.slice(unpacked > 0 ? theirs[unpacked - 1].jobs : 0)) {
        runChunks(r.blocks, ...job);
      }
    }
    collect(true);
    return next;
  } finally {
    for (const { s } of theirs) unreserve(s.base);
  }
}
