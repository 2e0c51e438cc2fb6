/**
 * One case through the library and its checks. `library(c)` runs diagrad: the expression's value,
 * the derivative, central finite differences of the derivative one order lower (the expression at
 * order 1) and every printed form that claims to evaluate (`formula`, `vec_formula`) read back
 * through `prepare` + `evaluate`. `judge(c, lib, jax)` turns that and the JAX oracle's answer into
 * failures, each `{ category, check, detail }`:
 * - `value`: a wrong number (against JAX: `jax-value`, `jax-derivative`; against differences: `fd`);
 * - `crash`: a plain JavaScript error, not a DiagradError, on a well-typed expression;
 * - `refused`: a DiagradError on a well-typed expression;
 * - `printed`: a printed form that does not evaluate, or evaluates to other numbers.
 *
 * @example judge(c, library(c), jaxResult) // [] when all agree
 */
import { DiagradError, derivative, evaluate, formulas, prepare } from "@diagrad/core";
import { sourceOf, valuesOf } from "./values.mjs";

/** Tolerances: normwise relative errors (see `relativeError`). */
export const TOLERANCE = { jax: 1e-7, fd: [0, 1e-5, 1e-4, 1e-4], printed: 1e-7 };

/** max |a − b| / max(max |b|, floor): the normwise relative error. */
export function relativeError(a, b, floor = 1e-12) {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let err = 0;
  let scale = floor;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    err = Math.max(err, Number.isNaN(d) ? Number.POSITIVE_INFINITY : d);
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return err / scale;
}

const maxAbs = (xs) => xs.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

/**
 * Central differences of `lower` (a prepared expression or derivative) by `wrt` at `values`,
 * against `analytic`: the error as check.ts measures it (normwise, with a floor of 1e-3 of the
 * differenced function's size, and 1e-7 of the expression's, below which differences are noise).
 * Steps 1e-5, 1e-6 and 1e-4 (relative); the best counts, so that a strongly curved function
 * (sin(det(A)) with det(A) ≈ 2000) is not blamed on the derivative.
 */
function finiteDifference(lower, wrt, values, analytic, scale) {
  const x = values[wrt];
  const base = evaluate(lower, values).data;
  const floor = Math.max(1e-3 * maxAbs(base), 1e-7 * scale);
  let best = Number.POSITIVE_INFINITY;
  for (const step of [1e-5, 1e-6, 1e-4]) {
    const numeric = new Float64Array(base.length * x.data.length);
    for (let j = 0; j < x.data.length; j++) {
      const h = step * Math.max(1, Math.abs(x.data[j]));
      const shifted = (delta) => {
        const data = Float64Array.from(x.data);
        data[j] += delta;
        return evaluate(lower, { ...values, [wrt]: { shape: x.shape, data } }).data;
      };
      const plus = shifted(h);
      const minus = shifted(-h);
      for (let i = 0; i < base.length; i++)
        numeric[i * x.data.length + j] = (plus[i] - minus[i]) / (2 * h);
    }
    best = Math.min(best, relativeError(analytic, numeric, floor));
    if (best < 1e-6) break;
  }
  return best;
}

/** For each entry in row-major order, its position in column-major order. */
function columnMajor(shape) {
  const n = shape.reduce((a, b) => a * b, 1);
  // the column-major weight of axis k is the product of the sizes before it
  const weights = shape.map((_, k) => shape.slice(0, k).reduce((a, b) => a * b, 1));
  return Array.from({ length: n }, (_, flat) => {
    let rest = flat;
    let position = 0;
    for (let k = shape.length - 1; k >= 0; k--) {
      position += (rest % shape[k]) * weights[k];
      rest = Math.floor(rest / shape[k]);
    }
    return position;
  });
}

/** J[out…, in…] (row-major) rearranged as ∂vec(F)/∂vec(X), vec column-major. */
function vecLayout(data, outShape, inShape) {
  const out = columnMajor(outShape);
  const inn = columnMajor(inShape);
  const cols = inn.length;
  const result = new Float64Array(data.length);
  for (let i = 0; i < out.length; i++)
    for (let j = 0; j < cols; j++) result[out[i] * cols + inn[j]] = data[i * cols + j];
  return result;
}

function describe(e) {
  return `${e instanceof DiagradError ? "" : `${e?.name ?? "Error"}: `}${e?.message ?? e}`;
}

/** The printed forms of `d` that claim to evaluate, each read back and compared with `numbers`. */
function printedForms(d, numbers, values) {
  const problems = [];
  let forms;
  try {
    forms = formulas(d);
  } catch (e) {
    return [{ check: "formulas", detail: `formulas() threw ${describe(e)}` }];
  }
  const outShape = d.expression.shape;
  const tries = [["formula", forms.formula, numbers]];
  if (forms.vec_formula !== undefined) {
    const inShape = values[d.wrt].shape;
    // a Jacobian: rows vec(F), columns vec(X); a scalar's Hessian: rows and columns vec(X)
    const hessian = d.order === 2 && outShape.length === 0;
    const valueShape = hessian ? inShape : numbers.shape.slice(0, outShape.length);
    tries.push(["vec_formula", forms.vec_formula, vecLayout(numbers.data, valueShape, inShape)]);
  }
  for (const [check, formula, expected] of tries) {
    const want = expected.data ?? expected;
    try {
      const got = evaluate(prepare({ source: formula, values }));
      // rounding noise of a derivative that is 0 in exact arithmetic (log(exp(A)) / A) is no error
      const err = relativeError(got.data, want, 1e-6 * Math.max(1, maxAbs(want)));
      if (got.data.length !== want.length) {
        const shape =
          check === "formula" ? `[${numbers.shape.join(", ")}]` : `${want.length} entries`;
        problems.push({
          check,
          formula,
          detail: `${check} has shape [${got.shape.join(", ")}], not ${shape}`,
        });
      } else if (!(err <= TOLERANCE.printed))
        problems.push({ check, formula, detail: `${check} evaluates ${err.toExponential(1)} off` });
    } catch (e) {
      problems.push({ check, formula, detail: `${check} does not evaluate: ${describe(e)}` });
    }
  }
  return problems;
}

/** The library's side of a case; `printed: false` skips the printed forms. */
export function library(c, { printed = true } = {}) {
  const source = sourceOf(c);
  const values = valuesOf(c);
  const out = { source, values };
  try {
    const prepared = prepare({ source, values });
    out.value = evaluate(prepared).data;
    const d = derivative({ source, values, wrt: c.wrt, order: c.order });
    const numbers = evaluate(d);
    out.derivative = numbers.data;
    out.shape = numbers.shape;
    const lower =
      c.order === 1 ? prepared : derivative({ source, values, wrt: c.wrt, order: c.order - 1 });
    // differences of a derivative that is zero are rounding noise of the expression's size
    const scale = Math.max(1, maxAbs(out.value));
    out.fd = finiteDifference(lower, c.wrt, values, numbers.data, scale);
    if (printed) out.printed = printedForms(d, numbers, values);
  } catch (e) {
    out.error = { crash: !(e instanceof DiagradError), message: describe(e), stack: e?.stack };
  }
  return out;
}

/** The failures of a case, given the library's side and the oracle's answer (or undefined). */
export function judge(c, lib, jax) {
  if (jax?.invalid || (lib.value && !lib.value.every(Number.isFinite)))
    return {
      invalid: jax?.invalid ?? "the expression is not finite at these values",
      failures: [],
    };
  const failures = [];
  if (lib.error) {
    const category = lib.error.crash ? "crash" : "refused";
    failures.push({ category, check: "threw", detail: lib.error.message });
    return { failures };
  }
  if (jax && !jax.error) {
    const value = relativeError(lib.value, jax.value.flat?.(Infinity) ?? [jax.value]);
    if (!(value <= TOLERANCE.jax))
      failures.push({
        category: "value",
        check: "jax-value",
        detail: `value ${value.toExponential(1)} off JAX`,
      });
    // rounding in JAX's own arithmetic leaves ~1e-16 of the values it worked with where the
    // derivative is zero (∂(T / T)/∂T): a floor of 1e-6 of the value keeps that from counting
    const floor = 1e-6 * Math.max(1, maxAbs(lib.value));
    const want = Array.isArray(jax.derivative) ? jax.derivative.flat(Infinity) : [jax.derivative];
    const err = relativeError(lib.derivative, want, floor);
    if (!(err <= TOLERANCE.jax))
      failures.push({
        category: "value",
        check: "jax-derivative",
        detail: `derivative ${err.toExponential(1)} off JAX`,
      });
  }
  if (!(lib.fd <= TOLERANCE.fd[c.order]))
    failures.push({
      category: "value",
      check: "fd",
      detail: `derivative ${lib.fd.toExponential(1)} off finite differences`,
    });
  for (const p of lib.printed ?? []) failures.push({ category: "printed", ...p });
  return { failures, oracleError: jax?.error };
}
