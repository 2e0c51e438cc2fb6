/**
 * Terms as products of powers, and the cancellations that printing may do on its own.
 *
 * A term is read into a coefficient, scalar factors and one body (the tensor-valued factor).
 * Equal scalar factors collect into powers and cancel: the derivative of ‖u‖² leaves
 * 2 ‖u‖ ‖u‖⁻¹ u (the simplifier does not cancel boxes against each other), which prints as 2 u.
 * The same holds for the factors of a Hadamard body: s⁻¹ ∘ s ∘ t = t.
 */
import type { Coefficient } from "../../network/coefficient.js";
import {
  apply,
  diagMatrix,
  exprKey,
  hadamard,
  type MExpr,
  matmul,
  mul,
  negate,
  num,
  ones,
  outer,
} from "./expr.js";

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
export function power(f: MExpr): [MExpr, number] {
  return f.op === "fn" && f.fn === "pow" ? [f.arg, f.param ?? 1] : [f, 1];
}

/** `base ** e` as a factor: `base` itself for e = 1. */
export const withPower = (base: MExpr, e: number): MExpr =>
  e === 1 ? base : apply("pow", base, base.shape, e);

/**
 * The factors with `base`'s exponent lowered by `e` (dropped at 0): `divide([x², y], x, 1)` is
 * `[x, y]`. Equal bases count together, so a repeated factor loses one copy, not all.
 */
export function divide(factors: readonly MExpr[], base: MExpr, e: number): MExpr[] {
  const key = exprKey(base);
  let left = e;
  const out: MExpr[] = [];
  for (const f of factors) {
    const [b, k] = power(f);
    if (left !== 0 && exprKey(b) === key && Math.sign(k) === Math.sign(left)) {
      const take = Math.abs(k) <= Math.abs(left) ? k : left;
      left -= take;
      if (Math.abs(k - take) > 1e-12) out.push(withPower(b, k - take));
    } else out.push(f);
  }
  return out;
}

/** Each base's total exponent in `factors`, by key. */
export function exponents(factors: readonly MExpr[]): Map<string, [MExpr, number]> {
  const out = new Map<string, [MExpr, number]>();
  for (const f of factors) {
    const [b, k] = power(f);
    const key = exprKey(b);
    const seen = out.get(key);
    out.set(key, [b, (seen?.[1] ?? 0) + k]);
  }
  return out;
}

/**
 * The base common to the most of `lists` (at least `min` of them), with the exponent all of those
 * share: the one nearest zero among exponents of one sign (σ and σ² share σ; u⁻¹ and u⁻² share
 * u⁻¹). Undefined when no base is in `min` lists.
 */
export function commonPower(
  lists: readonly (readonly MExpr[])[],
  min: number,
): { base: MExpr; exponent: number; members: number[] } | undefined {
  const found = new Map<string, { base: MExpr; exponent: number; members: number[] }>();
  lists.forEach((factors, k) => {
    for (const [key, [base, e]] of exponents(factors)) {
      if (Math.abs(e) < 1e-12) continue;
      const id = `${Math.sign(e)}|${key}`;
      const seen = found.get(id);
      if (!seen) found.set(id, { base, exponent: e, members: [k] });
      else {
        seen.members.push(k);
        if (Math.abs(e) < Math.abs(seen.exponent)) seen.exponent = e;
      }
    }
  });
  let best: { base: MExpr; exponent: number; members: number[] } | undefined;
  for (const c of found.values())
    if (c.members.length >= min && (!best || c.members.length > best.members.length)) best = c;
  return best;
}

/** Collects equal bases into powers, drops those that cancel, and names σ where it hides. */
export function collectPowers(factors: readonly MExpr[]): MExpr[] {
  return sigmoids(powers(factors));
}

function powers(factors: readonly MExpr[]): MExpr[] {
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
  if (shape.length === 2) return outer(ones(shape[0]), ones(shape[1]));
  const letters = shape.map((_, k) => String.fromCharCode(97 + k));
  return {
    op: "einsum",
    inputs: letters.map((l) => [l]),
    output: letters,
    args: shape.map((d) => ones(d)),
    shape,
  };
}

/** `1 + exp(v)`'s v, when `e` is that sum (1 a number or the ones vector). */
function onePlusExp(e: MExpr): MExpr | undefined {
  if (e.op !== "add" || e.terms.length !== 2) return undefined;
  const isOne = (t: MExpr) => (t.op === "num" && t.value === 1) || t.op === "ones";
  const [a, b] = e.terms;
  const other = isOne(a) ? b : isOne(b) ? a : undefined;
  return other?.op === "fn" && other.fn === "exp" ? other.arg : undefined;
}

/**
 * The logistic function where it hides, by two exact identities: (1 + exp(v))⁻ᵇ = σ(−v)ᵇ, then
 * σ(w) exp(−w) = σ(−w) as often as both occur. So ∂ log(1 + exp(u)) prints σ(u), not
 * exp(u) ∘ (1 + exp(u))⁻¹, and ∂σ(x) prints σ(x) ∘ (1 − σ(x)).
 */
function sigmoids(factors: readonly MExpr[]): MExpr[] {
  const named = powers(
    factors.map((f) => {
      const [base, b] = power(f);
      const v = onePlusExp(base);
      return v !== undefined && b < 0 ? withPower(apply("sigmoid", negate(v), v.shape), -b) : f;
    }),
  );
  const all = [...exponents(named).values()];
  for (const [base, b] of all) {
    if (base.op !== "fn" || base.fn !== "sigmoid" || b <= 0) continue;
    const [sign, key] = signed(base.arg);
    const e = all.find(([g, a]) => {
      if (g.op !== "fn" || g.fn !== "exp" || a <= 0) return false;
      const [s, k] = signed(g.arg);
      return s === -sign && k === key;
    });
    if (!e) continue;
    const k = Math.min(b, e[1]);
    const rest = divide(divide(named, base, k), e[0], k);
    const minus = negate(base.arg);
    return sigmoids([...rest, withPower(apply("sigmoid", minus, minus.shape), k)]);
  }
  return named;
}

/** An expression's sign and the key of its magnitude: −(y ∘ X w) and (−y) ∘ X w agree. */
function signed(e: MExpr): [number, string] {
  if (e.op === "mul") {
    const parts = e.factors.map(signed);
    const sign = Math.sign(e.coeff.value) * parts.reduce((s, [t]) => s * t, 1);
    const magnitude = { ...e.coeff, value: Math.abs(e.coeff.value) };
    if (magnitude.value === 1 && Object.keys(magnitude.dims).length === 0 && parts.length === 1)
      return [sign, parts[0][1]];
    return [
      sign,
      `mul(${magnitude.value}*${JSON.stringify(magnitude.dims)};${parts.map(([, k]) => k).join(";")})`,
    ];
  }
  if (e.op === "had") {
    const parts = e.factors.map(signed);
    return [
      parts.reduce((s, [t]) => s * t, 1),
      `had(${parts
        .map(([, k]) => k)
        .sort()
        .join(";")})`,
    ];
  }
  if (e.op === "num") return [Math.sign(e.value) || 1, `#${Math.abs(e.value)}`];
  return [1, exprKey(e)];
}

/** A Hadamard product (or one factor) with its powers collected; Diag(…) of one likewise. */
function tidy(body: MExpr): MExpr {
  if (body.op === "Diag") return diagMatrix(tidy(body.arg));
  if (body.op === "matmul") return matmul(body.factors.map(tidy));
  if (body.op !== "had" && !(body.op === "fn" && body.shape.length > 0)) return body;
  const kept = collectPowers(body.op === "had" ? body.factors : [body]);
  return kept.length ? hadamard(kept) : onesOf(body.shape);
}

function cancel(p: Product): Product {
  return { coeff: p.coeff, scalars: collectPowers(p.scalars), body: p.body && tidy(p.body) };
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
