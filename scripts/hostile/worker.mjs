/**
 * The campaign's worker thread: runs cases `from` to `to` of `seed` and posts `{ begin: k }`
 * before each and the case's record after it, so the main thread can tell a hang (no record in
 * time) and an out-of-memory death (the worker exits) from a slow case.
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadModules, runCase } from "./run.mjs";

const { seed, from, to, limitMs } = workerData;
const modules = await loadModules();
for (let k = from; k < to; k++) {
  parentPort.postMessage({ begin: k });
  const record = await runCase(seed, k, modules, limitMs);
  parentPort.postMessage({ record });
}
parentPort.postMessage({ done: true });
