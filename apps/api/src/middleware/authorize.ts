import type { MiddlewareHandler } from "hono";
import type { AppEnv, Principal } from "../context.ts";
import { ApiError } from "../errors.ts";
import type { Access } from "../http/access.ts";
import { bearerKey, resolvePrincipal } from "../http/principal.ts";
import { type TokenBuckets, takeKeyBudget } from "../http/rate-limit.ts";

/** True when a principal may act on a brand. */
export const canAccessBrand = (p: Principal, brand: string): boolean => p.brands === null || p.brands.includes(brand);

/** Throws 403 unless the principal may act on the brand (for brands read from a body). */
export function requireBrand(p: Principal, brand: string): void {
  if (!canAccessBrand(p, brand)) throw new ApiError("forbidden", `this key may not act on brand '${brand}'`);
}

/**
 * Enforces a route's declared access before its handler (and before input validation) runs;
 * a known key first spends one request of its rate-limit budget (`perKey`, when given).
 */
export function authorize(access: Access, perKey: TokenBuckets | null = null): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("principal", null);
    if (access.kind === "public") return next();
    const key = bearerKey(c.req.header("authorization"));
    if (access.kind === "key-or-signature" && key === null && !c.req.header("authorization")) return next();
    if (key === null) throw new ApiError("unauthorized", "missing bearer key: send Authorization: Bearer <key>");
    const principal = await resolvePrincipal(c.get("services"), key);
    if (principal === null) throw new ApiError("unauthorized", "unknown or revoked key");
    c.set("principal", principal);
    takeKeyBudget(perKey, principal.keyId);
    if (!access.roles.includes(principal.role))
      throw new ApiError("forbidden", `role '${principal.role}' may not call this route`);
    const brand =
      access.brand.from === "query"
        ? c.req.query(access.brand.name)
        : access.brand.from === "param"
          ? c.req.param(access.brand.name)
          : undefined;
    if (brand !== undefined && !canAccessBrand(principal, brand))
      throw new ApiError("forbidden", `this key may not act on brand '${brand}'`);
    const agentRule = access.kind === "key" ? access.agent : undefined;
    if (principal.role === "agent" && agentRule && (agentRule.from === "param" || agentRule.from === "query")) {
      const agent = agentRule.from === "param" ? c.req.param(agentRule.name) : c.req.query(agentRule.name);
      if (agent !== undefined && agent !== principal.agentId)
        throw new ApiError("forbidden", "an agent key may only read its own data");
    }
    return next();
  };
}
