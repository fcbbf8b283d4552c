import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "../context.ts";
import type { Services } from "../services.ts";
import { opsMetrics } from "./metrics.ts";

/** Route patterns in OpenAPI form, by hono pattern: the routes are few, and this runs on every request. */
const openApiPaths = new Map<string, string>();
const openApiPath = (path: string): string => {
  let label = openApiPaths.get(path);
  if (label === undefined) {
    label = path.replace(/:(\w+)/g, "{$1}");
    openApiPaths.set(path, label);
  }
  return label;
};

/**
 * The route pattern a request matched, in OpenAPI form ("/v1/tickets/{id}"), so label values stay
 * few: "dashboard" for the single-page app and its assets, "unmatched" for anything else.
 */
export function routeLabel(c: Context<AppEnv>): string {
  let routes: ReturnType<typeof matchedRoutes>;
  try {
    routes = matchedRoutes(c);
  } catch {
    routes = [];
  }
  for (let i = routes.length - 1; i >= 0; i--) {
    const r = routes[i];
    if (r && r.method !== "ALL" && r.path !== "*" && r.path !== "/*") return openApiPath(r.path);
  }
  return c.res.status === 404 ? "unmatched" : "dashboard";
}

const statusClass = (status: number): string => `${Math.floor(status / 100)}xx`;

/** Observes every request's latency by method, route pattern and status class. */
export function httpMetrics(services: Services): MiddlewareHandler<AppEnv> {
  const m = opsMetrics(services);
  return async (c, next) => {
    const t0 = performance.now();
    m.httpInFlight.inc();
    try {
      await next();
    } finally {
      m.httpInFlight.dec();
      m.httpDuration.observe(
        { method: c.req.method, route: routeLabel(c), status_class: statusClass(c.res.status) },
        (performance.now() - t0) / 1000,
      );
    }
  };
}
