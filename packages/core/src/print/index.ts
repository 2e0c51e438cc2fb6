/**
 * Printing: derivatives and expressions as formulas people read (matrix notation in Unicode and
 * LaTeX, index notation, vec/Kronecker forms, differentials) and as formulas diagrad parses back.
 *
 * @example
 * import { derivative } from "@diagrad/core";
 * import { formulas } from "./print/index.js";
 * formulas(derivative({ source: "x @ A @ x", wrt: "x" })).text; // "(A + Aᵀ) x"
 */

export type { Backend } from "./code/backends.js";
export { pythonCode } from "./code/python.js";
export { formatCoefficient } from "./coefficient.js";
export { type FormulaOptions, type Formulas, formulas, type Layout } from "./formulas.js";
export { indexNotation } from "./indexNotation.js";
export type { MExpr } from "./matrix/expr.js";
export { networkExpr } from "./matrix/read.js";
export { formatNumber } from "./numbers.js";
export { inputFormula } from "./render/input.js";
export { latexFormula } from "./render/latex.js";
export { superscript, textFormula } from "./render/text.js";
