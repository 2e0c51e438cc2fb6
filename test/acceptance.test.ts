/**
 * The acceptance cases (../shared/acceptance, copied to fixtures): numbers computed independently
 * of diagrad. Each runs through the real CLI (diff and eval with a values file) and the library.
 */
import { derivative, evaluate, prepare, toNested } from "@diagrad/core";
import { describe, expect, test } from "vitest";
import { acceptanceCases as cases } from "./support/cases.js";
import { run, scratch } from "./support/cli.js";
import { type Nested, relativeError, shapeOf } from "./support/compare.js";

describe.each(cases)("acceptance case $id: d^$order($expr)/d$wrt", (c) => {
  const values = scratch().file(`${c.id}.json`, JSON.stringify(c.inputs));

  test("the CLI's diff gives the derivative to 1e-8", () => {
    const r = run([
      "diff",
      c.expr,
      "--wrt",
      c.wrt,
      "--order",
      String(c.order),
      "--values",
      values,
      "--format",
      "json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(shapeOf(out.value)).toEqual(shapeOf(c.derivative));
    expect(relativeError(out.value, c.derivative)).toBeLessThan(1e-8);
  });

  test("the CLI's eval gives the value to 1e-8", () => {
    const r = run(["eval", c.expr, "--values", values, "--format", "json"]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(relativeError(out.value, c.value)).toBeLessThan(1e-8);
  });

  test("the library agrees, with shapes declared instead of read off the values", () => {
    const d = derivative({ source: c.expr, wrt: c.wrt, order: c.order, shapes: c.shapes });
    expect(relativeError(toNested(evaluate(d, c.inputs)) as Nested, c.derivative)).toBeLessThan(
      1e-8,
    );
    const e = prepare({ source: c.expr, shapes: c.shapes });
    expect(relativeError(toNested(evaluate(e, c.inputs)) as Nested, c.value)).toBeLessThan(1e-8);
  });
});
