/**
 * The helper thread of the kernels, for Node: one worker that instantiates the same kernel module
 * on the same shared memory and runs half of every large block, half of the entries of a large
 * batch of small products, or half of the rows of a large memory-bound step (`blocked.ts`,
 * `wasmGemm.ts` and `helper.ts` decide what is large). It starts on the first large product —
 * until it is up, this thread works alone — and never keeps the process alive. The two threads
 * meet through a few shared integers: this thread writes one or more jobs (`helper.ts`) and sets
 * GO, may append more jobs as it prepares them (the list closed with the last); the helper runs
 * them, counting those it has finished (so that their results can be used before it is done), and
 * once the list is closed and run sets DONE (or FAILED, and stops: then this thread redoes that
 * work itself — the whole product when the helper's calls were adding into C — and works alone
 * from then on); a product stays one synchronous call. Each side spins for a while before it
 * sleeps in `Atomics.wait` (`SPIN`).
 */
import { Worker } from "node:worker_threads";
import { runChunks } from "./blocked.js";
import { attachHelper, CALLS, type Helper, JOB_SLOTS, MAX_JOBS, runJob } from "./helper.js";
import { KERNELS } from "./simdKernel.js";
import { sharedKernel } from "./wasmRuntime.js";

const STATE = 0;
const READY = 1;
/** How many jobs there are so far, plus `CLOSED` once no more will be appended. */
const JOBS = 2;
/** How many jobs of the current start the helper has finished. */
const FINISHED = 3;
const ARGS = 4;

const IDLE = 0;
const GO = 1;
const DONE = 2;
const FAILED = 3;
const CLOSED = 1 << 30;
/**
 * How many times a side checks the state before it sleeps (1–2 ms here). Waking a sleeping thread
 * takes 40–130 µs here, a third of a mid-sized job: spinning through the gaps between the products
 * of a contraction (a few shorter steps, the next call's packing) made a batch of 0.5-million
 * multiply–add products run in 0.8 of their one-thread time, where 0.1 ms of spinning gained
 * nothing.
 */
const SPIN = 1 << 17;

/** The helper's program: instantiate, say ready, then run jobs until one fails. */
const program = `
const { workerData } = require("node:worker_threads");
const { module, memory, control } = workerData;
const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
const kernels = ${JSON.stringify(KERNELS)}.map((name) => exports[name]);
const calls = ${JSON.stringify(CALLS)}.map((name) => exports[name]);
const ctl = new Int32Array(control);
const runChunks = ${runChunks.toString()};
const runJob = ${runJob.toString()};
Atomics.store(ctl, ${READY}, 1);
for (let state = ${DONE}; state === ${DONE}; ) {
  for (let spins = 0, s; (s = Atomics.load(ctl, ${STATE})) !== ${GO}; spins++) {
    if (spins > ${SPIN}) Atomics.wait(ctl, ${STATE}, s);
  }
  try {
    for (let j = 0, at = ${ARGS}; ; j++, at += ${JOB_SLOTS}) {
      // the next job, once it is appended; none once the list is closed
      let jobs = Atomics.load(ctl, ${JOBS});
      for (let spins = 0; j >= (jobs & ${CLOSED - 1}) && jobs < ${CLOSED}; spins++) {
        if (spins > ${SPIN}) Atomics.wait(ctl, ${JOBS}, jobs);
        jobs = Atomics.load(ctl, ${JOBS});
      }
      if (j >= (jobs & ${CLOSED - 1})) break;
      runJob(runChunks, kernels, calls, ctl.subarray(at, at + ${JOB_SLOTS}));
      Atomics.store(ctl, ${FINISHED}, j + 1);
    }
  } catch {
    state = ${FAILED};
  }
  Atomics.store(ctl, ${STATE}, state);
  Atomics.notify(ctl, ${STATE});
}`;

/**
 * A helper (the one of this thread, made by `enableThreads`): it starts its worker on the first
 * call of `ready` and is broken for good (products stay on this thread) once the worker cannot
 * start, fails a job or exits.
 *
 * @example const helper = makeHelper(); helper.ready() // false until the worker is up
 */
export function makeHelper(): Helper {
  const control = new Int32Array(new SharedArrayBuffer(4 * (ARGS + MAX_JOBS * JOB_SLOTS)));
  let worker: Worker | undefined;
  let broken = false;
  /** Jobs handed over since the last `wait`, and whether more may be appended. */
  let handed = 0;
  let open = false;
  return {
    ready() {
      if (broken) return false;
      if (worker === undefined) {
        const kernel = sharedKernel();
        if (kernel === null) {
          broken = true;
          return false;
        }
        try {
          // no inherited Node options: `--input-type=module` would make the program an ES module
          const workerData = { ...kernel, control: control.buffer };
          worker = new Worker(program, { eval: true, workerData, execArgv: [] });
          worker.unref();
          worker.on("error", () => {
            broken = true;
          });
          worker.on("exit", () => {
            broken = true;
          });
        } catch {
          // e.g. a process run with Node's permission model, which forbids workers
          broken = true;
          return false;
        }
      }
      return Atomics.load(control, READY) === 1;
    },
    starting() {
      return !broken && worker !== undefined && Atomics.load(control, READY) !== 1;
    },
    start(args, more = false) {
      const jobs = args.length / JOB_SLOTS;
      if (handed > 0 && !open) throw new Error("helper: its list of jobs is closed until `wait`");
      if (!Number.isInteger(jobs) || jobs < 1 || handed + jobs > MAX_JOBS) {
        throw new Error(
          `helper: ${args.length} arguments are not 1 to ${MAX_JOBS - handed} more jobs`,
        );
      }
      control.set(args, ARGS + handed * JOB_SLOTS);
      const count = (handed + jobs) | (more ? 0 : CLOSED);
      if (handed === 0) {
        control[JOBS] = count;
        control[FINISHED] = 0;
        Atomics.store(control, STATE, GO);
        Atomics.notify(control, STATE);
      } else {
        Atomics.store(control, JOBS, count);
        Atomics.notify(control, JOBS);
      }
      handed += jobs;
      open = more;
    },
    finished(jobs) {
      return Atomics.load(control, FINISHED) >= jobs;
    },
    wait() {
      if (handed === 0) return !broken;
      if (open) {
        Atomics.or(control, JOBS, CLOSED);
        Atomics.notify(control, JOBS);
      }
      handed = 0;
      open = false;
      let spins = 0;
      let s = Atomics.load(control, STATE);
      for (; s !== DONE && s !== FAILED; s = Atomics.load(control, STATE)) {
        if (++spins > SPIN) Atomics.wait(control, STATE, s);
      }
      Atomics.store(control, STATE, IDLE);
      if (s === FAILED) broken = true;
      return s === DONE;
    },
  };
}

let helper: Helper | undefined;

/**
 * Lets large matrix products use a second core (one helper worker for this thread, however often
 * this is called). Does nothing where the kernel's memory cannot be shared; a helper that cannot
 * start or fails is left aside and the products run on one thread.
 *
 * @example enableThreads(); contract(operands, output, sizes) // large steps now use two cores
 */
export function enableThreads(): void {
  helper ??= makeHelper();
  attachHelper(helper);
}

/**
 * Back to one thread: large products no longer use the helper (which stays idle).
 *
 * @example disableThreads(); contract(operands, output, sizes) // one core
 */
export function disableThreads(): void {
  attachHelper(null);
}
