import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.ts";

/** Where `vite build` puts the dashboard (apps/dashboard/dist), unless CALIPER_DASHBOARD_DIR says otherwise. */
export const DEFAULT_DASHBOARD_DIR = resolve(fileURLToPath(new URL("../../../dashboard/dist", import.meta.url)));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** Paths the API owns: never answered with the dashboard. */
const API_PREFIXES = ["/v1/", "/healthz", "/openapi.json", "/docs", "/feedback", "/metrics"];

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Caliper</title><body style="font:16px system-ui;margin:3rem">
<h1>Caliper API is running</h1><p>The dashboard has not been built. Run <code>pnpm build</code> (or the README's first command), then reload.
The API reference is at <a href="/docs">/docs</a>.</p></body>`;

/** The path with every escape decoded, or null when it cannot name a file (malformed escapes, NUL). */
function decodePath(path: string): string | null {
  try {
    const decoded = decodeURIComponent(path);
    return decoded.includes("\u0000") ? null : decoded;
  } catch {
    return null;
  }
}

/**
 * Serves the dashboard's built files from one directory: hashed assets cached for a year,
 * everything else that is not an API path answered with index.html (client-side routes).
 */
export function dashboard(
  dir: string = process.env.CALIPER_DASHBOARD_DIR ?? DEFAULT_DASHBOARD_DIR,
): MiddlewareHandler<AppEnv> {
  const root = resolve(dir);
  // index.html is small: re-read when a rebuild changed it, so a running server never serves a stale page.
  let index: { mtimeMs: number; html: string } | null = null;
  return async (c, next) => {
    const path = c.req.path;
    if (
      (c.req.method !== "GET" && c.req.method !== "HEAD") ||
      API_PREFIXES.some((p) => path === p.replace(/\/$/, "") || path.startsWith(p))
    )
      return next();
    const decoded = decodePath(path);
    if (decoded === null) return next();
    const file = normalize(join(root, decoded));
    if (file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile()) {
      const immutable = path.startsWith("/assets/");
      return c.body(readFileSync(file), 200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
      });
    }
    if (extname(path) !== "" && path.startsWith("/assets/")) return next();
    const indexFile = join(root, "index.html");
    if (!existsSync(indexFile)) return c.html(NOT_BUILT, 200);
    const mtimeMs = statSync(indexFile).mtimeMs;
    if (index?.mtimeMs !== mtimeMs) index = { mtimeMs, html: readFileSync(indexFile, "utf8") };
    return c.html(index.html, 200, { "cache-control": "no-cache" });
  };
}
