/**
 * The playground's Web Worker: answers the page's requests off the main thread, so typing never
 * waits for a layout. Only the newest request matters: between the parts of an answer the worker
 * yields to its message queue, and once a newer request has arrived it drops the older answer and
 * starts the newer one. (A single part that runs long — ELK on a large network — cannot be
 * interrupted from here; the page ends such a worker and starts a fresh one.)
 *
 * elkjs, loaded in a worker, sets `self.onmessage` to its own dispatcher; assigning ours below,
 * after every import has run, replaces it (ELK runs in-process through its fake worker anyway).
 */
import { answer } from "./compute.js";
import type { Part, Request } from "./protocol.js";

interface WorkerScope {
  onmessage: ((event: MessageEvent<Request>) => void) | null;
  postMessage(part: Part): void;
}

const scope = self as unknown as WorkerScope;
let latest: Request | undefined;
let running = false;

/** Resolves after the messages already queued have been delivered. */
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Answers the newest request, part by part, until no request is waiting. */
async function run(): Promise<void> {
  running = true;
  try {
    while (latest) {
      const request = latest;
      const parts = answer(request);
      for (;;) {
        const { value, done } = await parts.next();
        if (done) break;
        scope.postMessage(value);
        await yieldToMessages();
        if (latest !== request) {
          await parts.return(undefined);
          break;
        }
      }
      if (latest === request) latest = undefined;
    }
  } finally {
    running = false;
  }
}

scope.onmessage = (event) => {
  latest = event.data;
  if (!running) void run();
};
