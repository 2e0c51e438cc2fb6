/**
 * `pnpm fuzz [--cases N] [--seed S] [--seeds A,B,…] [--no-printed] [--no-jax] [--shrink K]
 * [--json FILE]`: the random-expression campaign.
 * Cases S … S + N − 1 (defaults: 1000 cases from seed 1) are checked against JAX through python3
 * (when it has jax) and finite differences; printed forms are read back through the library.
 * Prints a summary and each failing case shrunk, with the seed that repeats it
 * (`pnpm fuzz --seed <seed> --cases 1`). Exit 1 when a case fails in a category that counts
 * (see `PRINTED_FORMS_FAIL` in fuzz/campaign.mjs). `--shrink K` shrinks K failing cases per kind of
 * failure (default 3); `--json FILE` writes the summary with every failure.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { failing, runCampaign } from "./fuzz/campaign.mjs";
import { startJax } from "./fuzz/jax.mjs";
import { report } from "./fuzz/report.mjs";

const { values: args } = parseArgs({
  options: {
    cases: { type: "string", default: "1000" },
    seed: { type: "string", default: "1" },
    seeds: { type: "string" },
    "no-printed": { type: "boolean", default: false },
    "no-jax": { type: "boolean", default: false },
    json: { type: "string" },
    shrink: { type: "string", default: "3" },
  },
});
const cases = Number(args.cases);
const seed = Number(args.seed);
if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(seed) || seed < 0) {
  console.error("fuzz: --cases must be a positive integer and --seed an integer ≥ 0");
  process.exit(2);
}
const jax = args["no-jax"] ? undefined : await startJax();
if (!jax)
  console.error("fuzz: python3 has no jax (pip install jax jaxlib): finite differences only");
const tty = process.stderr.isTTY;
const seeds = args.seeds?.split(",").map(Number);
if (seeds?.some((s) => !Number.isInteger(s) || s < 0)) {
  console.error("fuzz: --seeds takes integers ≥ 0 separated by commas");
  process.exit(2);
}
const total = seeds?.length ?? cases;
const summary = await runCampaign({
  seed,
  cases,
  seeds,
  jax,
  printed: !args["no-printed"],
  shrinkLimit: Number(args.shrink),
  onProgress: (done, s) => {
    if (tty || done % 200 === 0 || done === total)
      process.stderr.write(
        `${tty ? "\r" : ""}fuzz: ${done}/${total} cases, ${s.failures.length} failing${tty ? "" : "\n"}`,
      );
  },
});
if (tty) process.stderr.write("\n");
jax?.close();
console.log(report(summary));
if (args.json) {
  const strip = ({ case: _c, ...f }) => f;
  writeFileSync(
    args.json,
    JSON.stringify({ ...summary, failures: summary.failures.map(strip) }, null, 1),
  );
}
const counted = summary.failures.some((f) => f.failures.some((x) => failing(x.category)));
process.exit(counted ? 1 : 0);
