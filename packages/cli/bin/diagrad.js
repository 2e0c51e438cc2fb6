#!/usr/bin/env node
import { setFlagsFromString } from "node:v8";
import { main } from "../dist/main.js";

// Node 20's V8 has relaxed SIMD only behind a flag; with it the matrix kernel fuses its
// multiply–adds (about a fifth faster here). An application may choose its engine's features, so
// the CLI does; the library never does. The kernel is compiled on the first large product, after this.
if (process.versions.node.startsWith("20.")) {
  setFlagsFromString("--experimental-wasm-relaxed-simd");
}

process.exitCode = await main(process.argv.slice(2));
