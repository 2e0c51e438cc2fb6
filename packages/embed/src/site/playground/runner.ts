/**
 * The page's side of the worker. The worker's code is built into the page's script as a string
 * and started from a Blob URL, so the playground needs no server: it runs from `file://` too,
 * where a page may not load a worker script by URL. Requests go to the one worker; when a new
 * request arrives while the worker has said nothing for `stuckAfterMs` (one long part of a stale
 * answer, such as ELK on a large network), the worker is ended and a fresh one takes the request.
 */
import type { Part, Request } from "./protocol.js";

/** How long the worker may stay silent on an outdated answer before it is replaced. */
export const stuckAfterMs = 1500;

/** Runs requests in a worker started from `source`; every part goes to `onPart`. */
export class Runner {
  #worker: Worker;
  #url: string;
  #pending: Request | undefined;
  #heardAt = 0;
  /** How many workers were ended because they were stuck on stale work. */
  restarts = 0;

  /**
   * @example const runner = new Runner(workerSource, (part) => console.log(part.kind));
   */
  constructor(
    source: string,
    readonly onPart: (part: Part) => void,
    readonly onFailure: (message: string) => void,
  ) {
    this.#url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    this.#worker = this.#start();
  }

  #start(): Worker {
    const worker = new Worker(this.#url);
    worker.onmessage = (event: MessageEvent<Part>) => {
      this.#heardAt = performance.now();
      const part = event.data;
      const last = part.kind === "done" || isInputError(part);
      if (last && this.#pending?.id === part.id) this.#pending = undefined;
      this.onPart(part);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.onFailure(event.message || "the worker failed");
    };
    return worker;
  }

  /** Sends `request`, replacing a worker stuck on an older one. */
  request(request: Request): void {
    const now = performance.now();
    if (this.#pending && now - this.#heardAt > stuckAfterMs) {
      this.#worker.terminate();
      this.#worker = this.#start();
      this.restarts++;
    }
    if (!this.#pending) this.#heardAt = now;
    this.#pending = request;
    this.#worker.postMessage(request);
  }
}

/** An error about an input ends the answer; a failed later part does not. */
function isInputError(part: Part): boolean {
  return part.kind === "error" && ["expr", "wrt", "order"].includes(part.field);
}
