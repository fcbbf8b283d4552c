import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import { ConfigError, switchSetting } from "../config.ts";
import type { AppEnv } from "../context.ts";
import { ApiError } from "../errors.ts";

/**
 * A token bucket per key, in this process's memory: `capacity` requests at once, refilled at
 * `perMinute`. Each API process limits on its own (documented in docs/operations.md).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    readonly capacity: number,
    readonly perMinute: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Takes a token; returns 0 when allowed, else the seconds until one is available. */
  take(key: string): number {
    const t = this.now();
    const rate = this.perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: this.capacity, at: t };
    b.tokens = Math.min(this.capacity, b.tokens + (t - b.at) * rate);
    b.at = t;
    this.buckets.set(key, b);
    if (this.buckets.size > 50_000) this.sweep(t);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000));
  }

  /** Drops full buckets so memory stays bounded under many distinct clients. */
  private sweep(t: number): void {
    const rate = this.perMinute / 60_000;
    for (const [k, b] of this.buckets) if (b.tokens + (t - b.at) * rate >= this.capacity) this.buckets.delete(k);
  }
}

/** The client address: the socket's, or X-Forwarded-For's first hop when CALIPER_TRUST_PROXY=1. */
export function clientIp(c: Context<AppEnv>): string {
  if (switchSetting("CALIPER_TRUST_PROXY", false)) {
    const fwd = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (fwd) return fwd;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

/** 429 with Retry-After once a client has used its budget. */
export function rateLimit(
  buckets: TokenBuckets,
  keyOf: (c: Context<AppEnv>) => string = clientIp,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const wait = buckets.take(keyOf(c));
    if (wait > 0)
      throw new ApiError("rate_limited", `too many requests; retry in ${wait} s`, {
        headers: { "retry-after": String(wait) },
      });
    return next();
  };
}

/** Requests a key may make per minute (CALIPER_RATE_LIMIT) unless configured: far above normal use. */
export const DEFAULT_KEY_RATE_LIMIT = 10_000;

/**
 * The per-key budget from CALIPER_RATE_LIMIT: a whole number of requests per minute, "0" to
 * turn the limit off. A key may spend a whole minute's budget at once. Anything else stops
 * the process at start.
 */
export function keyRateLimit(value: string | undefined = process.env.CALIPER_RATE_LIMIT): number {
  return perMinuteSetting(
    "CALIPER_RATE_LIMIT",
    value,
    DEFAULT_KEY_RATE_LIMIT,
    0,
    "requests per minute per key (0 = no limit)",
  );
}

/** Feedback submissions a client address may make per minute (CALIPER_FEEDBACK_RATE) unless configured. */
export const DEFAULT_FEEDBACK_RATE = 30;

/**
 * The per-address budget of customer feedback from CALIPER_FEEDBACK_RATE: a whole number of
 * submissions per minute, at least 1 (the endpoint is public, so it cannot be turned off).
 * Anything else stops the process at start: it used to turn the limit off ("abc") or never
 * refill it ("0").
 */
export function feedbackRateLimit(value: string | undefined = process.env.CALIPER_FEEDBACK_RATE): number {
  return perMinuteSetting(
    "CALIPER_FEEDBACK_RATE",
    value,
    DEFAULT_FEEDBACK_RATE,
    1,
    "feedback submissions per minute per client address (at least 1)",
  );
}

/**
 * A whole-number budget from the environment variable `name`: unset or blank gives `fallback`;
 * not a whole number, or below `min`, stops the process at start.
 */
function perMinuteSetting(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  unit: string,
): number {
  if (value === undefined || value.trim() === "") return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min)
    throw new ConfigError(`${name} must be a whole number of ${unit}, not '${value}'`);
  return n;
}

const keyBucketsByApp = new WeakMap<object, TokenBuckets | null>();

/**
 * The token buckets that limit each authenticated key on one app (shared by all its routes),
 * created from CALIPER_RATE_LIMIT the first time; null when the limit is off.
 */
export function keyBucketsFor(app: object): TokenBuckets | null {
  if (!keyBucketsByApp.has(app)) {
    const perMinute = keyRateLimit();
    keyBucketsByApp.set(app, perMinute === 0 ? null : new TokenBuckets(perMinute, perMinute));
  }
  return keyBucketsByApp.get(app) ?? null;
}

/** Spends one request of a key's budget: 429 with Retry-After once it is used up. */
export function takeKeyBudget(buckets: TokenBuckets | null, keyId: string): void {
  const wait = buckets?.take(keyId) ?? 0;
  if (wait > 0)
    throw new ApiError("rate_limited", `too many requests with this key; retry in ${wait} s`, {
      headers: { "retry-after": String(wait) },
    });
}
