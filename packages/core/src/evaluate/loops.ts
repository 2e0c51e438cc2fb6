/**
 * The innermost loops of the JavaScript kernels, unrolled four times: V8 neither vectorises nor
 * unrolls typed-array loops, and unrolling by hand makes these about 1.5× faster here (fewer
 * bounds and loop checks per entry). Each works on runs of entries `step` apart.
 */

/**
 * `dst[j] = 0` for from ≤ j < to. A loop, not `fill`: on an array in shared memory (the kernels'
 * memory, `heap.ts`) `fill` costs several times as much.
 *
 * @example zero(c, 0, c.length)
 */
export function zero(dst: Float64Array, from: number, to: number): void {
  for (let j = from; j < to; j++) dst[j] = 0;
}

/**
 * `dst[at + j] = v · src[from + j·step]` for j < count.
 *
 * @example scaleInto(c, 0, 2, b, 0, 1, 3) // c[0..3) = 2·b[0..3)
 */
export function scaleInto(
  dst: Float64Array,
  at: number,
  v: number,
  src: Float64Array,
  from: number,
  step: number,
  count: number,
): void {
  let j = 0;
  if (step === 1) {
    for (; j + 3 < count; j += 4) {
      dst[at + j] = v * src[from + j];
      dst[at + j + 1] = v * src[from + j + 1];
      dst[at + j + 2] = v * src[from + j + 2];
      dst[at + j + 3] = v * src[from + j + 3];
    }
  }
  for (; j < count; j++) dst[at + j] = v * src[from + j * step];
}

/**
 * `dst[at + j] += v · src[from + j·step]` for j < count (an axpy).
 *
 * @example addScaled(c, 0, 2, b, 0, 1, 3) // c[0..3) += 2·b[0..3)
 */
export function addScaled(
  dst: Float64Array,
  at: number,
  v: number,
  src: Float64Array,
  from: number,
  step: number,
  count: number,
): void {
  let j = 0;
  if (step === 1) {
    for (; j + 3 < count; j += 4) {
      dst[at + j] += v * src[from + j];
      dst[at + j + 1] += v * src[from + j + 1];
      dst[at + j + 2] += v * src[from + j + 2];
      dst[at + j + 3] += v * src[from + j + 3];
    }
  }
  for (; j < count; j++) dst[at + j] += v * src[from + j * step];
}

/**
 * `dst[at + j] = a[aFrom + j·aStep] · b[bFrom + j·bStep]` for j < count (a Hadamard product of
 * two runs).
 *
 * @example multiplyInto(c, 0, a, 0, 1, b, 0, 1, 3) // c[0..3) = a[0..3) ∘ b[0..3)
 */
export function multiplyInto(
  dst: Float64Array,
  at: number,
  a: Float64Array,
  aFrom: number,
  aStep: number,
  b: Float64Array,
  bFrom: number,
  bStep: number,
  count: number,
): void {
  let j = 0;
  if (aStep === 1 && bStep === 1) {
    for (; j + 3 < count; j += 4) {
      dst[at + j] = a[aFrom + j] * b[bFrom + j];
      dst[at + j + 1] = a[aFrom + j + 1] * b[bFrom + j + 1];
      dst[at + j + 2] = a[aFrom + j + 2] * b[bFrom + j + 2];
      dst[at + j + 3] = a[aFrom + j + 3] * b[bFrom + j + 3];
    }
  }
  for (; j < count; j++) dst[at + j] = a[aFrom + j * aStep] * b[bFrom + j * bStep];
}

/**
 * `Σ_j a[aFrom + j·aStep] · b[bFrom + j·bStep]` for j < count, with four running sums to hide
 * the latency of the additions.
 *
 * @example dot(Float64Array.of(1, 2), 0, 1, Float64Array.of(3, 4), 0, 1, 2) // 11
 */
export function dot(
  a: Float64Array,
  aFrom: number,
  aStep: number,
  b: Float64Array,
  bFrom: number,
  bStep: number,
  count: number,
): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  if (aStep === 1 && bStep === 1) {
    for (; j + 3 < count; j += 4) {
      s0 += a[aFrom + j] * b[bFrom + j];
      s1 += a[aFrom + j + 1] * b[bFrom + j + 1];
      s2 += a[aFrom + j + 2] * b[bFrom + j + 2];
      s3 += a[aFrom + j + 3] * b[bFrom + j + 3];
    }
  } else {
    for (let x = aFrom, y = bFrom; j + 3 < count; j += 4, x += 4 * aStep, y += 4 * bStep) {
      s0 += a[x] * b[y];
      s1 += a[x + aStep] * b[y + bStep];
      s2 += a[x + 2 * aStep] * b[y + 2 * bStep];
      s3 += a[x + 3 * aStep] * b[y + 3 * bStep];
    }
  }
  for (; j < count; j++) s0 += a[aFrom + j * aStep] * b[bFrom + j * bStep];
  return s0 + s1 + (s2 + s3);
}
