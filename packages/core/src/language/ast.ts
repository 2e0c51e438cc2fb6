/**
 * The abstract syntax tree of the expression language (see LANGUAGE.md).
 *
 * `parse("A, B: [m, n]; W @ (A * B)")` gives a `Program` with one declaration and a body
 * `binary(@, name W, binary(*, name A, name B))`. Every node keeps its span for error messages.
 * `parse("h = tanh(W @ x); h * h")` gives one binding `h` and the body `binary(*, name h, name h)`.
 */
import type { Span } from "./span.js";

export type BinaryOp = "+" | "-" | "*" | "/" | "@" | "kron" | "**";

export type Expr =
  | { kind: "number"; value: number; span: Span }
  | { kind: "name"; name: string; span: Span }
  /** A quoted string; only meaningful as the first argument of `einsum`. */
  | { kind: "string"; value: string; span: Span }
  | { kind: "neg"; arg: Expr; span: Span }
  /** `a.T`, `a'` or `aᵀ`. */
  | { kind: "transpose"; arg: Expr; span: Span }
  | { kind: "binary"; op: BinaryOp; left: Expr; right: Expr; span: Span; opSpan: Span }
  | { kind: "call"; fn: string; args: Expr[]; span: Span; nameSpan: Span };

/** A dimension as written in a declaration: a positive integer or a symbol. */
export type DeclaredDim = number | string;

/** `A, B: [m, n]` */
export interface Declaration {
  names: { name: string; span: Span }[];
  dims: DeclaredDim[];
  span: Span;
}

/** `h = tanh(W @ x)`: a name for one shared subexpression (not a variable). */
export interface Binding {
  name: string;
  nameSpan: Span;
  value: Expr;
  /** The whole statement, `h = …`. */
  span: Span;
}

export interface Program {
  source: string;
  declarations: Declaration[];
  /** The statements `name = expr;`, in source order; each may use the ones before it. */
  bindings: Binding[];
  body: Expr;
}
