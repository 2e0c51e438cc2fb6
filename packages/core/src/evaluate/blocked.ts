/**
 * The blocking of one matrix product on the WebAssembly SIMD kernel (`simdKernel.ts`), as in
 * GotoBLAS: for each KC × NC block of B (packed once into 4-column panels) and each block of up to
 * MS rows of A (packed into MR-row panels; or, when B is at most 32 columns wide, copied as plain
 * rows or columns, or read where it lies when A lives in the kernels' memory; `pack.ts`), kernel
 * calls on MC-row chunks (`runChunks`) add the block product into a padded copy of C in the
 * module's memory (the first block of k stores it, so C is never zeroed), which is unpacked into C
 * at the end (`unpack`) — unless C itself lives there and is made of whole tiles, when the kernel
 * writes it in place. The packs and C's copy live in scratch space reserved for the product
 * (`reserveProduct`, `heap.ts`). Packing reads the caller's arrays directly, through their
 * strides, so a transposed operand is never copied. A large block is split with a helper thread
 * (`Helper`): it takes half of the block on the same shared memory, in pieces, while this thread
 * runs the other half and then any piece the helper has not claimed — half of A's row panels, or
 * of B's panels when there are more of those (a wide product of few rows; then the helper packs
 * its own panels of B first, when they are many, and its half is one piece). `wasmGemm.ts`
 * drives it.
 */
import { address, heap, reserve } from "./heap.js";
import { callJob, type Helper } from "./helper.js";
import { copyColumns, copyRows, type Packer, packA, packB } from "./pack.js";
import { MR, NR } from "./simdKernel.js";
import type { StridedMatrix } from "./strided.js";
import type { Block, Runtime } from "./wasmRuntime.js";

/** Steps of k per block of B and of A. */
export const KC = 256;
/** Rows of A per kernel call. */
const MC = 120;
/** Rows of A per block. */
export const MS = 2048;
/** Columns of B per block. */
export const NC = 2048;
/**
 * Blocks of at least this many multiply–adds (about 5 µs of one core) are split with the helper
 * thread (which spins for a while after each job, `threads.ts`, so that between the steps of a
 * contraction it is mostly awake). Measured on the bench here (AMD EPYC, two cores), alternating
 * builds in separate processes: at 2^20 rather than 2^22, hadamard dup (blocks of 2 million) ran
 * in 0.75–0.79 of its time and hyperedge 3-way (3.5 million) in 0.67–0.69; at 2^18, ring 8
 * (64 × 64 × 64 products) in 0.64–0.72; at 2^16, ring 12 (48 × 48 × 48) in 0.66–0.74 and the
 * trace derivative in 0.81–0.90 in most rounds; the other problems' medians moved within the
 * noise (±5 %). In some rounds the two cores ran at half speed side by side (sharing one physical
 * core, presumably), and ring 12 then lost 8–28 % split.
 */
export const SPLIT_MIN = 1 << 16;
/**
 * A block split by B's panels lets the helper pack its own panels of B from this many entries on.
 * Measured here, in one process alternating builds: a 24 × 256 × 96 product (12 thousand entries
 * of B for the helper) ran in 0.92–0.94 of its time, 24 × 400 × 576 (the hyperedge's, 74 thousand
 * per block of k) in 0.91; 20 × 256 × 32 (4 thousand) lost 4 % and, with a last, partial panel of
 * B on the helper, 20 × 256 × 30 lost 10–20 % (so the helper packs only whole panels).
 */
const PACK_SHARE_MIN = 1 << 13;
/** `runChunks`'s arguments from B on: B, C, C's row stride, B's panels, kc, and A's panel range. */
type Part = readonly [
  b: number,
  c: number,
  ldc: number,
  nPanels: number,
  kc: number,
  from: number,
  to: number,
];
/** All of `runChunks`'s arguments after the kernels: one kernel job. */
export type Job = readonly [
  which: number,
  rows: number,
  step: number,
  a: number,
  aPanel: number,
  aStride: number,
  ...Part,
];
/** A is copied rather than packed when B has at most this many panels. */
const COPY_MAX_PANELS = 8;
/**
 * A that lives in the kernels' memory is read where it lies rather than packed when B has at most
 * this many panels (n ≤ 128). Measured here, in one process alternating builds: with 32 rather
 * than 8, ring 8 (64 × 64 × 64 products) and ring 12 ran in 0.95 of their time, hadamard ×5 in
 * 0.94–0.95, 256 × 256 × n products in 0.89 (n = 48) to 0.95 (n = 128); with no bound, 256³ ran
 * in 0.93–0.95 but 128 × 256 × 512 in 1.07.
 */
const IN_PLACE_MAX_PANELS = 32;
/**
 * Kernel calls for row panels [from, to) of a block, `step` panels of `rows` rows at a time, with
 * kernel number `which` of `KERNELS`: A's panels start at byte `a`, `aPanel` bytes apart (with
 * the kernel's `aStride`), C's first row at byte `c`. Self-contained (no outer names), since the
 * helper thread runs its source text (`threads.ts`).
 */
export function runChunks(
  kernels: readonly Block[],
  which: number,
  rows: number,
  step: number,
  a: number,
  aPanel: number,
  aStride: number,
  b: number,
  c: number,
  ldc: number,
  nPanels: number,
  kc: number,
  from: number,
  to: number,
): void {
  const kernel = kernels[which];
  for (let ip = from; ip < to; ip += step) {
    const panels = Math.min(step, to - ip);
    kernel(a + ip * aPanel, b, c + ip * rows * ldc, ldc, panels, nPanels, kc, aPanel, aStride);
  }
}

/**
 * The helper's share of a block is handed over in pieces of at least `PIECE_MIN` multiply–adds
 * (about 5 µs of one core), at most `MAX_PIECES` of them: the smaller the pieces, the less this
 * thread waits when the helper is descheduled holding one.
 */
const PIECE_MIN = 1 << 16;
const MAX_PIECES = 16;

/**
 * [from, to) in as many ranges of about equal size as `work` multiply–adds allow (see
 * `PIECE_MIN`).
 *
 * @example shares(0, 10, 4 * PIECE_MIN) // [[0, 3], [3, 6], [6, 9], [9, 10]]
 */
export function shares(from: number, to: number, work: number): [number, number][] {
  const count = Math.max(1, Math.min(MAX_PIECES, to - from, Math.floor(work / PIECE_MIN)));
  const size = Math.ceil((to - from) / count);
  const ranges: [number, number][] = [];
  for (let x = from; x < to; x += size) ranges.push([x, Math.min(to, x + size)]);
  return ranges;
}

/**
 * A product's scratch: A's packs for up to `aRows` rows from byte `base` on, B's after them, and
 * the padded C at float64 index `cBase` — C itself when `direct`.
 */
export interface Scratch {
  base: number;
  aRows: number;
  cBase: number;
  direct: boolean;
}

/** Whether the kernel writes an m × n C straight into `c`: C lives in its memory, of whole tiles. */
export function writesInPlace(c: Float64Array, m: number, n: number): boolean {
  return address(c) >= 0 && m % MR === 0 && n % NR === 0;
}

/** Reserves a product's scratch; null when the kernels' memory cannot hold it. */
export function reserveProduct(
  c: Float64Array,
  cOff: number,
  m: number,
  n: number,
): Scratch | null {
  const mPad = Math.ceil(m / MR) * MR;
  const nPad = Math.ceil(n / NR) * NR;
  const aRows = Math.min(MS, mPad);
  const bCols = Math.min(NC, nPad);
  // C in the kernels' memory, of whole tiles, is written in place; otherwise a padded copy
  const direct = writesInPlace(c, m, n);
  const bytes = reserve((aRows * KC + KC * bCols + (direct ? 0 : mPad * nPad)) * 8);
  if (bytes < 0) return null;
  const base = bytes / 8;
  const cBase = direct ? address(c) / 8 + cOff : base + aRows * KC + KC * bCols;
  return { base: bytes, aRows, cBase, direct };
}

/**
 * C from its padded copy, made contiguous in WebAssembly: straight into a C that lives in the
 * kernels' memory, else in place and then copied out in one piece (nothing when `direct`).
 */
export function unpack(
  r: Runtime,
  s: Scratch,
  c: Float64Array,
  cOff: number,
  m: number,
  n: number,
): void {
  if (s.direct) return;
  const nPad = Math.ceil(n / NR) * NR;
  const home = address(c);
  if (home >= 0) r.pack.copyBlock(home + 8 * cOff, 8 * s.cBase, m, n, 8 * nPad, 8);
  else {
    if (nPad !== n) r.pack.copyBlock(8 * s.cBase, 8 * s.cBase, m, n, 8 * nPad, 8);
    c.set(heap().subarray(s.cBase, s.cBase + m * n), cOff);
  }
}

/**
 * The blocked product into the scratch `s`, splitting large blocks with `partner` when it is up;
 * or, given `jobs`, every panel staged now and the kernel calls recorded there (as `runChunks`'s
 * arguments), not run — for a product of one block, whose packs no later block overwrites. False
 * when the partner failed on a block that adds into C: then C is not the product, and the caller
 * must compute it again (without that partner).
 */
export function product(
  kernels: readonly Block[],
  a: StridedMatrix,
  b: StridedMatrix,
  s: Scratch,
  m: number,
  k: number,
  n: number,
  partner: Helper | null,
  jobs?: Job[],
): boolean {
  const nPad = Math.ceil(n / NR) * NR;
  const aPack = s.base / 8;
  const bPack = aPack + s.aRows * KC;
  const cBase = s.cBase;
  let complete = true;
  const mem = heap();
  const ldc = nPad * 8;
  // Copying A's contiguous rows or columns as they are (or reading them where they lie) saves
  // packing's cost, but the kernel then reads A with a large stride; that pays only when each A
  // panel meets few B panels (n ≤ 32 copied, n ≤ 128 in place).
  const resident = address(a.data) >= 0;
  const copy = Math.ceil(n / NR) <= (resident ? IN_PLACE_MAX_PANELS : COPY_MAX_PANELS);
  const layout = copy && a.col === 1 ? "rows" : copy && a.row === 1 ? "columns" : "panels";
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = Math.min(NC, n - j0);
    const nPanels = Math.ceil(nc / NR);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const kc = Math.min(KC, k - p0);
      // B's panels [from, to) (columns from j0 + from·NR on, at bPack + from·kc·NR), packed here
      // or, given `pack`, by the packer calls handed to it
      const packPanelsB = (from: number, to: number, pack?: Packer) =>
        packB(
          b,
          p0,
          kc,
          j0 + from * NR,
          Math.min(nc, to * NR) - from * NR,
          mem,
          bPack + from * kc * NR,
          pack,
        );
      // B is packed before its first use: all of it here, or each half by the thread that
      // multiplies it when a block is split by B's panels (then the helper packs its own)
      let bPacked = false;
      const packAllB = () => {
        if (!bPacked) packB(b, p0, kc, j0, nc, mem, bPack);
        bPacked = true;
      };
      for (let i0 = 0; i0 < m; i0 += MS) {
        const ms = Math.min(MS, m - i0);
        const panels = Math.ceil(ms / MR);
        const cAt = (cBase + i0 * nPad + j0) * 8;
        // contiguous rows or columns of A are copied as they are, other layouts packed into
        // panels; the first block of k overwrites C's stale contents
        const ld = panels * MR; // the column copy's stride
        const [aPanel, aStride] =
          layout === "rows" ? [MR * kc, kc] : layout === "columns" ? [MR, ld] : [MR * kc, MR];
        const stage = (from: number, count: number) => {
          const at = aPack + (layout === "columns" ? from : from * kc);
          if (layout === "rows") copyRows(a, i0 + from, count, p0, kc, mem, at);
          else if (layout === "columns") copyColumns(a, i0 + from, count, p0, kc, mem, at, ld);
          else packA(a, i0 + from, count, p0, kc, mem, at);
        };
        const which = (layout === "rows" ? 2 : 0) + (p0 === 0 ? 1 : 0);
        const rest = [bPack * 8, cAt, ldc, nPanels, kc] as const;
        /** Panels [first, last) with A at byte `at`, staged by `stage`, shared with a helper. */
        const run = (
          at: number,
          panel: number,
          stride: number,
          first: number,
          last: number,
          stage: (from: number, count: number) => void,
        ) => {
          const args = [which, MR, MC / MR, at, panel * 8, stride * 8] as const;
          const rows = last - first;
          const stageRows = (from: number, to: number) =>
            stage(from * MR, Math.min(to * MR, ms) - from * MR);
          if (jobs !== undefined) {
            packAllB();
            stageRows(first, last);
            jobs.push([...args, ...rest, first, last]);
            return;
          }
          const split =
            rows * MR * kc * nc >= SPLIT_MIN &&
            Math.max(rows, nPanels) >= 2 &&
            partner?.ready() === true;
          if (!split) {
            packAllB();
            stageRows(first, last);
            runChunks(kernels, ...args, ...rest, first, last);
            return;
          }
          // with a helper: A's row panels are halved, or B's panels when there are more of those
          // (both threads then read all of A); the helper's part is staged first so that it
          // starts while this thread stages its own
          const byRows = rows >= nPanels;
          const half = byRows ? first + Math.ceil(rows / 2) : Math.ceil(nPanels / 2);
          // B's panels from `half` on, and C's columns under them
          const right = [bPack * 8 + half * kc * NR * 8, cAt + half * NR * 8] as const;
          const mine: Part = byRows
            ? [...rest, first, half]
            : [bPack * 8, cAt, ldc, half, kc, first, last];
          const theirs: Part = byRows
            ? [...rest, half, last]
            : [...right, ldc, nPanels - half, kc, first, last];
          // the helper's share in pieces, claimed one by one: what it has not claimed when this
          // thread is done with its own, this thread runs (`Helper.wait`)
          const pieces = byRows
            ? shares(half, last, (last - half) * MR * kc * nc).map(
                ([from, to]): Part => [...rest, from, to],
              )
            : shares(half, nPanels, (nPanels - half) * NR * kc * ms).map(
                ([from, to]): Part => [
                  bPack * 8 + from * kc * NR * 8,
                  cAt + from * NR * 8,
                  ldc,
                  to - from,
                  kc,
                  first,
                  last,
                ],
              );
          // split by B's panels, the helper packs its own whole panels of B (when they are many),
          // one packer call ahead of its kernel job, when B lives in the kernels' memory with
          // contiguous rows or columns; this thread packs the rest (a last, partial panel), or
          // else all of B
          const whole = Math.floor(nc / NR);
          const packJobs: number[][] = [];
          const record: Packer = (name, ...call) => packJobs.push(callJob(name, call));
          const packing =
            !byRows &&
            !bPacked &&
            (whole - half) * NR * kc >= PACK_SHARE_MIN &&
            packPanelsB(half, whole, record) &&
            packJobs.length === 1;
          if (packing) packPanelsB(whole, nPanels);
          else packAllB();
          stageRows(byRows ? half : first, last);
          // (with its packer call, the helper's share is one unit: the packer's panels first)
          if (packing) partner.start([...packJobs.flat(), ...args, ...theirs], false, true);
          else partner.start(pieces.flatMap((piece) => [...args, ...piece]));
          // the helper is waited for whatever happens here: the scratch it works on is freed after
          let helped = true;
          try {
            if (byRows) stageRows(first, half);
            if (packing) packPanelsB(0, half);
            runChunks(kernels, ...args, ...mine);
          } finally {
            helped = partner.wait();
          }
          // a failed helper's part is redone here when its calls overwrite C (the first block of
          // k), B's half it was to pack packed here first; later blocks add into C, and what the
          // helper added before failing is unknown
          if (!helped && packing) packPanelsB(half, whole);
          bPacked = true;
          if (!helped && p0 === 0) runChunks(kernels, ...args, ...theirs);
          else if (!helped) complete = false;
        };
        // rows or columns of A that live in the kernels' memory are read where they lie, all but
        // a last, partial panel (the kernel reads whole panels: that one is copied, zero-padded)
        const home = layout === "panels" ? -1 : address(a.data);
        const inPlace = home < 0 ? 0 : Math.floor(ms / MR);
        if (inPlace > 0) {
          const at = home + 8 * (a.offset + i0 * a.row + p0 * a.col);
          const [panel, stride] = layout === "rows" ? [MR * a.row, a.row] : [MR, a.col];
          run(at, panel, stride, 0, inPlace, () => {});
        }
        if (inPlace < panels) run(aPack * 8, aPanel, aStride, inPlace, panels, stage);
        if (!complete) return false;
      }
    }
  }
  return true;
}
