/**
 * Running the real `diagrad` binary for the CLI tests: `run(args, { input })` spawns
 * `node packages/cli/bin/diagrad.js` from the repository root with colours off, and keeps every
 * run so a test can check all outputs at once (no stack traces anywhere). `scratch` gives a
 * temporary directory for values files and outputs.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = join(root, "packages/cli/bin/diagrad.js");

export interface Run {
  args: readonly string[];
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Every run so far, in order. */
export const runs: Run[] = [];

/** `diagrad …args`, optionally with standard input, environment additions and a working directory. */
export function run(
  args: readonly string[],
  options: { input?: string; env?: Record<string, string>; cwd?: string } = {},
): Run {
  if (!existsSync(join(root, "packages/cli/dist/main.js"))) {
    throw new Error(
      "packages/cli/dist/main.js is missing: build first (`pnpm build`; `pnpm test` does)",
    );
  }
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", ...options.env };
  delete env.DIAGRAD_DEBUG;
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? root,
    input: options.input ?? "",
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
  const result = { args, status: r.status, stdout: r.stdout, stderr: r.stderr };
  runs.push(result);
  return result;
}

/** A fresh temporary directory; `file(name, content)` writes into it and returns the path. */
export function scratch(): { dir: string; file: (name: string, content: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), "diagrad-cli-"));
  return {
    dir,
    file: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
  };
}
