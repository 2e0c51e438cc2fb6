/**
 * Numbers from a network: each term becomes one einsum (`termEinsum`), planned and contracted;
 * function boxes are evaluated from their inner networks, once per distinct box.
 */

import { dimFactors } from "../language/dims.js";
import { numericValue } from "../network/coefficient.js";
import type { BoxNode, Dim, Network, Term } from "../network/types.js";
import { networkKey } from "../simplify/canonical.js";
import { applyFunction } from "./apply.js";
import type { Operand } from "./contract.js";
import { contract } from "./contract.js";
import { checkedEntries, type Tensor } from "./tensor.js";
import { termEinsum } from "./termEinsum.js";

export interface Environment {
  values: ReadonlyMap<string, Tensor>;
  /** The size of a dimension symbol (throws a DiagradError when it has none). */
  size: (symbol: string) => number;
}

/** The size of a dimension, products included, from the sizes of its symbols. */
function dimSize(d: Dim, env: Environment): number {
  const { coefficient, symbols } = dimFactors(d);
  return symbols.reduce((n, s) => n * env.size(s), coefficient);
}

function evaluateTerm(
  term: Term,
  shape: readonly number[],
  env: Environment,
  boxes: Map<string, Tensor>,
): Tensor {
  const { factors, reshapes, output, dims } = termEinsum(term);
  const sizes = new Map([...dims].map(([l, d]) => [l, dimSize(d, env)]));
  const sized = (labels: readonly number[]) => labels.map((l) => sizes.get(l) as number);
  const operands: Operand[] = factors.map(({ attrs, labels }) => {
    const value =
      attrs.kind === "tensor" ? env.values.get(attrs.name) : evaluateBox(attrs, env, boxes);
    if (!value)
      throw new Error(`internal: no value for ${attrs.kind === "tensor" ? attrs.name : "a box"}`);
    return { tensor: { shape: sized(labels), data: value.data }, labels };
  });
  for (const r of reshapes) {
    const [f, s] = [dimSize(r.fast, env), dimSize(r.slow, env)];
    const data = new Float64Array(checkedEntries(f * s * f * s, `a reshape [${f * s} × ${f * s}]`));
    for (let i = 0; i < f; i++)
      for (let j = 0; j < s; j++) data[(i * s + j) * f * s + i + f * j] = 1;
    operands.push({ tensor: { shape: sized(r.labels), data }, labels: r.labels });
  }
  const result = contract(operands, output, sizes);
  const c = numericValue(term.coeff, env.size);
  const data = new Float64Array(result.data.length);
  for (let i = 0; i < data.length; i++) data[i] = c * result.data[i];
  return { shape, data };
}

function evaluateBox(node: BoxNode, env: Environment, boxes: Map<string, Tensor>): Tensor {
  const key = `${node.fn}(${node.param ?? ""})${networkKey(node.inner)}`;
  let value = boxes.get(key);
  if (!value) {
    value = applyFunction(node.fn, evaluateWith(node.inner, env, boxes), node.param);
    boxes.set(key, value);
  }
  return value;
}

function evaluateWith(net: Network, env: Environment, boxes: Map<string, Tensor>): Tensor {
  const shape = net.shape.map((d) => dimSize(d, env));
  const entries = shape.reduce((a, b) => a * b, 1);
  const total = new Float64Array(
    checkedEntries(entries, `a tensor of shape [${shape.join(", ")}]`),
  );
  for (const term of net.terms) {
    const t = evaluateTerm(term, shape, env, boxes);
    for (let i = 0; i < total.length; i++) total[i] += t.data[i];
  }
  return { shape, data: total };
}

/** The value of a network: `evaluateNetwork(net, { values, size })` → a row-major Tensor. */
export function evaluateNetwork(net: Network, env: Environment): Tensor {
  return evaluateWith(net, env, new Map());
}
