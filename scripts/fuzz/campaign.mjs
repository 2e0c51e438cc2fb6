/**
 * The campaign: cases `seed … seed + cases − 1`, each generated, run through the library and judged
 * against JAX (when given) and finite differences, in batches so that the oracle works while the
 * library does. Failures are shrunk and summarized by category; `PRINTED_FORMS_FAIL` says whether
 * printed-form failures count against the run (the CI slice's switch).
 *
 * @example
 * const summary = await runCampaign({ seed: 1, cases: 100, jax: await startJax() });
 * summary.failures.length; // failing cases, each with its shrunk form
 */
import { judge, library } from "./check.mjs";
import { generateCase } from "./generate.mjs";
import { toJax } from "./nodes.mjs";
import { shrink } from "./shrink.mjs";
import { nested, sourceOf, valuesOf } from "./values.mjs";

/**
 * Whether printed-form failures (`formula`, `vec_formula`) fail a run. Off while the printers are
 * being certified (issue 17); flip to true once they are, and the CI slice enforces them.
 */
export const PRINTED_FORMS_FAIL = true;

/** The categories that fail a run: wrong numbers and crashes always; printed forms by the switch. */
export function failing(category, printedFormsFail = PRINTED_FORMS_FAIL) {
  return category !== "printed" || printedFormsFail;
}

/** The oracle's view of a case: JAX source, argument names, nested values. */
export function oracleCase(c, id) {
  const values = valuesOf(c);
  return {
    id,
    expr: toJax(c.tree),
    names: [...c.variables.keys()],
    values: Object.fromEntries(Object.entries(values).map(([k, t]) => [k, nested(t)])),
    wrt: c.wrt,
    order: c.order,
  };
}

/** Library + oracle + judgement of one case. */
async function checkOne(c, jax, printed) {
  const lib = library(c, { printed });
  const [answer] = jax ? await jax.run([oracleCase(c, 0)]) : [undefined];
  return { lib, ...judge(c, lib, answer) };
}

/** What a failure is for shrinking: its category and check (and, for errors, the message's start). */
const signature = (f) =>
  `${f.category}/${f.check}${f.check === "threw" ? `/${f.detail.replace(/'[^']*'|\d+/g, "").slice(0, 40)}` : ""}`;

/** A case in a form to print and rerun: source, variable, order, values. */
export function describeCase(c) {
  const values = valuesOf(c);
  return {
    source: sourceOf(c),
    wrt: c.wrt,
    order: c.order,
    values: Object.fromEntries(Object.entries(values).map(([k, t]) => [k, nested(t)])),
  };
}

/**
 * Runs the campaign. Options: `seed` and `cases` (or `seeds`, a list), `jax` (an oracle from `startJax`, or undefined for
 * finite differences only), `batch` (cases per oracle round trip), `printed` (check printed forms),
 * `shrinkLimit` (failing cases shrunk per signature), `onProgress(done)`.
 */
export async function runCampaign(options) {
  const { seed, jax, batch = 20, printed = true, shrinkLimit = 3, onProgress } = options;
  const list = options.seeds ?? Array.from({ length: options.cases }, (_, k) => seed + k);
  const cases = list.length;
  const started = Date.now();
  const summary = {
    seeds: [Math.min(...list), Math.max(...list)],
    cases,
    checked: 0,
    invalid: 0,
    oracle: jax ? `jax ${jax.version}` : "none",
    oracleErrors: [],
    failures: [],
    counts: {},
  };
  const chunks = [];
  for (let k = 0; k < cases; k += batch) chunks.push(list.slice(k, k + batch));
  const ask = (seeds) => {
    if (!jax) return Promise.resolve([]);
    return jax.run(seeds.map((s) => oracleCase(generateCase(s), s)));
  };
  let pending = chunks.length ? ask(chunks[0]) : undefined;
  for (let k = 0; k < chunks.length; k++) {
    const current = pending;
    pending = k + 1 < chunks.length ? ask(chunks[k + 1]) : undefined;
    const libs = chunks[k].map((s) => {
      const c = generateCase(s);
      return { c, lib: library(c, { printed }) };
    });
    const answers = await current;
    for (const [i, { c, lib }] of libs.entries()) {
      const answer = answers[i];
      const verdict = judge(c, lib, answer);
      if (verdict.invalid) {
        summary.invalid++;
        continue;
      }
      summary.checked++;
      if (verdict.oracleError)
        summary.oracleErrors.push({
          seed: c.seed,
          source: sourceOf(c),
          error: verdict.oracleError,
        });
      if (verdict.failures.length) {
        summary.failures.push({ seed: c.seed, case: c, failures: verdict.failures });
        for (const f of new Set(verdict.failures.map((f) => `${f.category}/${f.check}`)))
          summary.counts[f] = (summary.counts[f] ?? 0) + 1;
      }
    }
    onProgress?.(Math.min(cases, (k + 1) * batch), summary);
  }
  await shrinkFailures(summary, jax, printed, shrinkLimit);
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

/** Shrinks up to `limit` failing cases per failure signature, and groups the shrunk results. */
async function shrinkFailures(summary, jax, printed, limit) {
  const perSignature = new Map();
  for (const failure of summary.failures) {
    const first = failure.failures.find((f) => f.category !== "printed") ?? failure.failures[0];
    const sig = signature(first);
    const n = perSignature.get(sig) ?? 0;
    perSignature.set(sig, n + 1);
    failure.signature = sig;
    if (n >= limit) continue;
    const { shrunk } = await shrink(failure.case, async (candidate) => {
      try {
        const { failures, invalid } = await checkOne(candidate, jax, printed);
        return !invalid && failures.some((f) => signature(f) === sig);
      } catch {
        return false;
      }
    });
    const again = await checkOne(shrunk, jax, printed);
    failure.shrunk = {
      ...describeCase(shrunk),
      failures: again.failures.filter((f) => signature(f) === sig),
    };
  }
}
