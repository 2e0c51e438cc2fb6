/**
 * The CI slice of the random-expression campaign (`pnpm fuzz`, scripts/fuzz/): a fixed range of
 * seeds, each case checked against JAX (through python3) and central finite differences, its
 * printed forms read back through the library. A wrong number or a crash fails the test; printed
 * forms fail it only once `PRINTED_FORMS_FAIL` (scripts/fuzz/campaign.mjs) is switched on.
 * Without jax in python3 the JAX oracle is skipped, except in CI (CI=true), where that is a failure.
 */
import { describe, expect, test } from "vitest";
import { failing, runCampaign } from "../scripts/fuzz/campaign.mjs";
import { jaxAvailable, startJax } from "../scripts/fuzz/jax.mjs";
import { report } from "../scripts/fuzz/report.mjs";
import { KNOWN_FAILURES, SLICE } from "./support/fuzz-slice.js";

/** A failing case of the campaign's summary (scripts/fuzz/campaign.mjs). */
interface FailingCase {
  seed: number;
  failures: { category: string; check: string; detail: string }[];
}

const inCI = Boolean(process.env.CI) && process.env.CI !== "false" && process.env.CI !== "0";
const hasJax = jaxAvailable();

describe("the random-expression campaign's CI slice", () => {
  test("python3 has jax in CI (pip install jax jaxlib)", () => {
    if (inCI) expect(hasJax, "CI=true but `python3 -c 'import jax'` fails").toBe(true);
  });

  test(
    `${SLICE.cases} random expressions agree with ${hasJax ? "JAX and " : ""}finite differences`,
    async () => {
      const jax = hasJax ? await startJax() : undefined;
      if (inCI) expect(jax, "the JAX oracle did not start").toBeDefined();
      let summary: Awaited<ReturnType<typeof runCampaign>>;
      try {
        summary = await runCampaign({ ...SLICE, jax, shrinkLimit: 1 });
      } finally {
        jax?.close();
      }
      const text = report(summary);
      console.log(text);
      const failures = summary.failures as FailingCase[];
      const counted = failures.filter(
        (f) => !KNOWN_FAILURES.has(f.seed) && f.failures.some((x) => failing(x.category)),
      );
      expect(
        counted.map((f) => f.seed),
        text,
      ).toEqual([]);
      // a known failure that passes now is fixed: its entry must go, so the list stays true (known
      // failures are wrong values that JAX sees, so this needs the oracle)
      if (jax) {
        const failingSeeds = new Set(failures.map((f) => f.seed));
        const fixed = [...KNOWN_FAILURES.keys()].filter((s) => !failingSeeds.has(s));
        expect(
          fixed,
          "known failures that pass now: remove them from test/support/fuzz-slice.ts",
        ).toEqual([]);
      }
      // the slice checks what it claims to: almost every case is in its functions' domains
      expect(summary.checked).toBeGreaterThanOrEqual(0.95 * SLICE.cases);
    },
    SLICE.timeoutMs,
  );
});
