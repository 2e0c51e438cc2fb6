/**
 * The WebAssembly packers of the matrix product, written with `wasmEmit.ts`: they lay
 * four-lane panels out as the block kernel reads them (`pack.ts` describes the layout), for
 * operands that live in the kernels' memory (`heap.ts`). A panel's four lanes (four rows of A, or
 * four columns of B) either lie side by side at every step — then each step is a 32-byte copy —
 * or each lane is contiguous along the steps — then two steps of four lanes are a 4 × 2 transpose,
 * four loads, four shuffles and four stores; `panels` panels are packed one after the other, the
 * source moving `advance` bytes between panels. Any other panel — a partial one at the edge, or
 * one with neither direction contiguous — is packed a value at a time (`packStrided`). All
 * arguments are byte addresses, byte strides or counts.
 */
import {
  addTo,
  advance,
  type Code,
  counted,
  flat,
  I32,
  leftover,
  op,
  trips,
  V128,
  type WasmFunction,
} from "./wasmEmit.js";

const get = op.localGet;
const set = op.localSet;
const PARAMS = [I32, I32, I32, I32, I32, I32];
// (dst, src, kc, stride, panels, advance), then locals
const [DST, SRC, KC, STRIDE, PANELS, ADVANCE, PANEL, COUNT, R0] = [0, 1, 2, 3, 4, 5, 6, 7, 8];

/** Over `panels` panels: `body` packs one from the lane pointers, then the source moves on. */
const eachPanel = (body: Code): Code =>
  counted(PANEL, [get(PANELS)], [...body, get(SRC), get(ADVANCE), op.i32Add, set(SRC)]);

/** `packSide(dst, src, kc, step, panels, advance)`: lanes side by side, steps `step` bytes apart. */
function packSide(): WasmFunction {
  return {
    name: "packSide",
    params: PARAMS,
    locals: [[I32, 3]],
    body: flat(
      eachPanel([
        get(SRC),
        set(R0),
        ...counted(
          COUNT,
          [get(KC)],
          [
            get(DST),
            get(R0),
            op.v128Load(0),
            op.v128Store(0),
            get(DST),
            get(R0),
            op.v128Load(16),
            op.v128Store(16),
            ...advance(DST, 32),
            ...addTo(R0, [get(STRIDE)]),
          ],
        ),
      ]),
    ),
  };
}

/** The low (0) or high (1) f64 of each of two vectors. */
const pick = (half: number) =>
  op.i8x16Shuffle(
    Array.from({ length: 16 }, (_, b) => (b < 8 ? 8 * half + b : 16 + 8 * half + b - 8)),
  );

/**
 * `packLanes(dst, src, kc, lane, panels, advance)`: each lane contiguous along the steps, lanes
 * `lane` bytes apart.
 */
function packLanes(): WasmFunction {
  const V = R0 + 4; // four v128 locals: two steps of each lane
  const lanePointers = [0, 1, 2, 3].flatMap((r) =>
    r === 0 ? [get(SRC), set(R0)] : [get(R0 + r - 1), get(STRIDE), op.i32Add, set(R0 + r)],
  );
  const load = [0, 1, 2, 3].flatMap((r) => [get(R0 + r), op.v128Load(0), set(V + r)]);
  const store = (at: number, half: number, r: number) => [
    get(DST),
    get(V + r),
    get(V + r + 1),
    pick(half),
    op.v128Store(at),
  ];
  const step = [0, 1, 2, 3].flatMap((r) => [
    get(DST),
    get(R0 + r),
    op.f64Load(0),
    op.f64Store(8 * r),
  ]);
  return {
    name: "packLanes",
    params: PARAMS,
    locals: [
      [I32, 6],
      [V128, 4],
    ],
    body: flat(
      eachPanel([
        ...lanePointers,
        ...counted(COUNT, trips(KC, 1), [
          ...load,
          ...store(0, 0, 0),
          ...store(16, 0, 2),
          ...store(32, 1, 0),
          ...store(48, 1, 2),
          ...advance(DST, 64),
          ...[0, 1, 2, 3].flatMap((r) => advance(R0 + r, 16)),
        ]),
        ...counted(COUNT, leftover(KC, 1), [...step, ...advance(DST, 32)]),
      ]),
    ),
  };
}

/**
 * `packStrided(dst, src, kc, step, lane, h)`: one panel of `h` ≤ 4 lanes through any strides, a
 * value at a time, zero-padded to four lanes (missing lanes read lane 0 and store zero instead).
 */
function packStrided(): WasmFunction {
  const [H, STEP, LANE] = [5, 3, 4];
  const present = (r: number) => [op.i32Const(r), get(H), op.i32LtU];
  const lanePointers = [0, 1, 2, 3].flatMap((r) => [
    get(SRC),
    ...(r === 0 ? [] : [op.i32Const(r), get(LANE), op.i32Mul, ...present(r), op.i32Mul, op.i32Add]),
    set(R0 + r),
  ]);
  const step = [0, 1, 2, 3].flatMap((r) => [
    get(DST),
    get(R0 + r),
    op.f64Load(0),
    op.f64Const(0),
    ...present(r),
    op.select,
    op.f64Store(8 * r),
    get(R0 + r),
    get(STEP),
    op.i32Add,
    set(R0 + r),
  ]);
  return {
    name: "packStrided",
    params: PARAMS,
    locals: [[I32, 6]],
    body: flat([...lanePointers, ...counted(COUNT, [get(KC)], [...step, ...advance(DST, 32)])]),
  };
}

/**
 * `copyBlock(dst, src, rows, cols, rowStride, colStride)`: a strided block of `rows` × `cols`
 * values (byte strides) copied to contiguous rows from `dst` on — C's padded tiles unpacked, or a
 * strided view gathered (`strided.ts`). Rows whose values are adjacent (colStride 8) move two
 * values at a time. Safe in place when dst ≤ src and the block is read forward (compaction): every
 * value is read before anything is written over it.
 */
function copyBlock(): WasmFunction {
  const [DST, SRC, ROWS, COLS, ROW_STRIDE, COL_STRIDE, ROW, COUNT, D, S, PAIRS] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
  ];
  return {
    name: "copyBlock",
    params: [I32, I32, I32, I32, I32, I32],
    locals: [[I32, 5]],
    body: flat([
      // pairs = colStride === 8 ? cols >> 1 : 0
      ...trips(COLS, 1),
      op.i32Const(0),
      get(COL_STRIDE),
      op.i32Const(8),
      op.i32Eq,
      op.select,
      set(PAIRS),
      ...counted(
        ROW,
        [get(ROWS)],
        [
          get(DST),
          set(D),
          get(SRC),
          set(S),
          ...counted(
            COUNT,
            [get(PAIRS)],
            [get(D), get(S), op.v128Load(0), op.v128Store(0), ...advance(D, 16), ...advance(S, 16)],
          ),
          ...counted(
            COUNT,
            [get(COLS), get(PAIRS), get(PAIRS), op.i32Add, op.i32Sub],
            [
              get(D),
              get(S),
              op.f64Load(0),
              op.f64Store(0),
              ...advance(D, 8),
              ...addTo(S, [get(COL_STRIDE)]),
            ],
          ),
          ...addTo(DST, [get(COLS), op.i32Const(8), op.i32Mul]),
          ...addTo(SRC, [get(ROW_STRIDE)]),
        ],
      ),
    ]),
  };
}

/** The packers and the block copy, for the kernels' module (`wasmRuntime.ts`). */
export function packKernels(): WasmFunction[] {
  return [packSide(), packLanes(), packStrided(), copyBlock()];
}
