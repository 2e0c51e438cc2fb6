/**
 * Random well-typed expressions over every operator and function of the language: each production
 * builds a tree of a wanted concrete shape from smaller ones, so the result type-checks by
 * construction. Arguments stay in their functions' domains: `log`, `sqrt`, negative powers and
 * divisors get positive trees (`pos`), `inv`, `det` and `logdet` get diagonally dominant matrices
 * with positive diagonals (`dominant`, so their determinants are positive). Variables used in such
 * places are marked, and `values.mjs` gives them values that keep the promise.
 *
 * @example generateCase(42) // { seed: 42, tree, variables, style, wrt, order }
 */
import { binary, CALLS, call, node, num, v, variablesOf } from "./nodes.mjs";
import { rng } from "./random.mjs";

const ELEMENTWISE = [
  "exp",
  "tanh",
  "sigmoid",
  "sin",
  "cos",
  "softplus",
  "abs",
  "relu",
  "sign",
  "step",
];
const NUMBERS = ["0.5", "2", "1.5", "3", "1e-1", "0.25"];
const NAMES = [
  ["s", "t", "u", "c"],
  ["x", "y", "z", "w", "v"],
  ["A", "B", "C", "D", "F", "G"],
  ["T", "U", "V", "W"],
];
const LETTERS = "abcdefghijklmnopqrstuvwxyz";
const MAX_VARIABLES = 5;
const MAX_ENTRIES = 3000;

const count = (shape) => shape.reduce((a, b) => a * b, 1);
const sameShape = (a, b) => a.length === b.length && a.every((d, k) => d === b[k]);
/** Pairs (a, b) with a · b = n and both ≥ 2. */
const factorPairs = (n) => [2, 3].filter((a) => n % a === 0 && n / a >= 2).map((a) => [a, n / a]);
// Every function of the table is generated somewhere below; this keeps the list honest.
const GENERATED = new Set([...ELEMENTWISE, "log", "sqrt", "sum", "mean", "tr", "det", "logdet"]);
for (const f of ["inv", "diag", "outer", "kron", "vec", "norm", "softmax", "logsumexp"])
  GENERATED.add(f);
if (CALLS.some((f) => !GENERATED.has(f))) throw new Error("fuzz: a function is never generated");

/** The state of one case's generation: its random draws and its variables. */
class Generator {
  constructor(seed) {
    this.r = rng(seed);
    /** name → { shape, positive, dominant } */
    this.variables = new Map();
    this.budget = 12 + this.r.int(0, 28);
  }

  dim() {
    return this.r.weighted([
      [6, 2],
      [5, 3],
      [1, 4],
    ]);
  }

  /** A variable of this shape (an existing one or a new one), marked as its use requires. */
  variable(shape, marks = {}) {
    const same = [...this.variables].filter(([, x]) => sameShape(x.shape, shape));
    let name;
    if (same.length && (this.variables.size >= MAX_VARIABLES || this.r.chance(0.55)))
      name = this.r.pick(same)[0];
    else {
      const taken = new Set(this.variables.keys());
      const pool = NAMES[shape.length].filter((n) => !taken.has(n));
      name = pool.length ? pool[0] : `${NAMES[shape.length][0]}${this.variables.size}`;
      this.variables.set(name, { shape, positive: false, dominant: false });
    }
    const info = this.variables.get(name);
    if (marks.positive) info.positive = true;
    if (marks.dominant) info.dominant = true;
    return v(name, shape);
  }

  leaf(shape, marks = {}) {
    const r = this.r;
    if (shape.length === 0 && r.chance(0.3)) return num(r.pick(NUMBERS));
    if (shape.length === 1 && !marks.dominant && r.chance(0.05))
      return node("ones", shape, [], { n: shape[0] });
    const square = shape.length === 2 && shape[0] === shape[1];
    if (square && !marks.positive && r.chance(marks.dominant ? 0.3 : 0.12)) {
      const eye = node("eye", shape, [], { n: shape[0] });
      return marks.dominant || r.chance(0.5) ? eye : binary("*", shape, num(r.pick(NUMBERS)), eye);
    }
    return this.variable(shape, marks);
  }

  /** A shape that broadcasts to `shape`: itself, a scalar or a proper suffix. */
  broadcastable(shape) {
    const r = this.r;
    if (shape.length === 0 || r.chance(0.7)) return shape;
    if (shape.length === 1 || r.chance(0.5)) return [];
    return shape.slice(r.int(1, shape.length - 1));
  }

  /** Any tree of this shape. */
  gen(shape, depth) {
    this.budget--;
    if (depth <= 0 || this.budget <= 0) return this.leaf(shape);
    const r = this.r;
    const d = depth - 1;
    const rank = shape.length;
    const S = shape;
    const options = [
      [2, () => this.leaf(S)],
      [3, () => call(r.pick(ELEMENTWISE), S, this.gen(S, d))],
      [1, () => call(r.pick(["log", "sqrt"]), S, this.pos(S, d))],
      [4, () => this.arithmetic(S, d)],
      [1.5, () => this.division(S, d, (s) => this.gen(s, d))],
      [1.5, () => this.power(S, d)],
      [0.5, () => node("neg", S, [this.gen(S, d)])],
      [1.5, () => this.constant(S, d)],
      [2, () => this.einsum(S, d)],
      [1, () => this.transpose(S, d)],
    ];
    if (rank < 3) {
      options.push([1, () => this.sumAxis(S, d)]);
      options.push([0.7, () => call("logsumexp", S, this.gen([...S, this.dim()], d))]);
    }
    if (rank >= 1) options.push([1, () => call("softmax", S, this.gen(S, d))]);
    const matmul = this.matmul(S, d);
    if (matmul) options.push([2.5, matmul]);
    for (const o of this.byShape(S, d)) options.push(o);
    return r.weighted(options)();
  }

  /** Productions that exist only for some shapes: reductions, diag, vec, kron, outer, inv, … */
  byShape(S, d) {
    const r = this.r;
    const rank = S.length;
    const out = [];
    if (rank === 0) {
      const anyShape = () => Array.from({ length: r.int(1, 3) }, () => this.dim());
      const n = this.dim();
      out.push([1, () => call("sum", S, this.gen(anyShape(), d))]);
      out.push([1, () => call("mean", S, this.gen(anyShape(), d))]);
      out.push([1, () => call("norm", S, this.gen(anyShape(), d))]);
      out.push([1, () => call("tr", S, this.gen([n, n], d))]);
      out.push([1, () => call(r.pick(["det", "logdet"]), S, this.dominant(n, d))]);
    }
    if (rank === 1) {
      const [n] = S;
      out.push([1, () => call("diag", S, this.gen([n, n], d))]);
      const pairs = factorPairs(n);
      if (pairs.length) {
        out.push([1, () => call("vec", S, this.gen(r.pick(pairs), d))]);
        out.push([
          1,
          () =>
            this.kron(
              S,
              pairs.map(([a, b]) => [[a], [b]]),
              d,
            ),
        ]);
      }
    }
    if (rank === 2) {
      const [m, n] = S;
      if (m === n) {
        out.push([1, () => call("diag", S, this.gen([n], d))]);
        out.push([1, () => call("inv", S, this.dominant(n, d))]);
        out.push([0.5, () => node("matrix_power", S, [this.gen(S, d)], { k: r.int(0, 3) })]);
        const eye = node("eye", S, [], { n });
        out.push([0.5, () => binary(r.pick(["+", "-"]), S, this.gen(S, d), eye)]);
        out.push([0.5, () => binary("*", S, this.gen([], d), eye)]);
      }
      out.push([1, () => call("outer", S, this.gen([m], d), this.gen([n], d))]);
      out.push([1, () => node("unvec", S, [this.gen([m * n], d)], { rows: m, cols: n })]);
      const shapes = [];
      for (const [a1, a2] of factorPairs(m))
        for (const [b1, b2] of factorPairs(n))
          shapes.push([
            [a1, b1],
            [a2, b2],
          ]);
      if (shapes.length) out.push([1, () => this.kron(S, shapes, d)]);
    }
    return out;
  }

  kron(S, shapes, d) {
    const [a, b] = this.r.pick(shapes);
    const [x, y] = [this.gen(a, d), this.gen(b, d)];
    return this.r.chance(0.5) ? call("kron", S, x, y) : binary("⊗", S, x, y);
  }

  arithmetic(S, d) {
    const r = this.r;
    const op = r.weighted([
      [3, "+"],
      [3, "-"],
      [3, "*"],
      [1, "∘"],
      [1, "⊙"],
    ]);
    const a = this.gen(S, d);
    const b = this.gen(this.broadcastable(S), d);
    return r.chance(0.5) ? binary(op, S, a, b) : binary(op, S, b, a);
  }

  /** a / b with b positive; either side may be broadcast. */
  division(S, d, numerator) {
    const r = this.r;
    const small = this.broadcastable(S);
    return r.chance(0.5)
      ? binary("/", S, numerator(S), this.pos(small, d))
      : binary("/", S, numerator(small), this.pos(S, d));
  }

  power(S, d) {
    const r = this.r;
    if (r.chance(0.5)) return node("pow", S, [this.gen(S, d)], { p: r.pick(["2", "3"]) });
    return node("pow", S, [this.pos(S, d)], { p: r.pick(["0.5", "-1", "-0.5", "1.5", "-2"]) });
  }

  constant(S, d) {
    const r = this.r;
    const c = num(r.pick(NUMBERS));
    return r.weighted([
      [2, () => binary("*", S, c, this.gen(S, d))],
      [1, () => binary("*", S, this.gen(S, d), c)],
      [2, () => binary("+", S, this.gen(S, d), c)],
      [1, () => binary("-", S, c, this.gen(S, d))],
      [1, () => binary("/", S, c, this.pos(S, d))],
    ])();
  }

  transpose(S, d) {
    const r = this.r;
    if (S.length === 0) return this.leaf(S);
    if (S.length === 1) return node("transpose", S, [this.gen(S, d)], { style: ".T" });
    const style = S.length === 2 && r.chance(0.5) ? "'" : ".T";
    return node("transpose", S, [this.gen([...S].reverse(), d)], { style });
  }

  sumAxis(S, d) {
    const r = this.r;
    const at = r.int(0, S.length);
    const inner = [...S.slice(0, at), this.dim(), ...S.slice(at)];
    const axis = r.chance(0.3) ? at - inner.length : at;
    return node("sumAxis", S, [this.gen(inner, d)], { axis });
  }

  /** NumPy matmul producing S, or undefined when none does. */
  matmul(S, d) {
    const r = this.r;
    const k = this.dim();
    const mm = (a, b) => () => binary("@", S, this.gen(a, d), this.gen(b, d));
    if (S.length === 0) return mm([k], [k]);
    if (S.length === 1) return r.chance(0.5) ? mm([S[0], k], [k]) : mm([k], [k, S[0]]);
    if (S.length === 2) return r.chance(0.8) ? mm([S[0], k], [k, S[1]]) : mm([...S, k], [k]);
    return r.chance(0.5) ? mm([S[0], S[1], k], [k, S[2]]) : mm([S[0], S[1], k], [S[0], k, S[2]]);
  }

  /** einsum with random subscripts: 1–3 operands, 0–2 summed labels, sometimes a diagonal. */
  einsum(S, d) {
    const r = this.r;
    const letters = r.shuffle([...LETTERS]);
    const dims = new Map();
    const out = S.map((n, k) => {
      dims.set(letters[k], n);
      return letters[k];
    });
    const summed = r.weighted([
      [1, 0],
      [3, 1],
      [2, 2],
    ]);
    for (let k = 0; k < summed; k++) dims.set(letters[S.length + k], this.dim());
    const labels = [...dims.keys()];
    const operands = Array.from(
      {
        length: r.weighted([
          [2, 1],
          [4, 2],
          [2, 3],
        ]),
      },
      () => r.shuffle(labels).slice(0, r.int(1, Math.min(3, labels.length))),
    );
    for (const label of labels) {
      if (operands.some((o) => o.includes(label))) continue;
      const room = operands.filter((o) => o.length < 3);
      if (room.length) r.pick(room).push(label);
      else operands.push([label]);
    }
    for (const o of operands) {
      // a repeated label: the operand's diagonal
      if (o.length > 0 && o.length < 3 && r.chance(0.1)) o.push(o[0]);
    }
    const counts = new Map();
    for (const l of operands.flat()) counts.set(l, (counts.get(l) ?? 0) + 1);
    const implicit = [...counts]
      .filter(([, c]) => c === 1)
      .map(([l]) => l)
      .sort();
    const lhs = operands.map((o) => o.join("")).join(",");
    const spec =
      implicit.join("") === out.join("") && r.chance(0.3) ? lhs : `${lhs}->${out.join("")}`;
    const args = operands.map((o) =>
      this.gen(
        o.map((l) => dims.get(l)),
        d,
      ),
    );
    return node("einsum", S, args, { spec, quote: r.pick(["'", '"']) });
  }

  /** A tree whose entries are all positive. */
  pos(S, depth) {
    this.budget--;
    const r = this.r;
    if (depth <= 0 || this.budget <= 0)
      return r.chance(0.75) ? this.leaf(S, { positive: true }) : call("exp", S, this.leaf(S));
    const d = depth - 1;
    const options = [
      [3, () => this.leaf(S, { positive: true })],
      [2, () => call(r.pick(["exp", "softplus", "sigmoid"]), S, this.gen(S, d))],
      [1, () => call("sqrt", S, this.pos(S, d))],
      [
        2,
        () =>
          binary(
            "+",
            S,
            node("pow", S, [this.gen(S, d)], { p: "2" }),
            num(r.pick(["0.5", "1", "2"])),
          ),
      ],
      [1, () => binary("+", S, call("abs", S, this.gen(S, d)), num("0.5"))],
      [
        2,
        () =>
          binary(r.pick(["+", "*", "⊙"]), S, this.pos(S, d), this.pos(this.broadcastable(S), d)),
      ],
      [1, () => this.division(S, d, (s) => this.pos(s, d))],
      [1, () => node("pow", S, [this.pos(S, d)], { p: r.pick(["0.5", "2", "-1", "-0.5"]) })],
    ];
    if (S.length >= 1) options.push([1, () => call("softmax", S, this.gen(S, d))]);
    if (S.length === 0) {
      const n = this.dim();
      options.push([1, () => call("norm", S, this.gen([n, this.dim()], d))]);
      options.push([1, () => call("mean", S, this.pos([n], d))]);
      options.push([1, () => call("det", S, this.dominant(n, d))]);
    }
    if (S.length === 2 && S[0] === S[1])
      options.push([1, () => call("diag", S, this.pos([S[0]], d))]);
    return r.weighted(options)();
  }

  /** A diagonally dominant n × n matrix with a positive diagonal: invertible, det > 0. */
  dominant(n, depth) {
    this.budget--;
    const r = this.r;
    const S = [n, n];
    const eye = node("eye", S, [], { n });
    if (depth <= 0 || this.budget <= 0 || r.chance(0.3)) return this.leaf(S, { dominant: true });
    const d = depth - 1;
    return r.weighted([
      [
        3,
        () =>
          binary(
            "+",
            S,
            binary("*", S, num(String(n + 1)), eye),
            call(r.pick(["tanh", "sigmoid"]), S, this.gen(S, d)),
          ),
      ],
      [1, () => call("diag", S, this.pos([n], d))],
      [1, () => node("transpose", S, [this.dominant(n, d)], { style: r.pick([".T", "'"]) })],
    ])();
  }
}

/**
 * Case `seed`: a tree, its variables, how shapes are declared (`numbers`, `symbols` or `none`: from
 * the values alone), the variable to differentiate by and the order (1–3, lowered until the
 * derivative has at most 3000 entries).
 */
export function generateCase(seed) {
  // a draw without variables is drawn again from a derived seed; the case keeps `seed` for its
  // name and `valueSeed` for its values
  for (let attempt = 0; ; attempt++) {
    const c = draw((seed + attempt * 0x9e3779b9) >>> 0);
    if (c) return { ...c, seed, valueSeed: (seed + attempt * 0x9e3779b9) >>> 0 };
  }
}

function draw(seed) {
  const g = new Generator(seed);
  const r = g.r;
  const rank = r.weighted([
    [3, 0],
    [3, 1],
    [3, 2],
    [1.5, 3],
  ]);
  const shape = Array.from({ length: rank }, () => g.dim());
  const depth = r.weighted([
    [1, 1],
    [3, 2],
    [3, 3],
    [1.5, 4],
  ]);
  let tree = g.gen(shape, depth);
  // a bare variable or constant checks little: draw again, deeper
  for (let k = 0; k < 4 && tree.args.length === 0; k++) tree = g.gen(shape, depth + 1);
  const names = variablesOf(tree);
  if (names.length === 0) return undefined;
  const wrt = r.pick(names);
  let order = r.weighted([
    [70, 1],
    [22, 2],
    [8, 3],
  ]);
  const wrtCount = count(g.variables.get(wrt).shape);
  while (order > 1 && count(shape) * wrtCount ** order > MAX_ENTRIES) order--;
  const style = r.weighted([
    [4, "numbers"],
    [3, "symbols"],
    [3, "none"],
  ]);
  const variables = new Map(names.map((n) => [n, g.variables.get(n)]));
  return { seed, tree, variables, style, wrt, order };
}
