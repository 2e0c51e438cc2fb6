/**
 * A tiny WebAssembly assembler: just enough of the binary format to write one module by hand in
 * TypeScript — LEB128 numbers, the type, import, function, export and code sections, the handful
 * of integer, float and 128-bit SIMD instructions the kernels use, and the counted loop and
 * pointer step they are written with. Building the bytes in code keeps the repository free of
 * binary blobs and of any build-time tool; the result is checked by the engine itself
 * (`new WebAssembly.Module` validates every instruction).
 */

/** Unsigned LEB128. */
export function u32(n: number): number[] {
  const out: number[] = [];
  let v = n >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
export function s32(n: number): number[] {
  const out: number[] = [];
  let v = n | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const SIMD = 0xfd;

/** The instructions the kernel needs; each returns its bytes. */
export const op = {
  localGet: (i: number) => [0x20, ...u32(i)],
  localSet: (i: number) => [0x21, ...u32(i)],
  localTee: (i: number) => [0x22, ...u32(i)],
  i32Const: (n: number) => [0x41, ...s32(n)],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32Mul: [0x6c],
  i32LtU: [0x49],
  i32Eq: [0x46],
  i32Eqz: [0x45],
  i32And: [0x71],
  i32ShrU: [0x76],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  brIf: (depth: number) => [0x0d, ...u32(depth)],
  /** f64.load / f64.store with an 8-byte alignment hint and a constant byte offset. */
  f64Load: (offset: number) => [0x2b, 3, ...u32(offset)],
  f64Store: (offset: number) => [0x39, 3, ...u32(offset)],
  /** An f64 constant (little-endian IEEE 754 bytes). */
  f64Const: (x: number) => [0x44, ...new Uint8Array(Float64Array.of(x).buffer)],
  /** The first of two values when the i32 on top is non-zero, else the second. */
  select: [0x1b],
  f64Add: [0xa0],
  f64Mul: [0xa2],
  /** v128.load with an 8-byte alignment hint and a constant byte offset. */
  v128Load: (offset: number) => [SIMD, ...u32(0x00), 3, ...u32(offset)],
  v128Store: (offset: number) => [SIMD, ...u32(0x0b), 3, ...u32(offset)],
  /** Loads one f64 and splats it to both lanes. */
  v128Load64Splat: (offset: number) => [SIMD, ...u32(0x0a), 3, ...u32(offset)],
  v128Zero: [SIMD, ...u32(0x0c), ...new Array<number>(16).fill(0)],
  f64x2ExtractLane: (lane: number) => [SIMD, ...u32(0x21), lane],
  /** Bytes of two vectors picked by 16 indices (0–15 the first, 16–31 the second). */
  i8x16Shuffle: (lanes: readonly number[]) => [SIMD, ...u32(0x0d), ...lanes],
  f64x2Add: [SIMD, ...u32(0xf0)],
  f64x2Mul: [SIMD, ...u32(0xf2)],
  /** Relaxed SIMD: a·b + c, fused where the hardware has FMA. */
  f64x2RelaxedMadd: [SIMD, ...u32(0x107)],
};

/** Code as pieces: instructions' bytes, or single bytes. */
export type Code = (number[] | number)[];

/** The bytes of a piece of code. */
export const flat = (parts: Code): number[] =>
  parts.flatMap((p) => (typeof p === "number" ? [p] : p));

/** local += bytes (a pointer stepping on). */
export const advance = (local: number, bytes: number): Code => [
  op.localGet(local),
  op.i32Const(bytes),
  op.i32Add,
  op.localSet(local),
];

/** local += the i32 that `amount` leaves (a pointer stepping on by a stride held elsewhere). */
export const addTo = (local: number, amount: Code): Code => [
  op.localGet(local),
  ...amount,
  op.i32Add,
  op.localSet(local),
];

/** `for (counter = init; counter !== 0; counter--) body`, skipping the body when init is 0. */
export const counted = (counter: number, init: Code, body: Code): Code => [
  op.block,
  ...init,
  op.localTee(counter),
  op.i32Eqz,
  op.brIf(0),
  op.loop,
  ...body,
  op.localGet(counter),
  op.i32Const(1),
  op.i32Sub,
  op.localTee(counter),
  op.brIf(0),
  op.end,
  op.end,
];

/** count >> shift: the trips of a loop unrolled 2^shift times. */
export const trips = (count: number, shift: number): Code => [
  op.localGet(count),
  op.i32Const(shift),
  op.i32ShrU,
];

/** count & mask: the entries an unrolled loop leaves over. */
export const leftover = (count: number, mask: number): Code => [
  op.localGet(count),
  op.i32Const(mask),
  op.i32And,
];

/** Value types. */
export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;

function vec(items: number[][]): number[] {
  return [...u32(items.length), ...items.flat()];
}

function section(id: number, body: number[]): number[] {
  return [id, ...u32(body.length), ...body];
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...u32(bytes.length), ...bytes];
}

/** One exported function: its parameter types, extra locals (type, count) and body. */
export interface WasmFunction {
  name: string;
  params: number[];
  locals: [type: number, count: number][];
  body: number[];
}

/** The memory a module imports as `env.memory`: its size limits in 64 KiB pages, and whether threads share it. */
export interface MemoryType {
  pages: number;
  maximum: number;
  shared: boolean;
}

/**
 * The bytes of a module that imports one memory (`env.memory`, of the given type) and exports the
 * given functions (no results). Importing, rather than defining, the memory lets several
 * instances — one per thread — work on the same shared memory.
 *
 * @example
 * const bytes = wasmModule([{ name: "f", params: [], locals: [], body: [] }], { pages: 1, maximum: 1, shared: false });
 * new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory: new WebAssembly.Memory({ initial: 1, maximum: 1 }) } });
 */
export function wasmModule(functions: readonly WasmFunction[], memory: MemoryType): Uint8Array {
  const types = section(1, vec(functions.map((f) => [0x60, ...vec(f.params.map((t) => [t])), 0])));
  const limits = [memory.shared ? 0x03 : 0x01, ...u32(memory.pages), ...u32(memory.maximum)];
  const imports = section(2, vec([[...name("env"), ...name("memory"), 0x02, ...limits]]));
  const funcs = section(3, vec(functions.map((_, k) => u32(k))));
  const exports = section(7, vec(functions.map((f, k) => [...name(f.name), 0x00, ...u32(k)])));
  const code = section(
    10,
    vec(
      functions.map((f) => {
        const body = [...vec(f.locals.map(([t, n]) => [...u32(n), t])), ...f.body, ...op.end];
        return [...u32(body.length), ...body];
      }),
    ),
  );
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...types,
    ...imports,
    ...funcs,
    ...exports,
    ...code,
  ]);
}
