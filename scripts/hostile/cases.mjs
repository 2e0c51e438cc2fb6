/**
 * The cases of the hostile campaign: case k of seed S is one call, rebuilt from `caseSeed(S, k)`
 * alone. About 85% go through the library from untyped JavaScript (prepare, derivative, evaluate,
 * checkDerivative, formulas, derivation), the rest through the CLI's `main` in-process (its exit
 * code, stdout and stderr captured), the Markdown transform and the SVG renderer. Each case
 * returns what the call gave (`{ result }`, `{ error }`, or a CLI run) for `judge` to classify.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as core from "@diagrad/core";
import { caseSeed, rng } from "./random.mjs";
import { hostileDims, hostileName, hostileSource, hostileText, typedSource } from "./sources.mjs";
import { anything, hostileProblem, hostileValues } from "./values.mjs";

const scratch = mkdtempSync(join(tmpdir(), "diagrad-hostile-"));

async function call(f) {
  try {
    return { result: await f() };
  } catch (error) {
    return { error };
  }
}

function apiCase(r) {
  const problem = hostileProblem(r);
  const entry = r.pick([
    "prepare",
    "derivative",
    "derivative",
    "evaluate",
    "check",
    "formulas",
    "derivation",
  ]);
  const input = typeof problem?.source === "string" ? problem.source : undefined;
  const run = () =>
    call(() => {
      switch (entry) {
        case "prepare":
          return core.prepare(problem);
        case "derivative": {
          const d = core.derivative(problem);
          // a derivative with values is evaluated too: the evaluator sees hostile values and sizes
          return problem.values ? core.evaluate(d) : d;
        }
        case "evaluate": {
          const p = r.chance(0.1) ? anything(r) : core.prepare(problem);
          return core.evaluate(p, r.chance(0.5) ? hostileValues(r) : undefined);
        }
        case "check":
          return core.checkDerivative({ ...problem, seed: r.pick([1, 2, -1, 2.5, undefined]) });
        case "formulas": {
          const options = r.pick([undefined, {}, { layout: "denominator" }, { layout: "x" }, null]);
          return core.formulas(core.derivative(problem), options);
        }
        default:
          return core.derivation(problem);
      }
    });
  return { kind: "api", what: `${entry}(${preview(problem)})`, input, run };
}

/** Options for the CLI, some wrong: the kinds of flags every command takes or refuses. */
function cliArgs(r, k) {
  const command = r.pick([
    "diff",
    "diff",
    "eval",
    "eval",
    "check",
    "steps",
    "draw",
    "plan",
    "einsum",
  ]);
  if (command === "plan" || command === "einsum") {
    const sizes = Array.from(
      { length: 1 + r.int(3) },
      () =>
        `${r.pick(["i", "j", "k", "a", "é", "1", ""])}=${r.pick(["2", "3", "0", "-1", "1e9", "100000", "x", ""])}`,
    );
    const eq =
      r.pick(["ij,jk->ik", "ii->", "ij->", "a,a->a", "ij,jk,kl->il", "", "i->j", "ab,bc"]) +
      (r.chance(0.2) ? r.pick(["\u0000", "->", ",", "é"]) : "");
    const extra =
      command === "einsum" ? ["--warmup", "0", "--repeat", r.pick(["1", "2", "0", "x"])] : [];
    return [
      command,
      eq,
      "--sizes",
      sizes.join(","),
      ...extra,
      ...(r.chance(0.3) ? ["--format", r.pick(["json", "text", "svg"])] : []),
    ];
  }
  const args = [command, "--", r.chance(0.4) ? typedSource(r) : hostileSource(r)];
  if (command === "diff" || command === "check" || command === "steps" || r.chance(0.1))
    args.splice(1, 0, "--wrt", r.chance(0.5) ? r.pick(["x", "A", "s"]) : hostileName(r));
  if (r.chance(0.3))
    args.splice(
      1,
      0,
      "--order",
      r.pick(["1", "2", "3", "0", "-1", "65", "1000000000", "2.5", "x", "8"]),
    );
  for (let n = r.chance(0.3) ? 1 + r.int(2) : 0; n > 0; n--)
    args.splice(1, 0, "--shape", `${hostileName(r)}=${hostileDims(r).join(",")}`);
  if (r.chance(0.3)) {
    const file = join(scratch, `values-${k}.json`);
    const json = (x) => JSON.stringify(x, (_k, v) => (typeof v === "bigint" ? Number(v) : v));
    const body = r.chance(0.8)
      ? json(hostileValues(r))
      : r.pick(["{", "[1,2]", "null", '{"x": NaN}', "\u0000"]);
    writeFileSync(file, body ?? "null");
    args.splice(1, 0, "--values", r.chance(0.9) ? file : join(scratch, "missing.json"));
  }
  if (r.chance(0.3)) {
    const formats = { draw: ["svg", "text", "x"], steps: ["text", "json", "svg"], check: ["json"] };
    const list = formats[command] ?? ["text", "json", "latex", "numpy", "torch", "jax", "svg", "x"];
    args.splice(1, 0, "--format", r.pick(list));
  }
  if (r.chance(0.1))
    args.splice(1, 0, r.pick(["--max-terms", "--max-nodes"]), r.pick(["1", "50", "0", "x", "1e3"]));
  if (r.chance(0.05))
    args.splice(
      1,
      0,
      r.pick(["--bogus", "-z", "--layout", "--tolerance"]),
      r.pick(["1", "x", "denominator", "-1"]),
    );
  return args;
}

function cliCase(r, k, main) {
  const args = cliArgs(r, k);
  const run = async () => {
    const out = [];
    const err = [];
    const { stdout, stderr } = process;
    const [writeOut, writeErr] = [stdout.write, stderr.write];
    stdout.write = (chunk) => out.push(String(chunk)) > 0;
    stderr.write = (chunk) => err.push(String(chunk)) > 0;
    try {
      const code = await main(args);
      return { cli: { code, stdout: out.join(""), stderr: err.join("") } };
    } catch (error) {
      return { error };
    } finally {
      stdout.write = writeOut;
      stderr.write = writeErr;
      stdout.removeAllListeners("error");
    }
  };
  return { kind: "cli", what: `diagrad ${args.map((a) => JSON.stringify(a)).join(" ")}`, run };
}

function markdownCase(r, embed) {
  const eol = r.pick(["\n", "\r\n", "\r", "\n", "mixed"]);
  const blocks = [];
  for (let n = 1 + r.int(3); n > 0; n--) {
    const options = [];
    if (r.chance(0.7)) options.push(`wrt: ${hostileName(r)}`);
    if (r.chance(0.3)) options.push(`order: ${r.pick(["1", "2", "0", "65", "x", "3"])}`);
    if (r.chance(0.2)) options.push(`shape: ${hostileName(r)}=${hostileDims(r).join(",")}`);
    if (r.chance(0.2))
      options.push(
        r.pick(["theme: dark", "theme: x", "steps: true", "bogus: 1", "", "wrt: x", ":"]),
      );
    const fence = ["```diagrad", hostileSource(r), ...options, r.chance(0.9) ? "```" : ""];
    const prefix = r.pick(["", "", "> ", "- ", "  "]);
    blocks.push(r.pick([`# ${hostileText(r)}`, "Some text.", "```js\nx\n```"]));
    blocks.push(fence.map((l) => prefix + l).join("\n"));
  }
  let doc = blocks.join("\n\n");
  if (eol === "mixed") doc = doc.replace(/\n/g, () => r.pick(["\n", "\r\n", "\r"]));
  else doc = doc.replace(/\n/g, eol);
  const options = { keepGoing: r.chance(0.6), embed: r.pick(["inline", "file", undefined]) };
  if (r.chance(0.05)) options.theme = r.pick(["dark", "zz"]);
  const input = r.chance(0.95) ? doc : anything(r);
  return {
    kind: "markdown",
    what: `transformMarkdown(${preview(input)}, ${preview(options)})`,
    run: () => call(() => embed.transformMarkdown(input, options)),
  };
}

function renderCase(r, render) {
  const source = r.chance(0.8) ? hostileSource(r) : anything(r);
  const options = { title: hostileText(r), description: hostileText(r) };
  if (r.chance(0.5)) options.wrt = hostileName(r);
  if (r.chance(0.2)) options.id = hostileText(r);
  if (r.chance(0.1)) options.theme = r.pick(["dark", "x"]);
  return {
    kind: "render",
    what: `renderSvg(${preview(source)}, ${preview(options)})`,
    input: typeof source === "string" ? source : undefined,
    run: () => call(() => render.renderSvg(source, options)),
  };
}

function preview(x) {
  try {
    const text = JSON.stringify(x, (_k, v) =>
      v instanceof Float64Array
        ? `Float64Array[${Array.from(v).join(",")}]`
        : typeof v === "bigint"
          ? `${v}n`
          : v,
    );
    return text === undefined ? String(x) : text.length > 600 ? `${text.slice(0, 600)}…` : text;
  } catch {
    return String(x);
  }
}

/**
 * Case `k` of the campaign seeded `seed`; `modules` holds the CLI's `main`, the renderer and the
 * embed package.
 *
 * @example const c = hostileCase(1, 42, modules); const outcome = await c.run();
 */
export function hostileCase(seed, k, modules) {
  const r = rng(caseSeed(seed, k));
  const roll = r.next();
  if (roll < 0.85) return apiCase(r);
  if (roll < 0.93) return cliCase(r, k, modules.main);
  if (roll < 0.97) return markdownCase(r, modules.embed);
  return renderCase(r, modules.render);
}
