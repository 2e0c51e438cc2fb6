/**
 * The playground (docs/site/playground.html) in Debian's Chromium, headless, as a reader uses it:
 * a link with the state in its fragment opens that derivative; typing updates the formula, the
 * diagram, the derivation, the code and the numbers, and the fragment; a half-typed expression
 * shows its error with a caret under the culprit and keeps the last good formula and diagram;
 * the seeds update within 300 ms of the last keystroke; long work never stalls typing; wide
 * diagrams fit and pan; the dark theme redraws the diagram; the page also runs from file://.
 * Formulas are checked by evaluating the page's `data-formula` with the core library at chosen
 * values against derivatives written out by hand as loops, never against the page's own numbers.
 * The site is built from docs/*.md as `pnpm run docs` builds it, into a temporary folder. The
 * screenshots go to test/output/ (the README's to docs/images/ with UPDATE_SCREENSHOTS=1).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { evaluate, prepare, type Tensor } from "@diagrad/core";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildSite } from "../packages/embed/src/site/build.js";
import { launchChromium } from "./support/chromium.js";
import { root } from "./support/cli.js";
import { type StaticServer, serveFolder } from "./support/serve.js";

/** The README's screenshot goes to docs/images/ with UPDATE_SCREENSHOTS=1; the others to test/output/. */
const output = join(root, "test/output");
const shots = process.env.UPDATE_SCREENSHOTS === "1" ? join(root, "docs/images") : output;
mkdirSync(output, { recursive: true });

/** The seeds (the README's three questions) and the title each derivative carries. */
const seeds = [
  {
    expr: "W @ (A * B)",
    wrt: "A",
    title: "∂(W @ (A * B))/∂A",
    hash: "#expr=W+@+(A+*+B)&wrt=A&order=1",
  },
  { expr: "x * y * z", wrt: "x", title: "∂(x * y * z)/∂x", hash: "#expr=x+*+y+*+z&wrt=x&order=1" },
  {
    expr: "(A @ z) * tanh(B @ z)",
    wrt: "z",
    title: "∂((A @ z) * tanh(B @ z))/∂z",
    hash: "#expr=(A+@+z)+*+tanh(B+@+z)&wrt=z&order=1",
  },
];

/**
 * How many times slower than on an idle machine work runs now: the 1-minute load average per core,
 * at least 1. A busy thread gets about cores/load of a core, so the time bounds below (300 ms for
 * an update, set for an idle machine) are stretched by this factor, and only by it: on an idle
 * machine they hold exactly. The test prints the factor with the times it measured.
 */
function loadFactor(): number {
  return Math.max(1, loadavg()[0] / availableParallelism());
}

let browser: { context: BrowserContext; close: () => Promise<void> };
let server: StaticServer;
let site: string;
const problems: string[] = [];

async function open(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning")
      problems.push(`${path}: console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`${path}: page error: ${e.message}`));
  await page.goto(path.startsWith("file:") ? path : `${server.url}/${path}`);
  return page;
}

/** Waits until the playground has answered the current input (or shown its error). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => ["done", "error"].includes(document.getElementById("playground")?.dataset.state ?? ""),
    null,
    { timeout: 60_000 },
  );
}

/** What the page shows. */
function shown(page: Page) {
  return page.evaluate(() => {
    const text = (id: string) => document.getElementById(id)?.textContent ?? "";
    const svg = document.querySelector("#diagram-viewport > svg");
    return {
      expr: (document.getElementById("expr") as HTMLInputElement).value,
      wrt: (document.getElementById("wrt") as HTMLInputElement).value,
      order: (document.getElementById("order") as HTMLInputElement).value,
      hash: location.hash,
      state: document.getElementById("playground")?.dataset.state,
      formulaTitle: document.getElementById("formula")?.dataset.title,
      formula: document.getElementById("formula")?.dataset.formula,
      katex: document.querySelectorAll("#formula .katex").length,
      katexErrors: document.querySelectorAll("#formula .katex-error").length,
      diagramTitle: svg?.querySelector("title")?.textContent,
      shapes: svg?.querySelectorAll("rect, circle, path, text").length ?? 0,
      steps: Array.from(document.querySelectorAll("#steps > ol > li"), (li) => li.textContent),
      numpy: document.querySelector('#code code[data-backend="numpy"]')?.textContent ?? "",
      jax: document.querySelector('#code code[data-backend="jax"]')?.textContent ?? "",
      check: document.querySelector("#numbers .check")?.className ?? "",
      checkError: Number(
        (document.querySelector("#numbers .check") as HTMLElement | null)?.dataset.error,
      ),
      numbers: text("numbers"),
      error: document.getElementById("error")?.hidden ? "" : text("error"),
      stale: document.getElementById("formula")?.classList.contains("stale") ?? false,
      staleDiagram: document.getElementById("diagram")?.classList.contains("stale") ?? false,
    };
  });
}

/** Types `text` at the end of `#expr` key by key, like a person (40 ms between keys). */
async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.locator("#expr").press("End");
  await page.locator("#expr").pressSequentially(text, { delay: 40 });
}

/** Replaces `#expr` key by key. */
async function retype(page: Page, text: string): Promise<void> {
  await page.locator("#expr").fill("");
  await page.locator("#expr").pressSequentially(text, { delay: 40 });
}

const tensor = (shape: number[], data: number[]): Tensor => ({
  shape,
  data: Float64Array.from(data),
});

/** `formula` evaluated by the core library at `values`, as a flat array. */
function value(formula: string, values: Record<string, Tensor>): number[] {
  return Array.from(evaluate(prepare({ source: formula, values }), values).data);
}

beforeAll(async () => {
  browser = await launchChromium();
  site = mkdtempSync(join(tmpdir(), "diagrad-playground-"));
  await buildSite({ source: join(root, "docs"), out: site });
  server = await serveFolder(site);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (site) rmSync(site, { recursive: true, force: true });
});

describe("the playground in Chromium", () => {
  test("a link's fragment opens that derivative: inputs, formula, diagram, steps, code, numbers", async () => {
    const page = await open("playground.html#expr=x+@+A+@+x&wrt=x&order=2");
    await settled(page);
    const s = await shown(page);
    expect([s.expr, s.wrt, s.order]).toEqual(["x @ A @ x", "x", "2"]);
    expect(s.state).toBe("done");
    expect(s.formulaTitle).toBe("∂²(x @ A @ x)/∂x²");
    expect(s.diagramTitle).toBe("∂²(x @ A @ x)/∂x²");
    expect(s.katex).toBe(1);
    expect(s.katexErrors).toBe(0);
    expect(s.shapes).toBeGreaterThan(3);
    // the Hessian of xᵀAx is A + Aᵀ: at A = [[1, 2], [3, 4]] that is [[2, 5], [5, 8]]
    const A = tensor([2, 2], [1, 2, 3, 4]);
    const x = tensor([2], [0.5, -1]);
    expect(value(s.formula ?? "", { A, x })).toEqual([2, 5, 5, 8]);
    expect(s.steps[0]).toMatch(/^expression/);
    expect(s.steps.filter((step) => step?.startsWith("differentiate by x")).length).toBe(2);
    expect(s.numpy).toContain("import numpy as np");
    expect(s.numpy).toContain("def diagrad_function(x, A):");
    expect(s.jax).toContain("import jax.numpy as jnp");
    expect(s.check).toBe("check pass");
    expect(s.checkError).toBeLessThan(1e-6);
    expect(s.numbers).toContain("seed 1");

    // the seed: ∂(W(A ∘ B))/∂A [i,j,k,l] = W[i,k] B[k,j] δ[j,l], written out as loops
    await page.evaluate(() => {
      location.hash = "#expr=W+@+(A+*+B)&wrt=A&order=1";
    });
    await page.waitForFunction(
      () => document.getElementById("formula")?.dataset.title === "∂(W @ (A * B))/∂A",
    );
    await settled(page);
    const seed = await shown(page);
    expect([seed.expr, seed.wrt, seed.order]).toEqual(["W @ (A * B)", "A", "1"]);
    const W = tensor([2, 2], [1, -2, 0.5, 3]);
    const B = tensor([2, 3], [1, 2, 3, -1, 0.5, 4]);
    const expected: number[] = [];
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 3; j++)
        for (let k = 0; k < 2; k++)
          for (let l = 0; l < 3; l++)
            expected.push(j === l ? W.data[i * 2 + k] * B.data[k * 3 + j] : 0);
    const At = tensor([2, 3], [0, 0, 0, 0, 0, 0]);
    expect(value(seed.formula ?? "", { W, A: At, B })).toEqual(expected);
    await page.close();
  });

  test("typing updates every part and the fragment; the seeds land within 300 ms", async () => {
    const page = await open("playground.html#expr=x+@+A+@+x&wrt=x&order=2");
    await settled(page);
    await page.locator("#order").fill("1");
    const latencies: { expr: string; formulaMs: number; diagramMs: number }[] = [];
    for (const seed of seeds) {
      await page.locator("#wrt").fill(seed.wrt);
      await retype(page, seed.expr);
      await page.waitForFunction(
        (title) =>
          document.getElementById("formula")?.dataset.title === title &&
          document.querySelector("#diagram-viewport > svg title")?.textContent === title,
        seed.title,
      );
      await settled(page);
      const s = await shown(page);
      expect(s.formulaTitle).toBe(seed.title);
      expect(s.hash).toBe(seed.hash);
      expect(s.check).toBe("check pass");
      const ms = await page.evaluate(() => document.getElementById("playground")?.dataset ?? {});
      latencies.push({
        expr: seed.expr,
        formulaMs: Number(ms.formulaMs),
        diagramMs: Number(ms.diagramMs),
      });
    }
    const factor = loadFactor();
    const report = JSON.stringify({ loadFactor: factor, latencies });
    writeFileSync(join(root, "test/output/playground-latency.json"), report);
    console.log("ms from the last keystroke:", report);
    for (const l of latencies) {
      expect(l.formulaMs).toBeLessThanOrEqual(300 * factor);
      expect(l.diagramMs).toBeLessThanOrEqual(300 * factor);
    }
    // x * y * z by x is Diag(y ∘ z): at y = [2, 3], z = [5, 7] that is [[10, 0], [0, 21]]
    await page.locator("#wrt").fill("x");
    await retype(page, "x * y * z");
    await page.waitForFunction(
      () => document.getElementById("formula")?.dataset.title === "∂(x * y * z)/∂x",
    );
    const s = await shown(page);
    const values = { x: tensor([2], [1, 1]), y: tensor([2], [2, 3]), z: tensor([2], [5, 7]) };
    expect(value(s.formula ?? "", values)).toEqual([10, 0, 0, 21]);
    expect(s.hash).toBe("#expr=x+*+y+*+z&wrt=x&order=1");
    await page.close();
  });

  test("a half-typed expression shows its error with a caret and keeps the last good result", async () => {
    const page = await open("playground.html#expr=x+*+y+*+z&wrt=x&order=1");
    await settled(page);
    const good = await shown(page);
    expect(good.formulaTitle).toBe("∂(x * y * z)/∂x");
    await page.locator("#expr").press("End");
    await page.locator("#expr").press("Backspace"); // "x * y * ": every state from here is an error
    await typeAtEnd(page, "(z"); // "x * y * (z": the "(" at index 8 is never closed
    await page.waitForFunction(() => document.getElementById("error")?.textContent?.includes("("));
    const s = await shown(page);
    expect(s.state).toBe("error");
    expect(s.error).toContain("unclosed '('");
    expect(s.hash).toBe("#expr=x+*+y+*+(z&wrt=x&order=1");
    // the last good formula and diagram stay, marked as such
    expect(s.formulaTitle).toBe("∂(x * y * z)/∂x");
    expect(s.formula).toBe(good.formula);
    expect(s.diagramTitle).toBe("∂(x * y * z)/∂x");
    expect([s.stale, s.staleDiagram]).toEqual([true, true]);
    expect(await page.locator("#stale-note").textContent()).toContain("∂(x * y * z)/∂x");
    expect(await page.locator("#expr").getAttribute("aria-invalid")).toBe("true");
    // the caret sits under the "(": the input's left edge, its padding and border, and the width
    // of "x * y * " in the input's font, measured here with a span of the same font
    const place = await page.evaluate(() => {
      const input = document.getElementById("expr") as HTMLInputElement;
      const caret = document.getElementById("caret") as HTMLElement;
      const style = getComputedStyle(input);
      const span = document.createElement("span");
      span.style.font = style.font;
      span.style.whiteSpace = "pre";
      span.style.position = "absolute";
      span.textContent = input.value.slice(0, 8);
      document.body.append(span);
      const before = span.getBoundingClientRect().width;
      span.remove();
      const box = input.getBoundingClientRect();
      const edge = box.left + Number.parseFloat(style.paddingLeft) + input.clientLeft;
      const mark = caret.getBoundingClientRect();
      return {
        text: caret.textContent,
        hidden: caret.hidden,
        left: mark.left,
        expected: edge + before,
        below: mark.top >= box.bottom - 1,
      };
    });
    expect(place).toMatchObject({ text: "^", hidden: false, below: true });
    expect(Math.abs(place.left - place.expected)).toBeLessThanOrEqual(2);
    await page.screenshot({ path: join(output, "playground-error.png") });

    await typeAtEnd(page, ")");
    await page.waitForFunction(
      () => document.getElementById("formula")?.dataset.title === "∂(x * y * (z))/∂x",
    );
    await settled(page);
    const fixed = await shown(page);
    expect([fixed.error, fixed.stale, await page.locator("#caret").isHidden()]).toEqual([
      "",
      false,
      true,
    ]);
    // a variable that is not there, and an order out of range, are errors of their own fields
    await page.locator("#wrt").fill("");
    await page.waitForFunction(() =>
      document.getElementById("error")?.textContent?.includes("wrt"),
    );
    expect((await shown(page)).error).toContain("one of x, y, z");
    await page.locator("#wrt").fill("x");
    await page.locator("#order").fill("9");
    await page.waitForFunction(() =>
      document.getElementById("error")?.textContent?.includes("order"),
    );
    expect(await page.locator("#order").getAttribute("aria-invalid")).toBe("true");
    await page.close();
  });

  test("long work stays off the main thread: typing during a large Hessian never stalls", async () => {
    const page = await open("playground.html#expr=x+*+y+*+z&wrt=x&order=1");
    await settled(page);
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push(e.duration);
      }).observe({ type: "longtask" });
    });
    await page.locator("#wrt").fill("W1");
    await page.locator("#order").fill("2");
    await retype(page, "norm(W2 @ tanh(W1 @ x + b1) - y)**2");
    await typeAtEnd(page, " + sum(W1)");
    await page.waitForFunction(
      () =>
        document.getElementById("formula")?.dataset.title ===
        "∂²(norm(W2 @ tanh(W1 @ x + b1) - y)**2 + sum(W1))/∂W1²",
      null,
      { timeout: 60_000 },
    );
    await settled(page);
    const longTasks = await page.evaluate(
      () => (window as unknown as { longTasks: number[] }).longTasks,
    );
    // the workers' own time for the answer: what would have blocked typing on the main thread
    const worker = (await page.locator("#status").textContent())?.match(/\d+(?= ms)/g)?.map(Number);
    const factor = loadFactor();
    console.log(
      "main-thread tasks over 50 ms while typing:",
      JSON.stringify({ longTasks, workerMs: worker, loadFactor: factor }),
    );
    expect(worker?.length).toBe(2);
    const longest = Math.max(0, ...longTasks);
    expect(longest).toBeLessThan(Math.max(...(worker ?? [0])) / 2);
    expect(longest).toBeLessThan(250 * factor);
    await page.close();
  });

  test("a wide diagram fits the width, and zooms to 1:1 and pans", async () => {
    const page = await open(
      // two layers' Hessian: wider than the page (one layer's fits since derivatives keep their sums)
      "playground.html#expr=norm(W3+@+tanh(W2+@+tanh(W1+@+x+%2B+b1))+-+y)**2&wrt=W1&order=2",
    );
    await page.setViewportSize({ width: 480, height: 900 });
    await settled(page);
    const view = () =>
      page.evaluate(() => {
        const v = document.getElementById("diagram-viewport") as HTMLElement;
        const svg = v.querySelector("svg") as SVGSVGElement;
        return {
          sceneWidth: Number(svg.getAttribute("viewBox")?.split(" ")[2]),
          drawn: svg.getBoundingClientRect().width,
          room: v.clientWidth,
          scrollWidth: v.scrollWidth,
          scrollLeft: v.scrollLeft,
        };
      });
    const fit = await view();
    expect(fit.sceneWidth).toBeGreaterThan(fit.room); // wider than the page: scaled down
    expect(fit.drawn).toBeLessThanOrEqual(fit.room);
    expect(fit.scrollWidth).toBeLessThanOrEqual(fit.room + 1);
    await page.click('#diagram-zoom button[data-zoom="actual"]');
    const actual = await view();
    expect(Math.abs(actual.drawn - actual.sceneWidth)).toBeLessThanOrEqual(1);
    expect(actual.scrollWidth).toBeGreaterThan(actual.room);
    const box = await page.locator("#diagram-viewport").boundingBox();
    if (!box) throw new Error("no viewport");
    await page.mouse.move(box.x + box.width / 2, box.y + 60);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 200, box.y + 60, { steps: 5 });
    await page.mouse.up();
    expect((await view()).scrollLeft).toBeGreaterThan(150);
    await page.click('#diagram-zoom button[data-zoom="fit"]');
    expect((await view()).drawn).toBeLessThanOrEqual(fit.room);
    await page.close();
  });

  test("the dark theme, by the system's choice or the switch, redraws the diagram dark", async () => {
    const page = await open("playground.html#expr=W+@+(A+*+B)&wrt=A&order=1");
    await settled(page);
    const background = () =>
      page.evaluate(() => ({
        theme: document.documentElement.dataset.theme,
        svg: document.querySelector("#diagram-viewport rect.background")?.getAttribute("fill"),
        page: getComputedStyle(document.body).backgroundColor,
      }));
    expect(await background()).toEqual({
      theme: "light",
      svg: "#ffffff",
      page: "rgb(255, 255, 255)",
    });
    await page.setViewportSize({ width: 1100, height: 1400 }); // the inputs, formula and diagram
    await page.screenshot({ path: join(shots, "playground.png") });
    await page.click("[data-theme-toggle]");
    expect(await background()).toEqual({ theme: "dark", svg: "#0d1117", page: "rgb(13, 17, 23)" });
    await page.screenshot({ path: join(output, "playground-dark.png") });
    await page.click("[data-theme-toggle]");
    expect((await background()).theme).toBe("light");
    await page.evaluate(() => localStorage.removeItem("diagrad-theme"));
    await page.emulateMedia({ colorScheme: "dark" });
    await page.reload();
    await settled(page);
    expect((await background()).svg).toBe("#0d1117");
    await page.emulateMedia({ colorScheme: "light" });
    await page.close();
  });

  test("runs from file:// with no server", async () => {
    const page = await open(`file://${site}/playground.html#expr=x+*+y+*+z&wrt=x&order=1`);
    await settled(page);
    const s = await shown(page);
    expect([s.formulaTitle, s.diagramTitle, s.check]).toEqual([
      "∂(x * y * z)/∂x",
      "∂(x * y * z)/∂x",
      "check pass",
    ]);
    await page.close();
  });

  test("the front page links to it; its small box's link follows the fields", async () => {
    const page = await open("index.html");
    expect(await page.locator('nav a[href="playground.html"]').count()).toBe(1);
    await page.fill("form[data-playground] input[name=expr]", "tanh(x) * y");
    await page.fill("form[data-playground] input[name=order]", "1");
    const link = page.locator("form[data-playground] a.open-playground");
    expect(await link.getAttribute("href")).toBe("playground.html#expr=tanh(x)+*+y&wrt=x&order=1");
    await link.click();
    await page.waitForURL(/playground\.html/);
    await settled(page);
    expect((await shown(page)).formulaTitle).toBe("∂(tanh(x) * y)/∂x");
    await page.close();
  });

  test("no console errors or warnings, and no missing files", () => {
    expect(problems).toEqual([]);
    expect(server.requests.filter((r) => r.status !== 200)).toEqual([]);
  });
});
