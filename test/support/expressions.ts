/**
 * Random well-typed expressions for property tests, built with fast-check: one arbitrary per
 * shape, each combining smaller ones with every operator and function of the language so that the
 * result has that shape. Arguments are kept in the functions' domains (log and sqrt of 1 + u²,
 * inverses of 4I + tanh(U)), so derivatives exist at any values.
 */
import fc from "fast-check";

export const declarations = "x, y: [3]; v: [2]; A, D: [3, 3]; B: [2, 3]; C: [3, 2]; s: []";
export const variables = {
  s: "S",
  x: "V3",
  y: "V3",
  v: "V2",
  A: "M33",
  D: "M33",
  B: "M23",
  C: "M32",
} as const;

type Kind = "S" | "V2" | "V3" | "V6" | "M33" | "M23" | "M32";
type Arbs = Record<Kind, fc.Arbitrary<string>>;

const elementwise = ["exp", "tanh", "sigmoid", "sin", "cos", "abs", "relu", "softplus"];

/** Same-shape rules that apply to every kind: elementwise functions, + − * /, **, negation. */
function sameShape(tie: (k: Kind) => fc.Arbitrary<string>, k: Kind): fc.Arbitrary<string>[] {
  const a = tie(k);
  const pair = fc.tuple(a, a);
  return [
    fc.tuple(fc.constantFrom(...elementwise), a).map(([f, u]) => `${f}(${u})`),
    a.map((u) => `log(1 + ${u} ** 2)`),
    a.map((u) => `sqrt(1 + ${u} * ${u})`),
    pair.map(([u, w]) => `(${u} + ${w})`),
    pair.map(([u, w]) => `(${u} - ${w})`),
    pair.map(([u, w]) => `(${u} * ${w})`),
    pair.map(([u, w]) => `(${u} ∘ ${w})`),
    pair.map(([u, w]) => `(${u} / (2 + ${w} ** 2))`),
    fc.tuple(a, fc.constantFrom(2, 3)).map(([u, p]) => `(${u}) ** ${p}`),
    a.map((u) => `(-${u})`),
    fc.tuple(tie("S"), a).map(([c, u]) => `(${c} * ${u})`),
    fc.tuple(a, fc.constantFrom("0.5", "2", "1e-1")).map(([u, c]) => `(${u} + ${c})`),
  ];
}

const options = {
  depthSize: "small" as const,
  maxDepth: 4,
  depthIdentifier: "expression",
  withCrossShrink: true,
};

export const expressions: Arbs = fc.letrec<Record<Kind, string>>((tie) => {
  const t = (k: Kind) => tie(k);
  const leaf = (k: Kind) =>
    fc.constantFrom(
      ...Object.entries(variables)
        .filter(([, v]) => v === k)
        .map(([n]) => n),
    );
  const square = t("M33").map((u) => `(4 * eye(3) + tanh(${u}))`);
  return {
    S: fc.oneof(
      options,
      fc.constantFrom("s", "1.5"),
      ...sameShape(t, "S"),
      fc.tuple(t("V3"), t("V3")).map(([a, b]) => `(${a} @ ${b})`),
      fc.oneof(t("V3"), t("M23")).map((u) => `sum(${u})`),
      t("M32").map((u) => `mean(${u})`),
      t("M33").map((u) => `tr(${u})`),
      square.map((u) => `det(${u})`),
      square.map((u) => `logdet(${u})`),
      fc.oneof(t("V2"), t("M23")).map((u) => `norm(1 + ${u} ** 2)`),
      t("V3").map((u) => `logsumexp(${u})`),
      fc.tuple(t("V3"), t("M33"), t("V3")).map(([a, M, b]) => `(${a} @ ${M} @ ${b})`),
    ),
    V2: fc.oneof(
      options,
      leaf("V2"),
      ...sameShape(t, "V2"),
      fc.tuple(t("M23"), t("V3")).map(([M, u]) => `(${M} @ ${u})`),
      fc.tuple(t("V3"), t("M32")).map(([u, M]) => `(${u} @ ${M})`),
      t("M23").map((u) => `logsumexp(${u})`),
      t("M23").map((u) => `sum(${u}, 1)`),
      fc.tuple(t("M23"), t("V3")).map(([M, u]) => `einsum('ij,j->i', ${M}, ${u})`),
      t("V2").map((u) => `softmax(${u})`),
    ),
    V3: fc.oneof(
      options,
      leaf("V3"),
      ...sameShape(t, "V3"),
      fc.tuple(t("M33"), t("V3")).map(([M, u]) => `(${M} @ ${u})`),
      fc.tuple(t("V2"), t("M23")).map(([u, M]) => `(${u} @ ${M})`),
      t("M33").map((u) => `diag(${u})`),
      t("V3").map((u) => `softmax(${u})`),
      t("M23").map((u) => `sum(${u}, 0)`),
      t("V3").map((u) => `(${u}).T`),
      t("M33").map((u) => `einsum("ii->i", ${u})`),
      square.map((u) => `(inv(${u}) @ x)`),
    ),
    V6: fc.oneof(
      options,
      fc.tuple(t("V2"), t("V3")).map(([a, b]) => `kron(${a}, ${b})`),
      fc.tuple(t("V2"), t("V3")).map(([a, b]) => `(${a} ⊗ ${b})`),
      t("M23").map((u) => `vec(${u})`),
      t("M32").map((u) => `vec(${u})`),
    ),
    M33: fc.oneof(
      options,
      leaf("M33"),
      ...sameShape(t, "M33"),
      fc.tuple(t("M33"), t("M33")).map(([a, b]) => `(${a} @ ${b})`),
      fc.tuple(t("M32"), t("M23")).map(([a, b]) => `(${a} @ ${b})`),
      t("V3").map((u) => `diag(${u})`),
      fc.tuple(t("V3"), t("V3")).map(([a, b]) => `outer(${a}, ${b})`),
      t("M33").map((u) => `(${u})'`),
      square.map((u) => `inv(${u})`),
      t("M33").map((u) => `softmax(${u})`),
      fc.tuple(t("M33"), t("S")).map(([u, c]) => `(${u} + ${c} * eye(3))`),
      fc.tuple(t("M33"), t("V3")).map(([M, u]) => `(${M} + ${u})`),
    ),
    M23: fc.oneof(
      options,
      leaf("M23"),
      ...sameShape(t, "M23"),
      t("M32").map((u) => `(${u}).T`),
      fc.tuple(t("M23"), t("M33")).map(([a, b]) => `(${a} @ ${b})`),
      fc.tuple(t("V2"), t("V3")).map(([a, b]) => `outer(${a}, ${b})`),
      t("V6").map((u) => `unvec(${u}, 2, 3)`),
      fc.tuple(t("M23"), t("V3")).map(([M, b]) => `(${M} + ${b})`),
      fc.tuple(t("M23"), t("V3")).map(([M, b]) => `(${M} * ${b})`),
      t("M23").map((u) => `softmax(${u})`),
    ),
    M32: fc.oneof(
      options,
      leaf("M32"),
      ...sameShape(t, "M32"),
      t("M23").map((u) => `(${u})'`),
      fc.tuple(t("M33"), t("M32")).map(([a, b]) => `(${a} @ ${b})`),
      t("V6").map((u) => `unvec(${u}, 3, 2)`),
      fc.tuple(t("M32"), t("V2")).map(([M, b]) => `(${M} / (2 + ${b} ** 2))`),
    ),
  };
});

/** The declared variables that occur in an expression. */
function occurring(body: string): string[] {
  return Object.keys(variables).filter((name) =>
    new RegExp(`(^|[^\\p{L}\\d_])${name}($|[^\\p{L}\\d_])`, "u").test(body),
  );
}

/** A random expression of any shape together with a variable of it to differentiate by. */
export const problems = fc
  .constantFrom<Kind>("S", "V2", "V3", "M33", "M23", "M32", "V6")
  .chain((k) => expressions[k])
  .filter((body) => occurring(body).length > 0)
  .chain((body) =>
    fc
      .constantFrom(...occurring(body))
      .map((wrt) => ({ source: `${declarations}; ${body}`, body, wrt })),
  );
