/**
 * Sums of einsums that differ in one operand: einsum is linear in each operand, so
 * einsum(s, I, I) − einsum(s', t², I, I) = einsum(s', 1 − t², I, I). An operand missing from a
 * term counts as ones (which is why its labels must occur elsewhere in that einsum). This keeps
 * formulas without a matrix form short: ∂tanh(X)/∂X is one einsum, not two.
 */
import { exprKey, type MExpr, num } from "./expr.js";
import type { Product } from "./powers.js";

type Einsum = Extract<MExpr, { op: "einsum" }>;

const slotKey = (labels: readonly string[]) => labels.join("");

function argAt(e: Einsum, slot: string): MExpr | undefined {
  const k = e.inputs.findIndex((l) => slotKey(l) === slot);
  return k < 0 ? undefined : e.args[k];
}

/**
 * The einsums of `list` merged into one whose varying operand is `factor` of the operands, or
 * undefined when they are not einsums over the same operands but one.
 */
export function einsumSum(list: Product[], factor: (list: Product[]) => MExpr): MExpr | undefined {
  if (!list.every((p) => p.body?.op === "einsum")) return undefined;
  const es = list.map((p) => p.body as Einsum);
  const output = slotKey(es[0].output);
  if (
    !es.every(
      (e) =>
        slotKey(e.output) === output && new Set(e.inputs.map(slotKey)).size === e.inputs.length,
    )
  )
    return undefined;
  const slots = [...new Set(es.flatMap((e) => e.inputs.map(slotKey)))];
  const varying = slots.filter((slot) => {
    const args = es.map((e) => argAt(e, slot));
    return !args.every((a) => a !== undefined && exprKey(a) === exprKey(args[0] as MExpr));
  });
  if (varying.length !== 1) return undefined;
  const [slot] = varying;
  const fixed = slots.filter((s) => s !== slot);
  const covered = new Set([...output, ...fixed.join("")]);
  if (![...slot].every((l) => covered.has(l))) return undefined;
  const inner = factor(list.map((p, k) => ({ ...p, body: argAt(es[k], slot) ?? num(1) })));
  const base = es.find((e) => argAt(e, slot)) as Einsum;
  const inputs = [slot, ...fixed].map((s) => [...s]);
  const args = [inner, ...fixed.map((s) => argAt(base, s) as MExpr)];
  return { op: "einsum", inputs, output: base.output, args, shape: base.shape };
}
