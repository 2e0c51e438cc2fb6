/**
 * Code export: the NumPy function diagrad writes for each acceptance case, run by the machine's
 * python3 + numpy, reproduces the case's value and derivative (computed independently). The
 * PyTorch and JAX versions are checked to be valid Python (those libraries are not installed
 * here). When python3 or numpy is missing the test fails and says so: CI has both.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { acceptanceCases as cases } from "./support/cases.js";
import { run, scratch } from "./support/cli.js";
import { relativeError } from "./support/compare.js";

const python = spawnSync("python3", ["-c", "import numpy; print(numpy.__version__)"], {
  encoding: "utf8",
});
const missing =
  python.status === 0
    ? undefined
    : `python3 with numpy is needed for this test: ${python.stderr || python.error}`;

const runner = `
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("exported", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
inputs = json.load(open(sys.argv[2]))
import numpy as np
args = {k: np.asarray(v, dtype=float) for k, v in inputs.items()}
value, derivative = module.diagrad_function(**args)
print(json.dumps([np.asarray(value).tolist(), np.asarray(derivative).tolist()]))
`;

describe.each(cases)("exported NumPy code for $id", (c) => {
  test("computes the value and the derivative", () => {
    expect(missing, missing).toBeUndefined();
    const dir = scratch();
    const values = dir.file("inputs.json", JSON.stringify(c.inputs));
    const r = run([
      "diff",
      c.expr,
      "--wrt",
      c.wrt,
      "--order",
      String(c.order),
      "--values",
      values,
      "--format",
      "numpy",
    ]);
    expect(r.status, r.stderr).toBe(0);
    const code = join(dir.dir, "exported.py");
    writeFileSync(code, r.stdout);
    const script = dir.file("run.py", runner);
    const py = spawnSync("python3", [script, code, values], { encoding: "utf8" });
    expect(py.status, py.stderr).toBe(0);
    const [value, derivative] = JSON.parse(py.stdout);
    expect(relativeError(value, c.value)).toBeLessThan(1e-8);
    expect(relativeError(derivative, c.derivative)).toBeLessThan(1e-8);
  });
});

describe("exported PyTorch and JAX code", () => {
  test.each(["torch", "jax"])("is valid Python for every acceptance case (%s)", (backend) => {
    expect(missing, missing).toBeUndefined();
    const dir = scratch();
    for (const c of cases) {
      const values = dir.file(`${c.id}.json`, JSON.stringify(c.inputs));
      const args = ["diff", c.expr, "--wrt", c.wrt, "--order", String(c.order), "--values", values];
      const r = run([...args, "--format", backend]);
      expect(r.status, r.stderr).toBe(0);
      const file = dir.file(`${c.id}.py`, r.stdout);
      const py = spawnSync(
        "python3",
        ["-c", "import ast, sys; ast.parse(open(sys.argv[1]).read())", file],
        {
          encoding: "utf8",
        },
      );
      expect(py.status, `${c.id}: ${py.stderr}`).toBe(0);
      expect(r.stdout).toContain(backend === "torch" ? "torch.einsum(" : "jnp.einsum(");
    }
  });
});
