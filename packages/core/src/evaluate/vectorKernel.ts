/**
 * The WebAssembly SIMD kernels of the memory-bound steps, written with `wasmEmit.ts`: the
 * elementwise product of two strided blocks (Hadamard products, scalings, outer products), and the
 * two matrix–vector products (dot products along a matrix's rows, or axpys along them), for one
 * vector or for two in one pass over the matrix. Each streams its operands once, two f64 lanes at
 * a time, with a plain f64 loop for the last few entries (or for strides that are not
 * contiguous), so any count is fine (0 included). All arguments are byte addresses or counts in
 * the kernels' memory; `elementwise.ts` and `thin.ts` call them when the large operands already
 * live there (`heap.ts`), since copying an operand in would cost as much as the arithmetic.
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
 * `mulBlock(dst, a, b, rows, cols, aRow, bRow, aCol, bCol, count, aBatch, bBatch)`: `count`
 * `rows` × `cols` blocks of the elementwise product of two strided views (byte strides), written
 * as contiguous rows from `dst` on: dst[(k·rows + r)·cols + j] =
 * a[k·aBatch + r·aRow + j·aCol]·b[k·bBatch + r·bRow + j·bCol]. Rows where both views are
 * contiguous (strides 8) are multiplied two lanes at a time, rows where a is contiguous and b
 * constant (bCol 0) scaled two lanes at a time; other strides, and the last odd entry, a value at
 * a time.
 */
function mulBlock(): WasmFunction {
  const [DST, A, B, ROWS, COLS, A_ROW, B_ROW, A_COL, B_COL] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [BLOCKS, A_BATCH, B_BATCH] = [9, 10, 11];
  const [ROW, COUNT, D, AP, BP, MUL_PAIRS, SCALE_PAIRS, SV] = [12, 13, 14, 15, 16, 17, 18, 19];
  // the block's first rows of a and b
  const [BLOCK, A0, B0] = [20, 21, 22];
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
    params: Array(12).fill(I32),
    locals: [
      [I32, 7],
      [V128, 1],
      [I32, 3],
    ],
    body: flat([
      ...pairs(8),
      set(MUL_PAIRS),
      ...pairs(0),
      set(SCALE_PAIRS),
      get(A),
      set(A0),
      get(B),
      set(B0),
      ...counted(
        BLOCK,
        [get(BLOCKS)],
        [
          get(A0),
          set(A),
          get(B0),
          set(B),
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
          ...addTo(A0, [get(A_BATCH)]),
          ...addTo(B0, [get(B_BATCH)]),
        ],
      ),
    ]),
  };
}

/** The vectors a matrix–vector kernel takes at once: one, or two read with one pass over the matrix. */
type Vectors = 1 | 2;

/**
 * `dotRows(y, a, x, m, k, lda)`: y[i] = Σ_p a[i·lda + p]·x[p] for i < m (lda in bytes), each a
 * dot product with four running vector sums to hide the additions' latency. With two vectors
 * (two running sums each),
 * `dotRows2(y, a, x, m, k, lda, yGap, xGap)` also writes the products with the vector at byte
 * x + xGap to y + yGap, reading each row of a once for both.
 */
function dotRows(vectors: Vectors): WasmFunction {
  const [Y, A, X, M, K, LDA] = [0, 1, 2, 3, 4, 5];
  const [Y_GAP, X_GAP] = [6, 7]; // dotRows2 only
  const first = vectors === 1 ? 6 : 8;
  // locals: the row and entry counters, A's pointer, one x pointer per vector; A's vector, the
  // running sums; one plain sum per vector
  const [ROWS, COUNT, AP, XP] = [first, first + 1, first + 2, first + 3];
  const AV = XP + vectors;
  const ACC = AV + 1;
  // four running sums in all: more, and V8 spills them (measured: two vectors at four sums each
  // ran 1.5 times slower than at two)
  const S = 4 / vectors;
  const SUM = ACC + S * vectors;
  const v = Array.from({ length: vectors }, (_, w) => w);
  const step = (q: number) => [
    get(AP),
    op.v128Load(16 * q),
    set(AV),
    ...v.flatMap((w) => [
      get(ACC + S * w + q),
      get(AV),
      get(XP + w),
      op.v128Load(16 * q),
      op.f64x2Mul,
      op.f64x2Add,
      set(ACC + S * w + q),
    ]),
  ];
  const total = (w: number) => [
    get(ACC + S * w),
    ...Array.from({ length: S - 1 }, (_, q) => [get(ACC + S * w + q + 1), op.f64x2Add]).flat(),
    set(AV),
    get(AV),
    op.f64x2ExtractLane(0),
    get(AV),
    op.f64x2ExtractLane(1),
    op.f64Add,
    set(SUM + w),
  ];
  return {
    name: vectors === 1 ? "dotRows" : "dotRows2",
    params: Array(first).fill(I32),
    locals: [
      [I32, 3 + vectors],
      [V128, 1 + S * vectors],
      [F64, vectors],
    ],
    body: flat([
      ...counted(
        ROWS,
        [get(M)],
        [
          ...Array.from({ length: S * vectors }, (_, q) => [op.v128Zero, set(ACC + q)]).flat(),
          get(A),
          set(AP),
          get(X),
          set(XP),
          ...(vectors === 2 ? [get(X), get(X_GAP), op.i32Add, set(XP + 1)] : []),
          ...counted(COUNT, trips(K, Math.log2(2 * S)), [
            ...Array.from({ length: S }, (_, q) => q).flatMap(step),
            ...advance(AP, 16 * S),
            ...v.flatMap((w) => advance(XP + w, 16 * S)),
          ]),
          ...v.flatMap(total),
          ...counted(COUNT, leftover(K, 2 * S - 1), [
            ...v.flatMap((w) => [
              get(SUM + w),
              get(AP),
              op.f64Load(0),
              get(XP + w),
              op.f64Load(0),
              op.f64Mul,
              op.f64Add,
              set(SUM + w),
              ...advance(XP + w, 8),
            ]),
            ...advance(AP, 8),
          ]),
          get(Y),
          get(SUM),
          op.f64Store(0),
          ...(vectors === 2 ? [get(Y), get(Y_GAP), op.i32Add, get(SUM + 1), op.f64Store(0)] : []),
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
 * then the rows left over one at a time. With two vectors, `axpyRows2(y, x, b, k, n, ldb, yGap,
 * xGap)` does the same for the vector at byte x + xGap into y + yGap, reading b once for both.
 */
function axpyRows(vectors: Vectors): WasmFunction {
  const [Y, X, B, K, N, LDB] = [0, 1, 2, 3, 4, 5];
  const [Y_GAP, X_GAP] = [6, 7]; // axpyRows2 only
  const first = vectors === 1 ? 6 : 8;
  // locals: the row and entry counters, one y and one x pointer per vector, one pointer per row
  // of a pass; y's vector per vector, b's vector and x[p + r] splat per vector and row; the same
  // as plain values
  const [ROWS, COUNT, YP] = [first, first + 1, first + 2];
  const XP = YP + vectors;
  const BP = XP + vectors;
  const lanes = (at: number) => ({ y: at, b: at + vectors, x: at + vectors + 1 });
  const pairs = lanes(BP + 4);
  const singles = lanes(pairs.x + 4 * vectors);
  const v = Array.from({ length: vectors }, (_, w) => w);
  const pass = (rows: number): Code => {
    const r = Array.from({ length: rows }, (_, i) => i);
    // y += Σ_i x[p + i]·(row i of the pass), at each vector's y pointer (`at` bytes at a time)
    const update = (
      to: typeof pairs,
      load: Code,
      store: Code,
      mul: Code,
      add: Code,
      at: number,
    ) => [
      ...v.flatMap((w) => [get(YP + w), ...load, set(to.y + w)]),
      ...r.flatMap((i) => [
        get(BP + i),
        ...load,
        set(to.b),
        ...v.flatMap((w) => [
          get(to.y + w),
          get(to.b),
          get(to.x + 4 * w + i),
          ...mul,
          ...add,
          set(to.y + w),
        ]),
      ]),
      ...v.flatMap((w) => [get(YP + w), get(to.y + w), ...store]),
      ...v.flatMap((w) => advance(YP + w, at)),
      ...r.flatMap((i) => advance(BP + i, at)),
    ];
    const rowsOf = (i: number) => (i === 0 ? [get(B)] : [get(BP + i - 1), get(LDB), op.i32Add]);
    return [
      ...v.flatMap((w) =>
        r.flatMap((i) => [
          get(XP + w),
          op.v128Load64Splat(8 * i),
          set(pairs.x + 4 * w + i),
          get(XP + w),
          op.f64Load(8 * i),
          set(singles.x + 4 * w + i),
        ]),
      ),
      ...r.flatMap((i) => [...rowsOf(i), set(BP + i)]),
      get(Y),
      set(YP),
      ...(vectors === 2 ? [get(Y), get(Y_GAP), op.i32Add, set(YP + 1)] : []),
      ...counted(COUNT, trips(N, 1), [
        ...update(pairs, [op.v128Load(0)], [op.v128Store(0)], [op.f64x2Mul], [op.f64x2Add], 16),
      ]),
      ...counted(COUNT, leftover(N, 1), [
        ...update(singles, [op.f64Load(0)], [op.f64Store(0)], [op.f64Mul], [op.f64Add], 8),
      ]),
      ...v.flatMap((w) => advance(XP + w, 8 * rows)),
      ...addTo(B, [get(LDB), op.i32Const(rows), op.i32Mul]),
    ];
  };
  return {
    name: vectors === 1 ? "axpyRows" : "axpyRows2",
    params: Array(first).fill(I32),
    locals: [
      [I32, 2 + 2 * vectors + 4],
      [V128, vectors + 1 + 4 * vectors],
      [F64, vectors + 1 + 4 * vectors],
    ],
    body: flat([
      get(X),
      set(XP),
      ...(vectors === 2 ? [get(X), get(X_GAP), op.i32Add, set(XP + 1)] : []),
      ...counted(ROWS, trips(K, 2), pass(4)),
      ...counted(ROWS, leftover(K, 3), pass(1)),
    ]),
  };
}

/** The memory-bound kernels, for the kernels' module (`wasmRuntime.ts`). */
export function vectorKernels(): WasmFunction[] {
  return [mulBlock(), dotRows(1), axpyRows(1), dotRows(2), axpyRows(2)];
}
