/**
 * `pnpm bench`: the contraction benchmark. For each problem of `problems.mjs` it prints diagrad's
 * plan cost (flops in opt_einsum's model) against NumPy's `einsum_path` 'optimal' (≤ 7 operands:
 * NumPy's search is factorial, ≈ 1 s at 7 and ≈ 50 s at 8) and 'greedy' paths — both without
 * NumPy's default memory cap — and, where python3 has opt_einsum, its 'dp', all costed by the same
 * function; diagrad's planning time against theirs; and diagrad's evaluation time against
 * `np.einsum(..., optimize=<diagrad's path>)` on one thread (OPENBLAS_NUM_THREADS=1), measured in
 * this same run in alternating rounds, with diagrad on two cores (as on Node by default) and on
 * one, writing into one result array, and on two cores with a new result array each run. Then a
 * GEMM line (n = 512: one core, two cores, the core's f64x2 peak and NumPy), the simplification
 * benchmark (with the depth sweep of structured derivatives), the size of the `<tensor-diagram>`
 * bundle (raw and gzipped) and, when present, the render benchmark. Between them, the evaluation
 * again on two threads and on one, alternating, with two busy processes (spin loops started and
 * killed here) on the machine's cores. Runs on the built `packages/core/dist`.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { wasmKernelKind } from "../packages/core/dist/evaluate/index.js";
import { disableThreads, enableThreads, runEquation } from "../packages/core/dist/node.js";
import { pathCost, planEquation } from "../packages/core/dist/plan/index.js";
import { peakGflops } from "./peak.mjs";
import { equation, problems } from "./problems.mjs";

// As the CLI does: relaxed SIMD (behind a flag on Node 20) lets the kernel fuse multiply–adds. The
// kernel is compiled on the first product, after this line.
if (process.versions.node.startsWith("20.")) setFlagsFromString("--experimental-wasm-relaxed-simd");

const here = dirname(fileURLToPath(import.meta.url));
const OPTIMAL_MAX = 7;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x) => (x === undefined ? "—" : x >= 1e5 ? x.toExponential(2) : String(Math.round(x)));
const ms = (x) => (x === undefined ? "—" : x < 10 ? x.toFixed(2) : x.toFixed(0));
const ratio = (a, b) => (a === undefined || b === undefined || b === 0 ? "—" : (a / b).toFixed(2));

/**
 * Above the exact search's 20 tensors: the cheapest path that much longer searches find (1024
 * greedy trials on three seeds, and the exact search up to 30 tensors with 50× its default budget),
 * as the "best known" path our default plan is held against.
 */
function bestKnown(eq, plan) {
  if (eq.equation.split("->")[0].split(",").length <= 20) return undefined;
  let best = plan.flops;
  const tries = [0, 1, 2].map((seed) => ({ trials: 1024, seed }));
  tries.push({ optimalUpTo: 30, budget: 2e8 });
  for (const options of tries) {
    try {
      best = Math.min(best, planEquation(eq.equation, eq.sizes, options).flops);
    } catch {
      // more than 30 tensors for the exact search
    }
  }
  return best;
}

const started = performance.now();
// Planning first, every problem, so that no evaluation's garbage lands in a planning time: warmed
// up for 300 ms (V8 keeps compiling a small problem's hot code over its first few hundred calls),
// then the median of the calls in 200 ms (nine at least): this shared machine's drift moved a
// median of nine by up to 2× between runs (tree 31: 1.6 ms in one, 2.7 in the next).
const planned = problems().map((problem) => {
  const eq = equation(problem);
  const warm = performance.now();
  while (performance.now() - warm < 300) planEquation(eq.equation, eq.sizes);
  const times = [];
  let plan;
  const begun = performance.now();
  while (times.length < 9 || performance.now() - begun < 200) {
    plan = planEquation(eq.equation, eq.sizes);
    times.push(plan.ms);
  }
  return { problem, eq, plan, planMs: median(times) };
});
// Evaluation: NumPy's C being compiled already, each timed contraction first runs untimed for
// 200 ms (V8 keeps compiling a small network's hot code over its first thousand calls or so, and
// a contraction compiled anew starts on colder code), then the median of 5 to 101 calls (≈ 300 ms),
// on two cores and on one (as NumPy runs). Ours and NumPy's alternate in ROUNDS rounds over the
// suite, and each time is the median of its rounds: this machine drifts over tens of seconds, so
// that two single measurements a minute apart could disagree by more than the difference measured.
const ROUNDS = 3;
const rows = planned.map(({ problem, eq, plan, planMs }) => {
  const first = runEquation(eq.equation, eq.sizes, { path: plan.path, warmup: 200 });
  const repeat = Math.max(5, Math.min(101, Math.round(300 / Math.max(first.ms, 0.01))));
  return { problem, eq, plan, planMs, repeat, best: bestKnown(eq, plan) };
});
/**
 * One round of our evaluation times, ms per problem: `[two cores, one core, two cores with a new
 * result array each run]` (the first two write every run into one result array).
 */
const ourRound = () =>
  rows.map(({ eq, plan, repeat }) => {
    const timed = { path: plan.path, repeat, warmup: 200 };
    const two = runEquation(eq.equation, eq.sizes, timed).ms;
    const fresh = runEquation(eq.equation, eq.sizes, { ...timed, newResult: true }).ms;
    disableThreads();
    const one = runEquation(eq.equation, eq.sizes, timed).ms;
    enableThreads();
    return [two, one, fresh];
  });

// NumPy, in a subprocess per round: the first also plans, and times a 512 × 512 product.
const env = {
  ...process.env,
  OPENBLAS_NUM_THREADS: "1",
  OMP_NUM_THREADS: "1",
  MKL_NUM_THREADS: "1",
};
delete env.OPENBLAS_CORETYPE;
delete env.OPENBLAS_L2_SIZE;
const input = rows.map((r) => ({
  equation: r.eq.equation,
  sizes: r.eq.sizes,
  labels: r.eq.labels,
  path: r.plan.path,
  repeat: r.repeat,
}));
/** NumPy's side of a round (its evaluations only, unless `full`), or undefined when it fails. */
function numpyRound(full) {
  const args = [join(here, "numpy_bench.py"), String(OPTIMAL_MAX), full ? "all" : "eval"];
  const py = spawnSync("python3", args, {
    input: JSON.stringify(input),
    env,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (py.status === 0) return JSON.parse(py.stdout);
  const why = py.error ? py.error.message : py.stderr.trim().split("\n").pop();
  console.log(`NumPy comparison skipped: python3 with numpy is not available here (${why}).\n`);
  return undefined;
}
const ours = [];
const numpyTimes = [];
let numpy;
for (let round = 0; round < ROUNDS; round++) {
  ours.push(ourRound());
  if (round === 0) numpy = numpyRound(true);
  const times = round === 0 ? numpy : numpy && numpyRound(false);
  if (times) numpyTimes.push(times.problems.map((p) => p.eval_ms));
}
for (const [k, row] of rows.entries()) {
  row.evalMs = median(ours.map((r) => r[k][0]));
  row.singleMs = median(ours.map((r) => r[k][1]));
  row.freshMs = median(ours.map((r) => r[k][2]));
  const np = numpyTimes.map((r) => r[k]).filter((x) => x !== undefined);
  if (numpy && np.length > 0) numpy.problems[k].eval_ms = median(np);
}

/**
 * A path's flops by our cost function. opt_einsum's paths may hold one-operand steps (a sum over
 * one operand's own labels, which our model does not count); they only move that operand to the
 * end of the list, so the pairs are re-indexed as if it had stayed.
 */
const costOf = (row, path) => {
  if (!path) return undefined;
  const current = row.problem.inputs.map((_, k) => k);
  const ours = [...current];
  const pairs = [];
  let next = current.length;
  for (const step of path) {
    if (step.length === 1) {
      current.push(...current.splice(step[0], 1));
      continue;
    }
    const [a, b] = [current[step[0]], current[step[1]]];
    pairs.push([ours.indexOf(a), ours.indexOf(b)]);
    for (const list of [current, ours]) {
      list.splice(list.indexOf(a), 1);
      list.splice(list.indexOf(b), 1);
      list.push(next);
    }
    next++;
  }
  const sizes = new Map(row.problem.sizes.map((d, l) => [l, d]));
  return pathCost(row.problem.inputs, row.problem.output, sizes, pairs).flops;
};

/** Prints a table: the first column left-aligned, the others right-aligned. */
function print(header, table) {
  const widths = header.map((h, c) => Math.max(h.length, ...table.map((r) => r[c].length)));
  const line = (cells) =>
    cells.map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "─".repeat(w)).join("  "));
  for (const r of table) console.log(line(r));
}

const dpVersion = numpy?.opt_einsum;
console.log("── planning ──");
print(
  [
    "problem",
    "n",
    "flops",
    "÷np opt",
    "÷np greedy",
    "÷dp",
    "÷best",
    "plan ms",
    "np opt ms",
    "dp ms",
    "dp÷plan",
  ],
  rows.map((row, k) => {
    const np = numpy?.problems[k] ?? {};
    return [
      row.problem.name,
      String(row.problem.inputs.length),
      fmt(row.plan.flops),
      ratio(row.plan.flops, costOf(row, np.optimal?.path)),
      ratio(row.plan.flops, costOf(row, np.greedy?.path)),
      ratio(row.plan.flops, costOf(row, np.dp?.path)),
      ratio(row.plan.flops, row.best),
      ms(row.planMs),
      ms(np.optimal?.ms),
      ms(np.dp?.ms),
      ratio(np.dp?.ms, row.planMs),
    ];
  }),
);
console.log(
  "\nflops: opt_einsum's model (size of a step's labels, ×2 when it sums one); every path is costed by" +
    "\nthe same function and ÷ compares our flops with another planner's. np: numpy.einsum_path," +
    "\n'optimal' up to 7 operands (it is factorial), never on more than 52 labels. dp: opt_einsum" +
    (dpVersion
      ? ` ${dpVersion}'s dp, given up after 10 s ('—').`
      : "'s dp: not installed here (pip install opt_einsum), so '—'.") +
    "\n÷best: against the cheapest path of much longer searches of ours (> 20 tensors only)." +
    "\nplan ms: median of the calls in 200 ms (9 at least) after a warm-up (the JIT compiles hot code" +
    "\nafter some calls; a first, cold call takes longer); np and dp: one call each (CPython has no" +
    "\nJIT to warm).",
);

// The f64x2 multiply–add peak of one core (bench/peak.mjs): what no kernel of ours can beat.
const peak = peakGflops(wasmKernelKind() === "fused");
console.log("\n── evaluation ──");
print(
  [
    "problem",
    "eval ms",
    "1 core ms",
    "new ms",
    "np eval ms",
    "eval÷np",
    "1 core÷np",
    "new÷np",
    "÷floor",
    "np÷floor",
  ],
  rows.map((row, k) => {
    const np = numpy?.problems[k] ?? {};
    // the path's arithmetic on both cores at the peak
    const floorMs = row.plan.flops / (2 * peak * 1e6);
    return [
      row.problem.name,
      ms(row.evalMs),
      ms(row.singleMs),
      ms(row.freshMs),
      ms(np.eval_ms),
      ratio(row.evalMs, np.eval_ms),
      ratio(row.singleMs, np.eval_ms),
      ratio(row.freshMs, np.eval_ms),
      ratio(row.evalMs, floorMs),
      ratio(np.eval_ms, floorMs),
    ];
  }),
);
console.log(
  "\neval: median wall time of the contraction alone, after 200 ms of untimed runs of the same one;" +
    `\nof each, the median of ${ROUNDS} rounds in which ours and NumPy's alternate. diagrad splits large` +
    "\nproducts over two cores (1 core: with the helper thread off) and writes every run into one" +
    "\nresult array, as NumPy's out= (new: a new array each run, as without it; this engine frees" +
    "\narrays only at garbage collection, so a large one is fresh memory the system maps in page by" +
    "\npage). NumPy runs np.einsum along diagrad's path on one thread, without out= (a freed" +
    "\nresult's memory is reused at once there; with out= NumPy measured no faster here). floor:" +
    ` the\npath's flops at two cores' f64x2 peak (${peak.toFixed(1)} GFLOP/s each, measured now), a` +
    "\nbound no evaluation of ours can beat; where np÷floor is below 1, NumPy's one thread runs" +
    "\nfaster than that bound.",
);

// Under load: two busy processes (spin loops started here, one per core, killed after) compete
// with both threads; each problem on two threads and on one, alternating, the median of ROUNDS
// rounds. A helper thread that the scheduler does not run must never cost more than the work it
// would have done (its pieces are then run by this thread, `threads.ts`).
const spinners = Array.from({ length: 2 }, () =>
  spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }),
);
const stopSpinners = () => {
  for (const s of spinners) s.kill("SIGKILL");
};
process.on("exit", stopSpinners);
const loaded = rows.map(() => ({ two: [], one: [] }));
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const [k, { eq, plan, repeat }] of rows.entries()) {
      const timed = { path: plan.path, repeat, warmup: 100 };
      loaded[k].two.push(runEquation(eq.equation, eq.sizes, timed).ms);
      disableThreads();
      loaded[k].one.push(runEquation(eq.equation, eq.sizes, timed).ms);
      enableThreads();
    }
  }
} finally {
  stopSpinners();
}
console.log("\n── evaluation under load ──");
print(
  ["problem", "2 threads ms", "1 thread ms", "2÷1", "2÷1 rounds"],
  rows.map((row, k) => {
    const { two, one } = loaded[k];
    const each = two.map((t, r) => t / one[r]);
    return [
      row.problem.name,
      ms(median(two)),
      ms(median(one)),
      ratio(median(two), median(one)),
      `${Math.min(...each).toFixed(2)}–${Math.max(...each).toFixed(2)}`,
    ];
  }),
);
const worst = rows
  .map((row, k) => ({ name: row.problem.name, r: median(loaded[k].two) / median(loaded[k].one) }))
  .sort((a, b) => b.r - a.r)[0];
console.log(
  `\nwith two spinning processes on the ${availableParallelism()} cores: the median of ${ROUNDS} rounds` +
    " each, two threads against one\n(--threads 1), alternating; the worst 2÷1:" +
    ` ${worst.r.toFixed(2)} (${worst.name}).`,
);

// GEMM, n = 512: diagrad's matrix product via a one-step einsum, on one core and on two, against
// the f64x2 multiply–add peak of this core (bench/peak.mjs) and NumPy's BLAS, all in this run.
const n = 512;
// The best of nine calls, as for the peak: on a shared machine the best call is the one the
// neighbours disturbed least.
const gflops = () => {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 9; r++) {
    best = Math.min(best, runEquation("ij,jk->ik", { i: n, j: n, k: n }).ms);
  }
  return (2 * n ** 3) / (best / 1000) / 1e9;
};
disableThreads();
const one = gflops();
enableThreads();
gflops(); // lets the helper thread start
const two = gflops();
const theirs = numpy
  ? `; NumPy ${numpy.gemm_gflops.toFixed(1)} (numpy ${numpy.numpy}, one thread)`
  : "";
console.log(
  `\nGEMM n=${n}, GFLOP/s: diagrad ${one.toFixed(1)} on one core (${(one / peak).toFixed(2)} of the` +
    ` f64x2 peak ${peak.toFixed(1)} measured now), ${two.toFixed(1)} on two` +
    ` (wasm kernel: ${wasmKernelKind()}; C written into one array)${theirs}`,
);
console.log(`contraction suite: ${((performance.now() - started) / 1000).toFixed(1)} s`);

console.log("\n── simplification bench ──");
spawnSync(process.execPath, [join(here, "simplify.mjs")], { stdio: "inherit" });

console.log("\n── bundle size ──");
spawnSync(process.execPath, [join(here, "bundle-size.mjs")], { stdio: "inherit" });

const render = join(here, "render.mjs");
if (existsSync(render)) {
  console.log("\n── render bench ──");
  spawnSync(process.execPath, [render], { stdio: "inherit" });
}
