/**
 * The reference for the matrix-multiply kernel, measured in the same run: the f64x2 multiply–add
 * throughput of this core with no memory traffic at all — a WebAssembly loop over twelve
 * independent accumulators (acc ← acc · x + y, in registers: enough chains to cover the latency
 * of a multiply followed by an add), assembled with the core's own emitter, with the kernel's own
 * instructions (a multiply and an add, or relaxed SIMD's fused multiply–add). No real kernel can
 * beat it for long, so `kernel GFLOP/s ÷ peak` says how close to the hardware we run.
 */
import { I32, op, V128, wasmModule } from "../packages/core/dist/evaluate/wasmEmit.js";

const ACC = 12;

function peakModule(fused) {
  const [N, X, Y, A0] = [0, 1, 2, 3];
  const body = [];
  const emit = (...parts) => {
    for (const p of parts) typeof p === "number" ? body.push(p) : body.push(...p);
  };
  emit(op.localGet(0), op.localSet(N));
  // x and y come from memory, so the engine cannot fold them
  emit(op.i32Const(0), op.v128Load(0), op.localSet(X), op.i32Const(0), op.v128Load(16));
  emit(op.localSet(Y), op.loop);
  for (let r = 0; r < ACC; r++) {
    if (fused) emit(op.localGet(A0 + r), op.localGet(X), op.localGet(Y), op.f64x2RelaxedMadd);
    else emit(op.localGet(A0 + r), op.localGet(X), op.f64x2Mul, op.localGet(Y), op.f64x2Add);
    emit(op.localSet(A0 + r));
  }
  emit(op.localGet(N), op.i32Const(1), op.i32Sub, op.localTee(N), op.brIf(0), op.end);
  // store the accumulators, or the engine drops the loop as dead code
  for (let r = 0; r < ACC; r++)
    emit(op.i32Const(32 + 16 * r), op.localGet(A0 + r), op.v128Store(0));
  const fn = { name: "peak", params: [I32], locals: [[V128, 2 + ACC]], body };
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 1 });
  new Float64Array(memory.buffer).set([0.999999, 0.999999, 1e-9, 1e-9]);
  const bytes = wasmModule([fn], { pages: 1, maximum: 1, shared: false });
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports.peak;
}

/** The best of fifteen timed runs of the register-only loop, in GFLOP/s. */
export function peakGflops(fused = false) {
  const peak = peakModule(fused);
  const iterations = 2e7;
  peak(1e5); // tier up before timing
  let best = 0;
  for (let r = 0; r < 15; r++) {
    const start = performance.now();
    peak(iterations);
    const s = (performance.now() - start) / 1000;
    best = Math.max(best, (iterations * ACC * 4) / s / 1e9);
  }
  return best;
}
