/**
 * A seeded slice of the hostile campaign (`pnpm fuzz:hostile` runs 10⁴ and more): hostile inputs
 * through the library from untyped JavaScript, the CLI's `main` in-process, the Markdown transform
 * and the SVG renderer. Each must end in a result or a clear, typed error within the time limit;
 * see scripts/hostile/judge.mjs for what counts. Failures on the expected list
 * (scripts/hostile/expected.mjs, empty today) would be counted but tolerated.
 */
import { expect, test } from "vitest";
import { expectedEntry } from "../scripts/hostile/expected.mjs";
import { loadModules, runCase } from "../scripts/hostile/run.mjs";

const SEED = 20261206;
const CASES = 2000;
/** CPU milliseconds per case; more lenient than the script's 2000, for loaded CI machines. */
const LIMIT_MS = 5000;

test(`${CASES} hostile cases end in a result or a typed error`, async () => {
  const modules = await loadModules();
  const failures: string[] = [];
  const endings = new Map<string, number>();
  for (let k = 0; k < CASES; k++) {
    const record = await runCase(SEED, k, modules, LIMIT_MS);
    const key = `${record.kind} ${record.ended}`;
    endings.set(key, (endings.get(key) ?? 0) + 1);
    if (record.failure && !expectedEntry(record))
      failures.push(`case ${k}: ${record.failure}\n    ${record.what.slice(0, 300)}`);
  }
  expect(failures).toEqual([]);
  // the slice reaches every path, and some cases of each kind succeed
  for (const kind of [
    "api result",
    "api error",
    "cli exit 0",
    "cli exit 1",
    "cli exit 2",
    "markdown result",
    "render result",
  ])
    expect(endings.get(kind) ?? 0, kind).toBeGreaterThan(0);
}, 180_000);
