/**
 * The packages as someone outside this repository gets them: every package packed with `pnpm pack`
 * (which turns `workspace:*` into versions), the tarballs installed with npm into a fresh project
 * in a temporary folder outside the repository (the packages' other dependencies from the
 * registry, through npm's cache), and every use the packages' READMEs show run there as the
 * READMEs write it: the code blocks are read out of packages/*\/README.md, not copied into this
 * file. The library and renderer examples, the remark plugin example and the CLI's commands run
 * in Node; the custom element's HTML is opened in Debian's Chromium. The expected numbers are
 * worked out by hand in the comments. Nothing is written into the repository.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchChromium } from "./support/chromium.js";
import { root } from "./support/cli.js";
import { serveFolder } from "./support/serve.js";

const packages = ["core", "render", "embed", "cli"];
const readme = (name: string) => readFileSync(join(root, "packages", name, "README.md"), "utf8");

/** The code blocks of `markdown` in language `lang` (fences of three or more backticks). */
function blocks(markdown: string, lang: string): string[] {
  const fence = new RegExp(`^(\`{3,})${lang}\\n([\\s\\S]*?)^\\1$`, "gm");
  return [...markdown.matchAll(fence)].map((m) => m[2]);
}

/** The one block of `lang` in package `name`'s README. */
function only(name: string, lang: string): string {
  const found = blocks(readme(name), lang);
  if (found.length !== 1) throw new Error(`${name}/README.md has ${found.length} ${lang} blocks`);
  return found[0];
}

let project: string;

function sh(command: string, timeout = 120_000) {
  const r = spawnSync("bash", ["-c", command], { cwd: project, encoding: "utf8", timeout });
  return { status: r.status, stdout: r.stdout ?? "", stderr: `${r.stderr ?? ""}${r.error ?? ""}` };
}

/** Runs `code` as the ES module `name` in the project; its standard output. */
function node(name: string, code: string): string {
  writeFileSync(join(project, name), code);
  const r = sh(`node ${name}`);
  expect(r.status, `${name}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

/** Packs the packages and installs them into a fresh project; throws what went wrong. */
function setUp(): void {
  for (const built of [
    "packages/cli/dist/main.js",
    "packages/embed/dist/tensor-diagram.files.json",
  ]) {
    if (!existsSync(join(root, built))) {
      throw new Error(`${built} is missing: build first (\`pnpm build\`; \`pnpm test\` does)`);
    }
  }
  project = mkdtempSync(join(tmpdir(), "diagrad-install-"));
  expect(relative(root, project).startsWith(".."), "the project must be outside the repo").toBe(
    true,
  );
  const tarballs = join(project, "tarballs");
  const packed = spawnSync(
    "npx",
    [
      "--yes",
      "pnpm@10.34.9",
      "-r",
      "--filter",
      "./packages/*",
      "pack",
      "--pack-destination",
      tarballs,
    ],
    { cwd: root, encoding: "utf8", timeout: 300_000 },
  );
  expect(packed.status, packed.stderr).toBe(0);
  const files = readdirSync(tarballs);
  expect(files.sort()).toEqual(packages.map((p) => `diagrad-${p}-0.1.0.tgz`).sort());

  // Every README's `npm install …`, with our packages taken from the tarballs.
  const wanted = new Set<string>();
  for (const name of packages) {
    for (const block of blocks(readme(name), "sh")) {
      for (const line of block.split("\n").filter((l) => l.startsWith("npm install "))) {
        for (const word of line.slice("npm install ".length).split(/\s+/).filter(Boolean)) {
          const ours = word.match(/^@diagrad\/(\w+)$/);
          wanted.add(ours ? `./tarballs/diagrad-${ours[1]}-0.1.0.tgz` : word);
        }
      }
    }
  }
  writeFileSync(join(project, "package.json"), '{ "name": "fresh", "private": true }\n');
  const install = sh(
    `npm install --no-audit --no-fund --prefer-offline --loglevel=error ${[...wanted].join(" ")}`,
    540_000,
  );
  expect(install.status, install.stderr).toBe(0);
}

// A failed beforeAll would count the tests as skipped: the failure is kept and each test reports it.
let failure: string | undefined;
beforeAll(() => {
  try {
    setUp();
  } catch (error) {
    failure = `packing or installing failed: ${error instanceof Error ? error.message : error}`;
  }
}, 900_000);

// Removing node_modules takes seconds, more on a loaded machine than the default 10 s.
afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
}, 300_000);

describe("the pnpm pack tarballs installed with npm into a fresh project", () => {
  test("carry a license, a README and a description, and no workspace: or devDependency", () => {
    expect(failure, failure).toBeUndefined();
    for (const name of packages) {
      const dir = join(project, "node_modules/@diagrad", name);
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      expect(manifest.license).toBe("MIT");
      expect(manifest.description.length).toBeGreaterThan(20);
      expect(JSON.stringify(manifest)).not.toContain("workspace:");
      expect(readFileSync(join(dir, "LICENSE"), "utf8")).toContain("MIT License");
      expect(readFileSync(join(dir, "README.md"), "utf8")).toBe(readme(name));
    }
    // The bundler is a devDependency: if anything imported it at run time, the uses below would fail.
    expect(existsSync(join(project, "node_modules/esbuild"))).toBe(false);
    const embed = join(project, "node_modules/@diagrad/embed/dist");
    const list: { file: string }[] = JSON.parse(
      readFileSync(join(embed, "tensor-diagram.files.json"), "utf8"),
    );
    expect(list[0].file).toBe("tensor-diagram.js");
    for (const { file } of list) expect(existsSync(join(embed, file))).toBe(true);
    for (const name of packages) {
      const left = readdirSync(join(root, "packages", name)).filter((f) => f.endsWith(".tgz"));
      expect(left, "pnpm pack must not write into the repo").toEqual([]);
    }
  });

  test("@diagrad/core: the README's example", () => {
    expect(failure, failure).toBeUndefined();
    const out = node("core-example.mjs", only("core", "js")).trim().split("\n");
    // ∂(x ∘ y ∘ z)/∂x = Diag(y ∘ z); at y = [3, 4], z = [5, 6]: Diag([15, 24]).
    expect(out).toEqual(["Diag(y ∘ z)", "[[15,0],[0,24]]", "true"]);
  });

  test("@diagrad/render: the README's example writes an SVG and a PNG", () => {
    expect(failure, failure).toBeUndefined();
    const out = node("render-example.mjs", only("render", "js"));
    expect(out.trim()).toBe("<svg");
    const svg = readFileSync(join(project, "derivative.svg"), "utf8");
    expect(svg).toContain("<title id=");
    expect(svg).toContain(">∂(W @ (A * B))/∂A</title>");
    const png = readFileSync(join(project, "derivative.png"));
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]); // "\x89PNG"
  });

  test("@diagrad/embed: the README's remark plugin example", () => {
    expect(failure, failure).toBeUndefined();
    const html = node("plugin.mjs", only("embed", "js"));
    expect(html).toContain('<figure class="diagrad">');
    expect(html).toMatch(/<svg[^>]*>/);
    expect(html).toContain(">∂(x @ A @ x)/∂x</title>");
    expect(html).toContain("Γ = (A + Aᵀ) x"); // ∇ₓ xᵀAx = (A + Aᵀ) x
  });

  test("@diagrad/cli: the README's commands, through node_modules/.bin/diagrad", () => {
    expect(failure, failure).toBeUndefined();
    writeFileSync(join(project, "notes.md"), only("cli", "md"));
    const commands = blocks(readme("cli"), "sh")
      .flatMap((b) => b.split("\n"))
      .filter((l) => l.trim() !== "" && !l.startsWith("npm install ") && !l.startsWith("#"));
    expect(commands.filter((c) => c.startsWith("node_modules/.bin/diagrad ")).length).toBe(4);
    const outputs = commands.map((command) => {
      const r = sh(command);
      expect(r.status, `${command}: ${r.stderr}`).toBe(0);
      expect(r.stderr).toBe("");
      return r.stdout;
    });
    const all = outputs.join("\n");
    expect(all).toContain("Γ = Diag(y ∘ z)");
    // The Hessian of xᵀAx is A + Aᵀ; with A = [[1, 2], [3, 4]]: [[2, 5], [5, 8]].
    expect(all).toMatch(/\[\[\s*2,\s*5\],\s*\[\s*5,\s*8\]\]/);
    const svg = readFileSync(join(project, "derivative.svg"), "utf8");
    expect(svg).toContain(">∂(W @ (A * B))/∂A</title>");
    const notes = readFileSync(join(project, "notes.out.md"), "utf8");
    expect(notes).toContain("# Notes");
    expect(notes).toMatch(/<svg[^>]*>/);
    expect(notes).toContain("Γ = (A + Aᵀ) x");
    expect(notes).not.toContain("```diagrad");
  });

  test("@diagrad/embed: the README's custom element page draws in Chromium", async () => {
    expect(failure, failure).toBeUndefined();
    writeFileSync(join(project, "element.html"), only("embed", "html"));
    const browser = await launchChromium();
    const server = await serveFolder(project);
    const problems: string[] = [];
    try {
      const page = await browser.context.newPage();
      page.on("console", (m) => {
        // the browser's own favicon request is no part of the page (its 404 is checked below)
        const favicon = m.location().url.endsWith("/favicon.ico");
        if (m.type() === "error" && !favicon) problems.push(`console error: ${m.text()}`);
      });
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      await page.goto(`${server.url}/element.html`);
      await page.waitForFunction(() => {
        const state = document.querySelector("tensor-diagram")?.getAttribute("data-state");
        return state === "rendered" || state === "error";
      });
      const host = page.locator("tensor-diagram");
      expect(await host.getAttribute("data-state")).toBe("rendered");
      expect(await host.locator("svg title").first().textContent()).toBe("∂²(x @ A @ x)/∂x²");
      expect(
        await host.locator("svg rect, svg circle, svg path, svg text").count(),
      ).toBeGreaterThan(3);
      const fetched = server.requests.filter((r) => r.path !== "/favicon.ico");
      const lines = fetched.map((r) => `${r.status} ${r.path}`);
      expect(
        lines.filter((r) => !r.startsWith("200 ")),
        lines.join(", "),
      ).toEqual([]);
      // Every file of the bundle was fetched, the layout engine's chunk among them.
      const dist = "/node_modules/@diagrad/embed/dist/";
      const list: { file: string }[] = JSON.parse(
        readFileSync(join(project, dist, "tensor-diagram.files.json"), "utf8"),
      );
      expect(list.length).toBeGreaterThan(1);
      const scripts = fetched.filter((r) => r.path.endsWith(".js")).map((r) => r.path);
      expect(scripts.sort()).toEqual(list.map((f) => `${dist}${f.file}`).sort());
      await page.close();
    } finally {
      await browser.close();
      await server.close();
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
