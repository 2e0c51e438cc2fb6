/**
 * The docs site and `<tensor-diagram>` in a real browser: Debian's Chromium, headless, driven by
 * playwright-core. The site is built from docs/*.md exactly as `pnpm run docs` builds it (into a
 * temporary folder), a test page of elements is written beside it, and both are served from
 * 127.0.0.1. Every diagram must be drawn (an `<svg>` with shapes and a size) under the title its
 * fence or attributes call for — titles worked out here from the sources, not read back from
 * diagrad — with no console errors and no missing files; changing an attribute must redraw. The
 * screenshots go to test/output/ (docs/images/ with UPDATE_SCREENSHOTS=1, for the README).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildSite } from "../packages/embed/src/site/build.js";
import { launchChromium } from "./support/chromium.js";
import { root } from "./support/cli.js";
import { type StaticServer, serveFolder } from "./support/serve.js";

/** Screenshots for looking at: docs/images/ with UPDATE_SCREENSHOTS=1 (the README's), else test/output/. */
const shots = join(root, process.env.UPDATE_SCREENSHOTS === "1" ? "docs/images" : "test/output");
mkdirSync(shots, { recursive: true });

const superscript: Record<number, string> = { 1: "", 2: "²", 3: "³" };

/** The title a diagram of `expr` (or its derivative) carries: `expr` or `∂(expr)/∂x`. */
function expectedTitle(expr: string, wrt?: string, order = 1): string {
  const body = expr.slice(expr.lastIndexOf(";") + 1).trim(); // declarations are not drawn
  if (!wrt) return body;
  const p = superscript[order];
  return `∂${p}${/^\w+$/.test(body) ? body : `(${body})`}/∂${wrt}${p}`;
}

/** The titles of a page's fences, in order, read from its Markdown source. */
function fenceTitles(markdown: string): string[] {
  return [...markdown.matchAll(/^```diagrad\n([\s\S]*?)^```$/gm)].map(([, body]) => {
    const [expr, ...lines] = body.trimEnd().split("\n");
    const option = (key: string) =>
      lines
        .find((l) => l.startsWith(`${key}:`))
        ?.slice(key.length + 1)
        .trim();
    return expectedTitle(expr, option("wrt"), Number(option("order") ?? 1));
  });
}

const elementPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tensor-diagram test</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="style.css">
<script type="module" src="tensor-diagram.js"></script></head>
<body><main>
<h1>&lt;tensor-diagram&gt;</h1>
<tensor-diagram id="xyz" expr="x * y * z" wrt="x"></tensor-diagram>
<tensor-diagram id="hadamard" expr="W @ (A * B)" wrt="A" theme="dark"></tensor-diagram>
<tensor-diagram id="hessian" expr="x @ A @ x" wrt="x" order="2" shape="A=n,n; x=n"></tensor-diagram>
<tensor-diagram id="bad" expr="W @ (A * <img src=x onerror=alert(1)>)"></tensor-diagram>
</main></body></html>`;

/** Waits until no `<tensor-diagram>` on the page is still drawing. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll("tensor-diagram")).every(
      (e) =>
        (e as HTMLElement).dataset.state === "rendered" ||
        (e as HTMLElement).dataset.state === "error",
    ),
  );
}

/** Every `<svg>` under `selector`: its title, how many shapes it has and its drawn size. */
function diagrams(page: Page, selector: string) {
  return page.$$eval(selector, (svgs) =>
    svgs.map((svg) => {
      const box = svg.getBoundingClientRect();
      return {
        title: svg.querySelector("title")?.textContent ?? "",
        shapes: svg.querySelectorAll("rect, circle, path, line, text").length,
        width: box.width,
        height: box.height,
      };
    }),
  );
}

let browser: { context: BrowserContext; close: () => Promise<void> };
let server: StaticServer;
let site: string;
const problems: string[] = [];

async function open(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`${path}: console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`${path}: page error: ${e.message}`));
  await page.goto(`${server.url}/${path}`);
  await settled(page);
  return page;
}

beforeAll(async () => {
  browser = await launchChromium(); // fails clearly when Chromium is missing and cannot be installed
  site = mkdtempSync(join(tmpdir(), "diagrad-site-"));
  await buildSite({ source: join(root, "docs"), out: site });
  writeFileSync(join(site, "element.html"), elementPage);
  server = await serveFolder(site);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (site) rmSync(site, { recursive: true, force: true });
});

describe("the docs site in Chromium", () => {
  test("draws every fence of the front page under its title, and the live element", async () => {
    const page = await open("index.html");
    const source = readFileSync(join(root, "docs/index.md"), "utf8");
    const figures = await diagrams(page, "main > figure.diagrad > svg");
    expect(figures.map((f) => f.title)).toEqual(fenceTitles(source));
    expect(figures.map((f) => f.title)).toContain("∂(W @ (A * B))/∂A");
    expect(figures.map((f) => f.title)).toContain("∂(x * y * z)/∂x");
    expect(figures.map((f) => f.title)).toContain("∂((A @ z) * tanh(B @ z))/∂z");
    const rules = await page.$$eval("main > ol > li", (items) =>
      items.map((li) => li.textContent?.trim()),
    );
    for (const wrt of ["A", "x", "z"])
      expect(rules.some((r) => r?.startsWith(`differentiate by ${wrt}`))).toBe(true);
    for (const f of figures) {
      expect(f.shapes).toBeGreaterThan(3);
      expect(f.width).toBeGreaterThan(50);
      expect(f.height).toBeGreaterThan(30);
    }
    const formulas = await page.$$eval("main > p > code", (cs) => cs.map((c) => c.textContent));
    expect(formulas).toContain("Γ = Diag(y ∘ z)");

    const live = await diagrams(page, "tensor-diagram#live svg");
    expect(live.map((d) => d.title)).toEqual([expectedTitle("x @ A @ x", "x", 2)]);
    await page.fill("form[data-playground] input[name=expr]", "x * y * z");
    await page.fill("form[data-playground] input[name=order]", "1");
    await page.waitForFunction(
      (title) => document.querySelector("#live svg title")?.textContent === title,
      expectedTitle("x * y * z", "x"),
    );
    await page.fill("form[data-playground] input[name=expr]", "x @ A @ x");
    await page.fill("form[data-playground] input[name=order]", "2");
    await page.waitForFunction(
      (title) => document.querySelector("#live svg title")?.textContent === title,
      expectedTitle("x @ A @ x", "x", 2),
    );
    await page.screenshot({ path: join(shots, "browser-docs.png"), fullPage: true });
    await page.close();
  });

  test("draws the gallery", async () => {
    const page = await open("gallery.html");
    const figures = await diagrams(page, "main > figure.diagrad > svg");
    const source = readFileSync(join(root, "docs/gallery.md"), "utf8");
    expect(figures.map((f) => f.title)).toEqual(fenceTitles(source));
    const steps = await diagrams(page, "ol figure.diagrad > svg"); // the fence with `steps: diagrams`
    expect(steps.length).toBeGreaterThanOrEqual(3);
    expect(steps[0].title).toBe("expression");
    for (const f of [...figures, ...steps]) expect(f.shapes).toBeGreaterThan(3);
    await page.close();
  });
});

describe("<tensor-diagram> in Chromium", () => {
  test("draws each element, labels it, shows a bad expression's error escaped, redraws on change", async () => {
    const page = await open("element.html");
    const drawn = await diagrams(page, "tensor-diagram svg");
    expect(drawn.map((d) => d.title)).toEqual([
      expectedTitle("x * y * z", "x"),
      expectedTitle("W @ (A * B)", "A"),
      expectedTitle("x @ A @ x", "x", 2),
    ]);
    for (const d of drawn) expect(d.shapes).toBeGreaterThan(3);
    const host = page.locator("#xyz");
    await expect.poll(() => host.getAttribute("role")).toBe("figure");
    expect(await host.getAttribute("aria-label")).toBe(expectedTitle("x * y * z", "x"));
    expect(await page.locator("#hadamard svg > rect.background").getAttribute("fill")).toBe(
      "#0d1117",
    );

    const bad = page.locator("#bad");
    expect(await bad.getAttribute("data-state")).toBe("error");
    const message = await bad.locator("[role=alert]").textContent();
    expect(message).toContain("<img src=x onerror=alert(1)>");
    expect(message).toMatch(/\^/); // the caret under the culprit
    expect(await page.locator("img").count()).toBe(0);

    const before = await host.innerHTML();
    await page.screenshot({ path: join(shots, "browser-element.png"), fullPage: true });
    await host.evaluate((e) => e.setAttribute("wrt", "y"));
    await page.waitForFunction(
      (title) => document.querySelector("#xyz svg title")?.textContent === title,
      expectedTitle("x * y * z", "y"),
    );
    expect(await host.innerHTML()).not.toBe(before);
    await host.evaluate((e) => e.setAttribute("expr", "tanh(x) * y"));
    await page.waitForFunction(
      (title) => document.querySelector("#xyz svg title")?.textContent === title,
      expectedTitle("tanh(x) * y", "y"),
    );
    expect(await host.locator("svg").count()).toBe(1);

    await bad.evaluate((e) => e.setAttribute("expr", "x @ x"));
    await page.waitForFunction(
      () => document.querySelector("#bad")?.getAttribute("data-state") === "rendered",
    );
    expect(await bad.locator("svg title").textContent()).toBe("x @ x");
    await page.close();
  });

  test("no console errors and no missing files on any page", () => {
    expect(problems).toEqual([]);
    expect(server.requests.filter((r) => r.status !== 200)).toEqual([]);
  });
});
