/**
 * Copy patterns: networks that are a number times a product of copy tensors on the free indices,
 * plus a constant.
 *
 * The ones tensor 𝟏 is one such product (every copy tensor of order 1), but so are the identity
 * (`eye(n)`, after spider fusion a wire between two free indices), `einsum("ij,jk->ijk", I, I)`
 * and any product of δ's. Such a pattern P is 1 where the indices of each δ agree and 0
 * elsewhere, so only 𝟏 is a constant in the sense "every entry is c"; a network a·𝟏 + b·P
 * (`eye(n) + 1`, or cos(I) folded) takes two values, a off P and a + b on it.
 */
import { one } from "../network/coefficient.js";
import type { Network, Term, TermGraph } from "../network/types.js";

/** `offset·𝟏 + scale·pattern`, where `pattern` has zeros; no pattern: the constant offset·𝟏. */
export interface CopyPattern {
  offset: number;
  scale: number;
  /** A product of δ's with coefficient 1, of the network's shape, not all ones. */
  pattern?: Network;
}

/**
 * Whether a term graph holds only copy tensors whose legs all reach distinct free indices (so
 * its entries are products of δ's, each 0 or 1), and whether each is 1 everywhere: an order-1
 * copy tensor, or a δ over axes of size 1.
 */
function patternOf(g: TermGraph): { isPattern: boolean; allOnes: boolean } {
  let isPattern = true;
  let allOnes = true;
  g.forEachNode((node, attrs) => {
    const degree = g.degree(node);
    if (attrs.kind === "free") isPattern &&= degree === 1;
    else if (attrs.kind === "copy") {
      isPattern &&= degree > 0;
      allOnes &&= degree === 1 || attrs.dim === 1;
    } else isPattern = false;
  });
  g.forEachEdge((_edge, attrs, s, t) => {
    const fs = g.getNodeAttribute(s, "kind") === "free";
    const ft = g.getNodeAttribute(t, "kind") === "free";
    isPattern &&= s !== t && (fs || ft);
    // a wire between two free indices is the identity δ(i, j), not ones
    allOnes &&= !(fs && ft) || attrs.dim === 1;
  });
  return { isPattern, allOnes: isPattern && allOnes };
}

/** A term that is c·P with a numeric c: its pattern, or undefined. */
function termPattern(t: Term): { allOnes: boolean } | undefined {
  if (Object.keys(t.coeff.dims).length > 0) return undefined;
  const { isPattern, allOnes } = patternOf(t.graph);
  return isPattern ? { allOnes } : undefined;
}

/**
 * `net` as a·𝟏 + b·P, or undefined when it is not of that form (a variable, a box, a fuse tensor,
 * a symbolic coefficient, two different patterns with zeros). The zero network is 0·𝟏.
 *
 * @example copyPattern(build("3 * eye(2) + 1")) // { offset: 1, scale: 3, pattern: eye(2) }
 */
export function copyPattern(net: Network): CopyPattern | undefined {
  let offset = 0;
  let patterned: Term | undefined;
  for (const t of net.terms) {
    const p = termPattern(t);
    if (p === undefined) return undefined;
    if (p.allOnes) offset += t.coeff.value;
    else if (patterned) return undefined;
    else patterned = t;
  }
  if (!patterned) return { offset, scale: 0 };
  const pattern = { shape: net.shape, terms: [{ coeff: one, graph: patterned.graph }] };
  return { offset, scale: patterned.coeff.value, pattern };
}

/**
 * The value c when `net` is c times the ones tensor (0 for the zero network), else undefined.
 * The identity and other δ patterns are not constants in this sense: they have zeros.
 *
 * @example constantValue(build("2 * sum(x) ** 0")) // 2; constantValue(build("eye(3)")) // undefined
 */
export function constantValue(net: Network): number | undefined {
  const p = copyPattern(net);
  return p && !p.pattern ? p.offset : undefined;
}

/**
 * Whether a pattern is the identity matrix: two free indices joined by one wire.
 *
 * @example isIdentity(copyPattern(build("2 * eye(3)")).pattern) // true
 */
export function isIdentity(pattern: Network): boolean {
  const g = pattern.terms[0]?.graph;
  return pattern.shape.length === 2 && g !== undefined && g.order === 2 && g.size === 1;
}
