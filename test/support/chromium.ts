/**
 * Debian's Chromium for the browser tests, driven by playwright-core (which downloads no browser of
 * its own). `launchChromium()` makes sure /usr/bin/chromium exists — running
 * scripts/ensure-chromium.sh (apt-get) when it does not — and fails with a clear message when it
 * cannot be had, so a missing browser is a failed test, never a skipped one. Each launch gets a
 * fresh profile directory and the flags that keep Chromium off the network and quiet.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import { root } from "./cli.js";

export const chromiumPath = "/usr/bin/chromium";

const flags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Installs Chromium with the project's script if it is missing; throws if that does not work. */
export function ensureChromium(): void {
  if (existsSync(chromiumPath)) return;
  const script = join(root, "scripts/ensure-chromium.sh");
  const r = spawnSync("bash", [script], { encoding: "utf8", timeout: 600_000 });
  if (r.status !== 0 || !existsSync(chromiumPath)) {
    throw new Error(
      `the browser tests need Debian's Chromium at ${chromiumPath}, and ${script} could not install it ` +
        `(exit ${r.status}): ${(r.stderr || r.stdout || String(r.error ?? "")).trim()}`,
    );
  }
}

/** A headless Chromium with a fresh profile; `close()` also removes the profile. */
export async function launchChromium(): Promise<{
  context: BrowserContext;
  close: () => Promise<void>;
}> {
  ensureChromium();
  const profile = mkdtempSync(join(tmpdir(), "diagrad-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: flags, // the fresh profile reaches Chromium as --user-data-dir=<profile>
    viewport: { width: 1100, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
