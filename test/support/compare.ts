/**
 * Comparing nested arrays of numbers (as JSON gives them) by relative error.
 */
export type Nested = number | Nested[];

export function flatten(x: Nested): number[] {
  return Array.isArray(x) ? x.flatMap(flatten) : [x];
}

export function shapeOf(x: Nested): number[] {
  return Array.isArray(x) ? [x.length, ...(x.length ? shapeOf(x[0]) : [])] : [];
}

/**
 * max |a − b| / max(max |b|, floor): the normwise relative error of `actual` against `expected`.
 * `floor` keeps results that cancel to rounding noise from counting as large relative errors.
 */
export function relativeError(actual: Nested, expected: Nested, floor = 1e-12): number {
  const a = flatten(actual);
  const b = flatten(expected);
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let err = 0;
  let scale = floor;
  for (let i = 0; i < a.length; i++) {
    err = Math.max(err, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return err / scale;
}
