import { describe, expect, test } from "vitest";
import { derivative, evaluate } from "./api.js";
import { derivation } from "./derivation.js";
import { toNested } from "./evaluate/nested.js";
import { networkKey } from "./simplify/canonical.js";

describe("derivations", () => {
  test("start from the expression and end at the simplified derivative", () => {
    const steps = derivation({ source: "(A @ z) * tanh(B @ z)", wrt: "z" });
    expect(steps[0].rule).toBe("expression");
    expect(networkKey(steps[steps.length - 1].network)).toBe(
      networkKey(derivative({ source: "(A @ z) * tanh(B @ z)", wrt: "z" }).network),
    );
  });

  test("name each removal and each chain rule", () => {
    const [, differentiation] = derivation({ source: "(A @ z) * tanh(B @ z)", wrt: "z" });
    expect(differentiation.rule).toBe("differentiate by z (product rule over 2 occurrences)");
    expect(differentiation.details).toEqual([
      "remove z: its wires become the new free indices",
      "chain rule through tanh",
      "remove z: its wires become the new free indices",
    ]);
  });

  test("every step is the same function: the networks evaluate alike", () => {
    const steps = derivation({ source: "x * x * x", wrt: "x" });
    const d = derivative({ source: "x * x * x", wrt: "x" });
    const jacobians = steps
      .filter((s) => s.order === 1)
      .map((s) => toNested(evaluate({ ...d, network: s.network }, { x: [1, 2] })));
    expect(steps.map((s) => s.network.terms.length)).toEqual([1, 3, 1]);
    expect(jacobians).toEqual([
      [
        [3, 0],
        [0, 12],
      ],
      [
        [3, 0],
        [0, 12],
      ],
    ]);
  });
});
