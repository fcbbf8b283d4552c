import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { z } from "zod";
import type { AppEnv } from "../context.ts";
import { authorize } from "../middleware/authorize.ts";
import type { Access } from "./access.ts";
import { keyBucketsFor, rateLimit, TokenBuckets } from "./rate-limit.ts";

export type Method = "get" | "post" | "put" | "delete";

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json. */
  contentType?: string;
}

/**
 * One HTTP route: its OpenAPI description (generated from the same zod schemas the handler
 * parses with), who may call it, and the handler. Routes live one per file.
 */
export interface RouteDef {
  method: Method;
  /** OpenAPI-style path: "/v1/tickets/{id}". */
  path: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  access: Access;
  request?: {
    params?: z.ZodObject;
    query?: z.ZodObject;
    body?: {
      schema: z.ZodType;
      contentTypes?: readonly string[];
      /** The schema of a content type whose body differs from `schema` (NDJSON: one item per line). */
      schemaFor?: Readonly<Record<string, z.ZodType>>;
      description?: string;
    };
  };
  responses: Readonly<Record<number, ResponseSpec>>;
  /**
   * Per-client limit (token bucket per address): `burst` at once, refilled at `perMinute` (a
   * function is called when an app is created, so that a setting it reads is checked then).
   */
  rateLimit?: { burst: number; perMinute: number | (() => number) };
  handler: (c: Context<AppEnv>) => Response | Promise<Response>;
}

export const defineRoute = (def: RouteDef): RouteDef => def;

/** "/v1/tickets/{id}" -> "/v1/tickets/:id" */
export const honoPath = (path: string): string => path.replace(/\{(\w+)\}/g, ":$1");

/**
 * Registers routes on the app and in its OpenAPI document, each behind its access rule; every
 * request made with a key spends that key's budget (CALIPER_RATE_LIMIT per minute).
 */
export function registerRoutes(app: OpenAPIHono<AppEnv>, routes: readonly RouteDef[]): void {
  const seen = new Set<string>();
  const perKey = keyBucketsFor(app);
  for (const r of routes) {
    const key = `${r.method.toUpperCase()} ${r.path}`;
    if (seen.has(key)) throw new Error(`route registered twice: ${key}`);
    seen.add(key);
    if (!r.access) throw new Error(`route ${key} declares no access rule`);
    if (r.rateLimit)
      app.on(
        r.method.toUpperCase(),
        honoPath(r.path),
        rateLimit(
          new TokenBuckets(
            r.rateLimit.burst,
            typeof r.rateLimit.perMinute === "function" ? r.rateLimit.perMinute() : r.rateLimit.perMinute,
          ),
        ),
      );
    app.on(r.method.toUpperCase(), honoPath(r.path), authorize(r.access, perKey), r.handler);
    app.openAPIRegistry.registerPath({
      method: r.method,
      path: r.path,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: [...r.tags],
      ...(r.access.kind !== "public" ? { security: [{ bearer: [] }] } : {}),
      request: {
        ...(r.request?.params ? { params: r.request.params } : {}),
        ...(r.request?.query ? { query: r.request.query } : {}),
        ...(r.request?.body
          ? {
              body: {
                ...(r.request.body.description ? { description: r.request.body.description } : {}),
                required: true,
                content: Object.fromEntries(
                  (r.request.body.contentTypes ?? ["application/json"]).map((t) => [
                    t,
                    { schema: (r.request?.body?.schemaFor?.[t] ?? r.request?.body?.schema) as z.ZodType },
                  ]),
                ),
              },
            }
          : {}),
      },
      responses: Object.fromEntries(
        Object.entries(r.responses).map(([status, spec]) => [
          status,
          {
            description: spec.description,
            ...(spec.schema ? { content: { [spec.contentType ?? "application/json"]: { schema: spec.schema } } } : {}),
          },
        ]),
      ),
    });
  }
}
