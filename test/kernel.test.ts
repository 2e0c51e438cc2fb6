/**
 * The fused (relaxed SIMD) matrix kernel, which the CLI turns on and the unit tests, running
 * without V8's flag, cannot reach: a Node process started with the flag multiplies ragged,
 * strided and large matrices, on one thread and on two, and the test checks every product against
 * the textbook triple loop.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "./support/cli.js";

const script = `
const core = await import(${JSON.stringify(join(root, "packages/core/dist/node.js"))});
const { wasmMatmul } = await import(
  ${JSON.stringify(join(root, "packages/core/dist/evaluate/wasmGemm.js"))});
const { productThreads } = await import(
  ${JSON.stringify(join(root, "packages/core/dist/evaluate/helper.js"))});
const { wasmKernelKind } = await import(
  ${JSON.stringify(join(root, "packages/core/dist/evaluate/wasmRuntime.js"))});
let seed = 7;
const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
const worst = [];
const check = (m, k, n, transposed) => {
  const a = Float64Array.from({ length: m * k }, random);
  const b = Float64Array.from({ length: k * n }, random);
  const view = transposed
    ? { data: a, offset: 0, row: 1, col: m } // a holds Aᵀ
    : { data: a, offset: 0, row: k, col: 1 };
  const c = new Float64Array(m * n);
  wasmMatmul(view, { data: b, offset: 0, row: n, col: 1 }, c, 0, m, k, n);
  let bad = 0;
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0, scale = 0;
    for (let p = 0; p < k; p++) {
      const x = (transposed ? a[p * m + i] : a[i * k + p]) * b[p * n + j];
      s += x; scale += Math.abs(x);
    }
    bad = Math.max(bad, Math.abs(c[i * n + j] - s) / (scale || 1));
  }
  worst.push(bad);
};
for (const [m, k, n] of [[1, 1, 1], [5, 7, 3], [33, 257, 31], [64, 300, 70]]) {
  check(m, k, n, false);
  check(m, k, n, true);
}
for (let t = 0; t < 500 && productThreads() < 2; t++) await new Promise((r) => setTimeout(r, 20));
check(260, 300, 250, false);
console.log(JSON.stringify({ kind: wasmKernelKind(), threads: productThreads(), worst: Math.max(...worst) }));
`;

describe("the fused matrix kernel", () => {
  it("multiplies correctly with relaxed SIMD on, on one and two threads", () => {
    const flags = process.versions.node.startsWith("20.")
      ? ["--experimental-wasm-relaxed-simd"]
      : [];
    const result = spawnSync(process.execPath, [...flags, "--input-type=module", "-e", script], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.stderr).toBe("");
    const { kind, threads, worst } = JSON.parse(result.stdout);
    expect(kind).toBe("fused");
    expect(threads).toBe(2);
    expect(worst).toBeLessThan(1e-13);
  });
});
