/**
 * The simplification benchmark (issue: results stay small and fast): the Hessian of an MLP loss,
 * `norm(W2 @ tanh(W1 @ x + b1) - y)**2` twice by W1, derived, simplified and printed as formulas,
 * against the budget of one second and, as a reference measured in the same run, the gradient.
 * Then the depth sweep: the loss of an L-layer tanh network by W1, L = 1…10, the gradient's and
 * the Hessian's formula size (tokens) and time, each formula certified (evaluated back to the
 * derivative's numbers), and the size at L = 8 against L = 4 (target ≤ 2.5×, linear growth).
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

/** `sum((tanh(WL @ … tanh(W1 @ x)) - y)**2)` with declared shapes. */
function layers(L) {
  let h = "x";
  for (let k = 1; k <= L; k++) h = `tanh(W${k} @ ${h})`;
  const shapes = Array.from({ length: L }, (_, k) => `W${k + 1}`).join(", ");
  return `${shapes}: [n, n]; x, y: [n]; sum((${h} - y)**2)`;
}

const tokens = (f) => (f.match(/[\p{L}_][\p{L}\p{N}_]*|\d+(\.\d+)?|\S/gu) ?? []).length;

function sweepOne(L, order) {
  const start = performance.now();
  const d = derivative({ source: layers(L), wrt: "W1", order });
  const f = formulas(d);
  const ms = performance.now() - start;
  const certified = !f.notes.some((n) => n.includes("numerical check"));
  return { ms, size: tokens(f.formula), terms: d.network.terms.length, certified };
}

export function benchDepth(maxHessian = 6) {
  console.log("L  gradient: tokens  ms     terms | Hessian: tokens  ms      terms | certified");
  const rows = new Map();
  for (let L = 1; L <= 10; L++) {
    const g = sweepOne(L, 1);
    const h = L <= maxHessian ? sweepOne(L, 2) : undefined;
    rows.set(L, { g, h });
    const hs = h
      ? `${String(h.size).padStart(6)} ${h.ms.toFixed(0).padStart(7)} ${String(h.terms).padStart(6)}`
      : "     —       —      —";
    console.log(
      `${String(L).padStart(2)} ${String(g.size).padStart(16)} ${g.ms.toFixed(0).padStart(6)} ${String(g.terms).padStart(6)} | ${hs.padStart(29)} | ${g.certified && (h?.certified ?? true) ? "yes" : "NO"}`,
    );
  }
  const ratio = rows.get(8).g.size / rows.get(4).g.size;
  console.log(
    `gradient formula at L = 8 is ${ratio.toFixed(2)}× its size at L = 4 (target ≤ 2.5: ${ratio <= 2.5 ? "met" : "NOT met"}); ` +
      `L = 8 gradient ${rows.get(8).g.ms.toFixed(0)} ms (target < 1000), L = 4 Hessian ${rows.get(4).h.ms.toFixed(0)} ms (target < 1000)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchSimplify();
  benchDepth();
}
