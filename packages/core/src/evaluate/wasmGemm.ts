/**
 * The matrix product on the WebAssembly SIMD kernel (`simdKernel.ts`), blocked as in GotoBLAS:
 * for each KC × NC block of B (packed once into 4-column panels) and each MC × KC block of A
 * (packed into MR-row panels), one kernel call adds the block product into a padded copy of C in
 * the module's memory, which is copied out at the end. Packing reads the caller's arrays directly,
 * so only C makes a round trip. The module is compiled once, lazily and synchronously, on first
 * use: the fused multiply–add kernel where the engine has relaxed SIMD, else the plain SIMD one;
 * where WebAssembly SIMD is unavailable `wasmMatmul` reports so and callers use the JS kernel.
 */
import { MR, NR, simdKernelBytes, UNROLL } from "./simdKernel.js";

const KC = 256;
const MC = 120;
const NC = 2048;
const PAGE = 65536;

interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface Kernel {
  memory: WasmMemory;
  fused: boolean;
  block: (a: number, b: number, c: number, ldc: number, mp: number, np: number, kc: number) => void;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

let kernel: Kernel | null | undefined;

function load(): Kernel | null {
  if (kernel !== undefined) return kernel;
  kernel = null;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (api === undefined) return kernel;
  const compile = (fused: boolean): Kernel | null => {
    try {
      const { exports } = new api.Instance(new api.Module(simdKernelBytes(fused)), {});
      const block = exports.block as Kernel["block"];
      return { memory: exports.memory as WasmMemory, block, fused };
    } catch {
      return null;
    }
  };
  // no V8 flag flipping: a library must not change its host's engine settings
  kernel = compile(true) ?? compile(false);
  return kernel;
}

/** Whether the loaded kernel uses fused multiply–adds (for reports); loads it if needed. */
export function wasmKernelKind(): "fused" | "simd" | "none" {
  const k = load();
  return k === null ? "none" : k.fused ? "fused" : "simd";
}

/**
 * Whether the SIMD kernel is available here (compiling it on first call).
 *
 * @example if (wasmAvailable()) wasmMatmul(a, 0, b, 0, c, 0, m, k, n)
 */
export function wasmAvailable(): boolean {
  return load() !== null;
}

/**
 * `C = A · B` for row-major `A: m × k` at `aOff`, `B: k × n` at `bOff`, written into `c` at `cOff`
 * (overwriting); returns false (writing nothing) when the kernel is unavailable.
 *
 * @example wasmMatmul(Float64Array.of(1, 2, 3, 4), 0, Float64Array.of(1, 1), 0, c, 0, 2, 2, 1) // c = [3, 7]
 */
export function wasmMatmul(
  a: Float64Array,
  aOff: number,
  b: Float64Array,
  bOff: number,
  c: Float64Array,
  cOff: number,
  m: number,
  k: number,
  n: number,
): boolean {
  const w = load();
  if (w === null) return false;
  if (m === 0 || n === 0) return true;
  const mPad = Math.ceil(m / MR) * MR;
  const nPad = Math.ceil(n / NR) * NR;
  const aPack = 0;
  const bPack = aPack + MC * KC + MR * KC;
  const cBase = bPack + KC * (Math.ceil(Math.min(NC, nPad) / NR) * NR);
  const need = (cBase + mPad * nPad) * 8;
  if (w.memory.buffer.byteLength < need) {
    w.memory.grow(Math.ceil((need - w.memory.buffer.byteLength) / PAGE));
  }
  const mem = new Float64Array(w.memory.buffer);
  mem.fill(0, cBase, cBase + mPad * nPad);
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = Math.min(NC, n - j0);
    const nPanels = Math.ceil(nc / NR);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const kc = Math.min(KC, k - p0);
      const kcPad = Math.ceil(kc / UNROLL) * UNROLL;
      packB(b, bOff, n, p0, kc, kcPad, j0, nc, mem, bPack);
      for (let i0 = 0; i0 < m; i0 += MC) {
        const mc = Math.min(MC, m - i0);
        packA(a, aOff, k, i0, mc, p0, kc, kcPad, mem, aPack);
        const cAt = cBase + i0 * nPad + j0;
        w.block(aPack * 8, bPack * 8, cAt * 8, nPad * 8, Math.ceil(mc / MR), nPanels, kcPad);
      }
    }
  }
  if (nPad === n) c.set(mem.subarray(cBase, cBase + m * n), cOff);
  else {
    for (let i = 0; i < m; i++) {
      const from = cBase + i * nPad;
      c.set(mem.subarray(from, from + n), cOff + i * n);
    }
  }
  return true;
}

/**
 * A[i0 : i0+mc, p0 : p0+kc] as MR-row panels of `kcPad` steps:
 * mem[at + panel·kcPad·MR + p·MR + r], zero-padded in both directions.
 */
function packA(
  a: Float64Array,
  aOff: number,
  k: number,
  i0: number,
  mc: number,
  p0: number,
  kc: number,
  kcPad: number,
  mem: Float64Array,
  at: number,
): void {
  for (let ip = 0; ip < mc; ip += MR) {
    const base = at + ip * kcPad;
    const h = Math.min(MR, mc - ip);
    for (let r = 0; r < MR; r++) {
      let dst = base + r;
      if (r >= h) {
        for (let p = 0; p < kcPad; p++, dst += MR) mem[dst] = 0;
        continue;
      }
      let src = aOff + (i0 + ip + r) * k + p0;
      for (let p = 0; p < kc; p++, dst += MR) mem[dst] = a[src++];
      for (let p = kc; p < kcPad; p++, dst += MR) mem[dst] = 0;
    }
  }
}

/**
 * B[p0 : p0+kc, j0 : j0+nc] as NR-column panels of `kcPad` steps:
 * mem[at + panel·kcPad·NR + p·NR + q], zero-padded in both directions.
 */
function packB(
  b: Float64Array,
  bOff: number,
  n: number,
  p0: number,
  kc: number,
  kcPad: number,
  j0: number,
  nc: number,
  mem: Float64Array,
  at: number,
): void {
  for (let jp = 0; jp < nc; jp += NR) {
    const base = at + jp * kcPad;
    const w = Math.min(NR, nc - jp);
    mem.fill(0, base + kc * NR, base + kcPad * NR);
    for (let p = 0; p < kc; p++) {
      const src = bOff + (p0 + p) * n + j0 + jp;
      const dst = base + p * NR;
      if (w === NR) {
        mem[dst] = b[src];
        mem[dst + 1] = b[src + 1];
        mem[dst + 2] = b[src + 2];
        mem[dst + 3] = b[src + 3];
      } else {
        for (let q = 0; q < NR; q++) mem[dst + q] = q < w ? b[src + q] : 0;
      }
    }
  }
}
