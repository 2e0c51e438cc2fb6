/**
 * Running hostile cases in order, in this thread: `runCase` times one call (wall and CPU time;
 * the limit applies to CPU time, which other processes on the machine do not inflate) and judges it. The
 * vitest slice calls it directly; the campaign script calls it in a worker thread that a watchdog
 * can stop (a true hang never returns to be timed).
 */
import { hostileCase } from "./cases.mjs";
import { judge } from "./judge.mjs";

/**
 * The modules the cases need, loaded once: the CLI's `main`, the renderer and the embed package.
 *
 * @example const modules = await loadModules();
 */
export async function loadModules() {
  const [{ main }, render, embed] = await Promise.all([
    import("../../packages/cli/dist/main.js"),
    import("@diagrad/render"),
    import("@diagrad/embed"),
  ]);
  return { main, render, embed };
}

/**
 * Runs case `k` of `seed`: `{ k, kind, what, ms, failure, ended }` (failure undefined when it
 * passed; ended says how: "result", "error" or "exit N").
 *
 * @example await runCase(1, 0, modules, 2000)
 */
export async function runCase(seed, k, modules, limitMs) {
  const hostile = hostileCase(seed, k, modules);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const outcome = await hostile.run();
  const ms = performance.now() - start;
  // the limit is on CPU time: on a machine shared with other work, wall time counts theirs too
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const failure = judge(hostile, outcome, cpuMs, limitMs);
  const ended = outcome.cli ? `exit ${outcome.cli.code}` : "error" in outcome ? "error" : "result";
  return { k, kind: hostile.kind, what: hostile.what, ms, cpuMs, failure, ended };
}
