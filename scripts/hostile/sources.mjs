/**
 * Hostile expression text: a grammar-aware generator of the language (names, numbers, every
 * operator and function, einsum strings, declarations) whose output is then mutated the ways an
 * attacker or a careless paste would: deep nesting, long chains, huge and malformed numbers, odd
 * names (`constructor`, combining marks, astral letters), control and invisible characters,
 * truncation, splices. Most results are wrong; some are valid and must then give a result.
 */

const names = ["x", "y", "z", "A", "B", "W", "s", "t", "v"];
const oddNames = [
  "toString",
  "constructor",
  "__proto__",
  "hasOwnProperty",
  "valueOf",
  "x\u0301",
  "α",
  "Ω",
  "_",
  "x1",
  "\u{1D465}",
  "x\u200b",
  "é",
  "Ⅸ",
  "ǅ",
];
const numbers = [
  "0",
  "1",
  "2",
  "2.5",
  "0.5",
  "1e308",
  "1e309",
  "1e-400",
  "123456789012345678901234567890",
  ".5",
  "5.",
  "1e",
  "0x10",
  "1_000",
  "9".repeat(400),
  "0.0000000000000000000000001",
];
const dims = [
  "3",
  "2",
  "m",
  "n",
  "0",
  "-1",
  "1e300",
  "99999999999999999999",
  "toString",
  "m*n",
  "",
  "3.5",
];
const elementwise = [
  "exp",
  "log",
  "sqrt",
  "tanh",
  "sigmoid",
  "sin",
  "cos",
  "abs",
  "relu",
  "softplus",
];
const tensorFns = [
  "sum",
  "mean",
  "tr",
  "det",
  "logdet",
  "inv",
  "diag",
  "vec",
  "norm",
  "softmax",
  "logsumexp",
];
const binaryFns = ["outer", "kron"];
const operators = [" + ", " - ", " * ", " / ", " @ ", " ** 2", " ⊗ ", " ** -1", " ** 0.5"];
const subscripts = [
  "ij,jk->ik",
  "ii->",
  "ij->ji",
  "i,i->",
  "ij,ij->",
  "->",
  "ab",
  "ij,jk",
  "i..",
  "ıj->j",
  "",
];
const insertions = [
  "\u0000",
  "\u0007",
  "\u001b[31m",
  "\u000b",
  "\ufffe",
  "\uffff",
  "\ud800",
  "\udc00",
  "\u202e",
  "\ufeff",
  "\u200b",
  "😀",
  "\t",
  "\r",
  "\n",
  "\r\n",
  ";",
  ":",
  "[",
  "]",
  "(",
  ")",
  ",",
  "'",
  '"',
  "\\",
  "`",
  "→",
  "∘",
  "ᵀ",
  "⊗",
];

/** A random expression of depth at most `depth`. */
function expression(r, depth) {
  if (depth <= 0 || r.chance(0.3)) {
    if (r.chance(0.1)) return r.pick(oddNames);
    if (r.chance(0.15)) return r.pick(numbers);
    if (r.chance(0.05))
      return `eye(${r.pick(["1", "3", "0", "-1", "100000", "1e300", "m", "2.5"])})`;
    return r.pick(names);
  }
  const sub = () => expression(r, depth - 1);
  switch (r.int(7)) {
    case 0:
      return `${sub()}${r.pick(operators)}${sub()}`;
    case 1:
      return `${r.pick(elementwise)}(${sub()})`;
    case 2:
      return `${r.pick(tensorFns)}(${sub()})`;
    case 3:
      return `${r.pick(binaryFns)}(${sub()}, ${sub()})`;
    case 4:
      return `einsum("${r.pick(subscripts)}", ${sub()}${r.chance(0.6) ? `, ${sub()}` : ""})`;
    case 5:
      return r.pick([`-${sub()}`, `(${sub()}).T`, `(${sub()})`, `${sub()}ᵀ`, `unvec(${sub()}, 3)`]);
    default:
      return `${sub()}${r.pick(operators)}${sub()}`;
  }
}

/** Declarations like `A, B: [m, n]; x: [3]; `, sometimes malformed. */
function declarations(r) {
  const out = [];
  for (let k = r.int(3); k > 0; k--) {
    const who = r.chance(0.8) ? r.pick(names) : r.pick(oddNames);
    const shape = Array.from({ length: r.int(3) }, () => r.pick(dims)).join(", ");
    out.push(`${who}${r.chance(0.2) ? `, ${r.pick(names)}` : ""}: [${shape}]`);
  }
  return out.length ? `${out.join("; ")}; ` : "";
}

/** Long repetitions: nesting and chains of the sizes that found hangs and stack overflows. */
function deep(r) {
  const n = r.pick([10, 60, 200, 1000, 5000, 20000]);
  const chain = r.pick([10, 30, 60, 120]);
  switch (r.int(8)) {
    case 0:
      return `${"(".repeat(n)}x${")".repeat(n)}`;
    case 1:
      return `${"- ".repeat(n)}x`;
    case 2:
      return `${"sin(".repeat(Math.min(n, 2000))}x${")".repeat(Math.min(n, 2000))}`;
    case 3:
      return Array(chain).fill("x").join(" * ");
    case 4:
      return `A: [3, 3]; ${Array(chain).fill("A").join(" @ ")}`;
    case 5:
      return Array(r.pick([3, 5, 11]))
        .fill("A")
        .join(" ⊗ ");
    case 6:
      return `${"(".repeat(n)}x`;
    default:
      return Array(chain).fill("x").join(" + ");
  }
}

/** One mutation of `text`. */
function mutate(r, text) {
  const at = r.int(text.length + 1);
  switch (r.int(5)) {
    case 0:
      return text.slice(0, at) + r.pick(insertions) + text.slice(at);
    case 1:
      return text.slice(0, at);
    case 2:
      return text.slice(0, at) + text.slice(at + 1 + r.int(4));
    case 3:
      return text.slice(0, at) + text.slice(r.int(text.length + 1));
    default:
      return text + r.pick(insertions) + r.pick(names);
  }
}

/** The declarations the typed expressions use, and valid values for them. */
export const typedDeclarations = "x, y: [3]; A, B: [3, 3]; s: []; ";
export const typedValues = {
  x: [0.5, -1, 2],
  y: [1.5, 0.25, -0.75],
  A: [
    [4, 1, 0.5],
    [-1, 3, 0.25],
    [0.5, 0, 5],
  ],
  B: [
    [0.1, 0.2, 0.3],
    [-0.4, 0.5, -0.6],
    [0.7, 0.8, -0.9],
  ],
  s: 0.75,
};

/** A well-typed expression of kind S (scalar), V ([3]) or M ([3, 3]). */
function typed(r, kind, depth) {
  const t = (k) => typed(r, k, depth - 1);
  const f = () => r.pick(["exp", "tanh", "sigmoid", "sin", "cos", "softplus"]);
  if (depth <= 0 || r.chance(0.25))
    return { S: r.pick(["s", "2", "0.5"]), V: r.pick(["x", "y"]), M: r.pick(["A", "B"]) }[kind];
  const rules = {
    S: [
      () => `${t("V")} @ ${t("V")}`,
      () => `sum(${t("V")})`,
      () => `tr(${t("M")})`,
      () => `det(${t("M")})`,
      () => `norm(${t("V")})`,
      () => `logsumexp(${t("V")})`,
      () => `${t("S")} * ${t("S")}`,
      () => `${f()}(${t("S")})`,
    ],
    V: [
      () => `${t("M")} @ ${t("V")}`,
      () => `${t("V")} + ${t("V")}`,
      () => `${t("V")} * ${t("V")}`,
      () => `${f()}(${t("V")})`,
      () => `${t("S")} * ${t("V")}`,
      () => `softmax(${t("V")})`,
      () => `-${t("V")}`,
      () => `diag(${t("M")})`,
    ],
    M: [
      () => `${t("M")} @ ${t("M")}`,
      () => `${t("M")} - ${t("M")}`,
      () => `${t("M")} * ${t("M")}`,
      () => `${f()}(${t("M")})`,
      () => `inv(${t("M")} * 0.1 + 4 * eye(3))`,
      () => `outer(${t("V")}, ${t("V")})`,
      () => `(${t("M")}).T`,
      () => `${t("M")} / ${t("S")}`,
    ],
  };
  return r.pick(rules[kind])();
}

/**
 * A well-typed expression over `typedDeclarations`, sometimes with its declarations.
 *
 * @example typedSource(rng(1)) // e.g. "x, y: [3]; …; tanh(A @ x) @ y"
 */
export function typedSource(r) {
  return `${r.chance(0.7) ? typedDeclarations : ""}${typed(r, r.pick(["S", "V", "M"]), 1 + r.int(3))}`;
}

/**
 * A hostile source text: valid now and then, mostly not.
 *
 * @example hostileSource(rng(1)) // e.g. "A: [m, 3]; tanh(x) @ B ⊗ \u0000"
 */
export function hostileSource(r) {
  if (r.chance(0.08)) return deep(r);
  if (r.chance(0.35)) return r.chance(0.75) ? typedSource(r) : mutate(r, typedSource(r));
  let text = `${r.chance(0.3) ? declarations(r) : ""}${expression(r, 1 + r.int(4))}`;
  const mutations = r.chance(0.35) ? 0 : 1 + r.int(3);
  for (let k = 0; k < mutations; k++) text = mutate(r, text);
  return text;
}

/** A hostile name for `wrt` or a shape's key. */
export function hostileName(r) {
  if (r.chance(0.5)) return r.pick(names);
  if (r.chance(0.6)) return r.pick(oddNames);
  return r.pick(["", " ", "1x", "x y", "x-y", "\u0000", "ᵀ", "x.T", "A[0]", "x".repeat(500)]);
}

/** Dimensions for a shape: sizes and symbols, some wrong. */
export function hostileDims(r) {
  return Array.from({ length: r.int(4) }, () => r.pick(dims));
}

/** A string made to break text handling: control characters, lone surrogates, markup. */
export function hostileText(r) {
  const parts = [
    "title",
    "<b>&amp;</b>",
    "\"'",
    "\u0000",
    "\u0001",
    "\ufffe",
    "\ud800",
    "\udfff",
    "😀",
    "\u202e",
    "]]>",
    "<!--",
    "\r\n",
    "é\u0301",
  ];
  return Array.from({ length: 1 + r.int(4) }, () => r.pick(parts)).join("");
}
