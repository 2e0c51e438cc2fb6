/**
 * `diagrad plan` and `diagrad einsum` as a user runs them.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { run, scratch } from "./support/cli.js";

describe("plan", () => {
  test("picks the cheap order of a skewed chain and reports it as numpy.einsum_path does", () => {
    const r = run(["plan", "ij,jk,kl->il", "--sizes", "i=1000,j=2,k=1000,l=2", "--format", "json"]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.path).toEqual([
      [1, 2],
      [0, 1],
    ]);
    // opt_einsum's model: (j·k·l)·2 for the first product, (i·j·l)·2 for the second
    expect(out.flops).toBe(2 * 2 * 1000 * 2 + 2 * 1000 * 2 * 2);
    expect(out.peak).toBe(2000);
    expect(out.ms).toBeGreaterThanOrEqual(0);
  });

  test("takes any letters, Unicode too, and prints a readable text report", () => {
    const r = run(["plan", "αβ,βγ->αγ", "--sizes", "α=2,β=3,γ=4"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("path:  [(0, 1)]");
    expect(r.stdout).toContain("flops: 48");
  });

  test("points at a bad label with a caret, exit 1; a bad --sizes is usage, exit 2", () => {
    const bad = run(["plan", "ij,jk->iq", "--sizes", "i=2,j=3,k=4"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(
      "error: einsum: output label 'q' is not in any operand\n  ij,jk->iq\n          ^",
    );
    const missing = run(["plan", "ij,jk->ik", "--sizes", "i=2,j=3"]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("no size for label 'k'");
    expect(run(["plan", "ij->i", "--sizes", "i=0"]).status).toBe(2);
  });
});

describe("equations from files and standard input", () => {
  test("plan reads the equation from -i - and writes -o FILE", () => {
    const out = join(scratch().dir, "plan.json");
    const r = run(["plan", "-i", "-", "--sizes", "i=2,j=3", "--format", "json", "-o", out], {
      input: "ij,j->i\n",
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    expect(JSON.parse(readFileSync(out, "utf8")).path).toEqual([[0, 1]]);
  });
});

describe("einsum", () => {
  test("times the planned contraction on random operands", () => {
    const r = run([
      "einsum",
      "ij,jk->ik",
      "--sizes",
      "i=64,j=64,k=64",
      "--random",
      "--repeat",
      "3",
      "--format",
      "json",
    ]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.shape).toEqual([64, 64]);
    expect(out.repeat).toBe(3);
    expect(out.ms).toBeGreaterThan(0);
    // untimed runs for 200 ms by default, first: many of a 64³ product
    expect(out.warmups).toBeGreaterThan(10);
  });

  test("warms up for --warmup milliseconds, not at all with 0, and refuses other values", () => {
    const args = ["einsum", "ij,jk->ik", "--sizes", "i=8,j=8,k=8", "--random", "--format", "json"];
    expect(JSON.parse(run([...args, "--warmup", "0"]).stdout).warmups).toBe(0);
    expect(JSON.parse(run([...args, "--warmup", "5"]).stdout).warmups).toBeGreaterThan(0);
    const text = run([
      "einsum",
      "ij,jk->ik",
      "--sizes",
      "i=8,j=8,k=8",
      "--random",
      "--warmup",
      "0",
    ]);
    // no product large enough to start the second core
    expect(text.stdout).toContain(
      "over 5 runs (after 0 untimed warm-up runs; on one core; all into one result array)",
    );
    for (const bad of ["-5", "x", "70000"]) {
      const r = run([...args, "--warmup", bad]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("the warm-up must be 0 to 60000 milliseconds");
    }
  });

  test("says on how many cores large products ran: two once the warm-up has brought the second up", () => {
    const args = ["einsum", "ij,jk->ik", "--sizes", "i=300,j=300,k=300", "--random"];
    // a 1 ms warm-up goes on until the helper thread, started by the first product, is up
    const two = JSON.parse(run([...args, "--warmup", "1", "--format", "json"]).stdout);
    expect(two.threads).toBe(2);
    const text = run([...args, "--warmup", "1"]);
    expect(text.stdout).toContain("; large products split over two cores;");
    const one = run([...args, "--warmup", "1", "--threads", "1", "--format", "json"]);
    expect(JSON.parse(one.stdout).threads).toBe(1);
  });

  test("runs on one core with --threads 1 and refuses other counts", () => {
    const sizes = ["--sizes", "i=300,j=300,k=300", "--random", "--format", "json"];
    const one = run(["einsum", "ij,jk->ik", ...sizes, "--threads", "1"]);
    expect(one.status).toBe(0);
    expect(JSON.parse(one.stdout).shape).toEqual([300, 300]);
    const bad = run(["einsum", "ij,jk->ik", ...sizes, "--threads", "3"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("threads must be 1 or 2");
  });

  test("writes every run into one result array unless --new-result", () => {
    const args = ["einsum", "ij,jk->ik", "--sizes", "i=40,j=40,k=40", "--random", "--warmup", "0"];
    expect(run(args).stdout).toContain("; all into one result array)");
    const fresh = run([...args, "--new-result"]);
    expect(fresh.status).toBe(0);
    expect(fresh.stdout).toContain("; a new result array each run)");
  });

  test("asks for --random rather than guessing", () => {
    const r = run(["einsum", "ij,jk->ik", "--sizes", "i=2,j=3,k=3"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("add --random");
  });
});
