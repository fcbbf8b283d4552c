import { TEST_BACKENDS } from "@caliper/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../support.ts";

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

  it("serves an HTML reference at /docs", async () => {
    const r = await api.call("GET", "/docs", { key: null });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("text/html");
    expect(r.text).toContain("/v1/events");
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
