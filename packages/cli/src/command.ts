/**
 * Commander, taught one thing about diagrad: an argument that starts with '-' but cannot be an
 * option (`-(t @ log(softmax(z)))`, `-x * y`, `-2`) is an expression, not an unknown option.
 * Commander reads every such argument as an option, so `ExpressionCommand` hides these from its
 * option parser behind placeholders and puts them back among the operands. Option-shaped
 * arguments (`-x`, `--foo`) and values of options that take one are left to commander, so
 * `diagrad eval -x` is still an unknown option (the help says to write `-- -x`).
 */
import { Command, type ParseOptionsResult } from "commander";

/** `-x`, `--wrt`, `--wrt=x`, `--`: what an option can look like. */
const optionShaped = /^(--?[A-Za-z][\w-]*(=.*)?|--)$/s;

/** A commander `Command` whose operands may start with '-'. @example new ExpressionCommand("diagrad") */
export class ExpressionCommand extends Command {
  override createCommand(name?: string): Command {
    return new ExpressionCommand(name);
  }

  override parseOptions(args: string[]): ParseOptionsResult {
    // placeholders are looked up, not parsed, so an argument that happens to look like one is kept
    const held = new Map<string, string>();
    const takesValue = (flag: string | undefined) =>
      this.options.some((o) => (o.required || o.optional) && (o.short === flag || o.long === flag));
    const masked = args.map((arg, k) => {
      if (!arg.startsWith("-") || optionShaped.test(arg) || takesValue(args[k - 1])) return arg;
      const placeholder = `\u0000held-${held.size}`;
      held.set(placeholder, arg);
      return placeholder;
    });
    const unmask = (arg: string) => held.get(arg) ?? arg;
    const { operands, unknown } = super.parseOptions(masked);
    return { operands: operands.map(unmask), unknown: unknown.map(unmask) };
  }
}
