/**
 * The scope of bindings (`h = tanh(W @ x); norm(h)`): which name nodes refer to a binding, and
 * the rules a binding must follow.
 *
 * A binding may use the bindings before it. Errors (kind "name"): a name bound twice, a binding
 * whose name is also a declared variable (or has a value, or is a dimension symbol), and a name
 * used before its binding (`y = h + 1; h = x; y`, as NumPy's NameError). A binding that is never
 * used is not an error but a note. Since the builder substitutes a binding at each use for now,
 * the depth and size of the expression with bindings substituted are checked here too
 * (`MAX_DEPTH`, `MAX_EXPANDED`).
 */
import type { Binding, Expr, Program } from "./ast.js";
import { isStringArgument } from "./calls.js";
import { lookupFunction } from "./functions.js";
import { MAX_DEPTH, MAX_EXPANDED, tooDeep } from "./limits.js";
import { DiagradError } from "./span.js";

/** What the scope walk finds: the use of each binding and the notes it has to say. */
export interface Scope {
  /** Each name node that refers to a binding. */
  uses: Map<Expr, Binding>;
  /** Each binding by name, in source order. */
  bindings: Map<string, Binding>;
  notes: string[];
}

/** The sub-expressions of `e` that are tensors (not dimension or string arguments). */
export function children(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case "neg":
    case "transpose":
      return [e.arg];
    case "binary":
      return [e.left, e.right];
    case "call": {
      const info = lookupFunction(e.fn);
      return e.args.filter(
        (a, i) =>
          !(info?.dimensionArgs.includes(i) ?? false) &&
          !(info !== undefined && a.kind === "string" && isStringArgument(info.name, i)),
      );
    }
    default:
      return [];
  }
}

function eachName(e: Expr, visit: (name: Extract<Expr, { kind: "name" }>) => void): void {
  if (e.kind === "name") visit(e);
  for (const c of children(e)) eachName(c, visit);
}

/**
 * Resolve the bindings of `program`. `variables` are names known to be variables (declared in the
 * program or by the caller, or given a value); `symbols` are the dimension symbols in use.
 *
 * @example scopeOf(parse("h = 2 * x; h * h"), new Set(), new Set()).uses.size // 2
 */
export function scopeOf(
  program: Program,
  variables: ReadonlySet<string>,
  symbols: ReadonlySet<string>,
): Scope {
  const bindings = new Map<string, Binding>();
  const uses = new Map<Expr, Binding>();
  const usedAsVariable = new Map<string, Expr>();
  const resolve = (e: Expr) =>
    eachName(e, (name) => {
      const binding = bindings.get(name.name);
      if (binding !== undefined) uses.set(name, binding);
      else if (!usedAsVariable.has(name.name)) usedAsVariable.set(name.name, name);
    });
  for (const binding of program.bindings) {
    const { name, nameSpan } = binding;
    const before = bindings.get(name);
    if (before !== undefined) {
      throw new DiagradError(
        "name",
        `${name} is bound twice; give the second binding another name`,
        nameSpan,
      );
    }
    if (variables.has(name)) {
      throw new DiagradError(
        "name",
        `${name} is a declared variable (or has a value), so it cannot also be bound; rename the binding`,
        nameSpan,
      );
    }
    if (symbols.has(name)) {
      throw new DiagradError(
        "name",
        `${name} is a dimension, so it cannot also be bound; rename the binding`,
        nameSpan,
      );
    }
    resolve(binding.value);
    const early = usedAsVariable.get(name);
    if (early !== undefined) {
      throw new DiagradError("name", `${name} is used before it is bound`, early.span);
    }
    bindings.set(name, binding);
  }
  resolve(program.body);
  const notes: string[] = [];
  const used = new Set(uses.values());
  for (const binding of bindings.values()) {
    if (!used.has(binding)) notes.push(`${binding.name} is bound but never used`);
  }
  checkExpansion(program, uses);
  return { uses, bindings, notes };
}

/** The depth and size of the program with every binding substituted at its uses. */
function checkExpansion(program: Program, uses: ReadonlyMap<Expr, Binding>): void {
  const measured = new Map<Binding, { depth: number; size: number }>();
  const measure = (e: Expr): { depth: number; size: number } => {
    const binding = uses.get(e);
    if (binding !== undefined) return measured.get(binding) ?? { depth: 0, size: 1 };
    const parts = children(e).map(measure);
    if (parts.length === 0) return { depth: 0, size: 1 };
    return {
      depth: 1 + parts.reduce((d, m) => Math.max(d, m.depth), 0),
      size: Math.min(1 + parts.reduce((n, m) => n + m.size, 0), Number.MAX_SAFE_INTEGER),
    };
  };
  const check = (e: Expr, span: Binding["span"], what: string) => {
    const m = measure(e);
    if (m.depth > MAX_DEPTH) throw tooDeep(span, `${what}, with its bindings substituted,`);
    if (m.size > MAX_EXPANDED) {
      throw new DiagradError(
        "value",
        `${what} has more than ${MAX_EXPANDED} operations once its bindings are substituted at each use; this is diagrad's limit until bindings are shared`,
        span,
      );
    }
    return m;
  };
  for (const binding of program.bindings) {
    measured.set(binding, check(binding.value, binding.span, `the binding of ${binding.name}`));
  }
  check(program.body, program.body.span, "the expression");
}

/**
 * The variables a binding is made of, in order of first appearance, through the bindings it uses.
 *
 * @example variablesOf(scope, scope.bindings.get("h")!) // ["W", "x"] for h = tanh(W @ x)
 */
export function variablesOf(scope: Scope, binding: Binding): string[] {
  const out = new Set<string>();
  const visit = (e: Expr) =>
    eachName(e, (name) => {
      const inner = scope.uses.get(name);
      if (inner === undefined) out.add(name.name);
      else visit(inner.value);
    });
  visit(binding.value);
  return [...out];
}
