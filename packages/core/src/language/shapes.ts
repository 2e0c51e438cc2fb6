/**
 * Shape inference: `analyze(program)` gives the shape of every node and of every variable.
 *
 * Variables start from their values, declarations or defaults (`environment.ts`); a walk over the
 * body applies the rule of each operator (`operators.ts`) and function (`calls.ts`), unifying
 * symbolic dimensions as it goes; equations that could not be decided on the way are settled at
 * the end. Dimensions that stay unknown keep the names of fresh variables (`m`, `n`, `p`, …,
 * skipping the program's own names), so `W @ (A * B)` alone gives W `[m, n]`, A and B `[n, q]`.
 * Bindings are walked in source order before the body; a name that refers to a binding has the
 * shape of the binding's value (`bindings.ts` decides which names do).
 */
import type { Binding, Expr, Program } from "./ast.js";
import { children, scopeOf, variablesOf } from "./bindings.js";
import { CALL_RULES, type Call, isStringArgument } from "./calls.js";
import type { Shape } from "./dims.js";
import { declaredShapes, type Given, variableShapes } from "./environment.js";
import { arityMessage, lookupFunction } from "./functions.js";
import { Inference, type TermShape } from "./inference.js";
import { binaryShape, transposeShape } from "./operators.js";
import { DiagradError, ParseError, type Span } from "./span.js";
import { functionHint } from "./suggest.js";

export type { Given } from "./environment.js";

/** A binding as the analysis sees it (see `Analysis.bindings`). */
export interface BindingInfo {
  binding: Binding;
  /** The shape of its value. */
  shape: Shape;
  /** The name nodes that refer to it, in source order. */
  uses: Expr[];
  /** The variables it is made of, through the bindings it uses, in order of first appearance. */
  variables: string[];
}

/** The result of shape inference: `analyze(parse("x @ y")).variables.get("x") // ["m"]`. */
export interface Analysis {
  program: Program;
  /** The resolved shape of every node of `program.body` and of the bindings (strings excepted). */
  shapes: Map<Expr, Shape>;
  /** The shape of each variable (bound names excepted), in order of first appearance. */
  variables: Map<string, Shape>;
  /** The bindings by name, in source order. */
  bindings: Map<string, BindingInfo>;
  /** Each name node that refers to a binding, with that binding. */
  uses: Map<Expr, Binding>;
  /**
   * Things worth saying about input that is valid but likely not meant (`x' * A` is elementwise),
   * and unused bindings. One sentence each, quoting the source.
   */
  notes: string[];
}

/**
 * Infer and check the shapes of a parsed program. Throws a `ShapeError` (or a `DiagradError` of
 * kind "name"/"arity") with the span of the offending operation.
 *
 * @example
 * const { variables } = analyze(parse("W @ (A * B)"));
 * variables.get("W") // ["m", "n"]; variables.get("A") // ["n", "q"]; variables.get("B") // ["n", "q"]
 * analyze(parse("A: [m, n]; A"), { values: { A: [3, 4] } }).variables.get("A") // [3, 4]
 * analyze(parse("h = W @ x; h * h")).bindings.get("h")?.variables // ["W", "x"]
 */
export function analyze(program: Program, given: Given = {}): Analysis {
  const symbols = new Set<string>();
  const declared = declaredShapes(program, given);
  for (const { dims } of declared.values()) {
    for (const dim of dims) if (typeof dim === "string") symbols.add(dim);
  }
  const statements = [...program.bindings.map((b) => b.value), program.body];
  for (const e of statements) collectSymbols(e, symbols);
  const known = new Set([...declared.keys(), ...Object.keys(given.values ?? {})]);
  const scope = scopeOf(program, known, symbols);
  const names = new Map<string, Span>();
  for (const e of statements) collectNames(e, scope.uses, names);
  const reserved = new Set([
    ...symbols,
    ...names.keys(),
    ...declared.keys(),
    ...scope.bindings.keys(),
  ]);
  const inf = new Inference(program.source, reserved);
  const variables = variableShapes(inf, names, declared, given.values ?? {});
  const context = { variables, uses: scope.uses };
  for (const e of statements) walk(inf, e, context);
  inf.settle();
  const shapes = new Map<Expr, Shape>();
  for (const [node, shape] of inf.shapes) shapes.set(node, inf.resolve(shape));
  const resolved = new Map<string, Shape>();
  for (const name of names.keys())
    resolved.set(name, inf.resolve(variables.get(name) as TermShape));
  const bindings = new Map<string, BindingInfo>();
  for (const binding of scope.bindings.values()) {
    bindings.set(binding.name, {
      binding,
      shape: shapes.get(binding.value) as Shape,
      uses: [...scope.uses].filter(([, b]) => b === binding).map(([use]) => use),
      variables: variablesOf(scope, binding),
    });
  }
  const notes = [...inf.notes, ...scope.notes];
  return { program, shapes, variables: resolved, bindings, uses: scope.uses, notes };
}

/** Is argument `i` of this call a dimension (`eye(n)`, `unvec(x, m, n)`) rather than a tensor? */
function isDimensionArgument(call: Call, i: number): boolean {
  return lookupFunction(call.fn)?.dimensionArgs.includes(i) ?? false;
}

/** The dimension symbols named as arguments (`eye(n)`). */
function collectSymbols(e: Expr, symbols: Set<string>): void {
  if (e.kind === "call") {
    e.args.forEach((a, i) => {
      if (isDimensionArgument(e, i) && a.kind === "name") symbols.add(a.name);
    });
  }
  for (const c of children(e)) collectSymbols(c, symbols);
}

/** The variables (first appearance and its span): names that do not refer to a binding. */
function collectNames(e: Expr, uses: ReadonlyMap<Expr, Binding>, names: Map<string, Span>): void {
  if (e.kind === "name" && !uses.has(e) && !names.has(e.name)) names.set(e.name, e.span);
  for (const c of children(e)) collectNames(c, uses, names);
}

interface Context {
  variables: ReadonlyMap<string, TermShape>;
  uses: ReadonlyMap<Expr, Binding>;
}

function walk(inf: Inference, e: Expr, context: Context): TermShape {
  const shape = shapeOf(inf, e, context);
  inf.shapes.set(e, shape);
  return shape;
}

function shapeOf(inf: Inference, e: Expr, context: Context): TermShape {
  switch (e.kind) {
    case "number":
      return [];
    case "name": {
      const binding = context.uses.get(e);
      if (binding !== undefined) return inf.shapeOf(binding.value);
      return context.variables.get(e.name) as TermShape;
    }
    case "string":
      throw new ParseError(
        "a string is only allowed as einsum's first argument (its subscripts) and as norm's 'fro'",
        e.span,
      );
    case "neg":
      return walk(inf, e.arg, context);
    case "transpose":
      return transposeShape(walk(inf, e.arg, context));
    case "binary":
      walk(inf, e.left, context);
      walk(inf, e.right, context);
      return binaryShape(inf, e);
    case "call":
      return callShape(inf, e, context);
  }
}

function callShape(inf: Inference, call: Call, context: Context): TermShape {
  const info = lookupFunction(call.fn);
  if (info === undefined) {
    const hint = functionHint(call.fn);
    throw new DiagradError("name", `unknown function '${call.fn}'${hint}`, call.nameSpan);
  }
  if (call.args.length < info.minArgs || call.args.length > info.maxArgs) {
    throw new DiagradError("arity", arityMessage(info, call.args.length), call.span);
  }
  call.args.forEach((a, i) => {
    if (isDimensionArgument(call, i)) inf.shapes.set(a, []);
    else if (!(a.kind === "string" && isStringArgument(info.name, i))) walk(inf, a, context);
  });
  return CALL_RULES[info.name](inf, call);
}
