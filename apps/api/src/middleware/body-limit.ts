import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../context.ts";
import { ApiError, validationError } from "../errors.ts";

const BODYLESS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * 413 payload_too_large for a request body over `maxSize` bytes, before any of it is parsed.
 *
 * A body with a Content-Length (and no Transfer-Encoding) is judged by that header alone: Node's
 * HTTP parser never delivers more bytes than it declares, so the handler can read the body the
 * fast way (@hono/node-server straight from the socket). Only a body of unknown length — chunked,
 * or a stream handed to `app.request()` — is counted as it is read, by hono's bodyLimit, which
 * has to copy it into a new Request to do so; on a real socket that is the rare case.
 */
export function limitBody(maxSize: number): MiddlewareHandler<AppEnv> {
  const tooLarge = (): never => {
    throw new ApiError("payload_too_large", `request body exceeds ${maxSize} bytes`);
  };
  const counted = bodyLimit({ maxSize, onError: tooLarge });
  return async (c, next) => {
    const length = c.req.header("content-length");
    const chunked = c.req.header("transfer-encoding") !== undefined;
    if (length !== undefined && !chunked) {
      if (!/^\d+$/.test(length.trim()))
        throw validationError([{ path: "headers.content-length", message: "must be a whole number of bytes" }]);
      return Number(length) > maxSize ? tooLarge() : next();
    }
    if (!chunked && BODYLESS.has(c.req.method)) return next();
    return counted(c, next);
  };
}
