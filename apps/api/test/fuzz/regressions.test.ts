import { TEST_BACKENDS } from "@caliper/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonNestingExceeds, MAX_JSON_DEPTH, parseJsonText, unsafeTextIssues } from "../../src/http/json.ts";
import { createFuzzWorld, expectErrorShape, type FuzzWorld, nestedText, send, storedRows } from "./harness.ts";

/**
 * Every 5xx the fuzzers found, as a fixed example (each was a 500 before its fix):
 *
 * 1. Event data nested thousands of levels deep: JSON.parse takes it, storing it
 *    (JSON.stringify) overflowed the stack. Both backends. Fix: the shared JSON reader
 *    (http/json.ts) refuses nesting deeper than 64 levels, for every JSON body.
 * 2. NUL in a query value, path segment or body string that reaches a text column
 *    (sampleId, sample ids): PostgreSQL refuses NUL in text. Fix: the shared input helpers
 *    (parseQuery, parseParams, readJson, the events parser) refuse NUL and lone surrogates.
 * 3. A forged SLA-clock cursor (a fractional sequence number, or NUL in a position field)
 *    broke the PostgreSQL query. Fix: the route accepts only cursors shaped like its own.
 * 4. A path with a malformed percent-escape (/%E0%A4%A) threw URIError in the dashboard's
 *    file lookup. Both backends. Fix: the dashboard passes undecodable paths on (404 JSON).
 */

const at = "2025-03-03T12:00:00Z";
const event = (id: string, data: string) =>
  `{"id":"${id}","type":"message.customer","brand":"acme","ticketId":"T1","at":"${at}","data":${data}}`;

describe("the shared JSON reader", () => {
  it("measures nesting without recursion, ignoring brackets inside strings", () => {
    expect(jsonNestingExceeds(nestedText("[", MAX_JSON_DEPTH))).toBe(false);
    expect(jsonNestingExceeds(nestedText("[", MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonNestingExceeds(nestedText("{", 1_000_000))).toBe(true);
    expect(jsonNestingExceeds(JSON.stringify({ s: "[".repeat(1000), t: '\\"[[[[' }))).toBe(false);
    expect(parseJsonText(nestedText("[", 100_000))).toEqual({
      ok: false,
      reason: `nested deeper than ${MAX_JSON_DEPTH} levels`,
    });
    expect(parseJsonText('{"a":[1,{"b":2}]}')).toEqual({ ok: true, value: { a: [1, { b: 2 }] } });
  });

  it("names every string and key holding NUL or a lone surrogate", () => {
    expect(unsafeTextIssues(JSON.parse('{"a":["ok","x\\u0000"],"k\\ud800":1,"b":{"c":"\\udfff"}}'), ["body"])).toEqual([
      { path: "body.a.1", message: "must not contain NUL characters" },
      { path: "body.k\ud800", message: "key must not contain lone surrogates" },
      { path: "body.b.c", message: "must not contain lone surrogates" },
    ]);
    expect(unsafeTextIssues({ fine: "😀 \t é", n: 1 }, [])).toEqual([]);
  });
});

describe.each(TEST_BACKENDS)("regressions on %s", (backend) => {
  let world: FuzzWorld;
  beforeAll(async () => {
    world = await createFuzzWorld(backend);
  });
  afterAll(async () => {
    await world.close();
  });

  const post = (url: string, body: string, contentType = "application/json") =>
    send(world, { route: url, method: "POST", url, body, contentType });
  const get = (url: string) => send(world, { route: url, method: "GET", url });

  it("1. refuses deeply nested event data with 400 invalid_json and stores nothing", async () => {
    const before = await storedRows(world);
    for (const body of [
      event("deep-1", `{"x":${nestedText("[", 100_000)}}`),
      event("deep-2", `{"x":${nestedText("{", 10_000)}}`),
      event("deep-3", `{"x":${nestedText("[", 5_000)}}`),
    ]) {
      const single = await post("/v1/events", body);
      expect(single?.status).toBe(400);
      expect(single?.json.error.code).toBe("invalid_json");
      expect(single?.json.error.message).toContain("nested deeper than 64 levels");
      const nd = await post("/v1/events", `${event("ok-1", "{}")}\n${body}`, "application/x-ndjson");
      expect(nd?.status).toBe(400);
      expect(nd?.json.error.issues).toEqual([{ path: "events.1", message: expect.stringContaining("nested deeper") }]);
    }
    expect(await storedRows(world)).toEqual(before);
    // Nesting a real integration uses is fine.
    const ok = await post("/v1/events", event("nested-ok", `{"custom":${nestedText("{", 20)}}`));
    expect(ok?.status).toBe(200);
  });

  it("1b. refuses deeply nested JSON on every other JSON route too", async () => {
    for (const url of ["/v1/checks/message", "/v1/audits/reviews", "/v1/audits/samples", "/v1/feedback"]) {
      const out = await post(url, `{"brand":"acme","x":${nestedText("[", 100_000)}}`);
      expect(out?.status, url).toBe(400);
      expect(out?.json.error.code, url).toBe("invalid_json");
    }
  });

  it("2. refuses NUL in query values, path segments and body strings with 400 naming the field", async () => {
    const before = await storedRows(world);
    const cases: Array<[string, Promise<unknown>, string]> = [
      ["query", get("/v1/audits/reviews?brand=acme&sampleId=a%00b"), "query.sampleId"],
      ["query", get("/v1/audits/summary?brand=acme&sampleId=%00"), "query.sampleId"],
      ["path", get("/v1/audits/samples/a%00b?brand=acme"), "params.id"],
      ["path", get("/v1/tickets/T%001?brand=acme"), "params.id"],
      [
        "body",
        post("/v1/audits/reviews", '{"brand":"acme","ticketId":"T1","sampleId":"s\\u0000","ratings":{}}'),
        "body.sampleId",
      ],
      ["body", post("/v1/checks/message", '{"brand":"acme","body":"hi","x":{"\\u0000":1}}'), "body.x.\u0000"],
      ["event data", post("/v1/events", event("nul-1", '{"extra":"a\\u0000b"}')), "data.extra"],
      ["event data", post("/v1/events", event("sur-1", '{"extra":"\\ud800"}')), "data.extra"],
    ];
    for (const [where, pending, path] of cases) {
      const out = (await pending) as Awaited<ReturnType<typeof get>>;
      expect(out?.status, where).toBe(400);
      expect(out?.json.error.code, where).toBe("validation_failed");
      expect(
        out?.json.error.issues.map((i: { path: string }) => i.path),
        where,
      ).toContain(path);
      expectErrorShape(out as NonNullable<typeof out>, where);
    }
    // A batch names the event by index; the domain's own message wins where it has one.
    const batch = await post(
      "/v1/events",
      `{"events":[${event("b-0", "{}")},${event("b-1", '{"body":"\\u0000","meta":{"k":"\\udc00"}}')}]}`,
    );
    expect(batch?.json.error.issues).toEqual([
      { path: "events.1.data.body", message: "must not contain NUL characters" },
      { path: "events.1.data.meta.k", message: "must not contain lone surrogates" },
    ]);
    expect(await storedRows(world)).toEqual(before);
  });

  it("3. refuses forged clock cursors with 400", async () => {
    const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    for (const forged of [
      { s: at, c: "first_response", i: "T1", q: 1.5 },
      { s: at, c: "first_response", i: "T1", q: 1e300 },
      { s: "a\u0000", c: "first_response", i: "T1", q: 1 },
      { s: at, c: "x", i: "\ud800", q: 1 },
    ]) {
      const out = await get(`/v1/sla/clocks?brand=acme&cursor=${cursor(forged)}`);
      expect(out?.status).toBe(400);
      expect(out?.json.error.issues).toEqual([{ path: "query.cursor", message: "is not a cursor this API returned" }]);
    }
    const real = await get(`/v1/sla/clocks?brand=acme&cursor=${cursor({ s: at, c: "first_response", i: "T1", q: 1 })}`);
    expect(real?.status).toBe(200);
  });

  it("4. answers malformed percent-escapes in paths with a JSON 404", async () => {
    for (const path of ["/%E0%A4%A", "/x%ZZ", "/assets/%E0%A4%A.js", "/tickets/%ED%A0%80", "/a%00b"]) {
      const out = await get(path);
      expect(out?.status, path).toBe(404);
      expect(out?.json.error.code, path).toBe("not_found");
    }
  });
});
