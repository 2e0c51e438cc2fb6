/**
 * Names for repeated subexpressions in the notations people read: the softmax Jacobian is
 * `Diag(s) − s sᵀ, where s = softmax(z)`, not `softmax(z)` three times. Only for text and LaTeX;
 * the input-language formula stays self-contained. Today the rule names repeated `softmax`
 * applications `s` (then `s₂`, …); the machinery is general.
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

/**
 * `abbreviate(e, taken)` → the expression with repeated softmax applications named, and the
 * definitions (`[name, expression]`); `taken` holds names already in use.
 */
export function abbreviate(
  e: MExpr,
  taken: ReadonlySet<string>,
): { expr: MExpr; where: [string, MExpr][] } {
  const counts = new Map<string, { e: MExpr; n: number }>();
  for (const x of nodes(e)) {
    if (x.op !== "fn" || x.fn !== "softmax") continue;
    const k = exprKey(x);
    counts.set(k, { e: x, n: (counts.get(k)?.n ?? 0) + 1 });
  }
  const names = new Map<string, string>();
  const where: [string, MExpr][] = [];
  for (const [k, { e: x, n }] of counts) {
    if (n < 2) continue;
    let name = "s";
    for (let i = 2; taken.has(name) || [...names.values()].includes(name); i++) name = `s${i}`;
    names.set(k, name);
    where.push([name, x]);
  }
  if (names.size === 0) return { expr: e, where };
  const expr = mapExpr(e, (x) => {
    const name = x.op === "fn" ? names.get(exprKey(x)) : undefined;
    return name ? variable(name, x.shape) : x;
  });
  return { expr, where };
}
