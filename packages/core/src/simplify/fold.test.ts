/**
 * Folding functions of copy tensors: f(eye(n)) is f(1) on the diagonal and f(0) off it. Every
 * expected value is worked by hand in the comments; sign and step (which the language has only
 * as the derivatives of abs and relu) are boxed here directly.
 */
import { describe, expect, test } from "vitest";
import { prepare } from "../api.js";
import { evaluateNetwork } from "../evaluate/network.js";
import { DiagradError } from "../language/span.js";
import { box } from "../network/primitives.js";
import type { BoxFn, Network } from "../network/types.js";
import { checkBox, foldBox } from "./fold.js";
import { constantValue, copyPattern } from "./pattern.js";
import { simplify } from "./simplify.js";

const net = (source: string) => prepare({ source }).network;
const entries = (n: Network) =>
  Array.from(evaluateNetwork(n, { values: new Map(), size: () => 3 }).data);
const boxOf = (fn: BoxFn, inner: Network, param?: number) =>
  simplify(box(fn, inner, inner.shape, param));
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    return e;
  }
  return undefined;
};

describe("copy patterns", () => {
  test("eye(n) is a pattern with zeros, not a constant", () => {
    expect(constantValue(net("eye(3)"))).toBeUndefined();
    expect(copyPattern(net("2 * eye(3)"))).toMatchObject({ offset: 0, scale: 2 });
    expect(copyPattern(net("eye(3) + 1"))).toMatchObject({ offset: 1, scale: 1 });
  });

  test("the ones tensor and sum(eye(n), 0) are constants", () => {
    expect(constantValue(net("sum(eye(3), 0)"))).toBe(1);
    expect(constantValue(net("outer(sum(eye(3), 0), 2 * sum(eye(3), 1))"))).toBe(2);
  });

  test("eye(1) is all ones", () => {
    expect(constantValue(net("eye(1)"))).toBe(1);
  });

  test("a variable, a box or two different patterns are not patterns", () => {
    expect(copyPattern(net("x"))).toBeUndefined();
    expect(copyPattern(net("exp(s * eye(3))"))).toBeUndefined();
    const two = 'einsum("ij,kl->ijkl", eye(2), eye(2)) + einsum("ik,jl->ijkl", eye(2), eye(2))';
    expect(copyPattern(net(two))).toBeUndefined();
  });
});

describe("folding elementwise functions of eye(3)", () => {
  const I = net("eye(3)");
  const at = (v: number[], diagonal: number, off: number) => {
    v.forEach((y, k) => {
      expect(y).toBeCloseTo(k % 4 === 0 ? diagonal : off, 14);
    });
  };

  test("cos(I) is cos 1 on the diagonal and 1 off it, with no box left", () => {
    const folded = boxOf("cos", I);
    expect(folded.terms.every((t) => t.graph.everyNode((_n, a) => a.kind !== "box"))).toBe(true);
    at(entries(folded), Math.cos(1), 1);
  });

  test("sign and step of I and of −2 I", () => {
    at(entries(boxOf("sign", I)), 1, 0);
    at(entries(boxOf("sign", net("-2 * eye(3)"))), -1, 0);
    at(entries(boxOf("step", I)), 1, 0);
    at(entries(boxOf("step", net("-2 * eye(3)"))), 0, 0);
  });

  test("powers: I² = I, (2I)^0.5 = √2 I, (I + 1)^-1 is 1/2 and 1", () => {
    at(entries(boxOf("pow", I, 2)), 1, 0);
    at(entries(boxOf("pow", net("2 * eye(3)"), 0.5)), Math.SQRT2, 0);
    at(entries(boxOf("pow", net("eye(3) + 1"), -1)), 0.5, 1);
  });

  test("softplus(I) is log(1 + e) on the diagonal and log 2 off it", () => {
    at(entries(boxOf("softplus", I)), Math.log(1 + Math.E), Math.LN2);
  });

  test("f of an order-3 spider is f(1) on i = j = k and f(0) elsewhere", () => {
    const spider = net('einsum("ij,jk->ijk", eye(3), eye(3))');
    entries(boxOf("exp", spider)).forEach((y, k) => {
      const [i, j, l] = [Math.floor(k / 9), Math.floor(k / 3) % 3, k % 3];
      expect(y).toBeCloseTo(i === j && j === l ? Math.E : 1, 14);
    });
  });
});

describe("functions of eye(n) that are not finite", () => {
  test("log(I) and I⁻¹ are refused with a message that says where", () => {
    const log = refusal(() => checkBox({ kind: "box", fn: "log", inner: net("eye(3)") }));
    expect(log).toBeInstanceOf(DiagradError);
    expect((log as Error).message).toMatch(/^log\(eye\(3\)\) is -inf off the diagonal/);
    const inverse = refusal(() =>
      foldBox({ kind: "box", fn: "pow", inner: net("eye(3)"), param: -1 }),
    );
    expect((inverse as Error).message).toMatch(/^division by zero: \(eye\(3\)\) \*\* -1 is inf/);
  });

  test("the builder reports them at the span of the culprit", () => {
    const e = refusal(() => prepare({ source: "x / eye(3)" })) as DiagradError;
    expect(e.kind).toBe("value");
    expect(e.span).toEqual({ start: 4, end: 10 });
  });

  test("a power of I that is finite is not refused, nor is 1 / eye(1)", () => {
    expect(refusal(() => prepare({ source: "eye(3) ** 0.5 + eye(3) ** 0" }))).toBeUndefined();
    expect(entries(net("1 / eye(1)"))).toEqual([1]);
  });
});
