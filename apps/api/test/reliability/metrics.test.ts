import { refreshAllSpans } from "@caliper/db";
import { TEST_BACKENDS } from "@caliper/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { opsMetrics } from "../../src/ops/metrics.ts";
import { startMetricsServer } from "../../src/ops/metrics-server.ts";
import { createTestApi, type TestApi } from "../support.ts";

/**
 * GET /metrics: Prometheus text with request latency by route pattern and status class, ingest
 * counters, ingest transaction time and process metrics; admin keys only; one registry per app.
 */

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parse(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1] as string] = l[2] as string;
    out.push({ name: m[1] as string, labels, value: Number(m[3]) });
  }
  return out;
}

const value = (samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

const event = (id: string, ticketId: string, extra: object = {}) => ({
  id,
  type: "ticket.created",
  brand: "acme",
  ticketId,
  at: "2025-03-03T10:00:00Z",
  actor: { type: "customer", id: "c1" },
  data: { channel: "email", category: "order" },
  ...extra,
});

describe.each(TEST_BACKENDS)("GET /metrics on %s", (backend) => {
  let api: TestApi;
  let other: TestApi;
  beforeAll(async () => {
    api = await createTestApi(backend);
    other = await createTestApi(backend);
  });
  afterAll(async () => {
    await api?.close();
    await other?.close();
  });

  const scrape = async (a: TestApi) => {
    const r = await a.call("GET", "/metrics");
    expect(r.status).toBe(200);
    return parse(r.text);
  };

  it("is for admin keys only", async () => {
    expect((await api.call("GET", "/metrics", { key: null })).status).toBe(401);
    const manager = await api.key("manager", ["acme"]);
    expect((await api.call("GET", "/metrics", { key: manager })).status).toBe(403);
    const ingest = await api.key("ingest", ["acme"]);
    expect((await api.call("GET", "/metrics", { key: ingest })).status).toBe(403);
    const r = await api.call("GET", "/metrics");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it("counts accepted, duplicate and rejected events and times the ingest transaction", async () => {
    const before = await scrape(api);
    const count = (s: Sample[], outcome: string) => value(s, "caliper_ingest_events_total", { outcome }) ?? 0;
    const tx = (s: Sample[]) => value(s, "caliper_db_ingest_transaction_seconds_count", { outcome: "committed" }) ?? 0;

    const batch = { events: [event("m1", "T-1"), event("m2", "T-2"), event("m1", "T-1")] };
    expect((await api.call("POST", "/v1/events", { body: batch })).json).toEqual({ accepted: 2, duplicates: 1 });
    expect((await api.call("POST", "/v1/events", { body: batch })).json).toEqual({ accepted: 0, duplicates: 3 });
    // Two of three events invalid: the batch is refused and nothing is stored.
    const bad = { events: [event("m3", "T-3"), event("m4", "T-4", { type: "nope" }), event("m5", "", {})] };
    expect((await api.call("POST", "/v1/events", { body: bad })).status).toBe(400);
    expect((await api.call("POST", "/v1/events", { body: "{not json", contentType: "application/json" })).status).toBe(
      400,
    );

    const after = await scrape(api);
    expect(count(after, "accepted") - count(before, "accepted")).toBe(2);
    expect(count(after, "duplicate") - count(before, "duplicate")).toBe(4);
    expect(count(after, "rejected") - count(before, "rejected")).toBe(3);
    expect(tx(after) - tx(before)).toBe(2);
    expect(value(after, "caliper_db_ingest_transaction_seconds_sum", { outcome: "committed" })).toBeGreaterThan(0);
    // Another app instance (its own registry) saw none of it.
    const theirs = await scrape(other);
    expect(count(theirs, "accepted")).toBe(0);
    expect(count(theirs, "duplicate")).toBe(0);
    expect(tx(theirs)).toBe(0);
  });

  it("reports the weeks and months whose span rollups wait for their refresh, and none once refreshed", async () => {
    const fresh = await createTestApi(backend);
    try {
      const waiting = async () => value(await scrape(fresh), "caliper_spans_waiting");
      expect(await waiting()).toBe(0);
      // Marks as a process that stopped before refreshing leaves them (this one marked nothing,
      // so nothing refreshes them behind the test's back).
      await fresh.db.cdb.db
        .insertInto("rollup_span_dirty")
        .values([
          { brand: "acme", span: "week", start: "2025-03-03" },
          { brand: "acme", span: "month", start: "2025-03-01" },
        ])
        .execute();
      expect(await waiting()).toBe(2);
      await refreshAllSpans(fresh.db.cdb.db, backend);
      expect(await waiting()).toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it("labels request latency by route pattern and status class, never by raw path", async () => {
    await api.call("GET", "/v1/tickets/T-1?brand=acme");
    await api.call("GET", "/v1/tickets/T-does-not-exist?brand=acme");
    await api.call("GET", "/v1/tickets/T-2?brand=acme", { key: null });
    // Unknown GET paths are the dashboard's (client-side routes); anything else unmatched is a 404.
    await api.call("GET", "/some/dashboard/page-123");
    await api.call("POST", "/no/such/path/x-123", { body: {} });
    const s = await scrape(api);
    const n = (labels: Record<string, string>) =>
      value(s, "caliper_http_request_duration_seconds_count", { method: "GET", ...labels });
    expect(n({ route: "/v1/tickets/{id}", status_class: "2xx" })).toBe(1);
    expect(n({ route: "/v1/tickets/{id}", status_class: "4xx" })).toBe(2);
    expect(n({ route: "dashboard", status_class: "2xx" })).toBe(1);
    expect(
      value(s, "caliper_http_request_duration_seconds_count", {
        method: "POST",
        route: "unmatched",
        status_class: "4xx",
      }),
    ).toBe(1);
    expect(
      value(s, "caliper_http_request_duration_seconds_count", {
        method: "POST",
        route: "/v1/events",
        status_class: "2xx",
      }),
    ).toBeGreaterThanOrEqual(2);
    const routes = new Set(s.filter((x) => x.name.startsWith("caliper_http_")).map((x) => x.labels.route));
    for (const r of routes) expect(r ?? "").not.toMatch(/T-1|T-2|T-does|x-123|page-123/);
    expect(s.some((x) => x.name === "caliper_http_request_duration_seconds_bucket" && x.labels.le === "+Inf")).toBe(
      true,
    );
    expect(value(s, "caliper_http_requests_in_flight")).toBe(1);
  });

  it("includes process metrics", async () => {
    const s = await scrape(api);
    for (const name of [
      "process_cpu_user_seconds_total",
      "process_resident_memory_bytes",
      "nodejs_heap_size_used_bytes",
      "nodejs_eventloop_lag_seconds",
    ])
      expect(value(s, name), name).toBeGreaterThanOrEqual(0);
  });

  it("serves the same metrics without a key on a separate listener (CALIPER_METRICS_PORT)", async () => {
    const server = await startMetricsServer(opsMetrics(api.services), 0, "127.0.0.1");
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const r = await fetch(server.url);
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      const s = parse(await r.text());
      expect(value(s, "caliper_ingest_events_total", { outcome: "accepted" })).toBe(2);
      expect((await fetch(server.url.replace("/metrics", "/v1/events"))).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
