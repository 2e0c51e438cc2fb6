/**
 * Whether a variable occurs in a network, looking inside function boxes.
 */
import type { Network } from "../network/types.js";

const seen = new WeakMap<Network, Map<string, boolean>>();

/** `occurs(net, "X")`: does any term hold X, directly or in a box? Memoised per network. */
export function occurs(net: Network, name: string): boolean {
  let byName = seen.get(net);
  if (!byName) {
    byName = new Map();
    seen.set(net, byName);
  }
  const known = byName.get(name);
  if (known !== undefined) return known;
  const found = net.terms.some(({ graph }) =>
    graph.someNode(
      (_key, attrs) =>
        (attrs.kind === "tensor" && attrs.name === name) ||
        (attrs.kind === "box" && occurs(attrs.inner, name)),
    ),
  );
  byName.set(name, found);
  return found;
}
