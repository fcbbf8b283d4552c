import { TEST_BACKENDS } from "@caliper/db/testing";
import { EVENT_DATA, EVENT_TYPES, LIMITS, TICKET_STATUSES } from "@caliper/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDocs } from "../../src/routes/system/docs-page.ts";
import { createTestApi, type TestApi } from "../support.ts";

/** A schema of the document with its $ref (to #/components/schemas/…) followed. */
const resolver =
  (doc: any) =>
  (s: any): any =>
    s?.$ref ? doc.components.schemas[s.$ref.replace("#/components/schemas/", "")] : s;

describe.each(TEST_BACKENDS)("system routes on %s", (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(backend);
  });
  afterAll(async () => {
    await api.close();
  });

  it("answers /healthz without a key, ready with current migrations", async () => {
    const r = await api.call("GET", "/healthz", { key: null });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      status: "ok",
      live: true,
      ready: true,
      checks: { database: "ok", migrations: "current" },
    });
    expect(r.headers.get("x-request-id")).toBeTruthy();
  });

  it("serves an OpenAPI 3.1 document generated from the routes", async () => {
    const r = await api.call("GET", "/openapi.json", { key: null });
    expect(r.status).toBe(200);
    expect(r.json.openapi).toBe("3.1.0");
    expect(r.json.paths["/v1/events"].post).toBeDefined();
    expect(r.json.paths["/v1/tickets/{id}"].get).toBeDefined();
  });

  it("documents POST /v1/events' body: every event type with its data fields, a batch, NDJSON", async () => {
    const doc = (await api.call("GET", "/openapi.json", { key: null })).json;
    const resolve = resolver(doc);
    const content = doc.paths["/v1/events"].post.requestBody.content;
    const [single, batch] = content["application/json"].schema.oneOf.map(resolve);
    expect(resolve(batch.properties.events.items)).toBe(resolve(single));
    expect(batch.properties.events.maxItems).toBe(LIMITS.batch);
    expect(resolve(content["application/x-ndjson"].schema)).toBe(resolve(single));

    expect(single.discriminator.propertyName).toBe("type");
    const variants = single.oneOf.map(resolve);
    const byType = new Map(variants.map((v: any) => [v.properties.type.enum?.[0] ?? v.properties.type.const, v]));
    expect([...byType.keys()].sort()).toEqual([...EVENT_TYPES].sort());
    for (const t of EVENT_TYPES) {
      const v: any = byType.get(t);
      expect(Object.keys(resolve(v.properties.data).properties ?? {}), t).toEqual(Object.keys(EVENT_DATA[t].shape));
      expect(v.required, t).toEqual(expect.arrayContaining(["id", "type", "brand", "at"]));
      expect(v.description, t).toBeTruthy();
    }
    const refund: any = byType.get("refund.issued");
    expect(refund.required).toEqual(expect.arrayContaining(["orderId", "data"]));
    expect(refund.required).not.toContain("ticketId");
    expect(refund.properties.data.required).toEqual(expect.arrayContaining(["amount", "currency"]));
    const status: any = byType.get("ticket.status");
    expect(status.required).toContain("ticketId");
    expect(status.properties.data.properties.status.enum).toEqual([...TICKET_STATUSES]);
    expect((byType.get("message.agent") as any).required).toContain("actor");
    expect((byType.get("message.customer") as any).required).not.toContain("actor");
  });

  it("serves an HTML reference at /docs", async () => {
    const r = await api.call("GET", "/docs", { key: null });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("text/html");
    expect(r.text).toContain("/v1/events");
  });

  it("opens /docs with a contents list linking to every operation's section, grouped by tag", async () => {
    const r = await api.call("GET", "/docs", { key: null });
    const doc = (await api.call("GET", "/openapi.json", { key: null })).json as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m}-${path}`),
    );
    const nav = r.text.slice(r.text.indexOf("<nav"), r.text.indexOf("</nav>"));
    const targets = [...nav.matchAll(/href="#([^"]+)"/g)].map((m) => decodeURI(m[1] as string));
    expect(targets.sort()).toEqual([...operations].sort());
    const ids = new Set([...r.text.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]));
    for (const t of targets) expect(ids.has(t), t).toBe(true);
    expect(nav).toContain("<h3>events</h3>");
    expect(r.text.indexOf("<nav")).toBeLessThan(r.text.indexOf("<section"));
  });

  it("shows request body fields on /docs: each event type with its data fields and values", async () => {
    const r = await api.call("GET", "/docs", { key: null });
    const events = r.text.slice(r.text.indexOf('id="post-/v1/events"'));
    const section = events.slice(0, events.indexOf("</section>"));
    for (const t of EVENT_TYPES) expect(section).toContain(`<code>type</code>: <code>${t}</code>`);
    expect(section).toContain("<code>passedInspection</code> boolean, <strong>required</strong>");
    for (const s of TICKET_STATUSES) expect(section).toContain(`<code>${s}</code>`);
    expect(section).toContain("<code>application/x-ndjson</code>");
    expect(section).not.toContain("<script");
    // Other routes' bodies and query parameters show their fields and types too.
    expect(r.text).toMatch(/<code>perAgent<\/code> integer, 1\.\.500, <strong>required<\/strong>/);
    expect(r.text).toMatch(/<code>strategy<\/code> one of <code>uniform<\/code>, <code>risk<\/code>/);
  });

  it("answers unknown routes with a JSON 404 and sets security headers", async () => {
    const r = await api.call("GET", "/v1/nothing-here");
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe("not_found");
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    expect(r.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("echoes a caller's request id in errors", async () => {
    const r = await api.call("GET", "/v1/tickets/x", { headers: { "x-request-id": "req-123" } });
    expect(r.json.error.requestId).toBe("req-123");
  });
});

describe("the /docs page", () => {
  it("escapes everything it takes from the document, field names and descriptions included", () => {
    const html = renderDocs({
      info: { title: "t", version: "1" },
      paths: {
        "/x": {
          post: {
            summary: "s",
            requestBody: {
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      "<script>a</script>": { type: "string", enum: ['"><img src=x>'], description: "<b>" },
                    },
                  },
                },
              },
            },
            responses: {},
          },
        },
      },
    });
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain("&lt;script&gt;a&lt;/script&gt;");
    expect(html).toContain("&lt;b&gt;");
  });
});
