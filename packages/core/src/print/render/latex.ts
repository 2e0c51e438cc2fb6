/**
 * LaTeX notation: `(A + A^\top) x`, `\operatorname{Diag}(y \circ z)`, `X^{-\top}`,
 * `(I \otimes W) \operatorname{Diag}(\operatorname{vec} B)`. Plain math mode, no packages needed
 * beyond amsmath's `\operatorname`; KaTeX renders it as is.
 */
import type { Coefficient } from "../../network/coefficient.js";
import type { MExpr } from "../matrix/expr.js";
import { notation, type Style } from "./notation.js";

const commands = new Set(["exp", "log", "tanh", "sin", "cos", "det"]);

function fnName(fn: string): string {
  if (commands.has(fn)) return `\\${fn}`;
  if (fn === "sigmoid") return "\\sigma";
  if (fn === "sqrt") return "\\sqrt";
  return `\\operatorname{${fn}}`;
}

/** A variable name: Greek letters as commands, a leading `d` of a differential upright. */
export function latexName(name: string): string {
  if (/^d[A-Za-z]/.test(name) && name.length === 2) return `\\mathrm{d}${name.slice(1)}`;
  return name.length > 1 && /^[A-Za-z]+$/.test(name) ? `\\mathrm{${name}}` : name;
}

function coefficient(c: Coefficient): string {
  const up = Object.keys(c.dims)
    .filter((k) => c.dims[k] > 0)
    .sort();
  const down = Object.keys(c.dims)
    .filter((k) => c.dims[k] < 0)
    .sort();
  const pow = (k: string, e: number) => (Math.abs(e) === 1 ? k : `${k}^{${Math.abs(e)}}`);
  const magnitude = Math.abs(c.value);
  const num = magnitude === 1 ? "" : String(Number(magnitude.toPrecision(12)));
  let s = [num, ...up.map((k) => pow(k, c.dims[k]))].filter(Boolean).join(" ");
  if (down.length) s = `\\frac{${s || "1"}}{${down.map((k) => pow(k, c.dims[k])).join(" ")}}`;
  return `${c.value < 0 ? "-" : ""}${s}`;
}

export const latex: Style = {
  minus: "-",
  had: "\\circ",
  kron: "\\otimes",
  transpose: (base) => `${base}^\\top`,
  power: (base, p) => `${base}^{${p}}`,
  inverseTranspose: (base) => `${base}^{-\\top}`,
  fnPower: (name, p) => `${name}^{${p}}`,
  fnName,
  norm: (arg) => `\\lVert ${arg} \\rVert`,
  operator: (name) => `\\operatorname{${name}}`,
  vecOf: (arg, atomic) =>
    atomic
      ? `\\operatorname{vec} ${arg}`
      : `\\operatorname{vec}${arg.startsWith("(") ? arg : `(${arg})`}`,
  ones: "\\mathbf{1}",
  eye: "I",
  name: latexName,
  coefficient,
  einsum: (spec, args) =>
    `\\operatorname{einsum}(\\texttt{${spec.replace(/>/g, "{>}")}}, ${args.join(", ")})`,
};

/** The LaTeX of a matrix expression: `latexFormula(matmul([transpose(A), x]))` → `"A^\\top x"`. */
export function latexFormula(e: MExpr): string {
  return notation(e, latex);
}
