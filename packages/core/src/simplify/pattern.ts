/**
 * Copy patterns: networks that are a number times a product of copy tensors on the free indices.
 *
 * The ones tensor is one (every copy tensor of order 1), but so are the identity (`eye(n)`, after
 * spider fusion a wire between two free indices), `einsum("ij,jk->ijk", eye(n), eye(n))` and
 * any product of δ's. Such a pattern P is 1 where the indices of each δ agree and 0 elsewhere, so
 * only the ones tensor is a constant in the sense "every entry is c".
 */
import { one } from "../network/coefficient.js";
import { ones } from "../network/ops.js";
import type { Network, TermGraph } from "../network/types.js";

/** c times a 0/1 pattern of copy tensors; `allOnes` when the pattern is the ones tensor. */
export interface CopyPattern {
  value: number;
  /** The pattern alone (coefficient 1), of the network's shape. */
  pattern: Network;
  allOnes: boolean;
}

/**
 * Whether a term graph holds only copy tensors whose legs all reach distinct free indices (so
 * its entries are products of δ's, each 0 or 1), and whether every one is the ones vector.
 */
function patternOf(g: TermGraph): { isPattern: boolean; allOnes: boolean } {
  let isPattern = true;
  let allOnes = true;
  g.forEachNode((node, attrs) => {
    const degree = g.degree(node);
    if (attrs.kind === "free") isPattern &&= degree === 1;
    else if (attrs.kind === "copy") {
      isPattern &&= degree > 0;
      allOnes &&= degree === 1;
    } else isPattern = false;
  });
  g.forEachEdge((_edge, _attrs, s, t) => {
    const [fs, ft] = [
      g.getNodeAttribute(s, "kind") === "free",
      g.getNodeAttribute(t, "kind") === "free",
    ];
    isPattern &&= s !== t && (fs || ft);
    // a wire between two free indices is the identity δ(i, j), not ones
    allOnes &&= !(fs && ft);
  });
  return { isPattern, allOnes: isPattern && allOnes };
}

/**
 * `net` as c times a copy pattern, or undefined when it is not one (a variable, a box, a fuse
 * tensor, a symbolic coefficient, several terms). The zero network is 0 times the ones tensor.
 *
 * @example copyPattern(build("3 * eye(2)")) // { value: 3, allOnes: false, pattern: eye(2) }
 */
export function copyPattern(net: Network): CopyPattern | undefined {
  if (net.terms.length === 0) return { value: 0, pattern: ones(net.shape), allOnes: true };
  if (net.terms.length > 1) return undefined;
  const { coeff, graph } = net.terms[0];
  if (Object.keys(coeff.dims).length > 0) return undefined;
  const { isPattern, allOnes } = patternOf(graph);
  if (!isPattern) return undefined;
  const pattern = { shape: net.shape, terms: [{ coeff: one, graph }] };
  return { value: coeff.value, pattern, allOnes };
}

/**
 * The value c when `net` is c times the ones tensor (0 for the zero network), else undefined.
 * The identity and other δ patterns are not constants in this sense: they have zeros.
 *
 * @example constantValue(build("2 * sum(x) ** 0")) // 2; constantValue(build("eye(3)")) // undefined
 */
export function constantValue(net: Network): number | undefined {
  const p = copyPattern(net);
  return p?.allOnes ? p.value : undefined;
}

/**
 * Whether a pattern is the identity matrix: two free indices joined by one wire.
 *
 * @example isIdentity(copyPattern(build("2 * eye(3)"))) // true
 */
export function isIdentity(p: CopyPattern): boolean {
  const g = p.pattern.terms[0]?.graph;
  return p.pattern.shape.length === 2 && g !== undefined && g.order === 2 && g.size === 1;
}
