/**
 * Code export: a self-contained Python function computing an expression and its derivative with
 * NumPy, PyTorch or JAX, contracting each term pairwise in the order diagrad planned (one einsum a
 * step), so the same network runs on GPUs and clusters.
 *
 * Each term is read as one einsum (`termEinsum`, the evaluator's own reading). Copy tensors are
 * shared labels; an output label no operand carries is a ones vector and a repeated one (a
 * diagonal) an identity, since einsum cannot create either; a split (reshaped) label becomes a
 * `reshape` of its operand. Function boxes are computed once each, before the terms that use them.
 */
import type { Derivative, Prepared } from "../../api.js";
import { termEinsum } from "../../evaluate/termEinsum.js";
import { dimFactors } from "../../language/dims.js";
import { DiagradError } from "../../language/span.js";
import type { Coefficient } from "../../network/coefficient.js";
import type { BoxNode, Dim, Network, Shape, Term } from "../../network/types.js";
import { elementwiseFunctions } from "../../network/types.js";
import { planContraction } from "../../plan/plan.js";
import { networkKey } from "../../simplify/canonical.js";
import { type Backend, backends, numpyHelpers, type Spelling } from "./backends.js";

const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
/** Size used to plan a symbolic dimension, when the code is exported without values. */
const NOMINAL = 8;

const dimExpr = (d: Dim) => String(d);
const dimsExpr = (s: readonly Dim[]) => s.map(dimExpr).join(", ");

function boxRank(box: BoxNode): number {
  const inner = box.inner.shape.length;
  if (box.fn === "group" || (elementwiseFunctions as readonly string[]).includes(box.fn))
    return inner;
  return { inv: 2, det: 0, logdet: 0, softmax: inner, logsumexp: inner - 1, norm: 0 }[
    box.fn as "inv" | "det" | "logdet" | "softmax" | "logsumexp" | "norm"
  ];
}

class Emitter {
  lines: string[] = [];
  private count = 0;
  private boxes = new Map<string, string>();

  constructor(
    private s: Spelling,
    private backend: Backend,
  ) {}

  fresh(prefix: string): string {
    return `${prefix}${this.count++}`;
  }

  emit(line: string): void {
    this.lines.push(`    ${line}`);
  }

  size(d: Dim): number {
    const { coefficient, symbols } = dimFactors(d);
    return coefficient * NOMINAL ** symbols.length;
  }

  network(net: Network): string {
    const v = this.fresh("r");
    if (net.terms.length === 0) {
      this.emit(
        `${v} = ${this.s.zeros(net.shape.length === 1 ? `${dimExpr(net.shape[0])},` : dimsExpr(net.shape))}`,
      );
      return v;
    }
    const parts = net.terms.map((t) => this.term(t, net.shape));
    this.emit(`${v} = ${parts.join(" + ")}`);
    return v;
  }

  box(node: BoxNode): string {
    const key = `${node.fn}(${node.param ?? ""})${networkKey(node.inner)}`;
    const known = this.boxes.get(key);
    if (known) return known;
    const u = this.network(node.inner);
    const v = this.fresh("f");
    this.emit(`${v} = ${this.s.functions[node.fn](u, node.param ?? 1)}  # ${node.fn}`);
    this.boxes.set(key, v);
    return v;
  }

  private reshape(expr: string, dims: readonly Dim[]): string {
    return `${expr}.reshape(${dims.length === 0 ? "()" : dimsExpr(dims)})`;
  }

  term(term: Term, shape: Shape): string {
    const { factors, reshapes, output, dims } = termEinsum(term);
    const dimOf = (l: number) => dims.get(l) as Dim;
    const ops: { expr: string; labels: number[] }[] = factors.map(({ attrs, labels }) => {
      const base = attrs.kind === "tensor" ? attrs.name : this.box(attrs);
      const rank = attrs.kind === "tensor" ? attrs.rank : boxRank(attrs);
      return {
        expr: labels.length === rank ? base : this.reshape(base, labels.map(dimOf)),
        labels,
      };
    });
    for (const r of reshapes) {
      const [f, s] = [dimExpr(r.fast), dimExpr(r.slow)];
      const swap = this.backend === "torch" ? "permute" : "transpose";
      const tensor = `${this.s.eye(`${f} * ${s}`)}.reshape(${s}, ${f}, ${f} * ${s}).${swap}(1, 0, 2)`;
      ops.push({ expr: this.reshape(tensor, r.labels.map(dimOf)), labels: r.labels });
    }
    // einsum cannot create labels: ones for output-only labels, identities for repeats
    let next = Math.max(-1, ...dims.keys()) + 1;
    const seen = new Set<number>();
    const out = output.map((l) => {
      if (!ops.some((o) => o.labels.includes(l)) && !seen.has(l)) {
        ops.push({ expr: this.s.ones(dimExpr(dimOf(l))), labels: [l] });
      }
      if (!seen.has(l)) {
        seen.add(l);
        return l;
      }
      const copy = next++;
      dims.set(copy, dimOf(l));
      ops.push({ expr: this.s.eye(dimExpr(dimOf(l))), labels: [l, copy] });
      return copy;
    });
    const name = new Map([...dims.keys()].map((l, k) => [l, letters[k] ?? "?"]));
    if (dims.size > letters.length)
      throw new DiagradError(
        "limit",
        `code export: a term has ${dims.size} indices, more than einsum's ${letters.length} letters`,
      );
    const sub = (ls: readonly number[]) => ls.map((l) => name.get(l)).join("");
    const coeff = coefficientExpr(term.coeff);
    if (ops.length === 0) {
      const v = this.fresh("t");
      this.emit(`${v} = ${coeff}`);
      return v;
    }
    const sizes = new Map([...dims].map(([l, d]) => [l, this.size(d)]));
    const plan = planContraction(
      ops.map((o) => o.labels),
      out,
      sizes,
    );
    const live = [...ops];
    for (const [i, j] of plan.path) {
      const [a, b] = [live[i], live[j]];
      const rest = live.filter((_, k) => k !== i && k !== j);
      const keep = [...new Set([...a.labels, ...b.labels])].filter(
        (l) => out.includes(l) || rest.some((o) => o.labels.includes(l)),
      );
      const v = this.fresh("t");
      this.emit(
        `${v} = ${this.s.xp}.einsum("${sub(a.labels)},${sub(b.labels)}->${sub(keep)}", ${a.expr}, ${b.expr})`,
      );
      live.splice(0, live.length, ...rest, { expr: v, labels: keep });
    }
    let [last] = live;
    if (sub(last.labels) !== sub(out)) {
      const v = this.fresh("t");
      this.emit(`${v} = ${this.s.xp}.einsum("${sub(last.labels)}->${sub(out)}", ${last.expr})`);
      last = { expr: v, labels: out };
    }
    const value = out.length === shape.length ? last.expr : this.reshape(last.expr, shape);
    return coeff === "1" ? value : `${coeff} * ${value}`;
  }
}

/** A coefficient as Python: `2`, `-0.5 * n`, `m ** -1 * n ** -1`. */
function coefficientExpr(c: Coefficient): string {
  const symbols = Object.entries(c.dims)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([s, e]) => (e === 1 ? s : `${s} ** ${e}`));
  if (symbols.length === 0) return String(c.value);
  return [...(c.value === 1 ? [] : [String(c.value)]), ...symbols].join(" * ");
}

/**
 * Python source for `f(variables…) → (value, derivative)` in NumPy, PyTorch or JAX.
 *
 * @example pythonCode(derivative({ source: "x @ A @ x", wrt: "x" }), "numpy")
 */
export function pythonCode(d: Derivative, backend: Backend = "numpy"): string {
  const s = backends[backend];
  const e = new Emitter(s, backend);
  const variables = new Map(d.variables);
  if (!variables.has(d.wrt)) variables.set(d.wrt, d.wrtShape);
  const bound = new Set<string>();
  for (const [name, shape] of variables) {
    shape.forEach((dim, axis) => {
      if (typeof dim !== "string" || dim.includes("*") || bound.has(dim)) return;
      bound.add(dim);
      e.emit(`${dim} = ${name}.shape[${axis}]`);
    });
  }
  const value = e.network(d.expression);
  const derivative = e.network(d.network);
  e.emit(`return ${value}, ${derivative}`);
  const args = [...variables.keys()].join(", ");
  const source = expressionOf(d);
  return [
    `# Generated by diagrad: ${source} and its derivative of order ${d.order} with respect to ${d.wrt}.`,
    `# Each term is contracted pairwise in the order diagrad planned${bound.size ? ` (for sizes ${NOMINAL} where a dimension was symbolic)` : ""}.`,
    s.imports,
    ...(backend === "numpy" ? ["", "", numpyHelpers] : []),
    "",
    "",
    `def diagrad_function(${args}):`,
    `    """Returns (value, derivative); the derivative's axes are the value's, then ${d.wrt}'s${d.order > 1 ? ` (${d.order} times)` : ""}."""`,
    ...e.lines,
    "",
  ].join("\n");
}

function expressionOf(p: Prepared): string {
  const { body, source } = p.analysis.program;
  return source.slice(body.span.start, body.span.end).replace(/\s+/g, " ");
}
