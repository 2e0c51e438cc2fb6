/**
 * The WebAssembly SIMD kernels of the memory-bound steps, written with `wasmEmit.ts`: the
 * elementwise product of two strided blocks (Hadamard products, scalings, outer products), and the
 * two matrix–vector products (dot products along a matrix's rows, or axpys along them). Each
 * streams its operands once, two f64 lanes at a time, with a plain f64 loop for the last few
 * entries (or for strides that are not contiguous), so any count is fine (0 included). All
 * arguments are byte addresses or counts in the kernels' memory; `elementwise.ts` and `thin.ts`
 * call them when the large operands already live there (`heap.ts`), since copying an operand in
 * would cost as much as the arithmetic.
 */
import {
  addTo,
  advance,
  type Code,
  counted,
  F64,
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

/**
 * `mulBlock(dst, a, b, rows, cols, aRow, bRow, aCol, bCol)`: a `rows` × `cols` block of the
 * elementwise product of two strided views (byte strides) written as contiguous rows from `dst`
 * on: dst[r·cols + j] = a[r·aRow + j·aCol]·b[r·bRow + j·bCol]. Rows where both views are
 * contiguous (strides 8) are multiplied two lanes at a time, rows where a is contiguous and b
 * constant (bCol 0) scaled two lanes at a time; other strides, and the last odd entry, a value at
 * a time.
 */
function mulBlock(): WasmFunction {
  const [DST, A, B, ROWS, COLS, A_ROW, B_ROW, A_COL, B_COL] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [ROW, COUNT, D, AP, BP, MUL_PAIRS, SCALE_PAIRS, SV] = [9, 10, 11, 12, 13, 14, 15, 16];
  // pairs when a is contiguous and b's column stride is `bCol`, else 0
  const pairs = (bCol: number) => [
    ...trips(COLS, 1),
    op.i32Const(0),
    get(A_COL),
    op.i32Const(8),
    op.i32Eq,
    get(B_COL),
    op.i32Const(bCol),
    op.i32Eq,
    op.i32And,
    op.select,
  ];
  const rest = [
    get(COLS),
    get(MUL_PAIRS),
    get(SCALE_PAIRS),
    op.i32Add,
    op.i32Const(2),
    op.i32Mul,
    op.i32Sub,
  ];
  return {
    name: "mulBlock",
    params: [I32, I32, I32, I32, I32, I32, I32, I32, I32],
    locals: [
      [I32, 7],
      [V128, 1],
    ],
    body: flat([
      ...pairs(8),
      set(MUL_PAIRS),
      ...pairs(0),
      set(SCALE_PAIRS),
      ...counted(
        ROW,
        [get(ROWS)],
        [
          get(DST),
          set(D),
          get(A),
          set(AP),
          get(B),
          set(BP),
          ...counted(
            COUNT,
            [get(MUL_PAIRS)],
            [
              get(D),
              get(AP),
              op.v128Load(0),
              get(BP),
              op.v128Load(0),
              op.f64x2Mul,
              op.v128Store(0),
              ...advance(D, 16),
              ...advance(AP, 16),
              ...advance(BP, 16),
            ],
          ),
          get(BP),
          op.v128Load64Splat(0),
          set(SV),
          ...counted(
            COUNT,
            [get(SCALE_PAIRS)],
            [
              get(D),
              get(AP),
              op.v128Load(0),
              get(SV),
              op.f64x2Mul,
              op.v128Store(0),
              ...advance(D, 16),
              ...advance(AP, 16),
            ],
          ),
          ...counted(COUNT, rest, [
            get(D),
            get(AP),
            op.f64Load(0),
            get(BP),
            op.f64Load(0),
            op.f64Mul,
            op.f64Store(0),
            ...advance(D, 8),
            ...addTo(AP, [get(A_COL)]),
            ...addTo(BP, [get(B_COL)]),
          ]),
          ...addTo(DST, [get(COLS), op.i32Const(8), op.i32Mul]),
          ...addTo(A, [get(A_ROW)]),
          ...addTo(B, [get(B_ROW)]),
        ],
      ),
    ]),
  };
}

/**
 * `dotRows(y, a, x, m, k, lda)`: y[i] = Σ_p a[i·lda + p]·x[p] for i < m (lda in bytes), each a
 * dot product with four running vector sums to hide the additions' latency.
 */
function dotRows(): WasmFunction {
  const [Y, A, X, M, K, LDA, ROWS, COUNT, AP, XP, ACC, SUM] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14,
  ];
  const step = (q: number) => [
    get(ACC + q),
    get(AP),
    op.v128Load(16 * q),
    get(XP),
    op.v128Load(16 * q),
    op.f64x2Mul,
    op.f64x2Add,
    set(ACC + q),
  ];
  return {
    name: "dotRows",
    params: [I32, I32, I32, I32, I32, I32],
    locals: [
      [I32, 4],
      [V128, 4],
      [F64, 1],
    ],
    body: flat([
      ...counted(
        ROWS,
        [get(M)],
        [
          ...[0, 1, 2, 3].flatMap((q) => [op.v128Zero, set(ACC + q)]),
          get(A),
          set(AP),
          get(X),
          set(XP),
          ...counted(COUNT, trips(K, 3), [
            ...[0, 1, 2, 3].flatMap(step),
            ...advance(AP, 64),
            ...advance(XP, 64),
          ]),
          get(ACC),
          get(ACC + 1),
          op.f64x2Add,
          get(ACC + 2),
          get(ACC + 3),
          op.f64x2Add,
          op.f64x2Add,
          set(ACC),
          get(ACC),
          op.f64x2ExtractLane(0),
          get(ACC),
          op.f64x2ExtractLane(1),
          op.f64Add,
          set(SUM),
          ...counted(COUNT, leftover(K, 7), [
            get(SUM),
            get(AP),
            op.f64Load(0),
            get(XP),
            op.f64Load(0),
            op.f64Mul,
            op.f64Add,
            set(SUM),
            ...advance(AP, 8),
            ...advance(XP, 8),
          ]),
          get(Y),
          get(SUM),
          op.f64Store(0),
          ...advance(Y, 8),
          ...addTo(A, [get(LDA)]),
        ],
      ),
    ]),
  };
}

/**
 * `axpyRows(y, x, b, k, n, ldb)`: y[j] += Σ_p x[p]·b[p·ldb + j] for j < n (ldb in bytes): y plus
 * x[p] times row p of b, four rows per pass over y (so y is loaded and stored a quarter as often),
 * then the rows left over one at a time.
 */
function axpyRows(): WasmFunction {
  const [Y, X, B, K, N, LDB, ROWS, COUNT, YP, BP, XV, XS] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 17];
  // BP + r: row r of the pass; XV + r and XS + r: x[p + r] splat and plain
  const pass = (rows: number): Code => {
    const pair = (at: number) => [
      get(YP),
      get(YP),
      op.v128Load(at),
      ...Array.from({ length: rows }, (_, r) => [
        get(BP + r),
        op.v128Load(at),
        get(XV + r),
        op.f64x2Mul,
        op.f64x2Add,
      ]).flat(),
      op.v128Store(at),
    ];
    const single = [
      get(YP),
      get(YP),
      op.f64Load(0),
      ...Array.from({ length: rows }, (_, r) => [
        get(BP + r),
        op.f64Load(0),
        get(XS + r),
        op.f64Mul,
        op.f64Add,
      ]).flat(),
      op.f64Store(0),
    ];
    const rowsOf = (r: number) => (r === 0 ? [get(B)] : [get(BP + r - 1), get(LDB), op.i32Add]);
    return [
      ...Array.from({ length: rows }, (_, r) => [
        get(X),
        op.v128Load64Splat(8 * r),
        set(XV + r),
        get(X),
        op.f64Load(8 * r),
        set(XS + r),
        ...rowsOf(r),
        set(BP + r),
      ]).flat(),
      get(Y),
      set(YP),
      ...counted(COUNT, trips(N, 1), [
        ...pair(0),
        ...advance(YP, 16),
        ...Array.from({ length: rows }, (_, r) => advance(BP + r, 16)).flat(),
      ]),
      ...counted(COUNT, leftover(N, 1), single),
      ...advance(X, 8 * rows),
      ...addTo(B, [get(LDB), op.i32Const(rows), op.i32Mul]),
    ];
  };
  return {
    name: "axpyRows",
    params: [I32, I32, I32, I32, I32, I32],
    locals: [
      [I32, 7],
      [V128, 4],
      [F64, 4],
    ],
    body: flat([...counted(ROWS, trips(K, 2), pass(4)), ...counted(ROWS, leftover(K, 3), pass(1))]),
  };
}

/** The memory-bound kernels, for the kernels' module (`wasmRuntime.ts`). */
export function vectorKernels(): WasmFunction[] {
  return [mulBlock(), dotRows(), axpyRows()];
}
