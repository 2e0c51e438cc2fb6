import { writeFileSync } from "node:fs";
import { oracleCase } from "./fuzz/campaign.mjs";
import { generateCase } from "./fuzz/generate.mjs";

const n = Number(process.argv[2] ?? 40),
  from = Number(process.argv[3] ?? 1);
writeFileSync(
  "/tmp/cases.json",
  JSON.stringify(Array.from({ length: n }, (_, k) => oracleCase(generateCase(from + k), from + k))),
);
