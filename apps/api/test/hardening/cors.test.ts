import { TEST_BACKENDS } from "@caliper/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { ConfigError } from "../../src/config.ts";
import { corsOrigins } from "../../src/middleware/cors.ts";
import { ADMIN_KEY, createTestApi, type TestApi } from "../support.ts";

/**
 * CORS is closed unless CALIPER_CORS_ORIGINS lists origins: then exactly those origins get
 * Access-Control-Allow-Origin, preflights are answered, and every other origin gets nothing.
 */

const ALLOWED = "https://qa.example.com";
const ALSO = "http://localhost:5173";
const EVIL = "https://evil.example";

/** Creates an app with CALIPER_CORS_ORIGINS set to `value` (read when the app is created). */
function appWith(api: TestApi, value: string | undefined): ReturnType<typeof createApp> {
  const before = process.env.CALIPER_CORS_ORIGINS;
  if (value === undefined) delete process.env.CALIPER_CORS_ORIGINS;
  else process.env.CALIPER_CORS_ORIGINS = value;
  try {
    return createApp(api.services);
  } finally {
    if (before === undefined) delete process.env.CALIPER_CORS_ORIGINS;
    else process.env.CALIPER_CORS_ORIGINS = before;
  }
}

const preflight = (origin: string, method = "POST") => ({
  method: "OPTIONS",
  headers: {
    origin,
    "access-control-request-method": method,
    "access-control-request-headers": "authorization, content-type",
  },
});

describe("CALIPER_CORS_ORIGINS", () => {
  it("is a comma-separated list of origins; empty or unset means none", () => {
    expect(corsOrigins(undefined)).toEqual([]);
    expect(corsOrigins("")).toEqual([]);
    expect(corsOrigins(" , ")).toEqual([]);
    expect(corsOrigins(`${ALLOWED}, ${ALSO}/ ,${ALLOWED}`)).toEqual([ALLOWED, ALSO]);
  });

  it.each([
    ["a wildcard", "*"],
    ["a path", "https://qa.example.com/app"],
    ["no scheme", "qa.example.com"],
    ["another scheme", "ftp://qa.example.com"],
    ["a query", "https://qa.example.com?x=1"],
    ["credentials", "https://user:pw@qa.example.com"],
    ["one bad entry among good ones", `${ALLOWED},nope`],
  ])("refuses %s at start", (_what, value) => {
    expect(() => corsOrigins(value)).toThrow(ConfigError);
  });
});

describe.each(TEST_BACKENDS)("CORS on %s", (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(backend);
  });
  afterAll(async () => {
    await api.close();
  });

  it("sends no Access-Control-Allow-Origin when no origins are configured", async () => {
    const app = appWith(api, undefined);
    for (const origin of [ALLOWED, EVIL, "null"]) {
      const get = await app.request("/v1/me", { headers: { origin, authorization: `Bearer ${ADMIN_KEY}` } });
      expect(get.status).toBe(200);
      expect(get.headers.get("access-control-allow-origin")).toBeNull();
      const pre = await app.request("/v1/events", preflight(origin));
      expect(pre.headers.get("access-control-allow-origin")).toBeNull();
      expect(pre.headers.get("access-control-allow-methods")).toBeNull();
      expect(pre.status).toBeGreaterThanOrEqual(400);
    }
  });

  it("answers a configured origin, preflight included, and only that origin", async () => {
    const app = appWith(api, `${ALLOWED},${ALSO}`);
    for (const origin of [ALLOWED, ALSO]) {
      const pre = await app.request("/v1/events", preflight(origin));
      expect(pre.status).toBe(204);
      expect(pre.headers.get("access-control-allow-origin")).toBe(origin);
      expect(pre.headers.get("access-control-allow-methods")).toContain("POST");
      expect(pre.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
      expect(pre.headers.get("access-control-allow-credentials")).toBeNull();
      expect(pre.headers.get("vary")).toContain("Origin");
      expect(pre.headers.get("x-content-type-options")).toBe("nosniff");

      const get = await app.request("/v1/me", { headers: { origin, authorization: `Bearer ${ADMIN_KEY}` } });
      expect(get.status).toBe(200);
      expect(get.headers.get("access-control-allow-origin")).toBe(origin);
      expect(get.headers.get("access-control-expose-headers")).toContain("x-request-id");
      expect(get.headers.get("vary")).toContain("Origin");

      // Errors carry the header too, so a browser client can read the §7 body.
      const err = await app.request("/v1/me", { headers: { origin } });
      expect(err.status).toBe(401);
      expect(err.headers.get("access-control-allow-origin")).toBe(origin);
    }
    for (const origin of [EVIL, "null", `${ALLOWED}.evil.example`, ALLOWED.replace("https", "http"), ""]) {
      const pre = await app.request("/v1/events", preflight(origin));
      expect(pre.headers.get("access-control-allow-origin"), origin).toBeNull();
      const get = await app.request("/v1/me", { headers: { origin, authorization: `Bearer ${ADMIN_KEY}` } });
      expect(get.headers.get("access-control-allow-origin"), origin).toBeNull();
    }
  });

  it("still requires a key: CORS opens reading, not access", async () => {
    const app = appWith(api, ALLOWED);
    const res = await app.request("/v1/metrics/overview?brand=acme", { headers: { origin: ALLOWED } });
    expect(res.status).toBe(401);
  });
});
