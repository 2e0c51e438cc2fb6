/**
 * The kernels' WebAssembly module and its memory. One module holds every kernel (the matrix
 * product's blocks, `simdKernel.ts`, and packers, `packKernel.ts`, and the memory-bound loops,
 * `vectorKernel.ts`) and imports
 * its memory, so that a helper thread can instantiate it on the same memory (`threads.ts`). It is
 * compiled once, lazily and synchronously, on first use: with the fused multiply–add where the
 * engine has relaxed SIMD, else plain SIMD, and on shared memory where the host allows it (Node,
 * cross-origin-isolated pages); where WebAssembly SIMD is unavailable `runtime()` is null and the
 * callers use their JavaScript loops. It never flips engine flags: a library must not change its
 * host's settings.
 */
import { packKernels } from "./packKernel.js";
import { blockKernels, KERNELS } from "./simdKernel.js";
import { vectorKernels } from "./vectorKernel.js";
import { type MemoryType, wasmModule } from "./wasmEmit.js";

/** The memory may grow to 4 GiB, all that 32-bit addresses reach. */
export const MAX_PAGES = 65536;

/** A WebAssembly memory, as much of its API as is used here. */
export interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}
/** One of the matrix product's `KERNELS` (see `simdKernel.ts` for the arguments). */
export type Block = (
  a: number,
  b: number,
  c: number,
  ldc: number,
  mp: number,
  np: number,
  kc: number,
  aPanel: number,
  aStride: number,
) => void;
/** The memory-bound kernels of `vectorKernel.ts` (byte addresses and counts). */
export interface VectorKernels {
  mulBlock(
    dst: number,
    a: number,
    b: number,
    rows: number,
    cols: number,
    aRow: number,
    bRow: number,
    aCol: number,
    bCol: number,
    count: number,
    aBatch: number,
    bBatch: number,
  ): void;
  dotRows(y: number, a: number, x: number, m: number, k: number, lda: number): void;
  axpyRows(y: number, x: number, b: number, k: number, n: number, ldb: number): void;
  /** `dotRows` for two vectors, the second's x and y `xGap` and `yGap` bytes after the first's. */
  dotRows2(
    y: number,
    a: number,
    x: number,
    m: number,
    k: number,
    lda: number,
    yGap: number,
    xGap: number,
  ): void;
  /** `axpyRows` for two vectors, the second's x and y `xGap` and `yGap` bytes after the first's. */
  axpyRows2(
    y: number,
    x: number,
    b: number,
    k: number,
    n: number,
    ldb: number,
    yGap: number,
    xGap: number,
  ): void;
}
/** The packers and the block copy of `packKernel.ts` (byte addresses, byte strides and counts). */
export interface PackKernels {
  packSide(
    dst: number,
    src: number,
    kc: number,
    step: number,
    panels: number,
    advance: number,
  ): void;
  packLanes(
    dst: number,
    src: number,
    kc: number,
    lane: number,
    panels: number,
    advance: number,
  ): void;
  packStrided(dst: number, src: number, kc: number, step: number, lane: number, h: number): void;
  copyBlock(
    dst: number,
    src: number,
    rows: number,
    cols: number,
    rowStride: number,
    colStride: number,
  ): void;
}
/** The compiled module, its instance's kernels and its memory. */
export interface Runtime {
  module: object;
  memory: WasmMemory;
  shared: boolean;
  fused: boolean;
  /** The matrix product's kernels, in the order of `KERNELS`. */
  blocks: Block[];
  vector: VectorKernels;
  pack: PackKernels;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}

let loaded: Runtime | null | undefined;

function compile(api: WasmApi, fused: boolean, shared: boolean): Runtime | null {
  try {
    const type: MemoryType = { pages: 1, maximum: MAX_PAGES, shared };
    const memory = new api.Memory({ initial: 1, maximum: MAX_PAGES, shared });
    const functions = [...blockKernels(fused), ...vectorKernels(), ...packKernels()];
    const module = new api.Module(wasmModule(functions, type));
    const { exports } = new api.Instance(module, { env: { memory } });
    const blocks = KERNELS.map((name) => exports[name] as Block);
    const vector = exports as unknown as VectorKernels;
    const pack = exports as unknown as PackKernels;
    return { module, memory, shared, fused, blocks, vector, pack };
  } catch {
    return null;
  }
}

/**
 * The kernels and their memory, compiled on first call; null where WebAssembly SIMD is unavailable.
 *
 * @example runtime()?.vector.dotRows(y, a, x, m, k, lda)
 */
export function runtime(): Runtime | null {
  if (loaded !== undefined) return loaded;
  loaded = null;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (api === undefined) return loaded;
  for (const [fused, shared] of [
    [true, true],
    [false, true],
    [true, false],
    [false, false],
  ]) {
    loaded ??= compile(api, fused, shared);
  }
  return loaded;
}

/** Whether the loaded kernel uses fused multiply–adds (for reports); loads it if needed. */
export function wasmKernelKind(): "fused" | "simd" | "none" {
  const r = runtime();
  return r === null ? "none" : r.fused ? "fused" : "simd";
}

/**
 * The compiled module and its memory, when the memory is shared, for a helper thread to
 * instantiate; null otherwise.
 */
export function sharedKernel(): { module: object; memory: object } | null {
  const r = runtime();
  return r?.shared ? { module: r.module, memory: r.memory } : null;
}
