import { isTransient } from "@caliper/db";
import { ERROR_STATUS, type ErrorBody, type ErrorCode, type ErrorIssue } from "@caliper/domain";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import type { AppEnv } from "./context.ts";

/**
 * The one error type routes throw; `onError` turns it into DESIGN.md §7's JSON shape.
 *
 * It has no stack trace: it is an answer to the client (its code and message say everything),
 * and capturing one is most of its cost — about 13 µs of every 400, 401, 403 or 429, which a
 * flood of rejected requests pays per request. Errors that are not ApiErrors keep theirs.
 */
export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { issues?: ErrorIssue[]; headers?: Record<string, string> } = {},
  ) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(ERROR_STATUS[code] as ContentfulStatusCode, { message });
    Error.stackTraceLimit = limit;
    this.code = code;
    this.issues = options.issues;
    this.headers = options.headers ?? {};
  }
}

/** "events.3.data.rating" from a zod path, prefixed as given. */
export const issuePath = (prefix: readonly (string | number)[], path: readonly PropertyKey[]): string =>
  [...prefix, ...path].map((p) => String(p)).join(".");

export const zodIssues = (error: z.ZodError, prefix: readonly (string | number)[] = []): ErrorIssue[] =>
  error.issues.map((i) => ({ path: issuePath(prefix, i.path), message: i.message }));

export const validationError = (issues: ErrorIssue[], message?: string): ApiError =>
  new ApiError("validation_failed", message ?? `invalid input: ${issues.map((i) => i.path || "(root)").join(", ")}`, {
    issues,
  });

export function errorResponse(c: Context<AppEnv>, err: ApiError): Response {
  const body: ErrorBody = {
    error: {
      code: err.code,
      message: err.message,
      requestId: c.get("requestId") ?? "unknown",
      ...(err.issues ? { issues: err.issues } : {}),
    },
  };
  return c.json(body, err.status, err.headers);
}

/** The single error handler: known errors keep their status; anything else is logged and becomes a 500. */
export function onError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof ApiError) return errorResponse(c, err);
  // The database stayed busy (locked, serialization failures) through every retry: the client may retry.
  if (isTransient(err))
    return errorResponse(
      c,
      new ApiError("unavailable", "the database is busy; retry shortly", { headers: { "retry-after": "1" } }),
    );
  if (err instanceof HTTPException) {
    const code = (Object.entries(ERROR_STATUS).find(([, s]) => s === err.status)?.[0] ?? "bad_request") as ErrorCode;
    return errorResponse(c, new ApiError(code, err.message || code));
  }
  c.get("services")?.logger.error("unhandled error", {
    requestId: c.get("requestId"),
    error: err.name,
    message: err.message,
    stack: err.stack,
  });
  return errorResponse(c, new ApiError("internal", "internal error; the request id identifies it in the server log"));
}
