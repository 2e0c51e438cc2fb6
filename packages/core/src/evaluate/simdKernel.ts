/**
 * The WebAssembly SIMD micro-kernel of the matrix product, written with `wasmEmit.ts`. One call
 * multiplies a block of A (panels of MR rows: `kc` steps of MR values side by side, or MR plain
 * rows) by a packed block of B (panels of 4 columns, each `kc` steps of 4 values) and adds the
 * product into C (row stride `ldc` bytes): for every B panel, for every A panel, an MR × 4 tile
 * is accumulated in 2·MR f64x2 registers over the `kc` steps — each step loads two B vectors,
 * splats each A value and does a multiply and an add (or one fused multiply–add) per register —
 * then added to C (or stored into it). Bounds are the driver's job: panels are zero-padded and C
 * is padded to whole tiles, so the kernel never branches on edges.
 */
import { I32, op, V128, type WasmFunction } from "./wasmEmit.js";

/** Rows of the register tile. */
export const MR = 4;
/** Columns of the register tile (two f64x2 vectors). */
export const NR = 4;

// Parameters, then locals. Measured on Node 20 (n = 512): unrolling the k loop, or tiles of
// 2 × 4 or 6 × 4, run slower than this 4 × 4 tile one step at a time — V8 spills the vectors.
const A = 0;
const B = 1;
const C = 2;
const LDC = 3;
const M_PANELS = 4;
const N_PANELS = 5;
const KC = 6;
const A_PANEL = 7;
const A_STRIDE = 8;
const IP = 9;
const JP = 10;
const AP = 11; // row r of the A panel is at local AP + r (rows variant); AP alone when packed
const BP = AP + MR;
const P = BP + 1;
const CP = P + 1;
const ACC = CP + 1; // 2·MR v128 locals
const B0 = ACC + 2 * MR;
const B1 = B0 + 1;
const AV = B1 + 1;

/**
 * The kernel's body. A's panels start `aPanel` bytes apart. Normally each step of a panel holds
 * its MR values side by side and steps are `aStride` bytes apart (packed panels, or the columns of
 * a column-major copy); with `rows`, each row of a panel is a plain run of `kc` values and rows
 * are `aStride` bytes apart (a row-major copy). `store` overwrites C instead of adding to it.
 */
function blockBody(fused: boolean, store: boolean, rows: boolean): number[] {
  const body: number[] = [];
  const emit = (...parts: (number[] | number)[]) => {
    for (const p of parts) typeof p === "number" ? body.push(p) : body.push(...p);
  };
  emit(op.i32Const(0), op.localSet(JP), op.loop);
  emit(op.i32Const(0), op.localSet(IP), op.loop);
  // ap = a + ip·aPanel; bp = b + jp·kc·NR·8
  emit(op.localGet(A), op.localGet(IP), op.localGet(A_PANEL), op.i32Mul, op.i32Add);
  emit(op.localSet(AP));
  if (rows) {
    for (let r = 1; r < MR; r++) {
      emit(op.localGet(AP + r - 1), op.localGet(A_STRIDE), op.i32Add, op.localSet(AP + r));
    }
  }
  emit(op.localGet(B), op.localGet(JP), op.localGet(KC), op.i32Mul, op.i32Const(NR * 8));
  emit(op.i32Mul, op.i32Add, op.localSet(BP));
  for (let r = 0; r < 2 * MR; r++) emit(op.v128Zero, op.localSet(ACC + r));
  emit(op.localGet(KC), op.localSet(P), op.loop);
  emit(op.localGet(BP), op.v128Load(0), op.localSet(B0));
  emit(op.localGet(BP), op.v128Load(16), op.localSet(B1));
  for (let r = 0; r < MR; r++) {
    if (rows) emit(op.localGet(AP + r), op.v128Load64Splat(0), op.localSet(AV));
    else emit(op.localGet(AP), op.v128Load64Splat(8 * r), op.localSet(AV));
    for (let h = 0; h < 2; h++) {
      if (fused) {
        emit(op.localGet(AV), op.localGet(h === 0 ? B0 : B1), op.localGet(ACC + 2 * r + h));
        emit(op.f64x2RelaxedMadd, op.localSet(ACC + 2 * r + h));
      } else {
        emit(op.localGet(ACC + 2 * r + h), op.localGet(AV), op.localGet(h === 0 ? B0 : B1));
        emit(op.f64x2Mul, op.f64x2Add, op.localSet(ACC + 2 * r + h));
      }
    }
  }
  if (rows) {
    for (let r = 0; r < MR; r++) {
      emit(op.localGet(AP + r), op.i32Const(8), op.i32Add, op.localSet(AP + r));
    }
  } else emit(op.localGet(AP), op.localGet(A_STRIDE), op.i32Add, op.localSet(AP));
  emit(op.localGet(BP), op.i32Const(NR * 8), op.i32Add, op.localSet(BP));
  emit(op.localGet(P), op.i32Const(1), op.i32Sub, op.localTee(P), op.brIf(0));
  emit(op.end);
  // cp = c + ip·MR·ldc + jp·NR·8; C tile += accumulators (or = them, for `store`).
  emit(op.localGet(C), op.localGet(IP), op.i32Const(MR), op.i32Mul, op.localGet(LDC));
  emit(op.i32Mul, op.i32Add, op.localGet(JP), op.i32Const(NR * 8), op.i32Mul, op.i32Add);
  emit(op.localSet(CP));
  for (let r = 0; r < MR; r++) {
    for (let h = 0; h < 2; h++) {
      if (store) emit(op.localGet(CP), op.localGet(ACC + 2 * r + h), op.v128Store(16 * h));
      else {
        emit(op.localGet(CP), op.localGet(CP), op.v128Load(16 * h), op.localGet(ACC + 2 * r + h));
        emit(op.f64x2Add, op.v128Store(16 * h));
      }
    }
    emit(op.localGet(CP), op.localGet(LDC), op.i32Add, op.localSet(CP));
  }
  emit(op.localGet(IP), op.i32Const(1), op.i32Add, op.localTee(IP));
  emit(op.localGet(M_PANELS), op.i32LtU, op.brIf(0));
  emit(op.end);
  emit(op.localGet(JP), op.i32Const(1), op.i32Add, op.localTee(JP));
  emit(op.localGet(N_PANELS), op.i32LtU, op.brIf(0));
  emit(op.end);
  return body;
}

/** The kernels a module exports, in this order: [rows][store] picks one. */
export const KERNELS = ["block", "blockStore", "blockRows", "blockRowsStore"] as const;

/**
 * The four `KERNELS`, each `(a, b, c, ldc, mPanels, nPanels, kc, aPanel, aStride)` (byte offsets
 * and strides; counts ≥ 1), for the kernels' module (`wasmRuntime.ts`). `block` adds the product
 * of A's panels and B's packed panels into C; `blockStore` overwrites C with it (the first block
 * of k, so C needs no zeroing); the `Rows` pair reads A's panels as plain rows (see `blockBody`).
 * `fused` uses relaxed SIMD's `f64x2.relaxed_madd` (one fused instruction where the CPU has FMA
 * instead of a multiply and an add, which frees registers and issue slots), which not every
 * engine accepts.
 *
 * @example wasmModule(blockKernels(false), { pages: 1, maximum: 1, shared: false }) // validates
 */
export function blockKernels(fused: boolean): WasmFunction[] {
  return KERNELS.map((name, k) => ({
    name,
    params: new Array<number>(9).fill(I32),
    locals: [
      [I32, CP - IP + 1],
      [V128, 2 * MR + 3],
    ],
    body: blockBody(fused, k % 2 === 1, k >= 2),
  }));
}
