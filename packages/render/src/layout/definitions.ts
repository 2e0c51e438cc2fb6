/**
 * Named arguments, as index notation names them (`pow-1(norm(M1))`, `where M1 = …`). A large
 * derivative repeats the same function arguments in term after term (the MLP Hessian has forty
 * terms, each with `norm(W2 tanh(W1 x + b1) − y)` inside); drawn in full each time they bury the
 * structure. An argument with at least `minShapes` shapes that appears in two or more places is
 * drawn once, below the figure, as `M1 = …`, and each box holding it shows a node `M1` instead.
 * Places are counted once per distinct context: the inside of a repeated argument counts once.
 */
import { type Network, networkKey } from "@diagrad/core";

/** A named argument: its name and network, by canonical key. */
export interface Definition {
  name: string;
  network: Network;
}

/** The number of shapes a network draws, boxes' contents included. */
function shapeCount(net: Network): number {
  let n = 0;
  for (const term of net.terms) {
    term.graph.forEachNode((_k, a) => {
      if (a.kind === "free") return;
      n += a.kind === "box" ? 1 + shapeCount(a.inner) : 1;
    });
  }
  return n;
}

/** Box arguments of `net` in drawing order (terms in order, nodes by key). */
function boxArguments(net: Network): Network[] {
  const found: Network[] = [];
  for (const term of net.terms) {
    const keys = term.graph
      .filterNodes((_k, a) => a.kind === "box")
      .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
    for (const key of keys) {
      const a = term.graph.getNodeAttributes(key);
      if (a.kind === "box") found.push(a.inner);
    }
  }
  return found;
}

/**
 * The arguments of `networks` worth naming, in order of first appearance, named M1, M2, ….
 *
 * @example findDefinitions([mlpHessian]).size // 2: W1 x + b1 and norm(W2 tanh(…) − y)
 */
export function findDefinitions(
  networks: readonly Network[],
  minShapes = 3,
): Map<string, Definition> {
  const counts = new Map<string, number>();
  const order: [string, Network][] = [];
  const visit = (net: Network) => {
    for (const inner of boxArguments(net)) {
      const key = networkKey(inner);
      const seen = counts.get(key) ?? 0;
      counts.set(key, seen + 1);
      if (seen === 0) {
        order.push([key, inner]);
        visit(inner);
      }
    }
  };
  networks.forEach(visit);
  const definitions = new Map<string, Definition>();
  for (const [key, network] of order) {
    if ((counts.get(key) ?? 0) >= 2 && shapeCount(network) >= minShapes) {
      definitions.set(key, { name: `M${definitions.size + 1}`, network });
    }
  }
  return definitions;
}
