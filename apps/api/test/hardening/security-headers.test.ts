import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TEST_BACKENDS } from "@caliper/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { ADMIN_KEY, createTestApi, type TestApi } from "../support.ts";

/**
 * Every response, API or dashboard, success or error, carries the security headers: a CSP
 * that allows no inline or eval'd script and no framing, nosniff, no referrer, no framing.
 */

/** The directives of a Content-Security-Policy header. */
const directives = (csp: string): Map<string, string[]> =>
  new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [(name as string).toLowerCase(), values]),
  );

function expectSecurityHeaders(res: Response, what: string): void {
  const csp = res.headers.get("content-security-policy");
  expect(csp, `${what}: CSP`).toBeTruthy();
  const d = directives(csp as string);
  const scripts = d.get("script-src") ?? d.get("default-src");
  expect(scripts, `${what}: script-src`).toBeDefined();
  for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"])
    expect(scripts, `${what}: script-src allows ${bad}`).not.toContain(bad);
  expect(d.get("frame-ancestors"), `${what}: frame-ancestors`).toEqual(["'none'"]);
  expect(d.get("default-src"), `${what}: default-src`).toEqual(["'self'"]);
  expect(d.get("base-uri"), `${what}: base-uri`).toEqual(["'none'"]);
  expect(res.headers.get("x-content-type-options"), `${what}: nosniff`).toBe("nosniff");
  expect(res.headers.get("referrer-policy"), `${what}: referrer-policy`).toBe("no-referrer");
  expect(res.headers.get("x-frame-options"), `${what}: x-frame-options`).toBe("DENY");
  expect(res.headers.get("access-control-allow-origin"), `${what}: no CORS by default`).toBeNull();
  expect(res.headers.get("x-powered-by"), `${what}: x-powered-by`).toBeNull();
}

describe.each(TEST_BACKENDS)("security headers on %s", (backend) => {
  let api: TestApi;
  let app: ReturnType<typeof createApp>;
  let dir: string;
  let ingestKey: string;
  beforeAll(async () => {
    api = await createTestApi(backend);
    ingestKey = await api.key("ingest", ["acme"]);
    dir = mkdtempSync(join(tmpdir(), "caliper-dash-"));
    const dist = join(dir, "dist");
    mkdirSync(join(dist, "assets"), { recursive: true });
    writeFileSync(
      join(dist, "index.html"),
      '<!doctype html><title>Caliper</title><div id="root"></div><script type="module" src="/assets/app-1.js"></script>',
    );
    writeFileSync(join(dist, "assets", "app-1.js"), "console.log('dashboard')");
    writeFileSync(join(dist, "assets", "app-1.css"), "body{}");
    writeFileSync(join(dir, "secret.txt"), "outside the dashboard directory");
    app = createApp(api.services, { dashboardDir: dist });
    await api.call("POST", "/v1/events", {
      body: {
        id: "e1",
        type: "ticket.created",
        brand: "acme",
        ticketId: "T1",
        at: "2025-03-03T10:00:00Z",
        data: { channel: "email", category: "order" },
      },
    });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await api.close();
  });

  const auth = { authorization: `Bearer ${ADMIN_KEY}` };
  const CASES: Array<[string, string, RequestInit]> = [
    ["JSON 200", "/v1/me", { headers: auth }],
    ["health", "/healthz", {}],
    ["OpenAPI", "/openapi.json", {}],
    ["HTML docs", "/docs", {}],
    ["feedback page", "/feedback", {}],
    ["feedback script", "/feedback.js", {}],
    ["CSV export (streamed)", "/v1/export/tickets.csv?brand=acme", { headers: auth }],
    ["400", "/v1/metrics/overview?brand=acme&from=nope", { headers: auth }],
    ["401", "/v1/me", {}],
    ["401 unknown key", "/v1/me", { headers: { authorization: "Bearer nope" } }],
    ["403 wrong role", "/v1/audits/samples?brand=acme", { headers: { authorization: "Bearer KEY_INGEST" } }],
    ["404 API", "/v1/nothing", { headers: auth }],
    [
      "413",
      "/v1/events",
      { method: "POST", headers: { ...auth, "content-length": String(6 * 1024 * 1024) }, body: "x" },
    ],
    ["invalid JSON", "/v1/events", { method: "POST", headers: auth, body: "{" }],
    ["dashboard index", "/", {}],
    ["dashboard client route", "/tickets/T1", {}],
    ["dashboard asset", "/assets/app-1.js", {}],
    ["dashboard stylesheet", "/assets/app-1.css", {}],
    ["dashboard missing asset", "/assets/missing.js", {}],
    ["dashboard malformed path", "/%E0%A4%A", {}],
    ["HEAD", "/healthz", { method: "HEAD" }],
    ["OPTIONS", "/v1/events", { method: "OPTIONS", headers: { origin: "https://evil.example" } }],
  ];

  it.each(CASES)("%s", async (what, path, init) => {
    const headers = new Headers(init.headers);
    if (headers.get("authorization") === "Bearer KEY_INGEST") headers.set("authorization", `Bearer ${ingestKey}`);
    const res = await app.request(path, { ...init, headers });
    expect(res.status, what).toBeLessThan(500);
    expectSecurityHeaders(res, what);
  });

  it("serves the dashboard as files with their types, never a file outside its directory", async () => {
    const js = await app.request("/assets/app-1.js");
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toContain("text/javascript");
    for (const path of [
      "/../secret.txt",
      "/..%2fsecret.txt",
      "/%2e%2e/secret.txt",
      "/%2e%2e%2fsecret.txt",
      "/assets/..%2f..%2fsecret.txt",
      "/assets/%2e%2e%2f%2e%2e%2fsecret.txt",
      "/%252e%252e%252fsecret.txt",
      "/..\\secret.txt",
      "/assets/..%5c..%5csecret.txt",
      "/secret.txt%00.js",
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBeLessThan(500);
      expect(await res.text(), path).not.toContain("outside the dashboard directory");
    }
  });
});
