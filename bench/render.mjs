/**
 * Render benchmark: layout + SVG time of diagrams of about 5, 20 and 60 nodes against ELK's bare
 * layout time on the very same ELK graph, measured in the same run (median of several runs, after
 * a warm-up). Our overhead is everything but ELK: building the ELK graph, reading it back, boxes,
 * sums and drawing the SVG with d3 on svgdom. Target: overhead < 25 % of ELK's time.
 *
 * Run on the built packages: `node bench/render.mjs` (or import `benchRender` from bench/run.mjs).
 */
import { prepare } from "../packages/core/dist/index.js";
import { runElk } from "../packages/render/dist/layout/elk.js";
import { layout } from "../packages/render/dist/layout/layout.js";
import { termGraph } from "../packages/render/dist/layout/termGraph.js";
import { sceneToSvg } from "../packages/render/dist/node/svg.js";

/** A chain of matrix products and Hadamard products with about `nodes` nodes in one term. */
function expression(nodes) {
  const parts = [];
  let count = 2; // the two free axes
  for (let k = 0; count < nodes; k++) {
    parts.push(k % 3 === 2 ? `(A${k} * B${k})` : `A${k}`);
    count += k % 3 === 2 ? 4 : 1; // two tensors and two copy tensors for a Hadamard product
  }
  return parts.join(" @ ");
}

/** Medians of `f` and `g`, run alternately so both see the same warmed-up engine. */
async function medians(runs, f, g) {
  const times = [[], []];
  for (let k = 0; k < runs; k++) {
    for (const [j, h] of [f, g].entries()) {
      const t = performance.now();
      await h();
      times[j].push(performance.now() - t);
    }
  }
  return times.map((ts) => ts.sort((a, b) => a - b)[Math.floor(runs / 2)]);
}

/** Times per size: `{ nodes, elkMs, oursMs, overhead }`, overhead = (ours − ELK) / ELK. */
export async function benchRender(sizes = [5, 20, 60], runs = 15) {
  const results = [];
  for (const target of sizes) {
    const network = prepare({ source: expression(target) }).network;
    const term = network.terms[0];
    const ctx = { kind: "figure", expressionRank: network.shape.length, names: ["i", "j"] };
    const graph = termGraph(term, ctx, new Map());
    const render = async () => sceneToSvg(await layout(network));
    await medians(5, () => runElk(graph), render); // warm-up
    const [elkMs, oursMs] = await medians(runs, () => runElk(graph), render);
    results.push({ nodes: term.graph.order, elkMs, oursMs, overhead: (oursMs - elkMs) / elkMs });
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log("render: layout + SVG vs ELK's bare layout (median)");
  for (const r of await benchRender()) {
    const pct = (100 * r.overhead).toFixed(1);
    console.log(
      `  ${String(r.nodes).padStart(3)} nodes: ELK ${r.elkMs.toFixed(1)} ms, ours ${r.oursMs.toFixed(1)} ms, overhead ${pct} % ${r.overhead < 0.25 ? "(ok: < 25 %)" : "(over 25 %)"}`,
    );
  }
}
