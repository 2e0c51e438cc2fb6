import { loadModules, runCase } from "./run.mjs";

const [seed, from, to] = process.argv.slice(2).map(Number);
const m = await loadModules();
process.on("uncaughtException", (e) => {
  console.log("UNCAUGHT", e.stack);
  process.exit(3);
});
for (let k = from; k < to; k++) {
  const r = await runCase(seed, k, m, 2000);
  if (r.failure) console.log(k, r.kind, r.failure, r.what.slice(0, 200));
}
console.log("done");
