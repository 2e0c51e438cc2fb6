/**
 * Terms as products of powers, and the cancellations that printing may do on its own.
 *
 * A term is read into a coefficient, scalar factors and one body (the tensor-valued factor).
 * Equal scalar factors collect into powers and cancel: the derivative of ‖u‖² leaves
 * 2 ‖u‖ ‖u‖⁻¹ u (the simplifier does not cancel boxes against each other), which prints as 2 u.
 * The same holds for the factors of a Hadamard body: s⁻¹ ∘ s ∘ t = t.
 */
import type { Coefficient } from "../../network/coefficient.js";
import { apply, exprKey, hadamard, type MExpr, mul, num, ones, outer } from "./expr.js";

export interface Product {
  coeff: Coefficient;
  scalars: MExpr[];
  body?: MExpr;
}

/** Splits `mul(c, [s₁, …, body])` into its parts; `rank` is the network's rank. */
export function productOf(e: MExpr, rank: number): Product {
  const factors = e.op === "mul" ? [...e.factors] : [e];
  const coeff = e.op === "mul" ? e.coeff : { value: 1, dims: {} };
  const last = factors[factors.length - 1];
  const hasBody = last !== undefined && (rank > 0 || last.op === "matmul");
  const body = hasBody ? last : undefined;
  const scalars = hasBody ? factors.slice(0, -1) : factors;
  return cancel({ coeff, scalars, body });
}

/** `base ** exponent` of a factor: pow boxes count their exponent. */
function power(f: MExpr): [MExpr, number] {
  return f.op === "fn" && f.fn === "pow" ? [f.arg, f.param ?? 1] : [f, 1];
}

/** Collects equal bases into powers; drops those that cancel. */
export function collectPowers(factors: readonly MExpr[]): MExpr[] {
  const order: string[] = [];
  const byKey = new Map<string, [MExpr, number]>();
  for (const f of factors) {
    const [base, e] = power(f);
    const key = exprKey(base);
    const seen = byKey.get(key);
    if (seen) seen[1] += e;
    else {
      order.push(key);
      byKey.set(key, [base, e]);
    }
  }
  return order.flatMap((key) => {
    const [base, e] = byKey.get(key) as [MExpr, number];
    if (Math.abs(e) < 1e-12) return [];
    return [e === 1 ? base : apply("pow", base, base.shape, e)];
  });
}

/** The all-ones tensor of a shape, as a matrix expression. */
export function onesOf(shape: readonly (number | string)[]): MExpr {
  if (shape.length === 0) return num(1);
  if (shape.length === 1) return ones(shape[0]);
  return outer(ones(shape[0]), ones(shape[1]));
}

function cancel(p: Product): Product {
  const scalars = collectPowers(p.scalars);
  let body = p.body;
  if (body?.op === "had") {
    const kept = collectPowers(body.factors);
    body = kept.length ? hadamard(kept) : onesOf(body.shape);
  }
  return { coeff: p.coeff, scalars, body };
}

/** The product as one expression again. */
export function productExpr(p: Product): MExpr {
  return mul(p.coeff, [...p.scalars, ...(p.body ? [p.body] : [])]);
}

/** A key for merging equal products: equal keys differ only in their numeric coefficient. */
export function productKey(p: Product): string {
  const dims = JSON.stringify(Object.entries(p.coeff.dims).sort());
  return `${dims}|${p.scalars.map(exprKey).sort().join(";")}|${p.body ? exprKey(p.body) : ""}`;
}
