/**
 * Simplification: keeps networks small after every derivative.
 *
 * A fixed sequence of passes, each a pure function from network to network: simplify the inner
 * networks of function boxes, open kept sums that multiply nothing, collect powers of equal factors (uᵃ ∘ uᵇ = uᵃ⁺ᵇ), fold boxes of
 * constants, fuse copy tensors (spider fusion, identity
 * removal, the trace of an identity = its dimension), then merge equal terms. `simplify` is
 * memoised per network; `simplificationSteps` tells which passes changed what, for derivations.
 */
import { fuseCopies } from "../network/copies.js";
import type { Network } from "../network/types.js";
import { foldConstants, openGroups, openWherePays, simplifyBoxes } from "./boxes.js";
import { networkKey } from "./canonical.js";
import { mergeTerms } from "./merge.js";
import { collectPowers } from "./powers.js";

export interface Pass {
  name: string;
  apply: (net: Network) => Network;
}

export const passes: readonly Pass[] = [
  { name: "simplify inside function boxes", apply: (net) => simplifyBoxes(net, simplify) },
  { name: "open kept sums that multiply nothing", apply: openGroups },
  { name: "collect powers of equal factors", apply: (net) => fuse(collectPowers(net)) },
  { name: "fold constant function boxes", apply: foldConstants },
  { name: "spider fusion and identity removal", apply: fuse },
  { name: "merge equal terms", apply: mergeTerms },
  {
    name: "multiply out kept sums where that shrinks the result",
    apply: (net) => openWherePays(net, tidy),
  },
];

/** The passes that only tidy terms, for trying an expansion. */
function tidy(net: Network): Network {
  return mergeTerms(fuse(foldConstants(fuse(collectPowers(net)))));
}

const done = new WeakMap<Network, Network>();

function fuse(net: Network): Network {
  return { shape: net.shape, terms: net.terms.map(fuseCopies).filter((t) => t.coeff.value !== 0) };
}

/** The simplest equal network we know how to reach: `simplify(differentiate(net, "x", ["n"]))`. */
export function simplify(net: Network): Network {
  const cached = done.get(net);
  if (cached) return cached;
  const result = passes.reduce((n, pass) => pass.apply(n), net);
  done.set(net, result);
  done.set(result, result);
  return result;
}

/** The passes that changed `net`, each with the network after it. */
export function simplificationSteps(net: Network): { pass: string; network: Network }[] {
  const steps: { pass: string; network: Network }[] = [];
  let current = net;
  for (const pass of passes) {
    const next = pass.apply(current);
    if (networkKey(next) !== networkKey(current)) steps.push({ pass: pass.name, network: next });
    current = next;
  }
  return steps;
}
