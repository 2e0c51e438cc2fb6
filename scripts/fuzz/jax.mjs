/**
 * The JAX oracle as one long-lived python3 process (`oracle.py`): cases go over stdin in batches
 * and come back as one JSON line per batch, so a case costs milliseconds, not a process start.
 * Batches are answered in the order they were sent; send the next batch before working on the
 * current one and both processes run at once.
 *
 * @example
 * const jax = await startJax();           // undefined when python3 has no jax
 * const [r] = await jax.run([{ id: 0, expr: "jnp.sum(x)", names: ["x"], values: { x: [1, 2] }, wrt: "x", order: 1 }]);
 * jax.close();
 */
import { spawn, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const script = join(dirname(fileURLToPath(import.meta.url)), "oracle.py");
const PYTHON = process.env.PYTHON ?? "python3";

/** Whether python3 can import jax (a quick check, no process kept). */
export function jaxAvailable() {
  const r = spawnSync(PYTHON, ["-c", "import jax"], { stdio: "ignore" });
  return r.status === 0;
}

/** Starts the oracle; resolves to undefined when python3 or jax is missing. */
export async function startJax() {
  if (!jaxAvailable()) return undefined;
  const child = spawn(PYTHON, [script], { stdio: ["pipe", "pipe", "pipe"] });
  const waiting = [];
  let buffer = "";
  let stderr = "";
  let failed;
  child.stderr.on("data", (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (d) => {
    buffer += d;
    for (let at = buffer.indexOf("\n"); at >= 0; at = buffer.indexOf("\n")) {
      const line = buffer.slice(0, at);
      buffer = buffer.slice(at + 1);
      waiting.shift()?.resolve(JSON.parse(line));
    }
  });
  child.on("exit", (code) => {
    failed = new Error(`fuzz: the JAX oracle exited (${code}): ${stderr.trim()}`);
    for (const w of waiting.splice(0)) w.reject(failed);
  });
  const ask = () =>
    new Promise((resolve, reject) => {
      if (failed) reject(failed);
      else waiting.push({ resolve, reject });
    });
  const ready = await ask();
  return {
    version: ready.ready,
    /** Results for a batch of cases, in the same order. */
    run(cases) {
      const answer = ask();
      child.stdin.write(`${JSON.stringify(cases)}\n`);
      return answer;
    },
    close() {
      child.stdin.end();
    },
  };
}
