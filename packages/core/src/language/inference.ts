/**
 * The state of one shape inference: the unifier, the (symbolic) shape found for each node, the
 * equations put off until more is known, and the wording of shape errors.
 *
 * Errors name the operation, quote each operand's source text and print shapes as they stand when
 * the error is found: `shape mismatch in @: W has shape [p, m] but A * B has shape [n, n]`.
 */
import type { Expr } from "./ast.js";
import { formatShape, type Shape } from "./dims.js";
import { quoteSource } from "./format.js";
import { type DiagradError, ShapeError, type Span } from "./span.js";
import { type Term, Unifier } from "./unify.js";

/** A shape whose dimensions are still terms of the unifier, e.g. `[Unifier.symbol("n")]`. */
export type TermShape = readonly Term[];

interface Deferred {
  a: Term;
  b: Term;
  fail: () => DiagradError;
  what: string;
  span: Span;
}

/**
 * Inference state for one program.
 *
 * @example const inf = new Inference("x * y", new Set(["x", "y"])); inf.unifier.fresh()
 */
export class Inference {
  readonly unifier: Unifier;
  /** The symbolic shape of each analysed node. */
  readonly shapes = new Map<Expr, TermShape>();
  /** Notes on valid input that is likely not meant (see `Analysis.notes`). */
  readonly notes: string[] = [];
  private deferred: Deferred[] = [];

  constructor(
    readonly source: string,
    reserved: ReadonlySet<string>,
  ) {
    this.unifier = new Unifier(reserved);
  }

  /** The shape already found for `e`. */
  shapeOf(e: Expr): TermShape {
    const shape = this.shapes.get(e);
    if (shape === undefined) throw new Error(`internal: no shape for ${e.kind} node`);
    return shape;
  }

  /** The resolved shape as it stands now. */
  resolve(shape: TermShape): Shape {
    return shape.map((d) => this.unifier.resolve(d));
  }

  /** `[m, n]`, as things stand now. */
  show(shape: TermShape): string {
    return formatShape(this.resolve(shape));
  }

  /** The source text of a node, for messages. */
  text(e: Expr): string {
    return quoteSource(this.source, e.span);
  }

  /** `X has shape [m, n]` */
  describe(e: Expr): string {
    return `${this.text(e)} has shape ${this.show(this.shapeOf(e))}`;
  }

  /** The standard two-operand mismatch error. */
  mismatch(op: string, span: Span, left: Expr, right: Expr): ShapeError {
    return new ShapeError(
      `shape mismatch in ${op}: ${this.describe(left)} but ${this.describe(right)}`,
      span,
    );
  }

  /**
   * Require two dimensions to be equal: throws `fail()` when they cannot be, and retries at the
   * end (`settle`) when the equation cannot be decided yet. `what` names the operation.
   */
  equate(a: Term, b: Term, what: string, span: Span, fail: () => DiagradError): void {
    const result = this.unifier.unify(a, b);
    if (result === "fail") throw fail();
    if (result === "defer") this.deferred.push({ a, b, fail, what, span });
  }

  /** Retry deferred equations until none makes progress; any left over is ambiguous. */
  settle(): void {
    for (let progress = true; progress && this.deferred.length > 0; ) {
      const pending = this.deferred;
      this.deferred = [];
      for (const d of pending) this.equate(d.a, d.b, d.what, d.span, d.fail);
      progress = this.deferred.length < pending.length;
    }
    const left = this.deferred[0];
    if (left !== undefined) {
      const [a, b] = [this.unifier.resolve(left.a), this.unifier.resolve(left.b)];
      throw new ShapeError(
        `cannot infer the dimensions in ${left.what}: ${a} must equal ${b}; declare the shapes, e.g. 'X: [2, 3];'`,
        left.span,
      );
    }
  }
}
