/**
 * Factoring at print level: a sum of products written the way a textbook would.
 *
 * In order: equal products merge; scalar factors and a coefficient common to every term move
 * out (`2 (…)`); a sum of diagonal matrices becomes the diagonal of a sum; a factor that ends
 * (or starts) the chains of several terms moves out of them (`A x + Aᵀ x` → `(A + Aᵀ) x`, with
 * `I` where a chain was only that factor); and a factor of several Hadamard products moves out
 * (`dX − t² ∘ dX` → `(1 − t²) ∘ dX`). Each step recurses into the sum it creates, so
 * `2 AᵀA x − 2 Aᵀ b` ends as `2 Aᵀ (A x − b)`. The grouped term takes the place of its first member.
 */
import type { Dim, Shape } from "../../network/types.js";
import { einsumSum } from "./einsumSum.js";
import {
  add,
  diagMatrix,
  exprKey,
  eye,
  hadamard,
  type MExpr,
  matmul,
  mul,
  num,
  outer,
} from "./expr.js";
import {
  commonPower,
  divide,
  onesOf,
  type Product,
  productExpr,
  productKey,
  productOf,
  withPower,
} from "./powers.js";

const unit = { value: 1, dims: {} };

/** The sum of `terms` (each a product), merged and factored. */
export function factorSum(terms: readonly MExpr[], shape: Shape): MExpr {
  const merged = new Map<string, Product>();
  for (const p of terms.map((t) => productOf(t, shape.length))) {
    const key = productKey(p);
    const seen = merged.get(key);
    if (seen) seen.coeff = { ...seen.coeff, value: seen.coeff.value + p.coeff.value };
    else merged.set(key, { ...p });
  }
  const list = [...merged.values()].filter((p) => Math.abs(p.coeff.value) > 1e-14);
  if (list.length === 0) return mul({ value: 0, dims: {} }, [onesOf(shape)]);
  return factor(list);
}

function factor(list: Product[]): MExpr {
  if (list.length === 1) return productExpr(list[0]);
  return (
    commonScalars(list) ??
    commonCoefficient(list) ??
    diagonalSum(list) ??
    chains(list) ??
    outers(list) ??
    hadamards(list) ??
    einsumSum(list, factor) ??
    add(list.map(productExpr))
  );
}

/** A scalar factor of every term moves out; powers share their lower power (σ and σ² share σ). */
function commonScalars(list: Product[]): MExpr | undefined {
  const common = commonPower(
    list.map((p) => p.scalars),
    list.length,
  );
  if (!common) return undefined;
  const { base, exponent } = common;
  const stripped = list.map((p) => ({ ...p, scalars: divide(p.scalars, base, exponent) }));
  return mul(unit, [withPower(base, exponent), factor(stripped)]);
}

function commonCoefficient(list: Product[]): MExpr | undefined {
  const [first] = list;
  const size = Math.abs(first.coeff.value);
  const dims = JSON.stringify(first.coeff.dims);
  if (!list.every((p) => Math.abs(p.coeff.value) === size && JSON.stringify(p.coeff.dims) === dims))
    return undefined;
  const sign = list.every((p) => p.coeff.value < 0) ? -1 : 1;
  if (size === 1 && dims === "{}" && sign === 1) return undefined;
  const c = { value: sign * size, dims: first.coeff.dims };
  const rest = list.map((p) => ({ ...p, coeff: { value: p.coeff.value / c.value, dims: {} } }));
  return mul(c, [factor(rest)]);
}

/** Σ cₖ Diag(vₖ) (with I = Diag(1)) = Diag(Σ cₖ vₖ); a sum of multiples of I stays (Σ cₖ) I. */
function diagonalSum(list: Product[]): MExpr | undefined {
  if (!list.every((p) => p.body?.op === "Diag" || p.body?.op === "eye")) return undefined;
  const n = (list[0].body as MExpr).shape[0];
  const inner = list.map((p) => {
    const body = p.body as MExpr;
    return { ...p, body: body.op === "Diag" ? body.arg : undefined };
  });
  if (inner.every((p) => p.body === undefined)) return mul(unit, [factor(inner), eye(n)]);
  const sum = factor(inner.map((p) => ({ ...p, body: p.body ?? num(1) })));
  return diagMatrix(sum);
}

const chainOf = (p: Product): readonly MExpr[] =>
  p.body === undefined ? [] : p.body.op === "matmul" ? p.body.factors : [p.body];

function chains(list: Product[]): MExpr | undefined {
  // a scalar chain factored would leave a sum of row vectors, which the notations cannot show
  if (list.some((p) => p.body !== undefined && p.body.shape.length === 0)) return undefined;
  let best: { side: "left" | "right"; key: string; count: number } | undefined;
  for (const side of ["left", "right"] as const) {
    const counts = new Map<string, number>();
    for (const p of list) {
      const c = chainOf(p);
      if (c.length === 0) continue;
      const key = exprKey(side === "left" ? c[0] : c[c.length - 1]);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [key, count] of counts)
      if (count >= 2 && (!best || count > best.count)) best = { side, key, count };
  }
  if (!best) return undefined;
  const { side, key } = best;
  const end = (c: readonly MExpr[]) => (side === "left" ? c[0] : c[c.length - 1]);
  const inGroup = (p: Product) => chainOf(p).length > 0 && exprKey(end(chainOf(p))) === key;
  const group = list.filter(inGroup);
  const f = end(chainOf(group[0]));
  const identity: Dim = side === "left" ? f.shape[f.shape.length - 1] : f.shape[0];
  const rests = group.map((p) => {
    const c = chainOf(p);
    return side === "left" ? c.slice(1) : c.slice(0, -1);
  });
  // f alone in every term: (Σ cₖ sₖ) f, a scalar sum times f
  const grouped: Product = rests.every((r) => r.length === 0)
    ? { coeff: unit, scalars: [factor(group.map((p) => ({ ...p, body: undefined })))], body: f }
    : {
        coeff: unit,
        scalars: [],
        body: (() => {
          const inner = factor(
            group.map((p, k) => {
              const rest = rests[k];
              if (rest.length === 0 && f.shape.length === 0) return p;
              return { ...p, body: rest.length ? matmul(rest) : eye(identity) };
            }),
          );
          return matmul(side === "left" ? [f, inner] : [inner, f]);
        })(),
      };
  const at = list.indexOf(group[0]);
  const next = list.flatMap((p, k) => (k === at ? [grouped] : inGroup(p) ? [] : [p]));
  return next.length === 1 ? productExpr(grouped) : factor(next);
}

const hadOf = (p: Product): readonly MExpr[] =>
  p.body === undefined ? [] : p.body.op === "had" ? p.body.factors : [p.body];

/**
 * A factor of several Hadamard products moves out: `x ∘ y − x² ∘ z` → `x ∘ (y − x ∘ z)`. Powers
 * count as repeated factors, and only one copy moves out, so no repeated factor is lost.
 */
function hadamards(list: Product[]): MExpr | undefined {
  if (
    !list.every((p) => p.body && p.body.shape.length > 0) ||
    !list.some((p) => p.body?.op === "had" || p.body?.op === "fn")
  )
    return undefined;
  const common = commonPower(list.map(hadOf), 2);
  if (!common) return undefined;
  const { base, exponent, members } = common;
  const group = members.map((k) => list[k]);
  if (!group.some((p) => hadOf(p).length > 1 || divide(hadOf(p), base, exponent).length > 0))
    return undefined;
  const remainders = group.map((p) => {
    const rest = divide(hadOf(p), base, exponent);
    return { ...p, body: rest.length ? hadamard(rest) : num(1) };
  });
  const f = withPower(base, exponent);
  const longest = group.find((p) => hadOf(p).length > 1) ?? group[0];
  const first = exprKey(hadOf(longest)[0]) === exprKey(base);
  const inner = factor(remainders);
  const grouped: Product = {
    coeff: unit,
    scalars: [],
    body: hadamard(first ? [f, inner] : [inner, f]),
  };
  const inGroup = new Set(group);
  const at = list.indexOf(group[0]);
  const next = list.flatMap((p, k) => (k === at ? [grouped] : inGroup.has(p) ? [] : [p]));
  return next.length === 1 ? productExpr(grouped) : factor(next);
}

/** u₁ vᵀ ± u₂ vᵀ = (u₁ ± u₂) vᵀ, and u v₁ᵀ ± u v₂ᵀ = u (v₁ ± v₂)ᵀ: a shared side moves out. */
function outers(list: Product[]): MExpr | undefined {
  for (const side of ["b", "a"] as const) {
    const counts = new Map<string, number>();
    for (const p of list)
      if (p.body?.op === "outer") {
        const key = exprKey(p.body[side]);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    const [key] = [...counts].find(([, n]) => n >= 2) ?? [];
    if (key === undefined) continue;
    const inGroup = (p: Product) => p.body?.op === "outer" && exprKey(p.body[side]) === key;
    const group = list.filter(inGroup);
    const shared = (group[0].body as { a: MExpr; b: MExpr })[side];
    const rest = group.map((p) => {
      const body = p.body as { a: MExpr; b: MExpr };
      return { ...p, body: side === "b" ? body.a : body.b };
    });
    const inner = factor(rest);
    const grouped: Product = {
      coeff: unit,
      scalars: [],
      body: side === "b" ? outer(inner, shared) : outer(shared, inner),
    };
    const at = list.indexOf(group[0]);
    const next = list.flatMap((p, k) => (k === at ? [grouped] : inGroup(p) ? [] : [p]));
    return next.length === 1 ? productExpr(grouped) : factor(next);
  }
  return undefined;
}
