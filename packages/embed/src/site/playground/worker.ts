/**
 * A playground worker: answers the page's requests off the main thread, so typing never waits.
 * The page starts two, named by their lane (`words` or `diagram`, see compute.ts), so the formula
 * never waits for a layout. Only the newest request matters: between the parts of an answer the
 * worker yields to its message queue, and once a newer request has arrived it drops the older
 * answer and starts the newer one. (A single part that runs long — ELK on a large network — cannot
 * be interrupted from here; the page ends such a worker and starts a fresh one.)
 *
 * Complete answers are remembered (the last `remembered` of them), so going back to an earlier
 * input — undo, the back button, a seed tried again — shows it at once. When the first answer is
 * done and nothing is waiting, the worker warms up: it works out the README's seeds once, without
 * showing or remembering them, because ELK and the engine's compiled code run about twice as fast
 * from their second use on. A request that comes in stops the warm-up at the next seed.
 *
 * elkjs, when it first lays out in a worker, sets `self.onmessage` to a dispatcher of its own
 * (ELK runs in-process here, through its fake worker). So the requests are taken with
 * `addEventListener`, which ELK leaves alone; its dispatcher ignores them, having no `cmd`.
 */
import { answer } from "./compute.js";
import type { Lane, Part, Request } from "./protocol.js";

interface WorkerScope {
  name: string;
  addEventListener(type: "message", listener: (event: MessageEvent<Request>) => void): void;
  postMessage(part: Part): void;
}

/** How many complete answers are kept. */
export const remembered = 32;

/** The README's seeds, worked out once to warm the engine up. */
const warmUps: Request[] = [
  { id: -1, expr: "W @ (A * B)", wrt: "A", order: 1 },
  { id: -1, expr: "x * y * z", wrt: "x", order: 1 },
  { id: -1, expr: "(A @ z) * tanh(B @ z)", wrt: "z", order: 1 },
];

const scope = self as unknown as WorkerScope;
const lane: Lane = scope.name === "diagram" ? "diagram" : "words";
const answers = new Map<string, Part[]>();
let latest: Request | undefined;
let running = false;
let warm = false;

const keyOf = (r: Request) => JSON.stringify([r.expr, r.wrt.trim(), r.order]);

/** Resolves after the messages already queued have been delivered. */
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Answers `request` part by part; false when a newer request cut it short. */
async function respond(request: Request): Promise<boolean> {
  const key = keyOf(request);
  const known = answers.get(key);
  if (known) {
    answers.delete(key); // most recently used last
    answers.set(key, known);
    for (const part of known) {
      const again = part.kind === "done" ? { remembered: true } : {};
      scope.postMessage({ ...part, id: request.id, ...again });
    }
    return true;
  }
  const parts: Part[] = [];
  const answering = answer(request, lane);
  for (;;) {
    const { value, done } = await answering.next();
    if (done) break;
    parts.push(value);
    scope.postMessage(value);
    await yieldToMessages();
    if (latest !== request) {
      await answering.return(undefined);
      return false;
    }
  }
  answers.set(key, parts);
  if (answers.size > remembered) answers.delete(answers.keys().next().value as string);
  return true;
}

/** Works out the seeds' first part once, unless a request comes in. */
async function warmUp(): Promise<void> {
  warm = true;
  for (const seed of warmUps) {
    await yieldToMessages();
    if (latest) return;
    for await (const _ of answer(seed, lane)) break;
  }
}

/** Answers the newest request until none is waiting, then warms up once. */
async function run(): Promise<void> {
  running = true;
  try {
    while (latest) {
      const request = latest;
      if ((await respond(request)) && latest === request) latest = undefined;
      if (!latest && !warm) await warmUp();
    }
  } finally {
    running = false;
  }
}

scope.addEventListener("message", (event) => {
  latest = event.data;
  if (!running) void run();
});
