/**
 * The WebAssembly SIMD micro-kernel of the matrix product, written with `wasmEmit.ts`. One call
 * multiplies a packed block of A (panels of MR rows, each `kc` steps of MR values) by a packed
 * block of B (panels of 4 columns, each `kc` steps of 4 values) and adds the product into C (row
 * stride `ldc` bytes): for every B panel, for every A panel, an MR × 4 tile is accumulated in
 * 2·MR f64x2 registers over the `kc` steps — each step loads two B vectors, splats each A value
 * and does a multiply and an add (or one fused multiply–add) per register — then added to C (or
 * stored into it). Bounds are the driver's job: panels are zero-padded and C is padded to whole
 * tiles, so the kernel never branches on edges.
 */
import { I32, type MemoryType, op, V128, type WasmFunction, wasmModule } from "./wasmEmit.js";

/** Rows of the register tile. */
export const MR = 4;
/** Columns of the register tile (two f64x2 vectors). */
export const NR = 4;
/**
 * Steps per loop iteration; the driver pads `kc` to a multiple of it with zeros. Measured on
 * Node 20 (n = 512): 1 step runs at 10–14 GFLOP/s, 4 steps at about 6: V8 spills the unrolled
 * body's vectors, and a tile of 4 × 4 beats 2 × 4 and 6 × 4 for the same reason.
 */
export const UNROLL = 1;

// Parameters, then locals.
const A = 0;
const B = 1;
const C = 2;
const LDC = 3;
const M_PANELS = 4;
const N_PANELS = 5;
const KC = 6;
const IP = 7;
const JP = 8;
const AP = 9;
const BP = 10;
const P = 11;
const CP = 12;
const ACC = 13; // 2·MR v128 locals
const B0 = ACC + 2 * MR;
const B1 = B0 + 1;
const AV = B1 + 1;

function blockBody(fused: boolean, store: boolean): number[] {
  const body: number[] = [];
  const emit = (...parts: (number[] | number)[]) => {
    for (const p of parts) typeof p === "number" ? body.push(p) : body.push(...p);
  };
  emit(op.i32Const(0), op.localSet(JP), op.loop);
  emit(op.i32Const(0), op.localSet(IP), op.loop);
  // ap = a + ip·kc·MR·8, bp = b + jp·kc·NR·8
  emit(op.localGet(A), op.localGet(IP), op.localGet(KC), op.i32Mul, op.i32Const(MR * 8));
  emit(op.i32Mul, op.i32Add, op.localSet(AP));
  emit(op.localGet(B), op.localGet(JP), op.localGet(KC), op.i32Mul, op.i32Const(NR * 8));
  emit(op.i32Mul, op.i32Add, op.localSet(BP));
  for (let r = 0; r < 2 * MR; r++) emit(op.v128Zero, op.localSet(ACC + r));
  emit(op.localGet(KC), op.i32Const(Math.log2(UNROLL)), op.i32ShrU, op.localSet(P), op.loop);
  for (let u = 0; u < UNROLL; u++) {
    emit(op.localGet(BP), op.v128Load(u * NR * 8), op.localSet(B0));
    emit(op.localGet(BP), op.v128Load(u * NR * 8 + 16), op.localSet(B1));
    for (let r = 0; r < MR; r++) {
      emit(op.localGet(AP), op.v128Load64Splat(u * MR * 8 + 8 * r), op.localSet(AV));
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
  }
  emit(op.localGet(AP), op.i32Const(UNROLL * MR * 8), op.i32Add, op.localSet(AP));
  emit(op.localGet(BP), op.i32Const(UNROLL * NR * 8), op.i32Add, op.localSet(BP));
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

/**
 * The kernel module's bytes: it imports `env.memory` of the given type and exports
 * `block(a, b, c, ldc, mPanels, nPanels, kc)` (byte offsets; counts ≥ 1; `kc` a multiple of
 * `UNROLL`), which adds the product into C, and `blockStore` with the same arguments, which
 * overwrites C with it (the first block of k, so C needs no zeroing). `fused` uses relaxed SIMD's
 * `f64x2.relaxed_madd` (one fused instruction where the CPU has FMA instead of a multiply and an
 * add, which frees registers and issue slots), which not every engine accepts.
 *
 * @example new WebAssembly.Module(simdKernelBytes(false, { pages: 1, maximum: 1, shared: false })) // validates
 */
export function simdKernelBytes(fused: boolean, memory: MemoryType): Uint8Array {
  const kernel = (name: string, store: boolean): WasmFunction => ({
    name,
    params: [I32, I32, I32, I32, I32, I32, I32],
    locals: [
      [I32, 6],
      [V128, 2 * MR + 3],
    ],
    body: blockBody(fused, store),
  });
  return wasmModule([kernel("block", false), kernel("blockStore", true)], memory);
}
