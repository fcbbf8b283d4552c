import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { ConfigError } from "../config.ts";
import type { AppEnv } from "../context.ts";

/**
 * Origins allowed to call the API from a browser, from CALIPER_CORS_ORIGINS: a comma-separated
 * list of origins ("https://qa.example.com,http://localhost:5173"). Unset or empty: none, so
 * no response carries Access-Control-Allow-Origin. Each entry must be a plain http(s) origin
 * (no path, no wildcard); anything else stops the process at start.
 */
export function corsOrigins(value: string | undefined = process.env.CALIPER_CORS_ORIGINS): string[] {
  const entries = (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const problems: string[] = [];
  const origins = entries.flatMap((entry) => {
    let url: URL | null = null;
    try {
      url = new URL(entry);
    } catch {}
    const origin = url?.origin;
    if (
      !url ||
      (url.protocol !== "http:" && url.protocol !== "https:") ||
      origin === undefined ||
      entry.replace(/\/$/, "").toLowerCase() !== origin.toLowerCase()
    ) {
      problems.push(`'${entry}' is not an origin such as https://qa.example.com (scheme, host and port only)`);
      return [];
    }
    return [origin];
  });
  if (problems.length) throw new ConfigError("CALIPER_CORS_ORIGINS is invalid", problems);
  return [...new Set(origins)];
}

/**
 * CORS for the configured origins (hono's cors middleware, preflight included); with none
 * configured, a pass-through: cross-origin browser calls stay closed.
 */
export function corsPolicy(origins: readonly string[] = corsOrigins()): MiddlewareHandler<AppEnv> {
  if (origins.length === 0) return (_c, next) => next();
  return cors({
    origin: [...origins],
    allowMethods: ["GET", "HEAD", "POST"],
    allowHeaders: ["authorization", "content-type", "x-request-id"],
    exposeHeaders: ["x-request-id", "retry-after", "content-disposition"],
    maxAge: 600,
    credentials: false,
  });
}
