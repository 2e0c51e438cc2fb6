/**
 * Hostile arguments for the library as untyped JavaScript passes them: problems that are not
 * objects, sources that are not strings, shapes that are strings or hold NaN, values that are
 * ragged arrays, Tensors whose data does not fit their shape or holds NaN, orders of 0, 2.5, "2"
 * or 1e9, limits of -1. Valid arguments are mixed in, so that the checks are seen to let them by.
 */
import { hostileDims, hostileName, hostileSource, typedValues } from "./sources.mjs";

const junk = [
  null,
  undefined,
  0,
  -1,
  1.5,
  Number.NaN,
  Infinity,
  "",
  "x",
  true,
  [],
  {},
  () => 1,
  Symbol("s"),
  10n,
];

/** A random untyped value: junk, mostly. */
export function anything(r) {
  return r.pick(junk);
}

/** A Tensor-like object, well formed or not. */
function tensorValue(r) {
  const shape = r.chance(0.7)
    ? [1 + r.int(3)]
    : r.pick([[2, 2], [], "3", [2.5], [-1], [1e9, 1e9], null]);
  const n = Array.isArray(shape) ? shape.reduce((a, b) => a * b, 1) : 3;
  const length = r.chance(0.7) && Number.isSafeInteger(n) && n >= 0 && n < 100 ? n : r.int(5);
  const data = new Float64Array(length).map(() => r.next() - 0.5);
  if (length > 0 && r.chance(0.2)) data[r.int(length)] = r.pick([Number.NaN, Infinity, -Infinity]);
  if (r.chance(0.1)) return { shape, data: Array.from(data) };
  return { shape, data };
}

/** A nested-array value, well formed or not. */
function nestedValue(r) {
  switch (r.int(8)) {
    case 0:
      return r.next();
    case 1:
      return [1, 2, 3];
    case 2:
      return [
        [1, 2],
        [3, 4],
      ];
    case 3:
      return [[1, 2], [3]];
    case 4:
      return [1, Number.NaN];
    case 5:
      return [];
    case 6:
      return [[[]]];
    default:
      return r.pick(["1", { a: 1 }, [null], [[1], 2], 1e308]);
  }
}

/** Values by name: an object, mostly, with hostile entries. */
export function hostileValues(r) {
  if (r.chance(0.35)) return { ...typedValues };
  if (r.chance(0.1)) return anything(r);
  const out = {};
  for (let k = r.int(4); k > 0; k--)
    out[hostileName(r)] = r.chance(0.5) ? tensorValue(r) : nestedValue(r);
  return out;
}

/** Declared shapes: an object, mostly, with hostile entries. */
export function hostileShapes(r) {
  if (r.chance(0.1)) return anything(r);
  const out = {};
  for (let k = r.int(3); k > 0; k--) {
    const dims = hostileDims(r).map((d) => (r.chance(0.5) && /^-?\d/.test(d) ? Number(d) : d));
    out[hostileName(r)] = r.chance(0.9) ? dims : anything(r);
  }
  return out;
}

/** A problem object for prepare/derivative/checkDerivative. */
export function hostileProblem(r) {
  if (r.chance(0.05)) return anything(r);
  const problem = { source: r.chance(0.93) ? hostileSource(r) : anything(r) };
  if (r.chance(0.4)) problem.shapes = hostileShapes(r);
  if (r.chance(0.4)) problem.values = hostileValues(r);
  if (r.chance(0.7))
    problem.wrt = r.chance(0.9) ? r.pick([hostileName(r), r.pick(["x", "A", "s"])]) : anything(r);
  if (r.chance(0.4))
    problem.order = r.pick([1, 2, 3, 0, -1, 2.5, "2", 65, 1e9, Number.NaN, null, 4, 6, 8]);
  if (r.chance(0.1)) problem.maxTerms = r.pick([1, 10, 0, -5, "7", 1e12]);
  if (r.chance(0.1)) problem.maxNodes = r.pick([1, 50, 0, Number.NaN, 5e4]);
  if (r.chance(0.05)) problem.onProgress = r.pick([() => {}, 5, "f"]);
  return problem;
}
