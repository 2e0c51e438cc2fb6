/**
 * Running the real `diagrad` binary as a user would, from the repository root.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = join(root, "packages/cli/bin/diagrad.js");

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `diagrad ...args` with optional standard input. */
export function diagrad(args: readonly string[], input?: string): Run {
  if (!existsSync(join(root, "packages/cli/dist/main.js"))) {
    throw new Error("packages/cli/dist is missing: run `pnpm build` (pnpm test does) first");
  }
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, input, encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Writes `content` to a new temporary file and returns its path. */
export function tempFile(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), "diagrad-"));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
