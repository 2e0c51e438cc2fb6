/**
 * Names for repeated subexpressions in the notations people read: the softmax Jacobian is
 * `Diag(s) − s sᵀ, where s = softmax(z)`, not `softmax(z)` three times, and the gradient of a
 * layer is `2 ((Diag(1 − h²) W2ᵀ (W2 h − y)) xᵀ, where h = tanh(W1 x + b1)`. Softmax is named `s`,
 * other functions `h`, sums `r` (then `h2`, `h3`, …).
 */
import { exprKey, type MExpr, variable } from "./expr.js";

/** Rebuilds `e` bottom-up with `f` applied to every node. */
export function mapExpr(e: MExpr, f: (e: MExpr) => MExpr): MExpr {
  const m = (x: MExpr) => mapExpr(x, f);
  switch (e.op) {
    case "mul":
      return f({ ...e, factors: e.factors.map(m) });
    case "add":
      return f({ ...e, terms: e.terms.map(m) });
    case "matmul":
    case "had":
      return f({ ...e, factors: e.factors.map(m) });
    case "outer":
    case "kron":
      return f({ ...e, a: m(e.a), b: m(e.b) });
    case "einsum":
      return f({ ...e, args: e.args.map(m) });
    case "fn":
    case "mpow":
    case "T":
    case "Diag":
    case "diag":
    case "tr":
    case "vec":
      return f({ ...e, arg: m(e.arg) });
    default:
      return f(e);
  }
}

/** Every node of `e`, parents before children. */
function nodes(e: MExpr, out: MExpr[] = []): MExpr[] {
  out.push(e);
  const children =
    e.op === "mul" || e.op === "matmul" || e.op === "had"
      ? e.factors
      : e.op === "add"
        ? e.terms
        : e.op === "outer" || e.op === "kron"
          ? [e.a, e.b]
          : e.op === "einsum"
            ? e.args
            : "arg" in e
              ? [e.arg]
              : [];
  for (const c of children) nodes(c, out);
  return out;
}

/** Names of one letter numbered in the order they are defined, when there are several: h1, h2, … */
function numbered(
  e: MExpr,
  where: [string, MExpr][],
  taken: ReadonlySet<string>,
): { expr: MExpr; where: [string, MExpr][] } {
  const byLetter = new Map<string, number>();
  for (const [name] of where) {
    const l = name.replace(/\d+$/, "");
    byLetter.set(l, (byLetter.get(l) ?? 0) + 1);
  }
  const rename = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const [name] of where) {
    const l = name.replace(/\d+$/, "");
    if ((byLetter.get(l) ?? 0) < 2) continue;
    let k = (seen.get(l) ?? 0) + 1;
    while (taken.has(`${l}${k}`)) k++;
    seen.set(l, k);
    rename.set(name, `${l}${k}`);
  }
  if (rename.size === 0) return { expr: e, where };
  const swap = (x: MExpr) =>
    mapExpr(x, (y) =>
      y.op === "var" && rename.has(y.name) ? variable(rename.get(y.name) as string, y.shape) : y,
    );
  return { expr: swap(e), where: where.map(([n, d]) => [rename.get(n) ?? n, swap(d)]) };
}

/** How many nodes an expression has: a subexpression is worth a name from 5 on. */
const size = (e: MExpr): number => nodes(e).length;

/** The letter a definition's name starts with: s for softmax, h for a layer's activation, r for a sum. */
function letter(e: MExpr): string {
  if (e.op === "fn" && e.fn === "softmax") return "s";
  if (e.op === "fn") return "h";
  return e.op === "add" ? "r" : "u";
}

/**
 * Is `e` worth naming when it occurs `n` times (`inDefinitions` of them inside other definitions):
 * any softmax; a function or a sum of 6 nodes or more (`tanh(W1 x + b1)`), or of 4 or more used
 * three times or inside a definition; short ones read better in place.
 */
function worthNaming(e: MExpr, n: number, inDefinitions: number): boolean {
  if (n < 2) return false;
  if (e.op === "fn" && e.fn === "softmax") return true;
  if (!((e.op === "fn" && e.fn !== "pow") || e.op === "add")) return false;
  return size(e) >= (n >= 3 || inDefinitions > 0 ? 4 : 6);
}

/**
 * `abbreviate(e, taken)` → the expression with every repeated subexpression worth it named (the
 * largest first, so a layer is named whole before what repeats inside it), and the definitions
 * (`[name, expression]`) inner first, so `h2 = tanh(W2 h + b2)` comes after `h`; `taken` holds
 * names already in use.
 */
export function abbreviate(
  e: MExpr,
  taken: ReadonlySet<string>,
): { expr: MExpr; where: [string, MExpr][] } {
  let expr = e;
  const where: [string, MExpr][] = [];
  const used = new Set(taken);
  for (;;) {
    const counts = new Map<string, { e: MExpr; n: number; inDefinitions: number }>();
    const count = (x: MExpr, definition: boolean) => {
      const k = exprKey(x);
      const seen = counts.get(k) ?? { e: x, n: 0, inDefinitions: 0 };
      counts.set(k, { e: x, n: seen.n + 1, inDefinitions: seen.inDefinitions + +definition });
    };
    for (const x of nodes(expr)) count(x, false);
    for (const [, d] of where) for (const x of nodes(d)) count(x, true);
    // a subexpression inside a definition is named when it repeats at all: layers name alike
    const repeated = [...counts.values()].filter(({ e, n, inDefinitions }) =>
      worthNaming(e, n, inDefinitions),
    );
    // inner definitions first: each uses only names made after it (smaller expressions)
    if (repeated.length === 0) return numbered(expr, where.reverse(), taken);
    const { e: next } = repeated.reduce((a, b) => (size(b.e) > size(a.e) ? b : a));
    const base = letter(next);
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}${i}`;
    used.add(name);
    const key = exprKey(next);
    const named = variable(name, next.shape);
    const replace = (x: MExpr) => mapExpr(x, (y) => (exprKey(y) === key ? named : y));
    for (const entry of where) entry[1] = replace(entry[1]);
    where.push([name, next]);
    expr = replace(expr);
  }
}
