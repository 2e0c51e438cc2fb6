/**
 * Markdown with any line endings: LF, CRLF and a lone CR (all three are line breaks to CommonMark)
 * give the same figures and the same error places, and errors point at the line of the culprit:
 * the expression's, an option's, or the order's for a request too large. Expected places are
 * counted by hand from the documents below.
 */
import { transformMarkdown } from "@diagrad/embed";
import { describe, expect, test } from "vitest";

const endings = { LF: "\n", CRLF: "\r\n", CR: "\r" } as const;

function doc(lines: readonly string[], eol: string): string {
  return lines.join(eol) + eol;
}

async function places(markdown: string): Promise<string[]> {
  const { file } = await transformMarkdown(markdown, { keepGoing: true });
  return file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`);
}

describe.each(Object.entries(endings))("%s line endings", (_name, eol) => {
  test("a good fence is drawn, and the rest of the document keeps its bytes", async () => {
    const markdown = doc(
      ["# Title", "", "```diagrad", "x * y * z", "wrt: x", "```", "", "After."],
      eol,
    );
    const { markdown: out, file } = await transformMarkdown(markdown);
    expect(file.messages).toEqual([]);
    expect(out.startsWith(`# Title${eol}${eol}<figure`)).toBe(true);
    expect(out.endsWith(`${eol}${eol}After.${eol}`)).toBe(true);
    // the figure's lines are joined with the document's own line ending, never a mix
    if (eol !== "\n") expect(out.replaceAll(eol, "")).not.toMatch(/\n/);
  });

  test("a syntax error points at its column on the expression's line (line 4)", async () => {
    const markdown = doc(["# T", "", "```diagrad", "x * y +", "wrt: x", "```"], eol);
    expect(await places(markdown)).toEqual(["4:7 expected an expression after '+'"]);
  });

  test("an unknown option points at its own line (line 6)", async () => {
    const markdown = doc(["# T", "", "```diagrad", "x * y", "wrt: x", "bogus: 1", "```"], eol);
    expect(await places(markdown)).toEqual([
      "6:1 unknown option 'bogus' (options: order, shape, steps, theme, wrt)",
    ]);
  });

  test("an order too large points at the order's line, not wrt's", async () => {
    const markdown = doc(["```diagrad", "x * y", "wrt: x", "order: 99", "```"], eol);
    expect(await places(markdown)).toEqual(["4:8 the order must be at most 64, got 99"]);
  });
});

test("a derivative past the size limit points at the order that asked for it", async () => {
  const markdown = doc(["```diagrad", "det(A)", "wrt: A", "order: 9", "```"], "\n");
  const [message] = await places(markdown);
  expect(message).toMatch(
    /^4:8 the derivative of order \d would have more than 10000 tensor-network nodes/,
  );
}, 60_000);
