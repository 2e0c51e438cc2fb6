import { derivative, prepare } from "@diagrad/core";
import { describe, expect, test } from "vitest";
import { findDefinitions } from "./definitions.js";
import { elkMilliseconds } from "./elk.js";
import { indexNames, layout, layoutStrip } from "./layout.js";

describe("layout", () => {
  test("puts the expression's free legs on the east border and a derivative's new ones on the west", async () => {
    const d = derivative({ source: "W @ (A * B)", wrt: "A" });
    const scene = await layout(d.network, { expressionRank: 2 });
    const old = scene.labels.filter((l) => l.role === "index");
    const fresh = scene.labels.filter((l) => l.role === "new-index");
    expect(old.map((l) => l.text)).toEqual(["i", "j"]);
    expect(fresh.map((l) => l.text).sort()).toEqual(["k", "l"]);
    const tensorsRight = Math.max(...scene.shapes.map((s) => s.x + s.width));
    const tensorsLeft = Math.min(...scene.shapes.map((s) => s.x));
    for (const l of old) expect(l.x).toBeGreaterThan(tensorsRight);
    for (const l of fresh) expect(l.x).toBeLessThan(tensorsLeft);
  });

  test("names i above j, as they read", async () => {
    const scene = await layout(prepare({ source: "W @ (A * B)" }).network);
    const [i, j] = ["i", "j"].map((n) => scene.labels.find((l) => l.text === n)?.y ?? 0);
    expect(i).toBeLessThan(j);
  });

  test("is deterministic", async () => {
    const net = derivative({ source: "(A @ z) * tanh(B @ z)", wrt: "z" }).network;
    expect(JSON.stringify(await layout(net))).toBe(JSON.stringify(await layout(net)));
  });

  test("joins the terms of a sum with their signs", async () => {
    const scene = await layout(derivative({ source: "(A @ z) * tanh(B @ z)", wrt: "z" }).network);
    expect(scene.labels.filter((l) => l.role === "sign").map((l) => l.text)).toEqual(["+", "−"]);
    expect(scene.shapes.filter((s) => s.kind === "box").map((s) => s.label)).toEqual([
      "tanh",
      "", // the kept sum 1 − tanh², framed
      "(·)²",
      "tanh",
    ]);
  });

  test("a strip captions each figure", async () => {
    const d = derivative({ source: "x * y * z", wrt: "x" });
    const scene = await layoutStrip([
      { network: d.expression, caption: "f" },
      { network: d.network, caption: "∂f/∂x", expressionRank: 1 },
    ]);
    expect(scene.labels.filter((l) => l.role === "caption").map((l) => l.text)).toEqual([
      "f",
      "∂f/∂x",
    ]);
  });

  test("index names follow index notation", () => {
    expect(indexNames(5)).toEqual(["i", "j", "k", "l", "p"]);
  });
});

describe("findDefinitions", () => {
  test("names the arguments the MLP Hessian repeats, and none of a small diagram's", () => {
    const mlp = derivative({
      source: "norm(W2 @ tanh(W1 @ x + b1) - y)**2",
      wrt: "W1",
      order: 2,
    }).network;
    // W1 @ x + b1 and tanh of it; ‖u‖ and ‖u‖⁻¹ cancel, so the norm is not repeated
    expect([...findDefinitions([mlp]).values()].map((d) => d.name)).toEqual(["M1", "M2"]);
    const small = derivative({ source: "(A @ z) * tanh(B @ z)", wrt: "z" }).network;
    expect(findDefinitions([small]).size).toBe(0);
  });

  test("counts the time spent inside ELK, for the render benchmark", async () => {
    const before = elkMilliseconds();
    const start = performance.now();
    await layout(prepare({ source: "A @ B" }).network);
    const inside = elkMilliseconds() - before;
    expect(inside).toBeGreaterThan(0);
    expect(inside).toBeLessThanOrEqual(performance.now() - start);
  });
});
