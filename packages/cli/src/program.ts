/**
 * The command line itself, declared with commander: `diff`, `eval` and `check`, their options,
 * help pages with examples, and `--version`. Commander parses and validates every flag; its
 * errors come back as `CommanderError`s (see main.ts) after one `error:` line and a pointer to the
 * right help page. The commands' code (and the core) is imported only when a command runs.
 */
import { readFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { ExpressionCommand } from "./command.js";
import { addDocsCommand } from "./commands/docs.js";
import type { CommandName, OptionsOf } from "./commands/types.js";
import { addDiagramCommands, formatFromOutput, withDiagramOptions } from "./diagrams.js";
import {
  parseLimit,
  parseOrder,
  parseRepeat,
  parseSeed,
  parseShape,
  parseSizes,
  parseThreads,
  parseTolerance,
  parseWarmup,
} from "./options.js";
import { helpPointer, paint } from "./report.js";

function version(): string {
  const file = new URL("../package.json", import.meta.url);
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

/** Commander's "(Did you mean diff?)" joined to its error line, as the core words suggestions. */
function oneLine(text: string): string {
  const joined = text.replace(/\n\(Did you mean (.*)\)/, "; did you mean $1");
  const short = /^error: unknown option '(-[^-][^']*)'/.exec(joined);
  if (!short) return joined;
  return `${joined.trimEnd()} (if ${short[1]} is an expression, put it after '--')\n`;
}

function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;
}

const inputHelp = `
EXPR is in diagrad's expression language (NumPy-like: + - * / @ ** .T, tr, inv, sum, einsum, …);
shapes may be declared in front of it: 'A, B: [m, n]; W: [p, m]; W @ (A * B)'. An expression that
starts with '-' goes after '--'. A values file is a JSON object mapping each variable to a number
or nested arrays: {"x": [1, 2], "A": [[1, 2], [3, 4]], "s": 0.5}.
Exit codes: 0 ok, 1 bad input, 2 bad usage, 70 internal error.`;

/** The options every command takes, added to `command`. */
function withCommonOptions(command: Command, format: boolean | readonly string[]): Command {
  command
    .option("-i, --input <file>", "read EXPR from FILE ('-' for standard input)")
    .option("-o, --output <file>", "write the result to FILE instead of standard output")
    .option("--values <file>", "JSON file with a value for each variable")
    .option(
      "--shape <name=dims>",
      "declare a shape, e.g. A=m,n or A=3,4 or s= (repeatable)",
      parseShape,
    )
    .option(
      "--max-terms <n>",
      "stop a derivative with more terms than this (default 20000)",
      parseLimit,
    )
    .option(
      "--max-nodes <n>",
      "stop a derivative with more tensor-network nodes than this, in all (default 10000)",
      parseLimit,
    );
  if (format) {
    command.addOption(
      new Option("--format <format>", "output format")
        .choices(["text", "json", ...(Array.isArray(format) ? format : [])])
        .default("text"),
    );
  }
  return command.addHelpText("after", inputHelp).showHelpAfterError(helpPointer(command.name()));
}

/**
 * The `diagrad` program; `done(code)` receives the exit code of the command that ran.
 *
 * @example await buildProgram((code) => console.log(code)).parseAsync(["eval", "2 * 3"], { from: "user" })
 */
export function buildProgram(done: (code: number) => void): Command {
  const program = new ExpressionCommand("diagrad")
    .description("Derivatives of matrix and tensor expressions, via tensor diagrams.")
    .version(version(), "-V, --version", "print the version")
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(paint(oneLine(text))) })
    .showHelpAfterError(helpPointer());
  const run =
    <C extends CommandName>(name: C) =>
    async (expr: string | undefined, options: OptionsOf[C], command: Command) => {
      const { runCommand } = await import("./commands/run.js");
      done(await runCommand(name, expr, formatFromOutput(options, command)));
    };

  const diff = program
    .command("diff")
    .summary("differentiate an expression")
    .description(
      "Differentiate EXPR with respect to a variable: shape, index notation and, with --values, numbers (layout J[out…, in…]: the expression's axes first, then the variable's).",
    )
    .argument("[expr]", "the expression, e.g. 'W @ (A * B)'")
    .requiredOption("--wrt <name>", "the variable to differentiate with respect to")
    .option("--order <k>", "the order of the derivative", parseOrder, 1)
    .addOption(
      new Option("--layout <layout>", "formula layout: numerator (J[out…, in…]) or denominator")
        .choices(["numerator", "denominator"])
        .default("numerator"),
    );
  withDiagramOptions(withCommonOptions(diff, ["latex", "svg", "png", "numpy", "torch", "jax"]))
    .addHelpText(
      "after",
      examples([
        `diagrad diff "W @ (A * B)" --wrt A`,
        `diagrad diff "x * y * z" --wrt x --values values.json --format json`,
        `diagrad diff "x @ A @ x" --wrt x --order 2 --shape A=3,3`,
        `diagrad diff "logdet(X)" --wrt X --format latex`,
        `diagrad diff "norm(W2 @ tanh(W1 @ x) - y)**2" --wrt W1 --format torch -o grad.py`,
        `echo "(A @ z) * tanh(B @ z)" | diagrad diff -i - --wrt z`,
        `diagrad diff "W @ (A * B)" --wrt A -o dA.svg`,
      ]),
    )
    .action(run("diff"));

  const evaluate = program
    .command("eval")
    .summary("evaluate an expression")
    .description(
      "Evaluate EXPR at --values. Without values it prints the shape and index notation (and a note naming the variables that need values); an expression without variables needs none.",
    )
    .argument("[expr]", "the expression, e.g. 'x @ A @ x'");
  withCommonOptions(evaluate, true)
    .addHelpText(
      "after",
      examples([
        `diagrad eval "x @ A @ x" --values values.json`,
        `diagrad eval "kron(eye(2), W)" --values values.json --format json -o out.json`,
        `diagrad eval "W @ (A * B)" --shape W=p,m --shape A=m,n`,
      ]),
    )
    .action(run("eval"));

  const check = program
    .command("check")
    .summary("check a derivative against finite differences")
    .description(
      "Compare the derivative of EXPR with central finite differences, at --values or at seeded random values. Prints the largest relative error; exits 1 when it exceeds the tolerance.",
    )
    .argument("[expr]", "the expression, e.g. 'logdet(X)'")
    .requiredOption("--wrt <name>", "the variable to differentiate with respect to")
    .option("--order <k>", "the order of the derivative", parseOrder, 1)
    .option("--seed <n>", "seed for the random values", parseSeed, 1)
    .addOption(
      new Option("--tolerance <t>", "largest acceptable relative error")
        .argParser(parseTolerance)
        .default(1e-6, "1e-6"),
    );
  withCommonOptions(check, false)
    .addHelpText(
      "after",
      examples([
        `diagrad check "logdet(X)" --wrt X`,
        `diagrad check "x @ A @ x" --wrt x --order 2 --seed 7`,
        `diagrad check "softmax(W @ x)" --wrt W --values values.json --tolerance 1e-8`,
      ]),
    )
    .action(run("check"));

  const equationOptions = (command: Command) =>
    command
      .argument("[equation]", "an einsum equation, e.g. 'ij,jk,kl->il' (any letters, Unicode too)")
      .option("-i, --input <file>", "read the equation from FILE ('-' for standard input)")
      .option("-o, --output <file>", "write the result to FILE instead of standard output")
      .requiredOption(
        "--sizes <label=size,…>",
        "the size of each label, e.g. i=2,j=3 (repeatable)",
        parseSizes,
      )
      .addOption(
        new Option("--format <format>", "output format").choices(["text", "json"]).default("text"),
      )
      .showHelpAfterError(helpPointer(command.name()));
  equationOptions(
    program
      .command("plan")
      .summary("plan the contraction order of an einsum")
      .description(
        "Plan the order in which to contract an einsum's operands: the path (numpy.einsum_path's form), its flops (opt_einsum's model), the largest intermediate and the planning time.",
      ),
  )
    .addHelpText(
      "after",
      examples([
        `diagrad plan "ij,jk,kl->il" --sizes i=1000,j=2,k=1000,l=2`,
        `diagrad plan "ab,bc,cd,da->" --sizes a=8,b=8,c=8,d=8 --format json`,
      ]),
    )
    .action(run("plan"));
  equationOptions(
    program
      .command("einsum")
      .summary("evaluate an einsum on random operands and time it")
      .description(
        "Evaluate an einsum with the planned order on seeded random operands; reports the median evaluation time over --repeat runs. Untimed runs come first for --warmup milliseconds (and until the second core is up), so that the timed ones see the steady state; process start-up, parsing, planning and data generation are excluded. All runs write into one result array, as a loop with NumPy's out= would (--new-result: a new array each run, whose fresh memory is then timed too). Large matrix products use two cores unless --threads 1.",
      ),
  )
    .option("--random", "use random operands (the only kind for now)")
    .option("--repeat <n>", "how many timed runs", parseRepeat, 5)
    .option("--warmup <ms>", "milliseconds of untimed runs before them (0: none)", parseWarmup, 200)
    .option("--threads <n>", "cores for large matrix products: 1 or 2", parseThreads, 2)
    .option("--seed <n>", "seed for the random operands", parseSeed, 1)
    .option("--new-result", "a new result array each run (default: all runs write into one)")
    .addHelpText(
      "after",
      examples([
        `diagrad einsum "ij,jk->ik" --sizes i=512,j=512,k=512 --random --repeat 5 --format json`,
        `diagrad einsum "bqd,bkd->bqk" --sizes b=8,q=256,k=256,d=64 --random --threads 1`,
      ]),
    )
    .action(run("einsum"));

  addDiagramCommands(program, run, (c) => withCommonOptions(c, false), examples);
  addDocsCommand(program, done, examples);
  return program;
}
