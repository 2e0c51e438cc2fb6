/**
 * The `diagrad` command line, run as a user runs it: the real binary in a child process. Numbers
 * are checked against Jacobians computed here with plain loops from their definitions (never
 * against diagrad's own output), errors by their exit codes, messages and caret positions.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { root, run, runs, scratch } from "./support/cli.js";

type Matrix = number[][];

const { dir, file } = scratch();

function values(name: string, content: Record<string, unknown>): string {
  return file(name, JSON.stringify(content));
}

/** The largest absolute difference between two nested arrays of the same shape (Infinity if not). */
function gap(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b);
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length)
    return Number.POSITIVE_INFINITY;
  return a.reduce((most: number, x, k) => Math.max(most, gap(x, b[k])), 0);
}

/** The shape of a nested array. */
function shapeOf(x: unknown): number[] {
  return Array.isArray(x) ? [x.length, ...shapeOf(x[0])] : [];
}

function zeros(...shape: number[]): unknown {
  const [n, ...rest] = shape;
  return Array.from({ length: n }, () => (rest.length ? zeros(...rest) : 0));
}

function json(stdout: string): Record<string, unknown> {
  expect(stdout.trim().split("\n")).toHaveLength(1);
  return JSON.parse(stdout);
}

/** The column of the first caret under the echoed expression, and the echoed line. */
function caret(stderr: string): { line: string; column: number } {
  const lines = stderr.split("\n");
  const at = lines.findIndex((l) => /^[ \t|]*\^+$/.test(l)); // after a "2 | " gutter for files
  expect(at).toBeGreaterThan(0);
  return { line: lines[at - 1], column: lines[at].indexOf("^") };
}

// The seeds' three examples, with values chosen so that no axis can be confused with another.
const W = [
  [0.5, -1.25, 2],
  [1.5, 0.75, -0.5],
];
const A = [
  [1, -2, 0.5, 3],
  [0.25, 1.5, -1, 2],
  [-0.75, 2.5, 1.25, -1.5],
];
const B = [
  [2, 0.5, -1, 1.5],
  [-0.5, 1, 3, -2],
  [1.25, -1.5, 0.75, 0.5],
];
const x = [1, -2, 3];
const y = [0.5, 4, -1.5];
const z = [2, 0.25, -3];

describe("diff: the seeds' examples against hand-computed Jacobians", () => {
  test("W @ (A * B) w.r.t. A is Γ[p,q,m,n] = W[p,m] B[m,n] δ[q,n], shape [2, 4, 3, 4]", () => {
    const path = values("wab.json", { W, A, B });
    const r = run(["diff", "W @ (A * B)", "--wrt", "A", "--values", path, "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const expected: number[][][][] = [];
    for (let p = 0; p < 2; p++) {
      expected.push([]);
      for (let q = 0; q < 4; q++) {
        expected[p].push([]);
        for (let m = 0; m < 3; m++) {
          expected[p][q].push([]);
          for (let n = 0; n < 4; n++) expected[p][q][m].push(q === n ? W[p][m] * B[m][n] : 0);
        }
      }
    }
    const out = json(r.stdout);
    expect(out.shape).toEqual([2, 4, 3, 4]);
    expect(shapeOf(out.value)).toEqual([2, 4, 3, 4]);
    expect(gap(out.value, expected)).toBeLessThan(1e-12);
  });

  test("x * y * z w.r.t. x is Diag(y ∘ z)", () => {
    const path = values("xyz.json", { x, y, z });
    const r = run(["diff", "x * y * z", "--wrt", "x", "--values", path, "--format", "json"]);
    expect(r.status).toBe(0);
    const expected: Matrix = [];
    for (let i = 0; i < 3; i++) {
      expected.push([]);
      for (let j = 0; j < 3; j++) expected[i].push(i === j ? y[i] * z[i] : 0);
    }
    expect(gap(json(r.stdout).value, expected)).toBe(0);
  });

  test("(A @ z) * tanh(B @ z) w.r.t. z is A tanh(Bz) + (Az)(1 − tanh²(Bz)) B, row by row", () => {
    const a = A.slice(0, 2).map((row) => row.slice(0, 3));
    const b = B.slice(1, 3).map((row) => row.slice(1, 4));
    const path = values("tanh.json", { A: a, B: b, z });
    const r = run([
      "diff",
      "(A @ z) * tanh(B @ z)",
      "--wrt",
      "z",
      "--values",
      path,
      "--format",
      "json",
    ]);
    expect(r.status).toBe(0);
    const expected: Matrix = [];
    for (let i = 0; i < 2; i++) {
      let az = 0;
      let bz = 0;
      for (let k = 0; k < 3; k++) {
        az += a[i][k] * z[k];
        bz += b[i][k] * z[k];
      }
      const t = Math.tanh(bz);
      expected.push([0, 1, 2].map((j) => a[i][j] * t + az * (1 - t * t) * b[i][j]));
    }
    const out = json(r.stdout);
    expect(out.shape).toEqual([2, 3]);
    expect(gap(out.value, expected)).toBeLessThan(1e-12);
  });

  test("without values the text gives the symbolic shape, what its axes are and the index notation", () => {
    const r = run(["diff", "W @ (A * B)", "--wrt", "A"]);
    expect(r.status).toBe(0);
    const [title, index] = r.stdout.split("\n");
    expect(title).toMatch(/^∂\(W @ \(A \* B\)\)\/∂A, shape \[(\w+), (\w+), (\w+), \2\]: /);
    expect(title).toContain("the expression's axes");
    expect(title).toContain("then A's");
    // indices are named after the dimensions they run over (W: m×n, A and B: n×q)
    expect(index).toBe("  Γ[m,r,n,q] = W[m,n] B[n,q] δ[r,q]");
  });

  test("with values the text adds the numbers, aligned, and names the layout", () => {
    const path = values("xy2.json", { x: [1, 2], y: [3, 4], z: [5, 6] });
    const r = run(["diff", "x * y * z", "--wrt", "x", "--values", path]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("shape [2, 2]");
    expect(r.stdout).toContain("J[out…, in…]");
    expect(r.stdout).toContain("[[15,  0],\n [ 0, 24]]");
  });

  test("order 2 of x @ A @ x is A + Aᵀ, titled ∂²(…)/∂x²", () => {
    const a = [
      [1, 2],
      [-3, 4],
    ];
    const path = values("quad.json", { x: [0.5, -1], A: a });
    const text = run(["diff", "x @ A @ x", "--wrt", "x", "--order", "2", "--values", path]);
    expect(text.stdout.startsWith("∂²(x @ A @ x)/∂x²")).toBe(true);
    const r = run([
      "diff",
      "x @ A @ x",
      "--wrt",
      "x",
      "--order",
      "2",
      "--values",
      path,
      "--format",
      "json",
    ]);
    const out = json(r.stdout);
    expect(out.order).toBe(2);
    expect(out.value).toEqual([0, 1].map((i) => [0, 1].map((j) => a[i][j] + a[j][i])));
  });

  test("a scalar's derivative is its gradient; a scalar value is a JSON number", () => {
    const path = values("dot.json", { x: [1, 2, 3], y: [4, 5, 6] });
    const grad = json(
      run(["diff", "sum(x * y)", "--wrt", "x", "--values", path, "--format", "json"]).stdout,
    );
    expect(grad.value).toEqual([4, 5, 6]);
    const dot = json(run(["eval", "x @ y", "--values", path, "--format", "json"]).stdout);
    expect(dot.value).toBe(32);
    expect(dot.shape).toEqual([]);
  });
});

describe("JSON output", () => {
  const path = values("keys.json", { x: [1, 2], y: [3, 4] });

  test("diff gives the problem, the shape, the formulas, the steps and (with values) the value", () => {
    const out = json(
      run(["diff", "x * y", "--wrt", "x", "--values", path, "--format", "json"]).stdout,
    );
    const keys = ["expression", "wrt", "order", "shape", "formula", "text", "latex", "index"];
    expect(Object.keys(out)).toEqual(expect.arrayContaining([...keys, "steps", "value"]));
    expect(Object.keys(out).slice(0, 4)).toEqual(keys.slice(0, 4));
    expect(out).toMatchObject({ expression: "x * y", wrt: "x", order: 1, shape: [2, 2] });
    expect(out.formula).toBe("diag(y)");
    const symbolic = json(run(["diff", "x * y", "--wrt", "x", "--format", "json"]).stdout);
    expect(Object.keys(symbolic)).not.toContain("value");
    expect(symbolic.shape).toEqual(["m", "m"]);
  });

  test("eval gives expression, shape and value; numbers round-trip exactly", () => {
    const third = values("third.json", { x: [1 / 3, 0.1], y: [3, 1] });
    const out = json(run(["eval", "x * y", "--values", third, "--format", "json"]).stdout);
    expect(out).toMatchObject({ expression: "x * y", shape: [2] });
    expect(out.value).toEqual([(1 / 3) * 3, 0.1]);
  });

  test("non-finite numbers are written as null, with a warning", () => {
    const r = run([
      "eval",
      "log(x)",
      "--values",
      values("zero.json", { x: [0, 1] }),
      "--format",
      "json",
    ]);
    expect(r.status).toBe(0);
    expect(json(r.stdout).value).toEqual([null, 0]);
    expect(r.stderr).toMatch(/^warning: .*not finite.*null/);
  });
});

describe("eval", () => {
  test("evaluates W @ (A * B) as the loops do", () => {
    const r = run([
      "eval",
      "W @ (A * B)",
      "--values",
      values("wab2.json", { W, A, B }),
      "--format",
      "json",
    ]);
    const expected = W.map((row) =>
      [0, 1, 2, 3].map((n) => row.reduce((s, w, m) => s + w * A[m][n] * B[m][n], 0)),
    );
    expect(gap(json(r.stdout).value, expected)).toBeLessThan(1e-12);
  });

  test("text output is the value alone", () => {
    const r = run(["eval", "x * 2", "--values", values("x.json", { x: [1.5, -2] })]);
    expect(r.stdout).toBe("[ 3, -4]\n");
  });

  test("without values: the shape and index notation, and a note naming the variables", () => {
    const r = run(["eval", "x @ A @ x"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^x @ A @ x, shape \[\]\nF = /);
    expect(r.stderr).toBe(
      'note: no --values given, so no numbers: x, A need values (a JSON file like {"x": [1, 2]})\n',
    );
  });

  test("an expression may start with '-'; one that looks like an option goes after '--'", () => {
    const path = values("neg.json", { x: [1, 2], y: [3, 4] });
    expect(json(run(["eval", "-(x @ y)", "--values", path, "--format", "json"]).stdout).value).toBe(
      -11,
    );
    expect(json(run(["eval", "-2", "--format", "json"]).stdout).value).toBe(-2);
    const option = run(["eval", "-x", "--values", path]);
    expect(option.status).toBe(2);
    expect(option.stderr).toContain(
      "unknown option '-x' (if -x is an expression, put it after '--')",
    );
    expect(run(["eval", "--values", path, "--", "-x"]).stdout).toBe("[-1, -2]\n");
  });

  test("an expression without variables needs no values", () => {
    const r = run(["eval", "eye(2) * 3", "--format", "json"]);
    expect(json(r.stdout).value).toEqual([
      [3, 0],
      [0, 3],
    ]);
  });
});

describe("input and output", () => {
  test("-i - reads the expression from standard input", () => {
    const r = run(["diff", "-i", "-", "--wrt", "x", "--format", "json"], { input: "x * y * z\n" });
    expect(r.status).toBe(0);
    expect(json(r.stdout).expression).toBe("x * y * z");
  });

  test("-i FILE reads it from a file, and errors point into that file", () => {
    const good = file("expr.txt", "A: [2, 3]; B: [3, 4];\nA @ B\n");
    expect(json(run(["eval", "-i", good, "--format", "json"]).stdout).shape).toEqual([2, 4]);
    const bad = run(["eval", "-i", file("bad.txt", "W @\n (A +* B)\n")]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("2 |  (A +* B)");
    const { line, column } = caret(bad.stderr);
    expect(line[column]).toBe("*");
  });

  test("-o FILE writes the result there and nothing to stdout", () => {
    const out = join(dir, "out.json");
    const r = run(["diff", "x * y", "--wrt", "y", "--format", "json", "-o", out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    expect(JSON.parse(readFileSync(out, "utf8")).wrt).toBe("y");
  });

  test("a missing input file is a usage error", () => {
    const r = run(["eval", "-i", join(dir, "nope.txt")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `error: cannot read input file '${join(dir, "nope.txt")}': no such file\n`,
    );
  });

  test("--shape declares shapes, symbols or numbers, and s= a scalar", () => {
    const args = [
      "eval",
      "s * (W @ (A * B))",
      "--shape",
      "W=p,m",
      "--shape",
      "A=m,n",
      "--shape",
      "s=",
    ];
    expect(json(run([...args, "--format", "json"]).stdout).shape).toEqual(["p", "n"]);
    const numeric = run(["diff", "x @ A @ x", "--wrt", "x", "--order", "2", "--shape", "A=3,3"]);
    expect(numeric.stdout).toContain("shape [3, 3]");
    const bad = run(["eval", "A", "--shape", "A=3,-1"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("'-1' is not a dimension");
  });
});

describe("errors in the expression: exit 1, the expression echoed, a caret under the culprit", () => {
  test("a parse error", () => {
    const r = run(["diff", "a + )", "--wrt", "a"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n")[0]).toBe("error: expected an expression after '+', found ')'");
    const { line, column } = caret(r.stderr);
    expect(line.trim()).toBe("a + )");
    expect(line[column]).toBe(")");
  });

  test("a shape mismatch names @ and both shapes", () => {
    const r = run(["eval", "A: [2, 3]; B: [4, 5]; A @ B"]);
    expect(r.status).toBe(1);
    const message = r.stderr.split("\n")[0];
    for (const part of ["@", "[2, 3]", "[4, 5]"]) expect(message).toContain(part);
    const { line, column } = caret(r.stderr);
    expect(line.slice(column)).toBe("A @ B");
  });

  test("an unknown function suggests the right one", () => {
    const r = run(["eval", "tanhh(x)"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("unknown function 'tanhh'; did you mean 'tanh'?");
    expect(caret(r.stderr).column).toBe(2);
  });

  test("a wrong number of arguments", () => {
    const r = run(["diff", "tr(X, Y)", "--wrt", "X"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("tr takes 1 argument, got 2");
  });

  test("--wrt naming a variable that does not occur: the zero derivative and a note, exit 0", () => {
    const path = values("xyz3.json", { x: [1, 2], y: [3, 4], z: [5, 6, 7] });
    const r = run(["diff", "x * y", "--wrt", "z", "--values", path, "--format", "json"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("note: z does not occur in x * y; the derivative is zero\n");
    const out = json(r.stdout);
    expect(out.shape).toEqual([2, 3]);
    expect(out.value).toEqual(zeros(2, 3));
  });
});

describe("values files", () => {
  test("invalid JSON: exit 1 with line, column and a caret", () => {
    const path = file("invalid.json", '{\n  "x": [1, 2,],\n  "y": [3, 4]\n}\n');
    const r = run(["diff", "x * y", "--wrt", "x", "--values", path]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`invalid JSON in values file '${path}' at line 2, column 14`);
    const { line, column } = caret(r.stderr);
    expect(line[column]).toBe("]");
  });

  test("a missing file: exit 2", () => {
    const r = run(["diff", "x * y", "--wrt", "x", "--values", "absent.json"], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("error: cannot read values file 'absent.json': no such file\n");
  });

  test("a top level that is not an object: exit 1", () => {
    const r = run(["eval", "x", "--values", file("array.json", "[1, 2]")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/holds an array; it must hold a JSON object/);
  });

  test("a ragged array: exit 1, naming the variable", () => {
    const r = run([
      "eval",
      "X @ y",
      "--values",
      values("ragged.json", { X: [[1, 2], [3]], y: [1, 2] }),
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: value of X: row 2 has 1 entry but row 1 has 2/);
  });

  test("a value whose shape does not fit: exit 1", () => {
    const path = values("misfit.json", { A: [[1, 2, 3]], x: [1, 2] });
    const r = run(["eval", "A @ x", "--values", path]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("[1, 3]");
    expect(r.stderr).toContain("[2]");
    const declared = run(["eval", "x", "--shape", "x=3", "--values", path]);
    expect(declared.status).toBe(1);
    expect(declared.stderr).toContain("declared shape [3]");
  });
});

describe("usage errors: exit 2, one line and a pointer to the help", () => {
  test("missing --wrt", () => {
    const r = run(["diff", "x * y"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "error: required option '--wrt <name>' not specified\nsee 'diagrad diff --help'\n",
    );
  });

  test("an unknown option", () => {
    const r = run(["diff", "x * y", "--wrt", "x", "--bogus"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("error: unknown option '--bogus'\nsee 'diagrad diff --help'\n");
  });

  test("an unknown command, with a suggestion", () => {
    const r = run(["dif", "x"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "error: unknown command 'dif'; did you mean diff?\nsee 'diagrad --help'\n",
    );
  });

  test("a bad --order and a bad --format", () => {
    expect(run(["diff", "x", "--wrt", "x", "--order", "0"]).status).toBe(2);
    expect(run(["diff", "x", "--wrt", "x", "--order", "1.5"]).status).toBe(2);
    expect(run(["eval", "x", "--format", "xml"]).status).toBe(2);
  });

  test("no expression at all", () => {
    const r = run(["eval"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("no expression");
  });

  test("--help has examples and --version is the package's", () => {
    for (const command of ["diff", "eval", "check"]) {
      const r = run([command, "--help"]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`Examples:\n  $ diagrad ${command} `);
    }
    const pkg = JSON.parse(readFileSync(join(root, "packages/cli/package.json"), "utf8"));
    expect(run(["--version"]).stdout).toBe(`${pkg.version}\n`);
  });
});

describe("check", () => {
  const error = (stdout: string) => Number(/largest relative error (\S+)/.exec(stdout)?.[1]);

  test.each([
    ["x * y * z", "x", "1"],
    ["(A @ z) * tanh(B @ z)", "z", "1"],
    ["logdet(X)", "X", "1"],
    ["x @ A @ x", "x", "2"],
  ])("%s w.r.t. %s (order %s) agrees with finite differences to 1e-6", (expr, wrt, order) => {
    const r = run(["check", expr, "--wrt", wrt, "--order", order]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("agrees with central differences");
    expect(error(r.stdout)).toBeLessThan(1e-6);
    expect(r.stdout).toContain("at random values (seed 1;");
  });

  test("the seed chooses the random values, and the same seed gives the same run", () => {
    const a = run(["check", "x * y", "--wrt", "x", "--seed", "5"]).stdout;
    expect(run(["check", "x * y", "--wrt", "x", "--seed", "5"]).stdout).toBe(a);
    expect(run(["check", "x * y", "--wrt", "x", "--seed", "6"]).stdout).not.toBe(a);
  });

  test("at given values; above the tolerance it fails with exit 1", () => {
    const path = values("check.json", { x: [1, 2], y: [3, 4] });
    const ok = run(["check", "x * y", "--wrt", "x", "--values", path]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).not.toContain("random");
    const strict = run([
      "check",
      "sin(x) * y",
      "--wrt",
      "x",
      "--values",
      path,
      "--tolerance",
      "1e-300",
    ]);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(
      /^error: the largest relative error \S+ exceeds the tolerance 1e-300\n$/,
    );
  });
});

test("no run above printed a stack frame or a colour code", () => {
  expect(runs.length).toBeGreaterThan(0);
  for (const r of runs) {
    expect(`${r.stdout}${r.stderr}`, r.args.join(" ")).not.toContain("    at ");
    expect(r.stderr, r.args.join(" ")).not.toContain("\x1b[");
  }
});
