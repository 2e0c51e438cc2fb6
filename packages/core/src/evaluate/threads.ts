/**
 * The helper thread of the kernels, for Node: one worker that instantiates the same kernel module
 * on the same shared memory and takes a share of every large block, of the entries of a large
 * batch of small products, or of the rows of a large memory-bound step (`blocked.ts`,
 * `wasmGemm.ts` and `helper.ts` decide what is large). It starts on the first large product —
 * until it is up, this thread works alone — and never keeps the process alive. The two threads
 * meet through a few shared integers: this thread writes a list of jobs (`helper.ts`), which it may
 * lengthen as it prepares them, and the helper claims them one unit at a time (a job, or a few
 * that must run together) by a compare-and-swap on one word, which also holds the list's length
 * and generation, and counts those it has finished. When this thread is done with its own share
 * (`wait`), it claims and runs whatever the helper has not claimed, and waits only for the jobs
 * the helper did claim: a helper that the scheduler has not run (a busy machine) costs this
 * thread the work it would have done alone, never a wait for a time slice. A helper whose job
 * fails says so and stops; the caller then redoes that work itself (the whole product when the
 * helper's calls were adding into C) and works alone from then on. Each side spins for a while
 * before it sleeps in `Atomics.wait` (`SPIN`).
 */
import { Worker } from "node:worker_threads";
import { runChunks } from "./blocked.js";
import { attachHelper, CALLS, type Helper, JOB_SLOTS, MAX_JOBS, runJob } from "./helper.js";
import { KERNELS } from "./simdKernel.js";
import { runtime, sharedKernel } from "./wasmRuntime.js";

/** Set by the helper when a job of its failed (it then stops). */
const FAILED = 0;
const READY = 1;
/**
 * The list's word: the next job to claim (bits 0–6), how many jobs there are so far (bits 7–13),
 * whether the list is closed (bit 14), and the list's generation (bits 15–30). A claim is a
 * compare-and-swap of the whole word, so it succeeds only on the list it read.
 */
const WORD = 2;
/** How many jobs of the current list the helper has finished. */
const FINISHED = 3;
const ARGS = 4;
/** Per job: how many jobs the unit that starts there holds (claimed and run together). */
const UNITS = ARGS + MAX_JOBS * JOB_SLOTS;

const COUNT = 1 << 7;
const CLOSED = 1 << 14;
const GENERATION = 1 << 15;
const FIELD = 127;
/**
 * How many times a side checks the word before it sleeps (1–2 ms here). Waking a sleeping thread
 * takes 40–130 µs here, a third of a mid-sized job: spinning through the gaps between the products
 * of a contraction (a few shorter steps, the next call's packing) made a batch of 0.5-million
 * multiply–add products run in 0.8 of their one-thread time, where 0.1 ms of spinning gained
 * nothing.
 */
const SPIN = 1 << 17;

/** The helper's program: instantiate, say ready, then claim and run jobs until one fails. */
const program = `
const { workerData } = require("node:worker_threads");
const { module, memory, control, lateBy, slowBy } = workerData;
const nap = new Int32Array(new SharedArrayBuffer(4));
const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
const kernels = ${JSON.stringify(KERNELS)}.map((name) => exports[name]);
const calls = ${JSON.stringify(CALLS)}.map((name) => exports[name]);
const ctl = new Int32Array(control);
const runChunks = ${runChunks.toString()};
const runJob = ${runJob.toString()};
Atomics.store(ctl, ${READY}, 1);
let napped = false;
for (;;) {
  const word = Atomics.load(ctl, ${WORD});
  const next = word & ${FIELD};
  if (next < ((word >> 7) & ${FIELD})) {
    // (late on purpose, for tests: a nap before each claim, then the word read afresh)
    napped = lateBy > 0 && !napped;
    if (napped) {
      Atomics.wait(nap, 0, 0, lateBy);
      continue;
    }
    // the unit's size is read before the claim, its jobs after: the claim succeeds only if the
    // word, generation included, has not changed since it was read
    const size = ctl[${UNITS} + next];
    if (Atomics.compareExchange(ctl, ${WORD}, word, word + size) !== word) continue;
    if (slowBy > 0) Atomics.wait(nap, 0, 0, slowBy);
    try {
      for (let j = next, at = ${ARGS} + next * ${JOB_SLOTS}; j < next + size; j++, at += ${JOB_SLOTS}) {
        runJob(runChunks, kernels, calls, ctl.subarray(at, at + ${JOB_SLOTS}));
      }
    } catch {
      // (a failed unit is not counted as finished: its results are not to be used)
      Atomics.store(ctl, ${FAILED}, 1);
      Atomics.notify(ctl, ${FINISHED});
      break;
    }
    Atomics.add(ctl, ${FINISHED}, size);
    Atomics.notify(ctl, ${FINISHED});
    continue;
  }
  // nothing to claim: spin, then sleep until the word changes
  for (let spins = 0; Atomics.load(ctl, ${WORD}) === word; spins++) {
    if (spins > ${SPIN}) Atomics.wait(ctl, ${WORD}, word);
  }
}`;

/**
 * A helper (the one of this thread, made by `enableThreads`): it starts its worker on the first
 * call of `ready` and is broken for good (products stay on this thread) once the worker cannot
 * start, fails a job or exits. With `backOff` (the helper of `enableThreads`), a helper that kept
 * this thread waiting (`isLate`) is not ready for a while: 1 ms, doubling while it stays late, up
 * to `MAX_PAUSE`, so that on a busy machine large steps stay on this thread and the helper is
 * tried again now and then. With `lateBy` and `slowBy` (for tests), the worker sleeps that many
 * ms before each claim, and after it: a helper the scheduler runs late, or stops holding a piece.
 *
 * @example const helper = makeHelper(); helper.ready() // false until the worker is up
 */
export function makeHelper(
  options: { backOff?: boolean; lateBy?: number; slowBy?: number } = {},
): Helper {
  const { backOff = false, lateBy = 0, slowBy = 0 } = options;
  const control = new Int32Array(new SharedArrayBuffer(4 * (UNITS + MAX_JOBS)));
  let worker: Worker | undefined;
  let broken = false;
  /** Jobs handed over since the last `wait`, whether more may be appended, and the list's generation. */
  let handed = 0;
  let open = false;
  let generation = 0;
  /** Jobs of the current list this thread claimed and ran itself. */
  let mine = 0;
  /** When the current list started; for how many lists in a row the helper was late, and its rest. */
  let startedAt = 0;
  let strikes = 0;
  let restUntil = 0;
  /** This thread's kernels and calls, to run the jobs it claims. */
  let local: { blocks: Parameters<typeof runJob>[1]; calls: Parameters<typeof runJob>[2] } | null =
    null;
  /** Sets the word's fields by `change` (the helper may claim meanwhile). */
  const update = (change: (word: number) => number) => {
    for (let w = Atomics.load(control, WORD); ; w = Atomics.load(control, WORD)) {
      if (Atomics.compareExchange(control, WORD, w, change(w)) === w) break;
    }
    Atomics.notify(control, WORD);
  };
  /** Claims and runs here every unit the helper has not claimed; false when one of them failed. */
  const runRest = (): boolean => {
    let ok = true;
    for (;;) {
      const w = Atomics.load(control, WORD);
      const next = w & FIELD;
      const count = (w >> 7) & FIELD;
      if (next >= count) return ok;
      // once a job failed here, the rest are claimed without running (the caller redoes them)
      const size = ok ? control[UNITS + next] : count - next;
      if (Atomics.compareExchange(control, WORD, w, w + size) !== w) continue;
      mine += size;
      if (!ok) continue;
      try {
        local ??= localKernels();
        for (let j = next; j < next + size; j++) {
          const at = ARGS + j * JOB_SLOTS;
          runJob(runChunks, local.blocks, local.calls, control.subarray(at, at + JOB_SLOTS));
        }
      } catch {
        ok = false;
      }
    }
  };
  return {
    ready() {
      if (broken || (strikes > 0 && performance.now() < restUntil)) return false;
      if (worker === undefined) {
        const kernel = sharedKernel();
        if (kernel === null) {
          broken = true;
          return false;
        }
        try {
          // no inherited Node options: `--input-type=module` would make the program an ES module
          const workerData = { ...kernel, control: control.buffer, lateBy, slowBy };
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
    start(args, more = false, together = false) {
      const jobs = args.length / JOB_SLOTS;
      if (handed > 0 && !open) throw new Error("helper: its list of jobs is closed until `wait`");
      if (!Number.isInteger(jobs) || jobs < 1 || handed + jobs > MAX_JOBS) {
        throw new Error(
          `helper: ${args.length} arguments are not 1 to ${MAX_JOBS - handed} more jobs`,
        );
      }
      control.set(args, ARGS + handed * JOB_SLOTS);
      for (let j = 0; j < jobs; j++) control[UNITS + handed + j] = together ? jobs - j : 1;
      const closed = more ? 0 : CLOSED;
      if (handed === 0) {
        // a new list: its jobs are published by the word, after their arguments
        generation = (generation + 1) & 0xffff;
        mine = 0;
        if (backOff) startedAt = performance.now();
        Atomics.store(control, FINISHED, 0);
        Atomics.store(control, WORD, generation * GENERATION + jobs * COUNT + closed);
        Atomics.notify(control, WORD);
      } else {
        update((w) => (w & ~(FIELD * COUNT)) + (handed + jobs) * COUNT + closed);
      }
      handed += jobs;
      open = more;
    },
    finished(jobs) {
      return Atomics.load(control, FINISHED) + mine >= jobs;
    },
    wait() {
      if (handed === 0) return !broken;
      if (open) update((w) => w | CLOSED);
      // what the helper has not claimed is run here: a helper the scheduler has not run yet
      // is never waited for; one that claimed a job is waited for until it has finished it
      const ranHere = runRest();
      const theirs = handed - mine;
      handed = 0;
      open = false;
      const done = backOff ? performance.now() : 0;
      // (a helper that failed runs nothing more)
      let spins = 0;
      for (
        let f = Atomics.load(control, FINISHED);
        f < theirs && Atomics.load(control, FAILED) === 0;
        f = Atomics.load(control, FINISHED)
      ) {
        if (++spins > SPIN) Atomics.wait(control, FINISHED, f, 1);
      }
      if (backOff) {
        const now = performance.now();
        if (!isLate(done - startedAt, now - done)) strikes = 0;
        else {
          strikes = Math.min(strikes + 1, MAX_STRIKES);
          restUntil = now + 2 ** (strikes - 1);
        }
      }
      if (!ranHere || Atomics.load(control, FAILED) !== 0) broken = true;
      return !broken;
    },
  };
}

/** The longest rest of a late helper: 2^(MAX_STRIKES − 1) ms. */
const MAX_STRIKES = 8;
export const MAX_PAUSE = 2 ** (MAX_STRIKES - 1);

/**
 * Whether a helper kept this thread waiting: for more than a quarter of the time this thread
 * worked on the step (`worked` ms, its own share and any pieces it took over) and more than
 * 20 µs. A helper that runs keeps pace and the wait is a sliver of the step; one that was
 * descheduled holding a piece keeps this thread waiting for a time slice.
 *
 * @example isLate(0.4, 0.3) // true: 0.3 ms of waiting after 0.4 ms of work
 */
export function isLate(worked: number, waited: number): boolean {
  return waited > Math.max(0.02, worked / 4);
}

/** This thread's block kernels and the calls `runJob` picks from, in the order of `CALLS`. */
function localKernels() {
  const r = runtime();
  if (r === null) throw new Error("helper: no kernels on this thread");
  // (both are the instance's exports)
  const named = r.vector as unknown as Record<string, (...args: number[]) => void>;
  return { blocks: r.blocks, calls: CALLS.map((name) => named[name]) };
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
  helper ??= makeHelper({ backOff: true });
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
