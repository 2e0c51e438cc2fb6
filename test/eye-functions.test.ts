/**
 * Functions of the identity, worked by hand: f(eye(n)) is f(1) on the diagonal and f(0) off it
 * (issue 18). Values and derivatives at orders 1–3 are checked against numbers computed in the
 * comments, against the naive interpreter, or against central differences; the issue's own
 * examples run through the CLI.
 */
import { checkDerivative, DiagradError, derivative, evaluate, prepare } from "@diagrad/core";
import { describe, expect, test } from "vitest";
import { run, scratch } from "./support/cli.js";
import { fromNestedArray, interpret } from "./support/interpreter.js";

const E = Math.E;
const C1 = Math.cos(1);
const value = (source: string, values: Record<string, unknown> = {}) =>
  Array.from(evaluate(prepare({ source, values })).data);
const close = (actual: readonly number[], expected: readonly number[], digits = 12) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, k) => {
    expect(a, `entry ${k}`).toBeCloseTo(expected[k], digits);
  });
};
/** An n × n row-major matrix with `diagonal` on the diagonal and `off` elsewhere. */
const twoValued = (n: number, diagonal: number, off: number) =>
  Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? diagonal : off));

const t = [
  [1, 2],
  [3, 4],
];
const W = [
  [0.1, 0.2, 0.3],
  [0.4, -0.5, 0.6],
  [0.7, 0.8, -0.9],
];
const A = [
  [3.1, 0.2, -0.3],
  [0.4, 2.5, 0.6],
  [0.7, -0.8, 3.9],
];

describe("values of functions of eye(n), worked by hand", () => {
  test("s + norm(cos(eye(4))) = s + √(4 cos²1 + 12), not s + 4 cos 1", () => {
    close(value("s + norm(cos(eye(4)))", { s: 1 }), [1 + Math.sqrt(4 * C1 * C1 + 12)]);
  });

  test("t / exp(eye(2)) divides the diagonal by e and leaves the rest", () => {
    close(value("t / exp(eye(2))", { t }), [1 / E, 2, 3, 4 / E]);
  });

  test("elementwise functions of I and of multiples of I", () => {
    close(value("sum(exp(eye(3)))"), [3 * E + 6]);
    close(value("sigmoid(eye(2))"), twoValued(2, 1 / (1 + 1 / E), 0.5));
    close(value("cos(3 * eye(2))"), twoValued(2, Math.cos(3), 1));
    close(value("sqrt(4 * eye(2))"), twoValued(2, 2, 0));
    close(value("relu(-eye(2))"), twoValued(2, 0, 0));
    close(value("abs(-2 * eye(2))"), twoValued(2, 2, 0));
    close(value("softplus(eye(2))"), twoValued(2, Math.log(1 + E), Math.LN2));
    close(value("(eye(2) + 1) ** -1"), twoValued(2, 0.5, 1));
    close(value("log(eye(2) + 1)"), twoValued(2, Math.LN2, 0));
    // exp(cos(I)): e^{cos 1} on the diagonal, e^1 off it
    close(value("exp(cos(eye(3)))"), twoValued(3, Math.exp(C1), E));
  });

  test("traces, sums and means of I: tr = sum = n, sum along an axis = 𝟏, mean = 1/n", () => {
    close(value("tr(eye(5))"), [5]);
    close(value("sum(eye(5))"), [5]);
    close(value("sum(eye(4), 0)"), [1, 1, 1, 1]);
    close(value("mean(eye(4))"), [0.25]);
  });

  test("tensor functions of I and of functions of I", () => {
    close(value("norm(eye(4))"), [2]);
    close(value("det(2 * eye(3))"), [8]);
    close(value("logdet(3 * eye(3))"), [3 * Math.log(3)]);
    close(value("inv(2 * eye(2))"), twoValued(2, 0.5, 0));
    // softmax of a row [1, 0, 0] is [e, 1, 1] / (e + 2); logsumexp of it is log(e + 2)
    close(value("softmax(eye(3))").slice(0, 3), [E / (E + 2), 1 / (E + 2), 1 / (E + 2)]);
    close(
      value("logsumexp(eye(3))"),
      [1, 1, 1].map(() => Math.log(E + 2)),
    );
    // exp(I) for n = 2 is [[e, 1], [1, e]]: det e² − 1, inverse [[e, −1], [−1, e]] / (e² − 1)
    close(value("det(exp(eye(2)))"), [E * E - 1]);
    close(
      value("inv(exp(eye(2)))"),
      [E, -1, -1, E].map((v) => v / (E * E - 1)),
    );
    close(value("norm(A @ eye(3)) - norm(A)", { A }), [0]);
  });

  test("a symbolic n: d(s · sum(exp(eye(n))))/ds = n² + (e − 1) n, 6 + 3e at n = 3", () => {
    const d = derivative({
      source: "s * sum(exp(eye(n))) + sum(W)",
      wrt: "s",
      shapes: { W: ["n", "n"], s: [] },
    });
    close(Array.from(evaluate(d, { s: 2, W }).data), [6 + 3 * E]);
  });
});

describe("derivatives through functions of eye(n)", () => {
  test("∂ sum(W ∘ cos(I)) / ∂W = cos(I): cos 1 on the diagonal, 1 off it", () => {
    const d = derivative({ source: "sum(W * cos(eye(3)))", wrt: "W", values: { W } });
    close(Array.from(evaluate(d).data), twoValued(3, C1, 1));
  });

  test("sigmoid(W / exp(I)) ** -0.5 by W, worked entry by entry", () => {
    // F = σ(W ⊘ E)^-½ with E = e on the diagonal, 1 off it; ∂F_ij/∂W_ij = −½ σ^-½ (1 − σ) / E_ij
    const d = derivative({ source: "sigmoid(W / exp(eye(3))) ** -0.5", wrt: "W", values: { W } });
    const J = evaluate(d).data;
    for (let a = 0; a < 9; a++)
      for (let b = 0; b < 9; b++) {
        const e = a % 4 === 0 ? E : 1;
        const s = 1 / (1 + Math.exp(-W[Math.floor(a / 3)][a % 3] / e));
        const expected = a === b ? (-0.5 * s ** -0.5 * (1 - s)) / e : 0;
        expect(J[a * 9 + b], `J[${a}, ${b}]`).toBeCloseTo(expected, 12);
      }
  });

  test("the Hessian of x @ (A + I) @ x is A + Aᵀ + 2I, and its third derivative is 0", () => {
    const x = [0.3, -0.8, 1.1];
    const H = evaluate(
      derivative({ source: "x @ (A + eye(3)) @ x", wrt: "x", order: 2, values: { x, A } }),
    );
    close(
      Array.from(H.data),
      Array.from({ length: 9 }, (_, k) => {
        const [i, j] = [Math.floor(k / 3), k % 3];
        return A[i][j] + A[j][i] + (i === j ? 2 : 0);
      }),
    );
    const T = evaluate(
      derivative({ source: "x @ (A + eye(3)) @ x", wrt: "x", order: 3, values: { x, A } }),
    );
    close(Array.from(T.data), new Array(27).fill(0));
  });

  test("the third derivative of sum(exp(W ∘ I)) is e^{W_ii} at (ii, ii, ii) only", () => {
    const T = evaluate(
      derivative({ source: "sum(exp(W * eye(3)))", wrt: "W", order: 3, values: { W } }),
    );
    T.data.forEach((v, k) => {
      const [p, q, r] = [Math.floor(k / 81), Math.floor(k / 9) % 9, k % 9];
      const expected = p === q && q === r && p % 4 === 0 ? Math.exp(W[p / 4][p / 4]) : 0;
      expect(v, `T[${p}, ${q}, ${r}]`).toBeCloseTo(expected, 12);
    });
  });

  test("the Hessian of logdet(A + I) is −B_{li} B_{jk}, B = inv(A + I) from the interpreter", () => {
    const B = interpret("inv(A + eye(3))", { A: fromNestedArray(A) }).data;
    const H = evaluate(
      derivative({ source: "logdet(A + eye(3))", wrt: "A", order: 2, values: { A } }),
    );
    H.data.forEach((v, k) => {
      const [i, j, l, m] = [
        Math.floor(k / 27),
        Math.floor(k / 9) % 3,
        Math.floor(k / 3) % 3,
        k % 3,
      ];
      expect(v).toBeCloseTo(-B[m * 3 + i] * B[j * 3 + l], 12);
    });
  });

  test("‖W I‖³: the Hessian is 3 (r δδ + W W / r), and orders 1–3 match finite differences", () => {
    const r = Math.hypot(...W.flat());
    const H = evaluate(
      derivative({ source: "norm(W @ eye(3)) ** 3", wrt: "W", order: 2, values: { W } }),
    );
    const w = W.flat();
    H.data.forEach((v, k) => {
      const [a, b] = [Math.floor(k / 9), k % 9];
      expect(v).toBeCloseTo(3 * ((a === b ? r : 0) + (w[a] * w[b]) / r), 12);
    });
    for (const source of ["norm(W @ eye(3)) ** 3", "sum(sigmoid(W / exp(eye(3))) ** -0.5)"])
      for (const order of [1, 2, 3])
        expect(
          checkDerivative({ source, wrt: "W", order, values: { W } }).maxRelativeError,
        ).toBeLessThan(1e-5);
  });
});

describe("functions of eye(n) that are infinite somewhere are refused, never folded to a number", () => {
  const refusal = (source: string) => {
    try {
      prepare({ source, values: { t, x: [1, 2, 3] } });
    } catch (e) {
      return e as DiagradError;
    }
    throw new Error(`${source} was accepted`);
  };

  test("dividing by eye(n) is a division by zero, at the span of eye(n)", () => {
    const e = refusal("t / eye(2)");
    expect(e).toBeInstanceOf(DiagradError);
    expect(e.message).toMatch(/^division by zero: .* is inf off the diagonal/);
    expect(e.span).toEqual({ start: 4, end: 10 });
  });

  test("log(I), I / I and a log that only simplification finds are refused too", () => {
    expect(refusal("log(eye(3))").message).toMatch(/^log\(eye\(3\)\) is -inf off the diagonal/);
    expect(refusal("eye(3) / eye(3)")).toBeInstanceOf(DiagradError);
    expect(refusal("eye(3) ** 2 * eye(3) ** -1")).toBeInstanceOf(DiagradError);
    expect(refusal("x + sum(log(eye(3) + eye(3)), 0)").kind).toBe("value");
  });
});

describe("the issue's examples through the CLI", () => {
  const values = scratch().file("v.json", JSON.stringify({ s: 1, t }));

  test("eval gives the right numbers", () => {
    const norm = run(["eval", "s + norm(cos(eye(4)))", "--values", values, "--format", "json"]);
    expect(JSON.parse(norm.stdout).value).toBeCloseTo(1 + Math.sqrt(4 * C1 * C1 + 12), 12);
    const divided = run(["eval", "t / exp(eye(2))", "--values", values, "--format", "json"]);
    const out = (JSON.parse(divided.stdout).value as number[][]).flat();
    close(out, [1 / E, 2, 3, 4 / E]);
  });

  test("t / eye(2) exits 1 with one line and a caret, no stack trace", () => {
    const r = run(["eval", "t / eye(2)", "--values", values]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: division by zero/);
    expect(r.stderr).not.toMatch(/at .*\.js/);
  });
});
