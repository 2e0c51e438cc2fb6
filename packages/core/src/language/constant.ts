/**
 * Constant folding for the places the language needs a number written as an expression: the
 * exponent of `**` (`x ** -1`, `x ** (1/2)`) and the axis of `sum(X, -1)`.
 *
 * Only numbers, unary minus and `+ - * / **` of constants fold; anything that mentions a
 * variable or a function is not a constant.
 */
import type { Expr } from "./ast.js";

/**
 * The value of a constant expression, or `undefined` when it is not one (or is not finite).
 *
 * @example constantValue(parse("2 ** -1").body) // 0.5; constantValue(parse("x").body) // undefined
 */
export function constantValue(e: Expr): number | undefined {
  const value = fold(e);
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

function fold(e: Expr): number | undefined {
  switch (e.kind) {
    case "number":
      return e.value;
    case "neg": {
      const arg = fold(e.arg);
      return arg === undefined ? undefined : -arg;
    }
    case "binary": {
      const a = fold(e.left);
      const b = fold(e.right);
      if (a === undefined || b === undefined) return undefined;
      switch (e.op) {
        case "+":
          return a + b;
        case "-":
          return a - b;
        case "*":
          return a * b;
        case "/":
          return a / b;
        case "**":
          return a ** b;
        default:
          return undefined;
      }
    }
    default:
      return undefined;
  }
}
