import { hostileCase } from "/work/wt-robust/scripts/hostile/cases.mjs";
import { loadModules } from "/work/wt-robust/scripts/hostile/run.mjs";

const [seed, k] = process.argv.slice(2).map(Number);
const m = await loadModules();
const c = hostileCase(seed, k, m);
console.log(c.kind, c.what.slice(0, 1000));
const o = await c.run();
console.log(o.error ? o.error.stack : (o.cli ?? typeof o.result));
