/**
 * Index notation: `W[i,a] B[a,k] δ[j,k]`, one product per term, the summation convention for
 * indices that are not free.
 *
 * Wires meeting at a copy tensor share one index name; when several free axes meet the same copy
 * tensor the extra ones get their own names joined by δ's. Elementwise function boxes print their
 * inner expression with the box's own indices (`tanh(B[i,a] z[a])`); other functions name their
 * argument (`inv(X)[i,j]`, or `inv(M₁)` with `M₁[k,l] = …` listed after the formula).
 */
import { wireEnds } from "../network/graph.js";
import type { Network, Term } from "../network/types.js";
import { elementwiseFunctions } from "../network/types.js";
import { formatCoefficient } from "./coefficient.js";

const outerNames = ["i", "j", "k", "l", "p", "q", "r", "s", "t", "u", "v", "w"];
const innerNames = ["a", "b", "c", "d", "e", "f", "g", "h", "m", "n", "o", "x", "y", "z"];

interface Printer {
  /** Fresh summation-index names. */
  fresh: () => string;
  /** Definitions of non-elementwise box arguments, printed after the formula. */
  where: string[];
}

function termProduct(term: Term, free: readonly string[], pr: Printer): string {
  const g = term.graph;
  const name = new Map<string, string>(); // edge → index name
  const byCopy = new Map<string, string>(); // copy node → index name
  const factors: string[] = [];
  const nameOfEnd = (edge: string) => name.get(edge) as string;
  // free axes name their wires first; a copy tensor reached from a free axis takes its name
  g.forEachNode((node, attrs) => {
    if (attrs.kind !== "free") return;
    const [end] = wireEnds(g, node);
    const own = free[attrs.axis];
    const hub = end.other;
    const hubAttrs = g.getNodeAttributes(hub);
    if (hubAttrs.kind === "copy") {
      const shared = byCopy.get(hub);
      if (shared === undefined) byCopy.set(hub, own);
      else factors.push(`δ[${shared},${own}]`);
    } else if (hubAttrs.kind === "free" && !name.has(end.edge)) {
      factors.push(`δ[${free[hubAttrs.axis]},${own}]`);
    }
    name.set(end.edge, own);
  });
  g.forEachNode((node, attrs) => {
    if (attrs.kind !== "copy") return;
    const index = byCopy.get(node) ?? pr.fresh();
    for (const end of wireEnds(g, node)) name.set(end.edge, index);
  });
  g.forEachEdge((edge) => {
    if (!name.has(edge)) name.set(edge, pr.fresh());
  });
  g.forEachNode((node, attrs) => {
    const idx = wireEnds(g, node).map((e) => nameOfEnd(e.edge));
    const sub = idx.length ? `[${idx.join(",")}]` : "";
    if (attrs.kind === "tensor") factors.push(`${attrs.name}${sub}`);
    if (attrs.kind === "fuse") factors.push(`R[${idx.join(",")}]`);
    if (attrs.kind === "box") {
      const fn = attrs.fn === "pow" ? `pow${attrs.param}` : attrs.fn;
      const pointwise = (elementwiseFunctions as readonly string[]).includes(attrs.fn);
      if (attrs.fn === "group") factors.push(`(${sumOfTerms(attrs.inner, idx, pr)})`);
      else if (pointwise) factors.push(`${fn}(${sumOfTerms(attrs.inner, idx, pr)})`);
      else factors.push(`${fn}(${argument(attrs.inner, pr)})${sub}`);
    }
  });
  const c = formatCoefficient(term.coeff);
  const body = factors.join(" ");
  if (c === "" || c === "-") return `${c}${body || "1"}`;
  return body ? `${c} ${body}` : c;
}

/** A variable's name when the network is just that variable, else a named definition. */
function argument(net: Network, pr: Printer): string {
  const [t] = net.terms;
  if (net.terms.length === 1 && t.coeff.value === 1 && Object.keys(t.coeff.dims).length === 0) {
    const tensors = t.graph.filterNodes((_n, a) => a.kind === "tensor");
    const straight = t.graph.everyNode((n, a) => {
      if (a.kind === "free") return wireEnds(t.graph, n)[0].otherPort === a.axis;
      return a.kind === "tensor";
    });
    if (tensors.length === 1 && straight)
      return (t.graph.getNodeAttributes(tensors[0]) as { name: string }).name;
  }
  const label = `M${pr.where.length + 1}`;
  pr.where.push(""); // reserve the slot before nested definitions
  const idx = net.shape.map(() => pr.fresh());
  pr.where[Number(label.slice(1)) - 1] = `${label}[${idx.join(",")}] = ${sumOfTerms(net, idx, pr)}`;
  return label;
}

function sumOfTerms(net: Network, free: readonly string[], pr: Printer): string {
  if (net.terms.length === 0) return "0";
  return net.terms
    .map((t, k) => {
      const s = termProduct(t, free, pr);
      if (k === 0) return s;
      return s.startsWith("-") ? `- ${s.slice(1)}` : `+ ${s}`;
    })
    .join(" ");
}

/**
 * The index notation of a network whose free axes are named `names` (default i, j, k, …):
 * `indexNotation(net)` → `{ indices: ["i", "j"], formula: "W[i,a] B[a,j]", where: [] }`.
 */
export function indexNotation(net: Network, names?: readonly string[]) {
  const indices = names ?? net.shape.map((_, k) => outerNames[k] ?? `i${k}`);
  let counter = 0;
  const pr: Printer = {
    fresh: () => {
      const n = counter++;
      return n < innerNames.length ? innerNames[n] : `a${n}`;
    },
    where: [],
  };
  const formula = sumOfTerms(net, indices, pr);
  return { indices, formula, where: pr.where };
}
