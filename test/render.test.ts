/**
 * The diagrams end to end: every acceptance case's expression and derivative renders to SVG that
 * parses as XML, with a labelled shape for every tensor, a label for every free index and no two
 * shapes overlapping (all read back from the SVG itself); the seeds' diagrams match their golden
 * files byte for byte (UPDATE_GOLDEN=1 rewrites them); text is escaped; the CLI writes SVG and PNG.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { derivative, type Network, prepare } from "@diagrad/core";
import { describe, expect, test } from "vitest";
import { renderSvg } from "../packages/render/src/index.js";
import { acceptanceCases as cases } from "./support/cases.js";
import { run, scratch } from "./support/cli.js";
import { descendants, parseXml, type XmlElement } from "./support/xml.js";

/** Tensor names of every term, boxes' arguments included, with repeats. */
function tensorNames(net: Network): string[] {
  return net.terms.flatMap((t) =>
    t.graph
      .mapNodes((_k, a) =>
        a.kind === "tensor" ? [a.name] : a.kind === "box" ? tensorNames(a.inner) : [],
      )
      .flat(),
  );
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
const num = (el: XmlElement, a: string) => Number(el.attributes[a]);
const rectOf = (el: XmlElement): Rect =>
  el.name === "circle"
    ? {
        x: num(el, "cx") - num(el, "r"),
        y: num(el, "cy") - num(el, "r"),
        width: 2 * num(el, "r"),
        height: 2 * num(el, "r"),
      }
    : { x: num(el, "x"), y: num(el, "y"), width: num(el, "width"), height: num(el, "height") };
const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.width - 0.01 &&
  b.x < a.x + a.width - 0.01 &&
  a.y < b.y + b.height - 0.01 &&
  b.y < a.y + a.height - 0.01;
const contains = (a: Rect, b: Rect) =>
  a.x <= b.x && a.y <= b.y && a.x + a.width >= b.x + b.width && a.y + a.height >= b.y + b.height;
const byClass = (root: XmlElement, cls: string) =>
  descendants(root).filter((e) => e.attributes.class?.split(" ").includes(cls));

/** Checks one diagram of `net` (free axes past `expressionRank` being new) read back from its SVG. */
function checkDiagram(svg: string, net: Network, expressionRank: number) {
  const root = parseXml(svg);
  expect(root.name).toBe("svg");
  expect(root.attributes.role).toBe("img");
  const tensors = byClass(root, "tensor");
  expect(tensors.map((g) => g.children.find((c) => c.name === "text")?.text).sort()).toEqual(
    tensorNames(net).sort(),
  );
  const names = ["i", "j", "k", "l", "p", "q", "r", "s"];
  const expected = net.terms.flatMap((t) =>
    t.graph
      .filterNodes((_k, a) => a.kind === "free")
      .map((k) => {
        const axis = (t.graph.getNodeAttributes(k) as { axis: number }).axis;
        return `${axis >= expressionRank ? "new-index" : "index"}:${names[axis]}`;
      }),
  );
  const labels = [...byClass(root, "index"), ...byClass(root, "new-index")].map(
    (e) => `${e.attributes.class}:${e.text}`,
  );
  expect(labels.sort()).toEqual(expected.sort());
  const solid = descendants(root)
    .filter((e) => (e.name === "rect" && e.attributes.class === undefined) || e.name === "circle")
    .filter((e) => !byClass(root, "box").some((b) => b.children.includes(e)))
    .map(rectOf);
  for (let a = 0; a < solid.length; a++)
    for (let b = a + 1; b < solid.length; b++)
      expect(overlap(solid[a], solid[b]), `shapes ${a} and ${b} overlap`).toBe(false);
  const frames = byClass(root, "box").map((b) => rectOf(b.children[0]));
  for (let a = 0; a < frames.length; a++)
    for (let b = a + 1; b < frames.length; b++) {
      const [p, q] = [frames[a], frames[b]];
      expect(!overlap(p, q) || contains(p, q) || contains(q, p), `boxes ${a} and ${b} cross`).toBe(
        true,
      );
    }
  return root;
}

describe.each(cases)("the diagrams of $id", (c) => {
  test("the expression's", async () => {
    const p = prepare({ source: c.expr, shapes: c.shapes });
    const svg = await renderSvg(c.expr, { shapes: c.shapes, define: false });
    checkDiagram(svg, p.network, p.network.shape.length);
  });
  test("the derivative's", async () => {
    const d = derivative({ source: c.expr, shapes: c.shapes, wrt: c.wrt, order: c.order });
    const svg = await renderSvg(c.expr, {
      shapes: c.shapes,
      wrt: c.wrt,
      order: c.order,
      define: false,
    });
    checkDiagram(svg, d.network, d.expression.shape.length);
  });
});

const seeds = [
  { file: "seed-w-hadamard.svg", source: "W @ (A * B)", wrt: "A" },
  { file: "seed-xyz.svg", source: "x * y * z", wrt: "x" },
  { file: "seed-product-rule.svg", source: "(A @ z) * tanh(B @ z)", wrt: "z" },
];

describe.each(seeds)("the golden diagram $file", ({ file, source, wrt }) => {
  test("matches byte for byte, and twice in a row", async () => {
    const svg = `${await renderSvg(source, { wrt })}\n`;
    const golden = new URL(`./fixtures/golden/${file}`, import.meta.url);
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(golden, svg);
    expect(svg).toBe(readFileSync(golden, "utf8"));
    expect(`${await renderSvg(source, { wrt })}\n`).toBe(svg);
  });
});

describe("text in a diagram", () => {
  test("a name in unusual letters is drawn as it is written", async () => {
    const root = parseXml(await renderSvg("Δ, ω: [n]; Δ * ω", { wrt: "Δ" }));
    expect(byClass(root, "tensor").map((g) => g.children[1].text)).toEqual(["ω"]);
    expect(descendants(root).find((e) => e.name === "title")?.text).toBe("∂(Δ * ω)/∂Δ");
  });

  test("quotes and arrows in the expression are escaped in <title> and <desc>", async () => {
    const source = "einsum('ij->ji', A)";
    const svg = await renderSvg(source);
    expect(svg).toContain("-&gt;");
    expect(descendants(parseXml(svg)).find((e) => e.name === "title")?.text).toBe(source);
  });

  test("markup in a caller's title cannot escape its element", async () => {
    const title = `</title><script>alert("x")</script> & 'more'`;
    const svg = await renderSvg(prepare({ source: "x" }).network, {
      title,
      description: "<b>&amp;</b>",
    });
    const root = parseXml(svg);
    expect(descendants(root).some((e) => e.name === "script")).toBe(false);
    expect(descendants(root).find((e) => e.name === "title")?.text).toBe(title);
    expect(descendants(root).find((e) => e.name === "desc")?.text).toBe("<b>&amp;</b>");
  });

  test("the dark theme paints a dark background", async () => {
    const root = parseXml(await renderSvg("x * y", { theme: "dark" }));
    expect(byClass(root, "background")[0].attributes.fill).toBe("#0d1117");
  });
});

describe("the CLI draws", () => {
  const dir = scratch();
  test("diff --format svg writes the derivative's diagram", () => {
    const r = run(["diff", "W @ (A * B)", "--wrt", "A", "--format", "svg"]);
    expect(r.status).toBe(0);
    expect(descendants(parseXml(r.stdout)).find((e) => e.name === "title")?.text).toBe(
      "∂(W @ (A * B))/∂A",
    );
  });
  test("-o FILE.png picks PNG; draw and steps take --theme", () => {
    const png = join(dir.dir, "d.png");
    expect(run(["diff", "x * y * z", "--wrt", "x", "-o", png]).status).toBe(0);
    expect([...readFileSync(png).subarray(1, 4)]).toEqual([80, 78, 71]);
    const draw = run(["draw", "x @ A @ x", "--theme", "dark"]);
    expect(draw.status).toBe(0);
    expect(draw.stdout).toContain('fill="#0d1117"');
    const steps = run(["steps", "x * y * z", "--wrt", "x", "--format", "svg"]);
    expect(steps.status).toBe(0);
    expect(byClass(parseXml(steps.stdout), "caption").map((e) => e.text)).toEqual([
      "1. x * y * z",
      "2. differentiate by x (product rule over 1 occurrence)",
    ]);
  });
  test("a bad expression is an error message, not a diagram", () => {
    const r = run(["draw", "tanhh(x)"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("unknown function 'tanhh'");
  });
});
