/**
 * Conversion between tensors and JSON values: a number is a scalar, an array of numbers a vector,
 * an array of equally long arrays a matrix, and so on. This is how values files and CLI arguments
 * reach the evaluator, so every malformed input is a `DiagradError("value")` that names the
 * variable and the place (rows and entries counted from 1): ragged rows, empty arrays, entries that
 * are not finite numbers.
 */
import { DiagradError } from "../language/span.js";
import type { Tensor } from "./tensor.js";

/** A number, or an array of nested arrays of equal shape. */
export type NestedArray = number[] | NestedArray[];

/** Where `path` is, for messages: "row 2" in a matrix, "entry [1, 2, 3]" deeper down. */
function place(path: readonly number[], rank: number): string {
  if (path.length === 1) return `${rank === 2 ? "row" : "entry"} ${path[0] + 1}`;
  return `entry [${path.map((i) => i + 1).join(", ")}]`;
}

function entries(n: number): string {
  return n === 1 ? "entry" : "entries";
}

function describe(x: unknown): string {
  if (typeof x === "string") return JSON.stringify(x);
  if (x === null || typeof x !== "object") return String(x);
  return Array.isArray(x) ? "an array" : "an object";
}

/**
 * The tensor a JSON value describes; `name` is used in error messages.
 *
 * @example fromNested([[1, 2], [3, 4]], "A") // shape [2, 2], data [1, 2, 3, 4]
 * @example fromNested([[1, 2], [3]], "A") // throws "value of A: row 2 has 1 entry but row 1 has 2"
 */
export function fromNested(value: unknown, name: string): Tensor {
  const fail = (message: string): never => {
    throw new DiagradError("value", `value of ${name}${message}`);
  };
  // The shape is read along the first entries; everything else must agree with it.
  const shape: number[] = [];
  for (let x = value; Array.isArray(x); x = x[0]) {
    if (x.length === 0) {
      const zeros = new Array<number>(shape.length).fill(0);
      fail(
        shape.length === 0 ? " is an empty array" : `: ${place(zeros, shape.length + 1)} is empty`,
      );
    }
    shape.push(x.length);
  }
  const rank = shape.length;
  const data: number[] = [];
  const visit = (x: unknown, path: number[]): void => {
    const at = path.length === 0 ? "" : `: ${place(path, rank)}`;
    const first = place(
      path.map(() => 0),
      rank,
    );
    if (path.length === rank) {
      if (Array.isArray(x)) fail(`${at} is an array but ${first} is a number`);
      const is = at === "" ? " is" : `${at} is`;
      if (typeof x !== "number") fail(`${is} ${describe(x)}, not a number`);
      if (!Number.isFinite(x)) fail(`${is} ${x}; entries must be finite numbers`);
      data.push(x as number);
      return;
    }
    if (!Array.isArray(x)) {
      const want = shape[path.length];
      fail(`${at} is ${describe(x)} but ${first} has ${want} ${entries(want)}`);
    }
    const arr = x as unknown[];
    if (arr.length !== shape[path.length]) {
      const want = shape[path.length];
      if (arr.length === 0) fail(`${at} is empty but ${first} has ${want} ${entries(want)}`);
      fail(`${at} has ${arr.length} ${entries(arr.length)} but ${first} has ${want}`);
    }
    for (let i = 0; i < arr.length; i++) visit(arr[i], [...path, i]);
  };
  visit(value, []);
  return { shape, data: Float64Array.from(data) };
}

/**
 * The JSON value of a tensor: a number for a scalar, nested arrays otherwise.
 *
 * @example toNested(tensor([2, 2], [1, 2, 3, 4])) // [[1, 2], [3, 4]]
 */
export function toNested(t: Tensor): number | NestedArray {
  if (t.shape.length === 0) return t.data[0];
  let offset = 0;
  const build = (axis: number): NestedArray => {
    const out: (number | NestedArray)[] = [];
    for (let i = 0; i < t.shape[axis]; i++) {
      out.push(axis === t.shape.length - 1 ? t.data[offset++] : build(axis + 1));
    }
    return out as NestedArray;
  };
  return build(0);
}
