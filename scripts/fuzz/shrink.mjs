/**
 * Shrinking a failing case to a smaller one that fails the same way: replace a node by one of its
 * arguments of the same shape, by a variable (one the case has, or a new one) or, for a scalar, by
 * a number; lower the order; declare shapes with numbers. Greedy: the first smaller candidate that
 * still fails is kept, until none does.
 *
 * @example await shrink(c, (candidate) => fails(candidate)) // a case with fewer nodes
 */
import { nodesOf, num, replaceAt, size, v, variablesOf } from "./nodes.mjs";

const same = (a, b) => a.length === b.length && a.every((d, k) => d === b[k]);
const NAMES = ["p", "q", "r", "P", "Q", "R", "K", "L"];

/** A case with this tree, its variables recomputed (new ones as given in `extra`). */
function withTree(c, tree, extra = new Map()) {
  const names = variablesOf(tree);
  if (!names.includes(c.wrt)) return undefined;
  const variables = new Map(names.map((n) => [n, c.variables.get(n) ?? extra.get(n)]));
  return { ...c, tree, variables };
}

/** Smaller cases, biggest cuts first (nodes near the root come first in pre-order). */
export function* candidates(c) {
  if (c.order > 1) yield { ...c, order: c.order - 1 };
  if (c.style !== "numbers") yield { ...c, style: "numbers" };
  const nodes = nodesOf(c.tree);
  const fresh = NAMES.find((n) => !c.variables.has(n)) ?? "q9";
  for (let at = 0; at < nodes.length; at++) {
    const m = nodes[at];
    if (m.kind === "var" || m.kind === "num") continue;
    const out = [];
    for (const a of m.args) if (same(a.shape, m.shape)) out.push([a]);
    for (const [name, info] of c.variables)
      if (same(info.shape, m.shape)) out.push([v(name, m.shape)]);
    if (m.shape.length === 0) out.push([num("2")]);
    for (const positive of [false, true])
      out.push([
        v(fresh, m.shape),
        new Map([[fresh, { shape: m.shape, positive, dominant: m.shape.length === 2 }]]),
      ]);
    for (const [by, extra] of out) {
      const next = withTree(c, replaceAt(c.tree, at, by), extra);
      if (next && size(next.tree) < size(c.tree)) yield next;
    }
  }
}

/**
 * The smallest case reached by greedy steps for which `fails` (async, true when the candidate
 * fails the same way) holds; at most `budget` candidates are tried.
 */
export async function shrink(c, fails, budget = 400) {
  let best = c;
  let tried = 0;
  for (let improved = true; improved && tried < budget; ) {
    improved = false;
    for (const next of candidates(best)) {
      if (++tried > budget) break;
      if (await fails(next)) {
        best = next;
        improved = true;
        break;
      }
    }
  }
  return { shrunk: best, tried };
}
