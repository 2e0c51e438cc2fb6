/**
 * Merging equal terms: terms whose graphs are isomorphic (decided by their canonical forms) and
 * whose coefficients carry the same symbols add up into one; terms that cancel disappear.
 */
import { monomialKey } from "../network/coefficient.js";
import type { Network, Term } from "../network/types.js";
import { graphInvariant, graphKey } from "./canonical.js";

/**
 * Adds the coefficients of equal terms (isomorphic graphs, same symbols); keeps the first of each
 * in order; drops zeros. Canonical forms are computed only for terms whose cheap invariant is
 * shared with another term.
 */
function mergeTermList(terms: readonly Term[]): Term[] {
  const buckets = new Map<string, Term[]>();
  for (const t of terms) {
    const key = `${monomialKey(t.coeff)}|${graphInvariant(t.graph)}`;
    buckets.set(key, [...(buckets.get(key) ?? []), t]);
  }
  const merged = new Map<Term, Term>();
  for (const bucket of buckets.values()) {
    const byKey = new Map<string, Term>();
    for (const t of bucket) {
      const key = bucket.length === 1 ? "" : graphKey(t.graph);
      const seen = byKey.get(key);
      if (!seen) {
        byKey.set(key, t);
        merged.set(t, t);
        continue;
      }
      const [a, b] = [(merged.get(seen) as Term).coeff.value, t.coeff.value];
      const value = Math.abs(a + b) <= 1e-14 * (Math.abs(a) + Math.abs(b)) ? 0 : a + b;
      merged.set(seen, { graph: seen.graph, coeff: { ...seen.coeff, value } });
    }
  }
  return terms.flatMap((t) => {
    const m = merged.get(t);
    return m && m.coeff.value !== 0 ? [m] : [];
  });
}

/** `x + y + x` → `2 x + y`: `mergeTerms(net)`. */
export function mergeTerms(net: Network): Network {
  return { shape: net.shape, terms: mergeTermList(net.terms) };
}
