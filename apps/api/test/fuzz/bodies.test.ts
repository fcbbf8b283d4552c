import { TEST_BACKENDS } from "@caliper/db/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BODY_ROUTES,
  CONTENT_TYPES,
  caller,
  createFuzzWorld,
  type FuzzRoute,
  type FuzzWorld,
  fuzzParams,
  jsonText,
  mutate,
  mutation,
  nestedText,
  pathFor,
  send,
  validBody,
  validParams,
  validQuery,
} from "./harness.ts";

/**
 * Request bodies for every route that takes one (generated from API_ROUTES): arbitrary JSON,
 * arbitrary text, mutations of a valid body, random content types, and a fixed set of
 * hostile bodies (deep nesting, huge bodies, NUL bytes, lone surrogates, invalid UTF-8).
 */

const MB = 1024 * 1024;

function urlOf(route: FuzzRoute, world: FuzzWorld): string {
  const q = Object.entries(validQuery(route));
  return pathFor(route, validParams(route, world)) + (q.length ? `?${new URLSearchParams(q)}` : "");
}

describe.each(TEST_BACKENDS)("body fuzzing on %s", (backend) => {
  let world: FuzzWorld;
  beforeAll(async () => {
    world = await createFuzzWorld(backend);
  });
  afterAll(async () => {
    await world.close();
  });

  const post = (route: FuzzRoute, body: string | Uint8Array, contentType = "application/json") =>
    send(world, { route: route.name, method: route.method, url: urlOf(route, world), body, contentType });

  describe.each(BODY_ROUTES.map((r) => [r.name, r] as const))("%s", (_name, route) => {
    it("answers arbitrary JSON with a result or a §7 error", async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), fc.constantFrom(...CONTENT_TYPES), caller(), async (value, type, who) => {
          await send(world, {
            route: route.name,
            method: route.method,
            url: urlOf(route, world),
            body: jsonText(value),
            contentType: type,
            caller: who,
          });
        }),
        fuzzParams(25),
      );
    });

    it("answers arbitrary text (mostly invalid JSON) with a §7 error", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string({ unit: "binary", maxLength: 200 }),
            fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 }),
            fc.uint8Array({ maxLength: 200 }),
            fc.jsonValue().map((v) => JSON.stringify(v).slice(0, -1)),
          ),
          fc.constantFrom(...CONTENT_TYPES),
          async (body, type) => {
            await post(route, body, type);
          },
        ),
        fuzzParams(25),
      );
    });

    it("answers every mutation of a valid body (wrong types, missing and extra fields) without a 5xx", async () => {
      const valid = validBody(route, world);
      await fc.assert(
        fc.asyncProperty(fc.array(mutation(), { minLength: 1, maxLength: 3 }), caller(), async (ms, who) => {
          await send(world, {
            route: route.name,
            method: route.method,
            url: urlOf(route, world),
            body: jsonText(mutate(valid, ms)),
            contentType: "application/json",
            caller: who,
          });
        }),
        fuzzParams(50),
      );
    });

    it("refuses hostile bodies with a §7 error", async () => {
      const hostile: Array<[string, string | Uint8Array]> = [
        ["empty", ""],
        ["whitespace", " \n\t "],
        ["null", "null"],
        ["a number", "1e400"],
        ["a string", '"x"'],
        ["an array", "[1,2,3]"],
        ["invalid JSON", "{"],
        ["trailing garbage", '{"a":1} x'],
        ["single quotes", "{'a':1}"],
        ["a BOM", `\ufeff${JSON.stringify(validBody(route, world))}`],
        ["raw NUL", `{"a":"\u0000"}`],
        ["escaped NUL", '{"brand":"acme","token":"\\u0000","body":"\\u0000","ticketId":"T\\u0000"}'],
        ["lone surrogate (escaped)", '{"brand":"acme","token":"\\ud800","body":"\\udfff x","ticketId":"\\ud800"}'],
        ["invalid UTF-8", new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0xff, 0x22, 0x7d])],
        ["100k nested arrays", nestedText("[", 100_000)],
        ["100k nested objects", nestedText("{", 100_000)],
        [
          "deep nesting inside a valid body",
          JSON.stringify(validBody(route, world)).replace(/^\{/, `{"deep":${nestedText("[", 20_000)},`),
        ],
        ["duplicate keys", '{"brand":"acme","brand":"other","__proto__":{"admin":true}}'],
        ["prototype keys", '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}'],
        ["a huge number", `{"n":${"9".repeat(100_000)}}`],
        ["many keys", `{${Array.from({ length: 50_000 }, (_, i) => `"k${i}":${i}`).join(",")}}`],
      ];
      for (const [what, body] of hostile) {
        const out = await post(route, body);
        expect(out, what).not.toBeNull();
      }
    });

    it("refuses bodies over the 5 MB limit with 413", async () => {
      for (const body of [`"${"x".repeat(5 * MB + 10)}"`, new Uint8Array(6 * MB).fill(0x20)]) {
        const out = await post(route, body);
        expect(out?.status).toBe(413);
        expect(out?.json.error.code).toBe("payload_too_large");
      }
    });

    it("takes a body just under the limit without a 5xx", async () => {
      const valid = validBody(route, world) as Record<string, unknown>;
      const big = JSON.stringify({ ...(typeof valid === "object" ? valid : {}), padding: "y".repeat(5 * MB - 1000) });
      const out = await post(route, big);
      expect(out?.status).not.toBe(413);
    });
  });
});
