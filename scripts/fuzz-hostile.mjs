#!/usr/bin/env node
/**
 * The hostile-input campaign (issue 18): `pnpm fuzz:hostile [--cases N] [--seed S]`.
 *
 * Runs N seeded hostile cases (default 10000, seed 1) through the library from untyped
 * JavaScript, the CLI (in-process), the Markdown transform and the SVG renderer, in a worker
 * thread watched for hangs (no answer in --hang ms, default 30000) and out-of-memory deaths
 * (the worker's heap is capped at 2 GiB). A case fails when it ends in anything but a result or
 * a clear, typed error, or when it takes more than --limit ms of CPU time (default 2000). Failures are
 * grouped by their first line, each group with a case to reproduce it:
 * `pnpm fuzz:hostile --seed S --from K --cases 1`. Exit 1 when a failure is not on the temporary
 * expected list (scripts/hostile/expected.mjs).
 */
import { Worker } from "node:worker_threads";
import { hostileCase } from "./hostile/cases.mjs";
import { expectedEntry, expectedFailures } from "./hostile/expected.mjs";

function option(name, fallback) {
  const k = process.argv.indexOf(`--${name}`);
  if (k < 0) return fallback;
  const n = Number(process.argv[k + 1]);
  if (!Number.isSafeInteger(n) || n < 0) {
    process.stderr.write(`error: --${name} takes a non-negative integer\n`);
    process.exit(2);
  }
  return n;
}

const seed = option("seed", 1);
const from = option("from", 0);
const cases = option("cases", 10_000);
const limitMs = option("limit", 2000);
const hangMs = option("hang", 30_000);
const verbose = process.argv.includes("--verbose");

const records = [];
const kinds = {};

/** Runs cases [start, end) in a worker; resolves with the first case it did not finish. */
function runWorker(start, end) {
  return new Promise((resolve) => {
    const worker = new Worker(new URL("./hostile/worker.mjs", import.meta.url), {
      workerData: { seed, from: start, to: end, limitMs },
      resourceLimits: { maxOldGenerationSizeMb: 2048 },
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    let current = start;
    let timer;
    let settled = false;
    const settle = (next, failure) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (failure) {
        const { kind, what } = hostileCase(seed, current, {});
        records.push({ k: current, kind, what, ms: 0, cpuMs: 0, failure });
        process.stderr.write(`case ${current} [${kind}] ${failure}\n`);
      }
      worker.terminate().then(() => resolve(next));
    };
    worker.on("message", (m) => {
      if (m.begin !== undefined) {
        current = m.begin;
        clearTimeout(timer);
        timer = setTimeout(() => settle(current + 1, `hang: no answer in ${hangMs} ms`), hangMs);
      } else if (m.record) {
        clearTimeout(timer);
        records.push(m.record);
        const key = `${m.record.kind} ${m.record.ended}`;
        kinds[key] = (kinds[key] ?? 0) + 1;
        if (verbose || m.record.failure) {
          const r = m.record;
          process.stderr.write(
            `case ${r.k} [${r.kind}] ${Math.round(r.ms)} ms (CPU ${Math.round(r.cpuMs)} ms) ${r.failure ?? "ok"}\n`,
          );
        }
        if (records.length % 500 === 0) process.stderr.write(`… ${records.length} cases\n`);
      } else if (m.done) settle(end);
    });
    worker.on("error", (e) =>
      settle(current + 1, `worker died: ${e.code ?? ""} ${e.message.split("\n")[0]}`),
    );
    worker.on("exit", (code) =>
      settle(current + 1, code === 0 ? undefined : `worker exited ${code}`),
    );
  });
}

const started = performance.now();
for (let next = from; next < from + cases; ) next = await runWorker(next, from + cases);
const seconds = (performance.now() - started) / 1000;

const failures = records.filter((r) => r.failure);
const groups = new Map();
for (const f of failures) {
  const key = f.failure.replace(/\d+/g, "N").slice(0, 90);
  groups.set(key, [...(groups.get(key) ?? []), f]);
}
const slowest = [...records].sort((a, b) => (b.cpuMs ?? 0) - (a.cpuMs ?? 0))[0];
const lines = [
  `hostile campaign: ${records.length} cases (seed ${seed}, cases ${from}–${from + cases - 1}) in ${seconds.toFixed(0)} s`,
  `  by kind and ending: ${Object.entries(kinds)
    .sort()
    .map(([k, n]) => `${k} ${n}`)
    .join(", ")}`,
  `  slowest: ${slowest ? `${Math.round(slowest.cpuMs)} ms of CPU, ${Math.round(slowest.ms)} ms wall (case ${slowest.k})` : "-"}`,
  `  failures: ${failures.length} in ${groups.size} groups`,
];
let unexpected = 0;
for (const [key, list] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
  const expected = list.filter((f) => expectedEntry(f)).length;
  unexpected += list.length - expected;
  const entry = expected === list.length;
  lines.push(
    `  ${list.length} × ${entry ? "(expected) " : expected ? `(${expected} expected) ` : ""}${key}`,
  );
  lines.push(
    `      cases ${list
      .slice(0, 12)
      .map((f) => f.k)
      .join(", ")}${list.length > 12 ? ", …" : ""}`,
  );
  lines.push(`      e.g. case ${list[0].k}: ${list[0].what.slice(0, 240)}`);
}
for (const e of expectedFailures) {
  if (!failures.some((f) => expectedEntry(f) === e))
    lines.push(`  stale expected entry: ${e.pattern}`);
}
lines.push(`  unexpected failures: ${unexpected}`);
process.stdout.write(`${lines.join("\n")}\n`);
process.exitCode = unexpected === 0 ? 0 : 1;
