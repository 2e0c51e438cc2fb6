/**
 * Simplification: keeps networks small after every derivative.
 *
 * Per term: simplify the inner network of each function box, fold boxes of constants, then fuse
 * copy tensors (spider fusion, identity removal, trace of an identity = its dimension). Then
 * terms with a zero coefficient go, and equal terms (isomorphic graphs, decided by their canonical
 * form) merge by adding their coefficients. Memoised per network.
 */

import { monomialKey } from "../network/coefficient.js";
import { fuseCopies } from "../network/copies.js";
import { substitute } from "../network/substitute.js";
import type { Network, Term, TermGraph } from "../network/types.js";
import { graphInvariant, graphKey } from "./canonical.js";
import { foldBox } from "./fold.js";

const done = new WeakMap<Network, Network>();

/** Simplifies boxes inside one term; may return several terms (a folded box can be a sum). */
function simplifyTerm(term: Term): Term[] {
  let terms: Term[] = [term];
  const boxes = term.graph.filterNodes((_n, a) => a.kind === "box");
  for (const node of boxes) {
    terms = terms.flatMap((t) => {
      const attrs = t.graph.getNodeAttributes(node);
      if (attrs.kind !== "box") return [t];
      const inner = simplify(attrs.inner);
      const simpler = { ...attrs, inner };
      const folded = foldBox(simpler);
      if (folded) return substitute(t, node, folded, 0, folded.shape.length);
      if (inner === attrs.inner) return [t];
      const graph = t.graph.copy() as TermGraph;
      graph.replaceNodeAttributes(node, simpler);
      return [{ coeff: t.coeff, graph }];
    });
  }
  return terms.map(fuseCopies).filter((t) => t.coeff.value !== 0);
}

/**
 * Adds the coefficients of equal terms (isomorphic graphs, same symbols); keeps the first of each
 * in order; drops zeros. Canonical forms are computed only for terms whose cheap invariant is
 * shared with another term.
 */
function mergeTerms(terms: readonly Term[]): Term[] {
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

/** The simplest equal network we know how to reach: `simplify(differentiate(net, "x", ["n"]))`. */
export function simplify(net: Network): Network {
  const cached = done.get(net);
  if (cached) return cached;
  const result = { shape: net.shape, terms: mergeTerms(net.terms.flatMap(simplifyTerm)) };
  done.set(net, result);
  done.set(result, result);
  return result;
}
