/**
 * `diagrad plan EQ --sizes …` and `diagrad einsum EQ --sizes … --random`: the contraction planner
 * and evaluator on any einsum equation. `plan` reports the path (numpy.einsum_path's form: pairs
 * of positions in the shrinking operand list, each result appended), its flops in opt_einsum's
 * model, the peak intermediate size and the planning time; `einsum` evaluates the planned
 * contraction on random operands and reports the median evaluation time (after untimed warm-up
 * runs; start-up excluded).
 */
import { disableThreads, enableThreads, planEquation, runEquation } from "@diagrad/core";
import { jsonRecord } from "../render/json.js";
import { exitCodes, usageError } from "../report.js";
import type { EinsumOptions, Outcome, PlanOptions } from "./types.js";

const path = (steps: readonly (readonly number[])[]) =>
  `[${steps.map(([a, b]) => `(${a}, ${b})`).join(", ")}]`;

/**
 * Runs `plan` on the equation `source`.
 *
 * @example planCommand("ij,jk,kl->il", { sizes: { i: 1000, j: 2, k: 1000, l: 2 }, format: "json" })
 */
export function planCommand(source: string, options: PlanOptions): Outcome {
  const plan = planEquation(source, options.sizes ?? {});
  const { path: steps, flops, peak, ms } = plan;
  if (options.format === "json")
    return { output: jsonRecord({ path: steps, flops, peak, ms }), exitCode: exitCodes.ok };
  const lines = [
    `path:  ${path(steps)}  (numpy.einsum_path's form)`,
    `flops: ${flops} (opt_einsum's model)`,
    `peak:  ${peak} entries in the largest intermediate`,
    `planned in ${ms.toFixed(3)} ms`,
  ];
  return { output: `${lines.join("\n")}\n`, exitCode: exitCodes.ok };
}

/**
 * Runs `einsum` on the equation `source` with random operands.
 *
 * @example einsumCommand("ij,jk->ik", { sizes: { i: 64, j: 64, k: 64 }, random: true, repeat: 5, warmup: 200, seed: 1, format: "json" })
 */
export function einsumCommand(source: string, options: EinsumOptions): Outcome {
  if (!options.random) {
    throw usageError("einsum evaluates on random operands: add --random", "einsum");
  }
  if (options.threads === 1) disableThreads();
  else enableThreads();
  const run = runEquation(source, options.sizes ?? {}, {
    repeat: options.repeat,
    warmup: options.warmup,
    seed: options.seed,
    newResult: options.newResult,
  });
  const { ms, warmups, threads } = run;
  const shape = run.result.shape;
  if (options.format === "json") {
    return {
      output: jsonRecord({ ms, repeat: options.repeat, warmups, threads, shape, path: run.path }),
      exitCode: exitCodes.ok,
    };
  }
  const lines = [
    `median evaluation time: ${ms.toFixed(3)} ms over ${options.repeat} run${options.repeat === 1 ? "" : "s"}` +
      ` (after ${warmups} untimed warm-up run${warmups === 1 ? "" : "s"};` +
      ` ${threads === 2 ? "large products split over two cores" : "on one core"};` +
      ` ${options.newResult === true ? "a new result array each run" : "all into one result array"})`,
    `result shape: [${shape.join(", ")}]`,
    `path:  ${path(run.path)}`,
  ];
  return { output: `${lines.join("\n")}\n`, exitCode: exitCodes.ok };
}
