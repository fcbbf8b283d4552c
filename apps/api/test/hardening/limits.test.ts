import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { TEST_BACKENDS } from "@caliper/db/testing";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config.ts";
import { issueFeedbackToken } from "../../src/feedback/token.ts";
import { DEFAULT_KEY_RATE_LIMIT, keyRateLimit, TokenBuckets } from "../../src/http/rate-limit.ts";
import { ADMIN_KEY, countEvents, createTestApi, type TestApi } from "../support.ts";

/**
 * Body and batch limits (413), and rate limits (429 with Retry-After): the per-address limit
 * of customer feedback and the per-key limit of every authenticated route.
 */

const MB = 1024 * 1024;

const event = (i: number) => ({
  id: `lim-${i}`,
  type: "message.customer",
  brand: "acme",
  ticketId: "T1",
  at: "2025-03-03T12:00:00Z",
  data: { body: `message ${i}` },
});

/** A streamed body without Content-Length (chunked), as a proxy or a careless client sends it. */
function streamed(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(ctrl) {
      if (sent >= bytes) return ctrl.close();
      const n = Math.min(256 * 1024, bytes - sent);
      sent += n;
      ctrl.enqueue(new Uint8Array(n).fill(0x20));
    },
  });
}

/** Runs `fn` with CALIPER_RATE_LIMIT set (it is read when an app is created). */
async function withRateLimit<T>(value: string, fn: () => Promise<T>): Promise<T> {
  const before = process.env.CALIPER_RATE_LIMIT;
  process.env.CALIPER_RATE_LIMIT = value;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.CALIPER_RATE_LIMIT;
    else process.env.CALIPER_RATE_LIMIT = before;
  }
}

describe("token buckets", () => {
  it("allow a burst, refuse the next request with the seconds to wait, refill with time", () => {
    let now = 0;
    const b = new TokenBuckets(3, 60, () => now);
    expect([b.take("k"), b.take("k"), b.take("k")]).toEqual([0, 0, 0]);
    expect(b.take("k")).toBe(1);
    expect(b.take("other")).toBe(0);
    now += 1000;
    expect(b.take("k")).toBe(0);
    expect(b.take("k")).toBeGreaterThan(0);
    now += 60_000;
    expect([b.take("k"), b.take("k"), b.take("k"), b.take("k")]).toEqual([0, 0, 0, 1]);
  });
});

describe("CALIPER_RATE_LIMIT", () => {
  it("defaults far above normal use, takes a whole number per minute, 0 turns it off", () => {
    expect(keyRateLimit(undefined)).toBe(DEFAULT_KEY_RATE_LIMIT);
    expect(DEFAULT_KEY_RATE_LIMIT).toBeGreaterThanOrEqual(5000);
    expect(keyRateLimit("")).toBe(DEFAULT_KEY_RATE_LIMIT);
    expect(keyRateLimit("600")).toBe(600);
    expect(keyRateLimit("0")).toBe(0);
  });

  it.each(["abc", "-1", "1.5", "1e400", "NaN", "10/min"])("refuses %s at start", (value) => {
    expect(() => keyRateLimit(value)).toThrow(ConfigError);
  });
});

describe.each(TEST_BACKENDS)("limits on %s", (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(backend);
    await api.call("POST", "/v1/events", {
      body: {
        id: "t1",
        type: "ticket.created",
        brand: "acme",
        ticketId: "T1",
        at: "2025-03-03T10:00:00Z",
        data: { channel: "email", category: "order" },
      },
    });
  });
  afterAll(async () => {
    await api.close();
  });

  const post = (body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
    api.app.request("/v1/events", {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json", ...headers },
      body,
      ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
    } as RequestInit);

  it("refuses bodies over 5 MB with 413, whether the length is declared or streamed, storing nothing", async () => {
    const before = await countEvents(api);
    const declared = await post("x", { "content-length": String(5 * MB + 1) });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as any).error.code).toBe("payload_too_large");
    const chunked = await post(streamed(6 * MB));
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as any).error).toMatchObject({ code: "payload_too_large" });
    const big = await post(JSON.stringify({ events: [event(1)], padding: "x".repeat(5 * MB) }));
    expect(big.status).toBe(413);
    expect(await countEvents(api)).toBe(before);
  });

  it("over a real socket: judges a declared length before reading, counts a chunked body, takes one in bounds", async () => {
    const server = serve({ fetch: api.app.fetch, port: 0, hostname: "127.0.0.1" }) as Server;
    await new Promise<void>((done) => server.once("listening", () => done()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/events`;
    const headers = { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" };
    try {
      const before = await countEvents(api);
      const declared = await fetch(url, { method: "POST", headers, body: "x".repeat(5 * MB + 1) });
      expect(declared.status).toBe(413);
      expect(((await declared.json()) as any).error.code).toBe("payload_too_large");
      const chunked = await fetch(url, {
        method: "POST",
        headers,
        body: streamed(6 * MB),
        duplex: "half",
      } as RequestInit);
      expect(chunked.status).toBe(413);
      expect(await countEvents(api)).toBe(before);
      const ok = await fetch(url, { method: "POST", headers, body: JSON.stringify(event(3)) });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ accepted: 1, duplicates: 0 });
    } finally {
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    }
  });

  it("refuses a Content-Length that is not a number, naming the header", async () => {
    const res = await post("{}", { "content-length": "12abc" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.issues).toEqual([
      { path: "headers.content-length", message: "must be a whole number of bytes" },
    ]);
  });

  it("takes a body just under 5 MB", async () => {
    const padded = JSON.stringify({
      events: [{ ...event(2), data: { body: "ok", padding: "y".repeat(5 * MB - 500) } }],
    });
    expect(padded.length).toBeLessThan(5 * MB);
    const res = await post(padded);
    expect(res.status).toBe(200);
  });

  it("refuses 1001 events with 413 naming the limit, and takes 1000", async () => {
    const before = await countEvents(api);
    const many = (n: number, from = 0) => Array.from({ length: n }, (_, i) => event(from + i));
    for (const body of [JSON.stringify({ events: many(1001, 10) }), JSON.stringify(many(1001, 10))]) {
      const res = await post(body);
      expect(res.status).toBe(413);
      expect(((await res.json()) as any).error.issues).toEqual([
        { path: "events", message: "must hold at most 1000 events" },
      ]);
    }
    const nd = await post(
      many(1001, 10)
        .map((e) => JSON.stringify(e))
        .join("\n"),
      {
        "content-type": "application/x-ndjson",
      },
    );
    expect(nd.status).toBe(413);
    expect(await countEvents(api)).toBe(before);
    const ok = await post(JSON.stringify({ events: many(1000, 10) }));
    expect(ok.status).toBe(200);
    expect(await countEvents(api)).toBe(before + 1000);
  });

  it("limits customer feedback per address with 429 and Retry-After", async () => {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const { token } = issueFeedbackToken(api.services.config.secret, { brand: "acme", ticketId: "T1", exp });
    const statuses: number[] = [];
    let limited: Response | null = null;
    for (let i = 0; i < 15; i++) {
      const res = await api.app.request("/v1/feedback", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token, rating: 4 }),
      });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(limited).not.toBeNull();
    expect(Number((limited as Response).headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await (limited as Response).json()) as any).error.code).toBe("rate_limited");
  });

  it("limits each key on every authenticated route (CALIPER_RATE_LIMIT per minute), separately per key", async () => {
    const limited = await withRateLimit("5", () => createTestApi(backend));
    try {
      const manager = await limited.key("manager", ["acme"]);
      const other = await limited.key("manager", ["acme"]);
      const paths = ["/v1/me", "/v1/brands", "/v1/metrics/overview?brand=acme", "/v1/sla/clocks?brand=acme", "/v1/me"];
      for (const p of paths) expect((await limited.call("GET", p, { key: manager })).status).toBe(200);
      const refused = await limited.call("GET", "/v1/audits/samples?brand=acme", { key: manager });
      expect(refused.status).toBe(429);
      expect(refused.json.error.code).toBe("rate_limited");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(refused.json.error.requestId).toBe(refused.headers.get("x-request-id"));
      // Another key, and requests without a key, are not affected.
      expect((await limited.call("GET", "/v1/me", { key: other })).status).toBe(200);
      expect((await limited.call("GET", "/healthz", { key: null })).status).toBe(200);
      // A POST refused by the limit stores nothing.
      const before = await countEvents(limited);
      const ingest = await limited.key("ingest", ["acme"]);
      for (let i = 0; i < 5; i++) await limited.call("GET", "/v1/me", { key: ingest });
      const post = await limited.call("POST", "/v1/events", { key: ingest, body: event(5000) });
      expect(post.status).toBe(429);
      expect(await countEvents(limited)).toBe(before);
    } finally {
      await limited.close();
    }
  });

  it("does not limit when CALIPER_RATE_LIMIT=0", async () => {
    const open = await withRateLimit("0", () => createTestApi(backend));
    try {
      const key = await open.key("agent", ["acme"], "ag-1");
      for (let i = 0; i < 30; i++) expect((await open.call("GET", "/v1/me", { key })).status).toBe(200);
    } finally {
      await open.close();
    }
  });
});
