/**
 * The helper thread of the matrix product, for Node: one worker that instantiates the same kernel
 * module on the same shared memory and runs half of every large block (`wasmGemm.ts` decides what
 * is large). It starts on the first large product — until it is up, this thread works alone — and
 * never keeps the process alive. The two threads meet through a few shared integers: this thread
 * writes the arguments and sets GO; the helper runs `runChunks` and sets DONE (or FAILED, and
 * stops: then this thread runs those chunks itself and works alone from then on); a product stays
 * one synchronous call. Each side spins for a while before it sleeps in `Atomics.wait`: waking a
 * sleeping thread costs tens of microseconds here, as much as a mid-sized block, and the next job
 * or the other half usually comes sooner than that.
 */
import { Worker } from "node:worker_threads";
import { KERNELS } from "./simdKernel.js";
import { attachHelper, type Helper, runChunks } from "./wasmGemm.js";
import { sharedKernel } from "./wasmRuntime.js";

const STATE = 0;
const READY = 1;
const ARGS = 2;
/** `runChunks`'s arguments after the kernels. */
const ARG_COUNT = 13;
const IDLE = 0;
const GO = 1;
const DONE = 2;
const FAILED = 3;
/** How many times a side checks the state before it sleeps (about 0.1 ms). */
const SPIN = 1 << 13;

/** The helper's program: instantiate, say ready, then run jobs until one fails. */
const program = `
const { workerData } = require("node:worker_threads");
const { module, memory, control } = workerData;
const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
const kernels = ${JSON.stringify(KERNELS)}.map((name) => exports[name]);
const ctl = new Int32Array(control);
const runChunks = ${runChunks.toString()};
Atomics.store(ctl, ${READY}, 1);
for (let state = ${DONE}; state === ${DONE}; ) {
  for (let spins = 0, s; (s = Atomics.load(ctl, ${STATE})) !== ${GO}; spins++) {
    if (spins > ${SPIN}) Atomics.wait(ctl, ${STATE}, s);
  }
  try {
    runChunks(kernels, ...ctl.subarray(${ARGS}, ${ARGS + ARG_COUNT}));
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
  const control = new Int32Array(new SharedArrayBuffer(4 * (ARGS + ARG_COUNT)));
  let worker: Worker | undefined;
  let broken = false;
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
    start(args) {
      control.set(args, ARGS);
      Atomics.store(control, STATE, GO);
      Atomics.notify(control, STATE);
    },
    wait() {
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
