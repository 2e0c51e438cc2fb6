/**
 * A static file server for the browser tests: serves one folder on 127.0.0.1 at an ephemeral port,
 * with the content types a page needs, 404 for anything missing and no way out of the folder.
 * Every request is recorded, so a test can check that nothing was missing.
 */
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** A running server: its base URL, the requests it answered, and `close()`. */
export interface StaticServer {
  url: string;
  requests: { path: string; status: number }[];
  close: () => Promise<void>;
}

/** Serves `folder`. @example const server = await serveFolder("docs/site"); await page.goto(`${server.url}/index.html`) */
export async function serveFolder(folder: string): Promise<StaticServer> {
  const requests: StaticServer["requests"] = [];
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    const relative = normalize(path === "/" ? "/index.html" : path).replace(/^(\.\.[/\\])+/, "");
    try {
      const body = await readFile(join(folder, relative));
      response.writeHead(200, {
        "content-type": types[extname(relative)] ?? "application/octet-stream",
      });
      response.end(body);
      requests.push({ path, status: 200 });
    } catch {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("not found");
      requests.push({ path, status: 404 });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
