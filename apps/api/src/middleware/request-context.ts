import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.ts";
import type { Services } from "../services.ts";

const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Puts the services and a request id in the context, echoes the id in `x-request-id`, and
 * logs one line per request (method, route, status, latency; never bodies or keys).
 */
export function requestContext(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const t0 = performance.now();
    const given = c.req.header("x-request-id");
    const requestId = given && VALID_REQUEST_ID.test(given) ? given : randomUUID();
    c.set("services", services);
    c.set("requestId", requestId);
    c.set("principal", null);
    // Before the handler, so the response is created with it (see security-headers.ts).
    c.header("x-request-id", requestId);
    await next();
    services.logger.info("request", {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - t0) * 10) / 10,
      keyId: c.get("principal")?.keyId,
    });
  };
}
