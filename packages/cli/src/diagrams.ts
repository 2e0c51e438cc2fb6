/**
 * The command-line surface of the diagrams: `diagrad draw` and `diagrad steps`, the `--theme` and
 * `--scale` options they share with `diff --format svg|png`, and the rule that `-o out.svg` or
 * `-o out.png` picks the format when `--format` is not given.
 */
import { type Command, InvalidArgumentError, Option } from "commander";
import type { CommandName, OptionsOf } from "./commands/types.js";
import { parseOrder } from "./options.js";

/** The action a command runs with: the expression and the parsed options. */
export type Run = <C extends CommandName>(
  name: C,
) => (expr: string | undefined, options: OptionsOf[C], command: Command) => Promise<void>;

/** `--scale S`: a positive number of pixels per SVG unit. @example parseScale("2") // 2 */
export function parseScale(text: string): number {
  const s = Number(text);
  if (text.trim() === "" || !Number.isFinite(s) || s <= 0 || s > 16) {
    throw new InvalidArgumentError("the scale must be a positive number up to 16, like 2");
  }
  return s;
}

/** Adds `--theme` and `--scale` to `command`. */
export function withDiagramOptions(command: Command): Command {
  return command
    .addOption(
      new Option("--theme <theme>", "colours of a diagram")
        .choices(["light", "dark"])
        .default("light"),
    )
    .option("--scale <s>", "pixels per unit of a PNG diagram", parseScale, 2);
}

/**
 * `--format` taken from `-o FILE`'s extension (.svg, .png) when the user did not give one.
 *
 * @example formatFromOutput({ output: "d.png", format: "text" }, command) // { output: "d.png", format: "png" }
 */
export function formatFromOutput<O extends { output?: string; format?: string }>(
  options: O,
  command: Command,
): O {
  const ext = /\.(svg|png)$/i.exec(options.output ?? "")?.[1]?.toLowerCase();
  const choices = command.options.find((o) => o.long === "--format")?.argChoices ?? [];
  if (!ext || !choices.includes(ext) || command.getOptionValueSource("format") !== "default")
    return options;
  return { ...options, format: ext };
}

/** Adds `draw` and `steps` to `program`; `common` adds the options every command takes. */
export function addDiagramCommands(
  program: Command,
  run: Run,
  common: (c: Command) => Command,
  examples: (lines: readonly string[]) => string,
): void {
  const format = () =>
    new Option("--format <format>", "output format").choices(["svg", "png"]).default("svg");
  const draw = program
    .command("draw")
    .summary("draw an expression as a tensor diagram")
    .description(
      "Draw EXPR as a tensor-network diagram: tensors as boxes, copy tensors as dots, free indices named i, j, k, … at the border.",
    )
    .argument("[expr]", "the expression, e.g. 'W @ (A * B)'")
    .addOption(format());
  withDiagramOptions(common(draw))
    .addHelpText(
      "after",
      examples([
        `diagrad draw "W @ (A * B)" -o w.svg`,
        `diagrad draw "x @ A @ x" --format png --theme dark -o q.png`,
      ]),
    )
    .action(run("draw"));

  const steps = program
    .command("steps")
    .summary("show how a derivative is derived, step by step")
    .description(
      "The derivation of EXPR's derivative, step by step: each removal of the variable, each chain rule, each simplification, with the result after it; as text, JSON, or one strip of captioned diagrams (svg, png; the derivative's new axes dashed, at the west border).",
    )
    .argument("[expr]", "the expression, e.g. 'x * y * z'")
    .requiredOption("--wrt <name>", "the variable to differentiate with respect to")
    .option("--order <k>", "the order of the derivative", parseOrder, 1)
    .addOption(
      new Option("--format <format>", "output format")
        .choices(["text", "json", "svg", "png"])
        .default("text"),
    );
  withDiagramOptions(common(steps))
    .addHelpText(
      "after",
      examples([
        `diagrad steps "x * x * x" --wrt x`,
        `diagrad steps "x * y * z" --wrt x -o steps.svg`,
        `diagrad steps "(A @ z) * tanh(B @ z)" --wrt z --format png -o pr.png`,
      ]),
    )
    .action(run("steps"));
}
