/**
 * Resolved dimensions and shapes, and the canonical spelling of products of dimensions.
 *
 * After inference a dimension is a positive integer (`3`), a symbol (`"n"`, declared or inferred)
 * or a product written canonically: factors joined by `*`, the numeric factor first, the symbols
 * sorted (`"2*n"`, `"m*p"`, `"3*m*n"`). Products come from `kron`, `vec` and `unvec`. These helpers
 * let later stages multiply, split and evaluate such dimensions without parsing them ad hoc.
 */

/** A positive integer, a symbol like `"n"`, or a canonical product like `"m*p"` or `"2*n"`: `3`, `"n"`, `"2*n"`. */
export type Dim = number | string;

/** The dimensions of a tensor, outermost axis first; `[]` is a scalar: `[2, "n"]`. */
export type Shape = readonly Dim[];

/**
 * A shape as error messages and help text print it.
 *
 * @example formatShape([2, "n"]) // "[2, n]"; formatShape([]) // "[]"
 */
export function formatShape(shape: Shape): string {
  return `[${shape.join(", ")}]`;
}

/**
 * The canonical dimension for `coefficient × symbols…`: a number when there are no symbols.
 *
 * @example productDim(2, ["p", "m"]) // "2*m*p"; productDim(6, []) // 6; productDim(1, ["n"]) // "n"
 */
export function productDim(coefficient: number, symbols: readonly string[]): Dim {
  if (symbols.length === 0) return coefficient;
  const sorted = [...symbols].sort();
  return (coefficient === 1 ? sorted : [String(coefficient), ...sorted]).join("*");
}

/**
 * Split a dimension into its numeric coefficient and its symbols (sorted).
 *
 * @example dimFactors("2*m*n") // { coefficient: 2, symbols: ["m", "n"] }
 */
export function dimFactors(dim: Dim): { coefficient: number; symbols: string[] } {
  if (typeof dim === "number") return { coefficient: dim, symbols: [] };
  let coefficient = 1;
  const symbols: string[] = [];
  for (const factor of dim.split("*")) {
    if (/^\d+$/.test(factor)) coefficient *= Number(factor);
    else symbols.push(factor);
  }
  return { coefficient, symbols: symbols.sort() };
}

/**
 * The product of dimensions, canonically spelled.
 *
 * @example multiplyDims("n", 2, "m") // "2*m*n"; multiplyDims(2, 3) // 6
 */
export function multiplyDims(...dims: Dim[]): Dim {
  let coefficient = 1;
  const symbols: string[] = [];
  for (const dim of dims) {
    const factors = dimFactors(dim);
    coefficient *= factors.coefficient;
    symbols.push(...factors.symbols);
  }
  return productDim(coefficient, symbols);
}

/**
 * The size of a dimension given the sizes of its symbols; throws a `RangeError` naming a symbol
 * whose size is missing.
 *
 * @example dimSize("2*n", { n: 3 }) // 6
 */
export function dimSize(dim: Dim, sizes: Readonly<Record<string, number>>): number {
  const { coefficient, symbols } = dimFactors(dim);
  return symbols.reduce((size, symbol) => {
    const value = Object.hasOwn(sizes, symbol) ? sizes[symbol] : undefined;
    if (value === undefined) throw new RangeError(`the size of dimension '${symbol}' is unknown`);
    return size * value;
  }, coefficient);
}
