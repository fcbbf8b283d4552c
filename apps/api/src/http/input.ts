import type { ErrorIssue } from "@caliper/domain";
import type { Context } from "hono";
import type { z } from "zod";
import type { AppEnv } from "../context.ts";
import { ApiError, validationError, zodIssues } from "../errors.ts";
import { mayHoldUnsafeText, parseJsonText, unsafeTextIssues, unsafeTextReason } from "./json.ts";

/** Issues for URL values (query parameters, path segments) holding NUL or lone surrogates. */
function unsafeUrlIssues(prefix: string, values: Record<string, string | readonly string[]>): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  for (const [name, value] of Object.entries(values))
    for (const v of typeof value === "string" ? [value] : value) {
      const reason = unsafeTextReason(v);
      if (reason) {
        issues.push({ path: `${prefix}.${name}`, message: reason });
        break;
      }
    }
  return issues;
}

/** Parses the query string with a schema; a bad parameter is a 400 naming it ("query.from"). */
export function parseQuery<S extends z.ZodType>(c: Context<AppEnv>, schema: S): z.infer<S> {
  const unsafe = unsafeUrlIssues("query", c.req.queries());
  if (unsafe.length) throw validationError(unsafe);
  const r = schema.safeParse(c.req.query());
  if (!r.success) throw validationError(zodIssues(r.error, ["query"]));
  return r.data;
}

/** Parses path parameters with a schema. */
export function parseParams<S extends z.ZodType>(c: Context<AppEnv>, schema: S): z.infer<S> {
  const params = c.req.param() as Record<string, string>;
  const unsafe = unsafeUrlIssues("params", params);
  if (unsafe.length) throw validationError(unsafe);
  const r = schema.safeParse(params);
  if (!r.success) throw validationError(zodIssues(r.error, ["params"]));
  return r.data;
}

/**
 * The request body parsed as JSON: 400 invalid_json when it is not JSON or nests too deeply,
 * 400 validation_failed when a string in it holds NUL or a lone surrogate ("body.comment").
 */
export async function readJson(c: Context<AppEnv>): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === "") throw new ApiError("invalid_json", "request body is empty; send JSON");
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new ApiError("invalid_json", `request body is not valid JSON: ${parsed.reason}`);
  const unsafe = mayHoldUnsafeText(text) ? unsafeTextIssues(parsed.value, ["body"]) : [];
  if (unsafe.length) throw validationError(unsafe);
  return parsed.value;
}

/** The JSON body validated with a schema; issues are prefixed "body.". */
export async function parseJsonBody<S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<z.infer<S>> {
  const r = schema.safeParse(await readJson(c));
  if (!r.success) throw validationError(zodIssues(r.error, ["body"]));
  return r.data;
}
