import { TEST_BACKENDS } from "@caliper/db/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CONTENT_TYPES,
  createFuzzWorld,
  FUZZ_ROUTES,
  type FuzzRoute,
  type FuzzWorld,
  fuzzParams,
  jsonText,
  pathFor,
  send,
  validBody,
  validParams,
  validQuery,
} from "./harness.ts";

/**
 * Random request headers on every route of API_ROUTES: malformed Authorization headers,
 * content types, request ids, origins, forwarding headers, cookies and arbitrary headers.
 * Framing headers (content-length, transfer-encoding) are left to the HTTP server, which
 * enforces them before a request reaches the app.
 */

/** Header values a client can send: latin-1 without CR, LF or NUL. */
const headerValue = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
    fc.string({
      unit: fc
        .integer({ min: 0x09, max: 0xff })
        .filter((c) => c !== 0x0a && c !== 0x0d && (c < 0x0b || c > 0x1f) && c !== 0x7f)
        .map((c) => String.fromCharCode(c)),
      maxLength: 60,
    }),
    fc.constantFrom(
      "' OR 1=1 --",
      '"; DROP TABLE events; --',
      "../../etc/passwd",
      "%00",
      "%2e%2e%2f",
      "x".repeat(10_000),
      "",
      " ",
    ),
  );

const token = fc.string({
  unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-_!#$%&'*+.^`|~".split("")),
  minLength: 1,
  maxLength: 20,
});

const authorization = (world: () => FuzzWorld): fc.Arbitrary<string> =>
  fc.oneof(
    headerValue(),
    headerValue().map((v) => `Bearer ${v}`),
    fc.constantFrom(
      "Bearer",
      "Bearer ",
      "bearer  x  ",
      "Basic YWRtaW46YWRtaW4=",
      "Bearer a b",
      "Bearer ' OR 1=1 --",
      `Bearer ${"k".repeat(100_000)}`,
    ),
    fc.constant(null).map(() => `Bearer ${world().keys.admin}x`),
    fc.constant(null).map(() => `Bearer ${(world().keys.admin as string).slice(0, -1)}`),
    fc.constant(null).map(() => `bearer\t${world().keys.manager}`),
  );

describe.each(TEST_BACKENDS)("header fuzzing on %s", (backend) => {
  let world: FuzzWorld;
  beforeAll(async () => {
    world = await createFuzzWorld(backend);
  });
  afterAll(async () => {
    await world.close();
  });

  const urlOf = (route: FuzzRoute) => {
    const q = Object.entries(validQuery(route));
    return pathFor(route, validParams(route, world)) + (q.length ? `?${new URLSearchParams(q)}` : "");
  };

  describe.each(FUZZ_ROUTES.map((r) => [r.name, r] as const))("%s", (_name, route) => {
    it("answers random headers without a 5xx, never echoing a bad request id or opening CORS", async () => {
      const headers = fc.record(
        {
          authorization: authorization(() => world),
          "content-type": fc.oneof(fc.constantFrom(...CONTENT_TYPES), headerValue()),
          "x-request-id": headerValue(),
          origin: fc.oneof(fc.constantFrom("https://evil.example", "null", "http://localhost"), headerValue()),
          "x-forwarded-for": headerValue(),
          cookie: headerValue(),
          accept: fc.oneof(fc.constantFrom("application/json", "text/html", "*/*"), headerValue()),
          "accept-encoding": headerValue(),
          "x-chatwoot-signature": headerValue(),
          "x-chatwoot-timestamp": headerValue(),
          "access-control-request-method": fc.constantFrom("GET", "POST", "DELETE"),
        },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(headers, fc.array(fc.tuple(token, headerValue()), { maxLength: 5 }), async (known, extra) => {
          const all: Record<string, string> = { ...known };
          for (const [k, v] of extra) if (!/^(content-length|transfer-encoding|host)$/i.test(k)) all[k] = v;
          const out = await send(world, {
            route: route.name,
            method: route.method,
            url: urlOf(route),
            headers: all,
            caller: "none",
            ...(route.takesBody ? { body: jsonText(validBody(route, world)) } : {}),
          });
          if (out === null) return;
          const id = out.headers.get("x-request-id") as string;
          expect(id).toMatch(/^[A-Za-z0-9._:-]{1,100}$/);
          if (known["x-request-id"] !== undefined && id === known["x-request-id"])
            expect(known["x-request-id"]).toMatch(/^[A-Za-z0-9._:-]{1,100}$/);
          expect(out.headers.get("access-control-allow-origin")).toBeNull();
          expect(out.headers.get("access-control-allow-credentials")).toBeNull();
        }),
        fuzzParams(40),
      );
    });
  });
});
