/**
 * Unicode notation for terminals: `(A + Aᵀ) x`, `2 Aᵀ (A x − b)`, `Diag(y ∘ z)`, `X⁻ᵀ`,
 * `(I ⊗ W) Diag(vec B)`, `Diag(tanh(B z)) A + Diag(A z) Diag(1 − tanh²(B z)) B`.
 */
import { formatCoefficient } from "../coefficient.js";
import type { MExpr } from "../matrix/expr.js";
import { notation, type Style } from "./notation.js";

const superscripts: Record<string, string> = {
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
  "-": "⁻",
};

/** `2` → `²`, `-1` → `⁻¹`; non-integers as `^0.5`. */
export function superscript(p: number): string {
  const s = String(p);
  return Number.isInteger(p) ? [...s].map((ch) => superscripts[ch]).join("") : `^${s}`;
}

const names: Record<string, string> = { sigmoid: "σ", sqrt: "√" };

export const unicode: Style = {
  minus: "−",
  had: "∘",
  kron: "⊗",
  transpose: (base) => `${base}ᵀ`,
  power: (base, p) => `${base}${superscript(p)}`,
  inverseTranspose: (base) => `${base}⁻ᵀ`,
  fnPower: (name, p) => `${name}${superscript(p)}`,
  fnName: (fn) => names[fn] ?? fn,
  norm: (arg) => `‖${arg}‖`,
  operator: (name) => name,
  vecOf: (arg, atomic) => (atomic ? `vec ${arg}` : `vec${arg.startsWith("(") ? arg : `(${arg})`}`),
  ones: "𝟏",
  eye: "I",
  name: (name) => name,
  coefficient: (c) => formatCoefficient(c).replace(/·/g, " "),
  einsum: (spec, args) => `einsum('${spec}', ${args.join(", ")})`,
};

/** The Unicode notation of a matrix expression: `textFormula(matmul([transpose(A), x]))` → `"Aᵀ x"`. */
export function textFormula(e: MExpr): string {
  return notation(e, unicode);
}
