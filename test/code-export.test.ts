/**
 * Code export: the NumPy function diagrad writes for each acceptance case, run by the machine's
 * python3 + numpy, reproduces the case's value and derivative (computed independently), and so does
 * the JAX function, compiled with `jax.jit` in float64 (`jax_enable_x64`). The PyTorch version is
 * checked to be valid Python (PyTorch is not installable here). When python3 or numpy is missing
 * the test fails and says so: CI has both. When jax is missing the JAX tests fail in CI (CI=true,
 * where .ci/run installs it with pip) and are skipped elsewhere, saying why.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { acceptanceCases as cases } from "./support/cases.js";
import { run, scratch } from "./support/cli.js";
import { type Nested, relativeError, shapeOf } from "./support/compare.js";

const python = spawnSync("python3", ["-c", "import numpy; print(numpy.__version__)"], {
  encoding: "utf8",
});
const missing =
  python.status === 0
    ? undefined
    : `python3 with numpy is needed for this test: ${python.stderr || python.error}`;

const jaxCheck = spawnSync("python3", ["-c", "import jax, jaxlib; print(jax.__version__)"], {
  encoding: "utf8",
});
const jaxMissing =
  jaxCheck.status === 0
    ? undefined
    : `python3 with jax and jaxlib is needed (pip install jax jaxlib): ${jaxCheck.stderr || jaxCheck.error}`;
const inCI = process.env.CI === "true" || process.env.CI === "1";
if (jaxMissing && !inCI) console.warn(`exported JAX code not run: ${jaxMissing}`);

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

/**
 * Runs every case's exported JAX function in one python3 (importing jax once costs about a second):
 * x64 on before the module is loaded, the function compiled with `jax.jit`, called on float64
 * arrays. Prints `{ id: [value, derivative, [value dtype, derivative dtype], traced] }` as JSON;
 * `traced` counts the Python calls of the function, which under jit is one trace per call shape.
 */
const jaxRunner = `
import importlib.util, json, sys
import jax
jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp
import numpy as np
out = {}
for case_id, code, values in json.load(open(sys.argv[1])):
    spec = importlib.util.spec_from_file_location("exported_" + case_id, code)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    traced = [0]
    def counted(*args, **kwargs):
        traced[0] += 1
        return module.diagrad_function(*args, **kwargs)
    compiled = jax.jit(counted)
    args = {k: jnp.asarray(np.asarray(v, dtype=np.float64)) for k, v in json.load(open(values)).items()}
    value, derivative = compiled(**args)
    value, derivative = compiled(**args)  # the second call runs the compiled code, no new trace
    out[case_id] = [np.asarray(value).tolist(), np.asarray(derivative).tolist(),
                    [str(value.dtype), str(derivative.dtype)], traced[0]]
print(json.dumps(out))
`;

/** Every case's JAX export run under jax.jit, or the reason it could not be. */
function runJaxExports(): Record<string, [Nested, Nested, [string, string], number]> {
  const dir = scratch();
  const jobs = cases.map((c) => {
    const values = dir.file(`${c.id}.json`, JSON.stringify(c.inputs));
    const args = ["diff", c.expr, "--wrt", c.wrt, "--order", String(c.order), "--values", values];
    const r = run([...args, "--format", "jax"]);
    if (r.status !== 0) throw new Error(`${c.id}: diagrad diff --format jax failed: ${r.stderr}`);
    return [c.id, dir.file(`${c.id}.py`, r.stdout), values];
  });
  const list = dir.file("jobs.json", JSON.stringify(jobs));
  const py = spawnSync("python3", [dir.file("run_jax.py", jaxRunner), list], {
    encoding: "utf8",
    timeout: 300_000,
    env: { ...process.env, JAX_PLATFORMS: "cpu" },
  });
  if (py.status !== 0) throw new Error(`the JAX runner failed: ${py.stderr || py.error}`);
  return JSON.parse(py.stdout);
}

describe.skipIf(jaxMissing !== undefined && !inCI)("exported JAX code under jax.jit", () => {
  // Failures are kept for the tests to report: a failed beforeAll would count them as skipped.
  let results: ReturnType<typeof runJaxExports> = {};
  let failure: string | undefined = jaxMissing;
  beforeAll(() => {
    if (failure) return;
    try {
      results = runJaxExports();
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
  }, 300_000);

  test.each(cases)("computes the value and the derivative in float64 for $id", (c) => {
    expect(failure, failure).toBeUndefined();
    const [value, derivative, dtypes, traced] = results[c.id];
    expect(dtypes).toEqual(["float64", "float64"]);
    expect(traced, "traced once, then run compiled").toBe(1);
    expect(shapeOf(value)).toEqual(shapeOf(c.value));
    expect(shapeOf(derivative)).toEqual(shapeOf(c.derivative));
    expect(relativeError(value, c.value)).toBeLessThan(1e-8);
    expect(relativeError(derivative, c.derivative)).toBeLessThan(1e-8);
  });
});

describe("exported PyTorch code", () => {
  test("is valid Python for every acceptance case", () => {
    expect(missing, missing).toBeUndefined();
    const dir = scratch();
    for (const c of cases) {
      const values = dir.file(`${c.id}.json`, JSON.stringify(c.inputs));
      const args = ["diff", c.expr, "--wrt", c.wrt, "--order", String(c.order), "--values", values];
      const r = run([...args, "--format", "torch"]);
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
      expect(r.stdout).toContain("torch.einsum(");
    }
  }, 180_000);
});
