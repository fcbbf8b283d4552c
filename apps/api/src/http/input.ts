import type { Context } from "hono";
import type { z } from "zod";
import type { AppEnv } from "../context.ts";
import { ApiError, validationError, zodIssues } from "../errors.ts";

/** Parses the query string with a schema; a bad parameter is a 400 naming it ("query.from"). */
export function parseQuery<S extends z.ZodType>(c: Context<AppEnv>, schema: S): z.infer<S> {
  const r = schema.safeParse(c.req.query());
  if (!r.success) throw validationError(zodIssues(r.error, ["query"]));
  return r.data;
}

/** Parses path parameters with a schema. */
export function parseParams<S extends z.ZodType>(c: Context<AppEnv>, schema: S): z.infer<S> {
  const r = schema.safeParse(c.req.param());
  if (!r.success) throw validationError(zodIssues(r.error, ["params"]));
  return r.data;
}

/** The request body parsed as JSON (400 invalid_json when it is not JSON). */
export async function readJson(c: Context<AppEnv>): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === "") throw new ApiError("invalid_json", "request body is empty; send JSON");
  try {
    return JSON.parse(text);
  } catch (err) {
    const detail = err instanceof SyntaxError ? err.message : "too deeply nested";
    throw new ApiError("invalid_json", `request body is not valid JSON: ${detail}`);
  }
}

/** The JSON body validated with a schema; issues are prefixed "body.". */
export async function parseJsonBody<S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<z.infer<S>> {
  const r = schema.safeParse(await readJson(c));
  if (!r.success) throw validationError(zodIssues(r.error, ["body"]));
  return r.data;
}
