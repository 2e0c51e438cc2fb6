/**
 * Deep nesting through the drawing, which lays the network out recursively: refused input ends in
 * the parser's error, input at the limit draws.
 */
import { DiagradError } from "@diagrad/core";
import { describe, expect, it } from "vitest";
import { renderSvg } from "../packages/render/src/index.js";

describe("deep nesting in the drawing", () => {
  it("refuses 10,000 levels with the parser's error, not a stack overflow", async () => {
    for (const source of [`${"(".repeat(10_000)}x`, `${"- ".repeat(10_000)}x`]) {
      const error = await renderSvg(source, {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DiagradError);
      expect((error as DiagradError).message).toMatch(/more than 200 levels deep/);
    }
  });

  it("draws 200 levels of unary minus and of brackets", async () => {
    for (const source of [`${"- ".repeat(200)}x`, `${"(".repeat(200)}x${")".repeat(200)}`]) {
      expect(await renderSvg(source, { wrt: "x" })).toMatch(/^<svg/);
    }
  });
});
