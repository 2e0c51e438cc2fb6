/**
 * Shape inference: `analyze(program)` gives the shape of every node and of every variable.
 *
 * Variables start from their values, declarations or defaults (`environment.ts`); a walk over the
 * body applies the rule of each operator (`operators.ts`) and function (`calls.ts`), unifying
 * symbolic dimensions as it goes; equations that could not be decided on the way are settled at
 * the end. Dimensions that stay unknown keep the names of fresh variables (`m`, `n`, `p`, …,
 * skipping the program's own names), so `W @ (A * B)` alone gives W `[m, n]`, A and B `[n, q]`.
 */
import type { Expr, Program } from "./ast.js";
import { CALL_RULES, type Call } from "./calls.js";
import type { Shape } from "./dims.js";
import { declaredShapes, type Given, variableShapes } from "./environment.js";
import { arityMessage, lookupFunction, suggestFunction } from "./functions.js";
import { Inference, type TermShape } from "./inference.js";
import { binaryShape, transposeShape } from "./operators.js";
import { DiagradError, ParseError, type Span } from "./span.js";

export type { Given } from "./environment.js";

/** The result of shape inference: `analyze(parse("x @ y")).variables.get("x") // ["m"]`. */
export interface Analysis {
  program: Program;
  /** The resolved shape of every node of `program.body` (string literals excepted). */
  shapes: Map<Expr, Shape>;
  /** The shape of each variable of the body, in order of first appearance. */
  variables: Map<string, Shape>;
}

/**
 * Infer and check the shapes of a parsed program. Throws a `ShapeError` (or a `DiagradError` of
 * kind "name"/"arity") with the span of the offending operation.
 *
 * @example
 * const { variables } = analyze(parse("W @ (A * B)"));
 * variables.get("W") // ["m", "n"]; variables.get("A") // ["n", "q"]; variables.get("B") // ["n", "q"]
 * analyze(parse("A: [m, n]; A"), { values: { A: [3, 4] } }).variables.get("A") // [3, 4]
 */
export function analyze(program: Program, given: Given = {}): Analysis {
  const names = new Map<string, Span>();
  const symbols = new Set<string>();
  collectNames(program.body, names, symbols);
  const declared = declaredShapes(program, given);
  for (const { dims } of declared.values()) {
    for (const dim of dims) if (typeof dim === "string") symbols.add(dim);
  }
  const reserved = new Set([...symbols, ...names.keys(), ...declared.keys()]);
  const inf = new Inference(program.source, reserved);
  const variables = variableShapes(inf, names, declared, given.values ?? {});
  walk(inf, program.body, variables);
  inf.settle();
  const shapes = new Map<Expr, Shape>();
  for (const [node, shape] of inf.shapes) shapes.set(node, inf.resolve(shape));
  const resolved = new Map<string, Shape>();
  for (const name of names.keys())
    resolved.set(name, inf.resolve(variables.get(name) as TermShape));
  return { program, shapes, variables: resolved };
}

/** Is argument `i` of this call a dimension (`eye(n)`, `unvec(x, m, n)`) rather than a tensor? */
function isDimensionArgument(call: Call, i: number): boolean {
  return lookupFunction(call.fn)?.dimensionArgs.includes(i) ?? false;
}

/** The body's variables (first appearance and its span) and the dimension symbols it names. */
function collectNames(e: Expr, names: Map<string, Span>, symbols: Set<string>): void {
  switch (e.kind) {
    case "name":
      if (!names.has(e.name)) names.set(e.name, e.span);
      return;
    case "neg":
    case "transpose":
      collectNames(e.arg, names, symbols);
      return;
    case "binary":
      collectNames(e.left, names, symbols);
      collectNames(e.right, names, symbols);
      return;
    case "call":
      e.args.forEach((a, i) => {
        if (!isDimensionArgument(e, i)) collectNames(a, names, symbols);
        else if (a.kind === "name") symbols.add(a.name);
      });
      return;
    default:
      return;
  }
}

function walk(inf: Inference, e: Expr, variables: ReadonlyMap<string, TermShape>): TermShape {
  const shape = shapeOf(inf, e, variables);
  inf.shapes.set(e, shape);
  return shape;
}

function shapeOf(inf: Inference, e: Expr, variables: ReadonlyMap<string, TermShape>): TermShape {
  switch (e.kind) {
    case "number":
      return [];
    case "name":
      return variables.get(e.name) as TermShape;
    case "string":
      throw new ParseError(
        "a string is only allowed as einsum's first argument (its subscripts)",
        e.span,
      );
    case "neg":
      return walk(inf, e.arg, variables);
    case "transpose":
      return transposeShape(walk(inf, e.arg, variables));
    case "binary":
      walk(inf, e.left, variables);
      walk(inf, e.right, variables);
      return binaryShape(inf, e);
    case "call":
      return callShape(inf, e, variables);
  }
}

function callShape(
  inf: Inference,
  call: Call,
  variables: ReadonlyMap<string, TermShape>,
): TermShape {
  const info = lookupFunction(call.fn);
  if (info === undefined) {
    const suggestion = suggestFunction(call.fn);
    const hint = suggestion === undefined ? "" : `; did you mean '${suggestion}'?`;
    throw new DiagradError("name", `unknown function '${call.fn}'${hint}`, call.nameSpan);
  }
  if (call.args.length < info.minArgs || call.args.length > info.maxArgs) {
    throw new DiagradError("arity", arityMessage(info, call.args.length), call.span);
  }
  call.args.forEach((a, i) => {
    if (isDimensionArgument(call, i)) inf.shapes.set(a, []);
    else if (!(info.name === "einsum" && i === 0 && a.kind === "string")) walk(inf, a, variables);
  });
  return CALL_RULES[info.name](inf, call);
}
