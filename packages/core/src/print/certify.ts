/**
 * Certificates for printed formulas: a formula in the input language is shown only when it
 * evaluates, at random values, to the numbers of the network it was read from.
 *
 * Factoring a sum for print is where wrong formulas come from (a repeated factor dropped, a scalar
 * put in a `diag`), while the network's own numbers are right. So every formula a user can copy is
 * parsed back and evaluated at two sets of random values (entries of size 0.5–1.5 with random signs,
 * well-conditioned square matrices, each dimension symbol its own size so that a transposition
 * shows), and compared entry by entry with the reference. Values where the reference is not
 * finite (a log of a negative entry) are retried with positive entries.
 */
import { evaluate, prepare } from "../api.js";
import { randomValues } from "../check.js";
import type { Tensor } from "../evaluate/tensor.js";
import { DiagradError } from "../language/span.js";
import type { Shape } from "../network/types.js";

type Values = Record<string, Tensor>;

/** Tells whether a formula evaluates to the reference; `check(formula)`. */
export interface Certifier {
  check(formula: string): boolean;
}

const allFinite = (t: Tensor) => t.data.every(Number.isFinite);

/** Up to `count` value sets at which the reference is finite (or, failing that, the last tried). */
function trials(
  variables: ReadonlyMap<string, Shape>,
  reference: (values: Values) => Tensor,
  count: number,
): { values: Values; expected: Tensor }[] {
  const found: { values: Values; expected: Tensor }[] = [];
  let last: { values: Values; expected: Tensor } | undefined;
  for (let seed = 1; seed <= 4 * count && found.length < count; seed++) {
    const values = randomValues(variables, seed, seed % 2 === 0);
    let expected: Tensor;
    try {
      expected = reference(values);
    } catch (e) {
      // too large to evaluate even at small sizes: nothing can be certified, so nothing is shown
      if (e instanceof DiagradError) return [];
      throw e;
    }
    last = { values, expected };
    if (allFinite(expected)) found.push(last);
  }
  return found.length ? found : last ? [last] : [];
}

/** Equal shapes and entries within 1e-8 of the reference's largest entry; not finite alike. */
export function agrees(actual: Tensor, expected: Tensor): boolean {
  if (actual.shape.length !== expected.shape.length) return false;
  if (actual.shape.some((n, k) => n !== expected.shape[k])) return false;
  let scale = 1;
  for (const v of expected.data) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
  return expected.data.every((v, i) => {
    const a = actual.data[i];
    if (!Number.isFinite(v)) return true;
    return Number.isFinite(a) && Math.abs(a - v) <= 1e-8 * scale;
  });
}

/**
 * A certifier against `reference`, evaluated at random values of `variables`:
 * `certifier(vars, (v) => evaluate(d, v)).check("2 * x")`.
 */
export function certifier(
  variables: ReadonlyMap<string, Shape>,
  reference: (values: Values) => Tensor,
  count = 2,
): Certifier {
  let cases: ReturnType<typeof trials> | undefined;
  return {
    check(formula: string): boolean {
      cases ??= trials(variables, reference, count);
      if (cases.length === 0) return false;
      try {
        // the values' shapes are the same in every case: one network serves them all
        // evaluated as built: simplifying a network to evaluate it twice costs more than it saves
        const p = prepare({ source: formula, values: cases[0].values }, { simplify: false });
        return cases.every(({ values, expected }) => agrees(evaluate(p, values), expected));
      } catch {
        return false;
      }
    },
  };
}
