import { oracleCase } from "./fuzz/campaign.mjs";
import { library } from "./fuzz/check.mjs";
import { generateCase } from "./fuzz/generate.mjs";
import { startJax } from "./fuzz/jax.mjs";

const jax = await startJax();
await jax.run([oracleCase(generateCase(1), 1)]);
const orders = {};
let tl = 0,
  tp = 0;
for (let s = 1; s <= 40; s++) {
  const c = generateCase(s);
  let t = Date.now();
  await jax.run([oracleCase(c, s)]);
  const dj = Date.now() - t;
  t = Date.now();
  library(c, { printed: false });
  const dl = Date.now() - t;
  t = Date.now();
  library(c, { printed: true });
  const dp = Date.now() - t - dl;
  tl += dl;
  tp += dp;
  console.log(s, c.order, dj, dl, dp);
}
console.log("lib", tl, "printed", tp);
jax.close();
