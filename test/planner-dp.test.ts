/**
 * The exact planner against opt_einsum's `dp` (Pfeifer et al.'s connected search, implemented
 * independently, run through python3) on every benchmark problem of at most 20 tensors. opt_einsum
 * costs both paths in its own model (`contract_path`'s `opt_cost`), and ours must cost no more.
 * dp minimises the size of each step's labels without the factor 2 for a summed label, so ours
 * may cost less (tree 15: an outer product dp does not take). Where opt_einsum's path sums a
 * label that one operand alone holds as a step of its own (a one-operand step), ours is given
 * the same steps first, as our evaluator performs them (`effectiveLabels`). When python3 lacks
 * opt_einsum (`pip install opt_einsum`) the test is skipped, except in CI (`CI=true`), where it
 * fails and says so.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { equation, problems } from "../bench/problems.mjs";
import { planEquation } from "../packages/core/src/index.js";

const probe = spawnSync("python3", ["-c", "import opt_einsum; print(opt_einsum.__version__)"], {
  encoding: "utf8",
});
const available = probe.status === 0;
const inCi = process.env.CI === "true";

/** opt_einsum's dp path and cost, and its cost of `path`, for each problem. */
const ORACLE = `
import json, sys
import opt_einsum as oe
out = []
for p in json.load(sys.stdin):
    shapes = [tuple(p["sizes"][c] for c in t) for t in p["equation"].split("->")[0].split(",")]
    path, dp = oe.contract_path(p["equation"], *shapes, shapes=True, optimize="dp")
    _, ours = oe.contract_path(p["equation"], *shapes, shapes=True, optimize=[tuple(s) for s in p["path"]])
    out.append({"dp": int(dp.opt_cost), "dpPath": [list(s) for s in path], "ours": int(ours.opt_cost)})
print(json.dumps(out))
`;

type Step = number[];

/**
 * Our pairwise path with, first, a one-operand step for each operand that holds a label no other
 * operand and not the output holds (opt_einsum moves that operand to the end of the list).
 */
function withReductions(terms: string[], output: string, path: Step[]): Step[] {
  const count = new Map<string, number>();
  for (const t of terms) for (const c of new Set(t)) count.set(c, (count.get(c) ?? 0) + 1);
  const alone = terms.map((t) => [...t].some((c) => count.get(c) === 1 && !output.includes(c)));
  // `list`: the operands' ids in opt_einsum's current order; `ours`: in our path's order
  const list = terms.map((_, k) => k);
  const ours = [...list];
  const steps: Step[] = [];
  for (const [k, reduce] of alone.entries()) {
    if (!reduce) continue;
    const at = list.indexOf(k);
    steps.push([at]);
    list.push(...list.splice(at, 1));
  }
  let next = terms.length;
  for (const [i, j] of path) {
    const [a, b] = [ours[i], ours[j]];
    const [p, q] = [list.indexOf(a), list.indexOf(b)];
    steps.push([Math.min(p, q), Math.max(p, q)]);
    for (const l of [list, ours]) {
      l.splice(l.indexOf(a), 1);
      l.splice(l.indexOf(b), 1);
      l.push(next);
    }
    next++;
  }
  return steps;
}

describe.skipIf(!available && !inCi)("the exact planner against opt_einsum's dp", () => {
  test("costs no more than dp, in opt_einsum's own model, on every bench problem of ≤ 20 tensors", () => {
    if (!available) {
      throw new Error(
        `python3 with opt_einsum is needed (pip install opt_einsum): ${probe.stderr}`,
      );
    }
    const cases = problems()
      .filter((p) => p.inputs.length <= 20)
      .map((p) => {
        const eq = equation(p);
        const plan = planEquation(eq.equation, eq.sizes);
        const [lhs, output] = eq.equation.split("->");
        const path = withReductions(lhs.split(","), output, plan.path);
        return { name: p.name, equation: eq.equation, sizes: eq.sizes, path, flops: plan.flops };
      });
    // the PEPS norm of the issue (18 tensors), where a search budget cut the exact search short
    expect(cases.map((c) => c.name)).toContain("PEPS norm 3×3");
    const py = spawnSync("python3", ["-c", ORACLE], {
      input: JSON.stringify(cases),
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    expect(py.stderr).toBe("");
    const oracle: { dp: number; dpPath: Step[]; ours: number }[] = JSON.parse(py.stdout);
    const rows = cases.map((c, k) => ({ name: c.name, ...oracle[k], flops: c.flops }));
    // opt_einsum's cost of our path is ours, where no operand is summed on its own
    const plain = rows.filter((r) => r.dpPath.every((s) => s.length === 2));
    expect(plain.length).toBeGreaterThan(20);
    for (const r of plain) expect(`${r.name}: ${r.ours}`).toBe(`${r.name}: ${r.flops}`);
    for (const r of rows) {
      expect(`${r.name}: ${r.ours} ≤ dp's ${r.dp}: ${r.ours <= r.dp}`).toBe(
        `${r.name}: ${r.ours} ≤ dp's ${r.dp}: true`,
      );
    }
  });
});
