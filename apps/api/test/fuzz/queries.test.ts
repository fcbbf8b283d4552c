import { TEST_BACKENDS } from "@caliper/db/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  caller,
  createFuzzWorld,
  encodeLoose,
  FUZZ_ROUTES,
  type FuzzRoute,
  type FuzzWorld,
  fuzzParams,
  HOSTILE_STRINGS,
  OPAQUE_TOKENS,
  hostileString,
  inUrl,
  jsonText,
  pathFor,
  queryString,
  send,
  type UrlEncoding,
  urlEncoding,
  validBody,
  validParams,
  validQuery,
} from "./harness.ts";

/**
 * Query strings, path segments and URLs for every route of API_ROUTES: hostile values in
 * every query parameter and path parameter the route declares (SQL injection, path
 * traversal, NUL, lone surrogates, malformed percent-encoding, impossible dates), random
 * query strings, duplicate parameters, very long URLs, and random methods and paths.
 */

/** The strings every filter, query parameter and id gets, deterministically (the rest are drawn at random). */
const INJECTION = [
  "' OR 1=1 --",
  '"; DROP TABLE events; --',
  "\x00",
  "%00",
  "../../etc/passwd",
  "%2e%2e%2f",
  "\ud800",
  "%E0%A4%A",
  "2025-02-30T00:00:00Z",
  "0000-01-01T00:00:00Z",
  ...OPAQUE_TOKENS.slice(0, 1),
];

const encode = (pairs: Record<string, string>): Array<[string, string]> =>
  Object.entries(pairs).map(([k, v]) => [encodeURIComponent(k), encodeURIComponent(v)]);

describe.each(TEST_BACKENDS)("query, path and URL fuzzing on %s", (backend) => {
  let world: FuzzWorld;
  beforeAll(async () => {
    world = await createFuzzWorld(backend);
  });
  afterAll(async () => {
    await world.close();
  });

  /** A request to a route: its valid parameters and query, overridden; a valid body for POST routes. */
  const request = (
    route: FuzzRoute,
    o: {
      params?: Record<string, string>;
      query?: ReadonlyArray<readonly [string, string]>;
      caller?: "admin" | "manager" | "agent" | "ingest" | "none" | "unknown";
      method?: string;
    } = {},
  ) => {
    const params = {
      ...Object.fromEntries(Object.entries(validParams(route, world)).map(([k, v]) => [k, encodeURIComponent(v)])),
      ...o.params,
    };
    const query = o.query ?? encode(validQuery(route));
    const method = o.method ?? route.method;
    return send(world, {
      route: route.name,
      method,
      url: pathFor(route, params) + queryString(query),
      caller: o.caller ?? "admin",
      ...(method === "POST" ? { body: jsonText(validBody(route, world)), contentType: "application/json" } : {}),
    });
  };

  describe.each(FUZZ_ROUTES.map((r) => [r.name, r] as const))("%s", (_name, route) => {
    it("starts from a valid request, so that changing one part of it reaches the handler", async () => {
      const out = await request(route);
      // A route refusing its valid request (a new POST route whose `{}` is not a valid body: give it
      // one in harness.validBody) would have every fuzzed request stop before its handler.
      expect(out?.status, out?.text.slice(0, 300)).toBeLessThan(400);
    });

    it("answers injection and traversal strings in every query parameter and id", async () => {
      for (const value of INJECTION)
        for (const how of ["encoded", "raw"] as UrlEncoding[]) {
          for (const name of route.query) {
            const query = encode(validQuery(route)).filter(([k]) => k !== name);
            await request(route, { query: [...query, [name, inUrl(value, how)]] });
          }
          for (const name of route.params) await request(route, { params: { [name]: inUrl(value, how) } });
        }
    });

    it("answers a hostile value in one query parameter", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom(...(route.query.length ? route.query : ["x"])) },
            { weight: 1, arbitrary: hostileString() },
          ),
          hostileString(),
          urlEncoding(),
          caller(),
          async (name, value, how, who) => {
            const query = encode(validQuery(route)).filter(([k]) => k !== name);
            await request(route, { query: [...query, [encodeLoose(name), inUrl(value, how)]], caller: who });
          },
        ),
        fuzzParams(20),
      );
    });

    if (route.params.length > 0)
      it("answers a hostile path segment", async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...route.params),
            hostileString(),
            urlEncoding(),
            caller(),
            async (name, value, how, who) => {
              await request(route, { params: { [name]: inUrl(value, how) }, caller: who });
            },
          ),
          fuzzParams(20),
        );
      });

    it("answers random query strings, with repeated and unknown parameters", async () => {
      const names = [...route.query, "brand", "x", "brand[]", "__proto__"];
      const pair = fc.tuple(
        fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 })),
        fc.oneof(hostileString(), fc.constant("\u0000novalue")),
        urlEncoding(),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(pair, { maxLength: 8 }),
          fc.boolean(),
          fc.string({ unit: fc.constantFrom(..."&=%+#?;/a1[].".split("")), maxLength: 30 }),
          async (pairs, withValid, garbage) => {
            const query: Array<[string, string]> = [
              ...(withValid ? encode(validQuery(route)) : []),
              ...pairs.map(([k, v, how]): [string, string] => [
                encodeLoose(k),
                v === "\u0000novalue" ? v : inUrl(v, how),
              ]),
            ];
            if (garbage) query.push([garbage, "\u0000novalue"]);
            await request(route, { query });
          },
        ),
        fuzzParams(20),
      );
    });

    it("answers duplicated query parameters", async () => {
      for (const name of route.query) {
        const valid = encode(validQuery(route));
        const own = valid.find(([k]) => k === name)?.[1] ?? "x";
        for (const second of [own === "acme" ? "other" : own, "' OR 1=1 --"])
          await request(route, { query: [...valid, [name, encodeURIComponent(second)]] });
        await request(route, { query: [...valid.filter(([k]) => k !== name), [name, "a"], [name, "b"], [name, "c"]] });
      }
    });

    it("answers very long URLs", async () => {
      const valid = encode(validQuery(route));
      for (const n of [10_000, 1_000_000]) {
        const long = "a".repeat(n);
        for (const name of [...route.query.slice(0, 1), "padding"])
          await request(route, { query: [...valid, [name, long]] });
        for (const name of route.params) await request(route, { params: { [name]: long } });
      }
      const many = Array.from({ length: 5000 }, (_, i) => [`p${i}`, String(i)] as [string, string]);
      await request(route, { query: [...valid, ...many] });
    });

    it("answers other methods on the route's path", async () => {
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]) {
        const out = await request(route, { method });
        if (method !== route.method && !(method === "HEAD" && route.method === "GET"))
          expect(out?.status, `${method} ${route.def.path}`).toBeGreaterThanOrEqual(400);
      }
    });
  });

  it("answers random paths (API, dashboard and traversal) without a 5xx", async () => {
    const segment = fc.oneof(
      fc.constantFrom("v1", "tickets", "assets", "feedback", "healthz", "..", ".", "%2e%2e", "%2f", "", "index.html"),
      hostileString().map(encodeLoose),
      fc.constantFrom(...HOSTILE_STRINGS.filter((s) => !/[?#]/.test(s))),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(segment, { minLength: 1, maxLength: 6 }),
        fc.constantFrom("GET", "GET", "HEAD", "POST"),
        async (segments, method) => {
          await send(world, {
            route: "other",
            method,
            url: `/${segments.join("/")}`,
            ...(method === "POST" ? { body: "{}", contentType: "application/json" } : {}),
          });
        },
      ),
      fuzzParams(100, [
        [["%E0%A4%A"], "GET"],
        [["x%ZZ"], "GET"],
        [["assets", "%E0%A4%A.js"], "GET"],
        [["..", "..", "etc", "passwd"], "GET"],
        [["%2e%2e%2f%2e%2e%2fetc%2fpasswd"], "GET"],
        [["assets", "..%2f..%2f..%2fpackage.json"], "GET"],
        [["a%00b"], "GET"],
      ]),
    );
  });
});
