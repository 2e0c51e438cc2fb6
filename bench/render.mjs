/**
 * Render benchmark: layout + SVG time of diagrams of about 5, 20 and 60 nodes, split into ELK's
 * layout (timed inside the very same render, `elkMilliseconds`) and everything else, which is our
 * overhead: building the ELK graph, reading it back, boxes, sums and drawing the SVG with d3 on
 * svgdom. Target: overhead < 25 % of ELK's time. Both parts come from the same runs (medians of
 * several, after a warm-up), so the machine's drift between runs cancels out of the ratio.
 *
 * Run on the built packages: `node bench/render.mjs` (or import its `benchRender`).
 */
import { prepare } from "../packages/core/dist/index.js";
import { elkMilliseconds } from "../packages/render/dist/layout/elk.js";
import { layout } from "../packages/render/dist/layout/layout.js";
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

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/**
 * Per size, from `runs` renders after 5 untimed ones: `{ nodes, elkMs, oursMs, overhead }`, the
 * medians of ELK's time and of the rest, and the median of each run's rest ÷ ELK.
 */
export async function benchRender(sizes = [5, 20, 60], runs = 15) {
  const results = [];
  for (const target of sizes) {
    const network = prepare({ source: expression(target) }).network;
    const render = async () => {
      const [start, elkBefore] = [performance.now(), elkMilliseconds()];
      sceneToSvg(await layout(network));
      const elk = elkMilliseconds() - elkBefore;
      return { elk, ours: performance.now() - start - elk };
    };
    for (let k = 0; k < 5; k++) await render();
    const times = [];
    for (let k = 0; k < runs; k++) times.push(await render());
    results.push({
      nodes: network.terms[0].graph.order,
      elkMs: median(times.map((t) => t.elk)),
      oursMs: median(times.map((t) => t.ours)),
      overhead: median(times.map((t) => t.ours / t.elk)),
    });
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log("render: layout + SVG, ELK's layout and the rest (ours), medians");
  for (const r of await benchRender()) {
    const pct = (100 * r.overhead).toFixed(1);
    console.log(
      `  ${String(r.nodes).padStart(3)} nodes: ELK ${r.elkMs.toFixed(1)} ms, ours ${r.oursMs.toFixed(1)} ms, overhead ${pct} % ${r.overhead < 0.25 ? "(ok: < 25 %)" : "(over 25 %)"}`,
    );
  }
}
