/**
 * The CLI on the requests that used to end in "diagrad: internal error" (exit 70) or run for
 * minutes (issue 18): each now exits 1 (bad input, or too large) or 2 (bad usage) with a message
 * that names the problem and, for a limit, how to raise it.
 */
import { describe, expect, test } from "vitest";
import { run } from "./support/cli.js";

const chain = (n: number, factor: string, op: string) => Array(n).fill(factor).join(` ${op} `);

describe("the CLI never ends in an internal error", () => {
  test("eval of a dense result too large for memory names its size and the limit", () => {
    const r = run(["eval", "eye(100000) * 2"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      "would have 10000000000 entries (74.5 GiB); one dense tensor may have at most 67108864 entries (512 MiB)",
    );
  });

  test("a derivative by 'constructor' is a derivative by a variable that does not occur", () => {
    const r = run(["diff", "x * y", "--wrt", "constructor", "--shape", "x=3"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("note: constructor does not occur in x * y; the derivative is zero\n");
  });

  test("a kron of 11 factors, whose formula needs more than einsum's 52 letters, says so", () => {
    const r = run(["diff", chain(11, "A", "⊗"), "--wrt", "A"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("more than einsum has letters");
    expect(r.stderr).not.toContain("internal error");
  });

  test.each([
    [["--order", "1000000000"], "the order must be at most 64, got 1000000000"],
    [["--order", "65"], "the order must be at most 64, got 65"],
    [["--shape", "x=1e300"], "'1e300' is not a dimension"],
    [["--shape", "x=100000000000000000000"], "the dimension 100000000000000000000 is too large"],
    [["--max-terms", "0"], "the limit must be a positive integer"],
  ])("%o is a usage error", (args, message) => {
    const r = run(["diff", "x * x", "--wrt", "x", ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe("derivatives past the size limits stop with a message naming the flag to raise", () => {
  test("det(A) at order 8", () => {
    const r = run(["diff", "det(A)", "--wrt", "A", "--order", "8"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^error: the derivative of order \d would have more than 10000 tensor-network nodes in its \d+ terms, the limit; raise it with --max-nodes N/,
    );
  }, 60_000);

  test("--max-terms lowers the limit on terms", () => {
    const r = run(["diff", "sin(x) * cos(x)", "--wrt", "x", "--max-terms", "1"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("more than 1 terms, the limit; raise it with --max-terms N");
    expect(run(["diff", "sin(x) * cos(x)", "--wrt", "x", "--max-terms", "2"]).status).toBe(0);
  });

  test("no progress lines when stderr is not a terminal", () => {
    const r = run(["diff", "det(A)", "--wrt", "A", "--order", "5"]);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain("differentiating");
  }, 60_000);
});
