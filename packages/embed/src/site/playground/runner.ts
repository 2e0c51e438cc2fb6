/**
 * The page's side of the workers: one per lane (`words` and `diagram`, see compute.ts), so the
 * formula never waits for a layout and the two run on two cores. The workers' code is built into
 * the page's script as a string and started from a Blob URL, so the playground needs no server: it
 * runs from `file://` too, where a page may not load a worker script by URL. Each request goes to
 * both. When a new request arrives while a worker has said nothing for `stuckAfterMs` (one long
 * part of a stale answer, such as ELK on a large network), that worker is ended and a fresh one
 * takes the request. A worker that has not finished its first answer is never ended: it is still
 * compiling its code (ELK's first layout is several times slower than the next ones), and a fresh
 * one would start that over.
 */
import type { Lane, Part, Request } from "./protocol.js";

/** How long a worker may stay silent on an outdated answer before it is replaced. */
export const stuckAfterMs = 2000;

/** One lane's worker and what the page knows about it. */
interface Lanes {
  worker: Worker;
  pending: Request | undefined;
  heardAt: number;
  warm: boolean;
}

/** Runs requests in the two workers started from `source`; every part goes to `onPart`. */
export class Runner {
  readonly #url: string;
  readonly #lanes: Record<Lane, Lanes>;
  /** How many workers were ended because they were stuck on stale work. */
  restarts = 0;

  /**
   * @example const runner = new Runner(workerSource, (part) => console.log(part.kind), console.error);
   */
  constructor(
    source: string,
    readonly onPart: (part: Part) => void,
    readonly onFailure: (message: string) => void,
  ) {
    this.#url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    const lane = (name: Lane): Lanes => ({
      worker: this.#start(name),
      pending: undefined,
      heardAt: 0,
      warm: false,
    });
    this.#lanes = { words: lane("words"), diagram: lane("diagram") };
  }

  #start(name: Lane): Worker {
    const worker = new Worker(this.#url, { name });
    worker.onmessage = (event: MessageEvent<Part>) => {
      const lane = this.#lanes[name];
      const part = event.data;
      lane.heardAt = performance.now();
      if (part.kind === "done") {
        lane.warm = true;
        if (lane.pending?.id === part.id) lane.pending = undefined;
      }
      this.onPart(part);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.onFailure(`the ${name} worker failed: ${event.message || "no reason given"}`);
    };
    return worker;
  }

  /** Sends `request` to both workers, replacing one that is stuck on an older request. */
  request(request: Request): void {
    const now = performance.now();
    for (const name of ["words", "diagram"] as const) {
      const lane = this.#lanes[name];
      if (lane.pending && lane.warm && now - lane.heardAt > stuckAfterMs) {
        lane.worker.terminate();
        lane.worker = this.#start(name);
        Object.assign(lane, { pending: undefined, warm: false });
        this.restarts++;
      }
      if (!lane.pending) lane.heardAt = now;
      lane.pending = request;
      lane.worker.postMessage(request);
    }
  }
}
