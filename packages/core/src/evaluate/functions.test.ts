import { describe, expect, it } from "vitest";
import { elementwise, logsumexp, map, norm, power, softmax } from "./functions.js";
import { tensor } from "./tensor.js";

describe("elementwise", () => {
  it("has the textbook values at known points", () => {
    const { exp, log, sqrt, tanh, sigmoid, sin, cos, abs, relu, softplus, sign, step } =
      elementwise;
    expect(exp(1)).toBe(Math.E);
    expect(log(Math.E)).toBe(1);
    expect(sqrt(9)).toBe(3);
    expect(tanh(0)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(2)).toBeCloseTo(1 / (1 + Math.exp(-2)), 15);
    expect(sigmoid(-2)).toBeCloseTo(1 / (1 + Math.exp(2)), 15);
    expect(sin(Math.PI / 2)).toBe(1);
    expect(cos(0)).toBe(1);
    expect(abs(-3)).toBe(3);
    expect([relu(-2), relu(0), relu(3)]).toEqual([0, 0, 3]);
    expect(softplus(0)).toBeCloseTo(Math.LN2, 15);
    expect(softplus(1)).toBeCloseTo(Math.log(1 + Math.E), 15);
    expect([sign(-2), sign(0), sign(5)]).toEqual([-1, 0, 1]);
    expect([step(-2), step(0), step(5)]).toEqual([0, 0, 1]);
    expect(power(2, 10)).toBe(1024);
    expect(power(4, 0.5)).toBe(2);
  });

  it("is stable far from 0", () => {
    expect(elementwise.sigmoid(-1000)).toBe(0);
    expect(elementwise.sigmoid(1000)).toBe(1);
    expect(elementwise.sigmoid(-745)).toBeGreaterThan(0);
    expect(elementwise.softplus(1000)).toBe(1000);
    expect(elementwise.softplus(-1000)).toBe(0);
    expect(elementwise.softplus(-30)).toBeCloseTo(Math.exp(-30), 25);
  });

  it("keeps NaN", () => {
    for (const f of Object.values(elementwise)) expect(f(Number.NaN)).toBeNaN();
  });
});

describe("map, softmax, logsumexp and norm", () => {
  it("maps without touching the input", () => {
    const t = tensor([2], [1, 4]);
    expect(map(t, Math.sqrt)).toEqual({ shape: [2], data: Float64Array.of(1, 2) });
    expect([...t.data]).toEqual([1, 4]);
  });

  it("makes softmax rows that are positive and sum to 1", () => {
    const t = tensor([3, 4], [1, 2, 3, 4, -5, 0, 5, 1000, 7, 7, 7, 7]);
    const s = softmax(t);
    expect(s.shape).toEqual([3, 4]);
    for (let r = 0; r < 3; r++) {
      const row = [...s.data.slice(4 * r, 4 * r + 4)];
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
      expect(row.every((x) => x >= 0 && Number.isFinite(x))).toBe(true);
    }
    expect([...s.data.slice(8)]).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(softmax(tensor([2], [0, Math.log(3)])).data[1]).toBeCloseTo(0.75, 15);
  });

  it("takes logsumexp along the last axis, stably", () => {
    expect(logsumexp(tensor([2], [1000, 1000]))).toEqual({
      shape: [],
      data: Float64Array.of(1000 + Math.LN2),
    });
    const t = logsumexp(tensor([2, 3], [0, 0, 0, -1000, -1000, -1000]));
    expect(t.shape).toEqual([2]);
    expect(t.data[0]).toBeCloseTo(Math.log(3), 15);
    expect(t.data[1]).toBeCloseTo(-1000 + Math.log(3), 12);
    expect(logsumexp(tensor([2, 0])).data).toEqual(Float64Array.of(-Infinity, -Infinity));
  });

  it("computes the Frobenius norm without overflow or underflow", () => {
    expect(norm(tensor([2, 2], [1, 2, 2, 4]))).toBe(5);
    expect(norm(tensor([2], [3e200, 4e200]))).toBeCloseTo(5e200, -186);
    expect(norm(tensor([2], [3e-200, 4e-200]))).toBeCloseTo(5e-200, 210);
    expect(norm(tensor([0]))).toBe(0);
  });
});
