/**
 * @diagrad/core on Node: everything `index.ts` exports, with large matrix products split over two
 * cores (a helper worker thread, started on the first large product; `threads.ts`). Node resolves
 * "@diagrad/core" to this file; browsers and browser bundlers get `index.ts`.
 *
 * @example
 * import { disableThreads } from "@diagrad/core";
 * disableThreads(); // one core, e.g. when running many processes side by side
 */
import { enableThreads } from "./evaluate/threads.js";

export { disableThreads, enableThreads } from "./evaluate/threads.js";
export * from "./index.js";

enableThreads();
