import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./context.ts";
import { ApiError, errorResponse, onError } from "./errors.ts";
import { dashboard } from "./http/dashboard.ts";
import { registerRoutes } from "./http/route.ts";
import { limitBody } from "./middleware/body-limit.ts";
import { corsPolicy } from "./middleware/cors.ts";
import { requestContext } from "./middleware/request-context.ts";
import { securityHeaders } from "./middleware/security-headers.ts";
import { httpMetrics } from "./ops/http-metrics.ts";
import { API_ROUTES } from "./routes/index.ts";
import { openApiDocument, systemDocRoutes } from "./routes/system/openapi.ts";
import type { Services } from "./services.ts";

/** The whole HTTP API as a hono app; `app.request()` drives it in tests without a socket. */
export function createApp(services: Services, options: { dashboardDir?: string } = {}): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.use("*", httpMetrics(services));
  app.use("*", requestContext(services));
  app.use("*", securityHeaders());
  app.use("*", corsPolicy());
  app.use("*", limitBody(services.config.bodyLimit));
  registerRoutes(app, API_ROUTES);
  registerRoutes(app, systemDocRoutes(openApiDocument(app)));
  app.use("*", dashboard(options.dashboardDir));
  app.notFound((c) => errorResponse(c, new ApiError("not_found", `no route for ${c.req.method} ${c.req.path}`)));
  app.onError(onError);
  return app;
}
