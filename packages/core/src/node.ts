/**
 * @diagrad/core on Node: everything `index.ts` exports, with large matrix products split over two
 * cores (a helper worker thread, started on the first large product; `threads.ts`), and large
 * results made without zeroing their memory first (`setResultAllocator`). Node resolves
 * "@diagrad/core" to this file; browsers and browser bundlers get `index.ts`.
 *
 * @example
 * import { disableThreads } from "@diagrad/core";
 * disableThreads(); // one core, e.g. when running many processes side by side
 */
import { Buffer } from "node:buffer";
import { setResultAllocator } from "./evaluate/pool.js";
import { enableThreads } from "./evaluate/threads.js";

export { disableThreads, enableThreads } from "./evaluate/threads.js";
export * from "./index.js";

enableThreads();

/**
 * Results of at least this many entries skip the zeroing, which costs about a third of
 * allocating and writing them (measured here: 8 MiB in 0.7–1.5 ms rather than 1.3–2.8 ms).
 */
const UNZEROED_MIN = 1024;
setResultAllocator((n) =>
  n < UNZEROED_MIN
    ? new Float64Array(n)
    : new Float64Array(Buffer.allocUnsafeSlow(8 * n).buffer, 0, n),
);
