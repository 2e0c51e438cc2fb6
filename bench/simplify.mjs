/**
 * The simplification benchmark (issue: results stay small and fast): the Hessian of an MLP loss,
 * `norm(W2 @ tanh(W1 @ x + b1) - y)**2` twice by W1, derived, simplified and printed as formulas,
 * against the budget of one second and, as a reference measured in the same run, the gradient.
 */
import { derivative, formulas } from "../packages/core/dist/index.js";

const source =
  "W1: [h, d]; W2: [o, h]; x: [d]; b1: [h]; y: [o]; norm(W2 @ tanh(W1 @ x + b1) - y)**2";

function timed(order) {
  const runs = [];
  let terms = 0;
  for (let r = 0; r < 5; r++) {
    const start = performance.now();
    const d = derivative({ source, wrt: "W1", order });
    formulas(d);
    runs.push(performance.now() - start);
    terms = d.network.terms.length;
  }
  runs.sort((a, b) => a - b);
  return { ms: runs[2], terms };
}

export function benchSimplify() {
  const gradient = timed(1);
  const hessian = timed(2);
  console.log(
    `MLP gradient + formulas: ${gradient.ms.toFixed(0)} ms (${gradient.terms} terms) — reference`,
  );
  console.log(
    `MLP Hessian + formulas:  ${hessian.ms.toFixed(0)} ms (${hessian.terms} terms): ${(hessian.ms / gradient.ms).toFixed(1)}× the gradient, ${(hessian.ms / 1000).toFixed(2)} of the 1 s budget ${hessian.ms < 1000 ? "(met)" : "(NOT met)"}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) benchSimplify();
