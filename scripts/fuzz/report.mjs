/**
 * The campaign's summary as text: counts by category and check, then each failure signature with
 * its shrunk cases (source, variable, order, values) and the seed that repeats the original.
 *
 * @example console.log(report(await runCampaign({ seed: 1, cases: 10 })))
 */
import { failing } from "./campaign.mjs";

const CATEGORIES = ["value", "crash", "refused", "printed"];

export function report(s) {
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0]));
  for (const f of s.failures)
    for (const c of new Set(f.failures.map((x) => x.category))) byCategory[c]++;
  const lines = [
    `fuzz: ${s.cases} cases, seeds ${s.seeds[0]}–${s.seeds[1]}, ${s.checked} checked, ${s.invalid} skipped (not finite at their values); oracle: ${s.oracle} and finite differences; ${s.seconds?.toFixed(1)} s`,
    `cases failing: ${CATEGORIES.map((c) => `${c} ${byCategory[c]}${failing(c) ? "" : " (reported, not counted)"}`).join(", ")}`,
  ];
  const checks = Object.entries(s.counts).sort((a, b) => b[1] - a[1]);
  if (checks.length) lines.push(`by check: ${checks.map(([k, n]) => `${k} ${n}`).join(", ")}`);
  if (s.oracleErrors.length) {
    lines.push(
      `oracle errors (the case could not be checked against JAX): ${s.oracleErrors.length}`,
    );
    for (const e of s.oracleErrors.slice(0, 5))
      lines.push(`  seed ${e.seed}: ${e.source}\n    ${e.error}`);
  }
  const groups = new Map();
  for (const f of s.failures) groups.set(f.signature, [...(groups.get(f.signature) ?? []), f]);
  for (const [sig, fs] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    lines.push(
      "",
      `${sig}: ${fs.length} case${fs.length === 1 ? "" : "s"} (seeds ${fs
        .slice(0, 8)
        .map((f) => f.seed)
        .join(", ")}${fs.length > 8 ? ", …" : ""})`,
    );
    for (const f of fs.filter((x) => x.shrunk)) {
      const { source, wrt, order, values, failures } = f.shrunk;
      lines.push(
        `  seed ${f.seed} (repeat: pnpm fuzz --seed ${f.seed} --cases 1), shrunk:`,
        `    ${source}   d/d${wrt}${order > 1 ? ` order ${order}` : ""}`,
        `    values ${JSON.stringify(values)}`,
        ...failures.map((x) => `    ${x.detail}${x.formula ? `: ${x.formula}` : ""}`),
      );
    }
  }
  return lines.join("\n");
}
