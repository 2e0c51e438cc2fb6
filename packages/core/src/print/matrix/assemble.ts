/**
 * The last step of reading a term: from a reduced board to one expression.
 *
 * Scalar pieces become factors. What is left is a matrix form when it is one piece whose legs are
 * the output axes (transposed if they come in the other order), or two vectors on the two axes
 * (their outer product). Anything else (a tensor of order ≥ 3, a spider joining three matrices,
 * a reshape that is not a vec or Kronecker product) is written as one `einsum` over the pieces,
 * with `eye(n)` for output axes that share a spider: the index form, valid in the input language.
 */
import { DiagradError } from "../../language/span.js";
import type { Dim } from "../../network/types.js";
import type { Board } from "./board.js";
import { type MExpr, mul, ones, outer, transpose } from "./expr.js";
import { transposeCount } from "./rules.js";

const outputLetters = "ijklpqrstuvw";
const innerLetters = "abcdefghmnoxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * The term's expression: `assemble(reduce(boardOf(term, read)), 2)` for a matrix-valued term.
 * @example assemble(board, 1) // mul(2, [A x]) for the board of 2·A[i,a] x[a]
 */
export function assemble(b: Board, rank: number): MExpr {
  const scalars: MExpr[] = [];
  const rest: string[] = [];
  for (const [id, p] of b.pieces) {
    if (p.legs.length === 0) scalars.push(p.expr);
    else rest.push(id);
  }
  return mul(b.coeff, [
    ...scalars,
    ...(rank === 0 && rest.length === 0 ? [] : [main(b, rest, rank)]),
  ]);
}

function main(b: Board, ids: string[], rank: number): MExpr {
  const pieces = ids.map((id) => b.pieces.get(id) as NonNullable<ReturnType<typeof b.pieces.get>>);
  const axesOf = (legs: string[]) => legs.map((w) => b.free.get(w));
  const allFree =
    b.spiders.size === 0 &&
    pieces.every((p) => p.expr.op !== "fuse" && axesOf(p.legs).every((a) => a !== undefined));
  if (allFree && pieces.length === 1) {
    const [p] = pieces;
    const axes = axesOf(p.legs) as number[];
    if (axes.every((a, k) => a === k)) return p.expr;
    if (axes.length === 2) return transpose(p.expr);
  }
  if (allFree && pieces.length === 2 && rank === 2 && pieces.every((p) => p.legs.length === 1)) {
    const [u, v] = (b.free.get(pieces[0].legs[0]) === 0 ? pieces : [pieces[1], pieces[0]]).map(
      (p) => p.expr,
    );
    return outer(u, v);
  }
  return einsumOf(b, ids, rank);
}

/** One einsum over the remaining pieces; spiders are shared labels. */
function einsumOf(b: Board, ids: string[], rank: number): MExpr {
  const label = new Map<string, string>();
  let inner = 0;
  const fresh = () => {
    const l = innerLetters[inner++];
    if (l === undefined)
      throw new DiagradError(
        "limit",
        `a term of the result needs an einsum over more than ${outputLetters.length + innerLetters.length} indices, more than einsum has letters; no formula can be written for it`,
      );
    return l;
  };
  const output: string[] = [];
  const inputs: string[][] = [];
  const args: MExpr[] = [];
  const shape: Dim[] = [];
  const eyes: [string[], MExpr][] = [];
  const freeWires = [...b.free].sort((x, y) => x[1] - y[1]);
  freeWires.forEach(([w, axis]) => {
    shape[axis] = b.dims.get(w) as Dim;
  });
  // spiders: one label each; a free leg on a spider shares it, or takes its own joined by eye(n)
  for (const s of b.spiders.values()) {
    const owner = s.legs.find((w) => b.free.has(w));
    const ownerAxis = owner === undefined ? undefined : (b.free.get(owner) as number);
    const l = ownerAxis === undefined ? fresh() : (outputLetters[ownerAxis] ?? fresh());
    if (ownerAxis !== undefined) output[ownerAxis] = l;
    for (const w of s.legs) {
      const axis = b.free.get(w);
      if (axis === undefined) label.set(w, l);
      else if (axis !== ownerAxis) {
        output[axis] = outputLetters[axis] ?? fresh();
        eyes.push([[l, output[axis]], { op: "eye", shape: [s.dim, s.dim] }]);
      }
    }
  }
  for (const [w, axis] of freeWires) {
    if (output[axis] === undefined) {
      output[axis] = outputLetters[axis] ?? fresh();
      label.set(w, output[axis]);
    }
  }
  for (const id of ids) {
    const p = b.pieces.get(id);
    if (!p) continue;
    const labels = p.legs.map((w) => label.get(w) ?? setLabel(label, w, fresh()));
    const flipped = p.legs.length === 2 ? transpose(p.expr) : p.expr;
    const flip = transposeCount(flipped) < transposeCount(p.expr);
    inputs.push(flip ? [labels[1], labels[0]] : labels);
    args.push(flip ? flipped : p.expr);
  }
  for (const [ls, e] of eyes) {
    inputs.push(ls);
    args.push(e);
  }
  for (const [axis, l] of output.entries()) {
    if (!inputs.some((ls) => ls.includes(l))) {
      inputs.push([l]);
      args.push(ones(shape[axis]));
    }
  }
  return { op: "einsum", inputs, output: output.slice(0, rank), args, shape };
}

function setLabel(label: Map<string, string>, wire: string, l: string): string {
  label.set(wire, l);
  return l;
}
