import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CaliperApiError, createClient } from "../src/index.ts";

/** A real HTTP server that records requests and answers like the Caliper API would. */
let server: Server;
let base = "";
const seen: Array<{ method: string; url: string; auth: string | undefined; body: string }> = [];

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let b = "";
    req.on("data", (c) => {
      b += c;
    });
    req.on("end", () => resolve(b));
  });

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await read(req);
    seen.push({ method: req.method ?? "", url: req.url ?? "", auth: req.headers.authorization, body });
    if (req.url?.startsWith("/v1/metrics/overview?brand=nope")) {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          error: {
            code: "validation_failed",
            message: "bad brand",
            requestId: "r-1",
            issues: [{ path: "query.brand", message: "unknown" }],
          },
        }),
      );
      return;
    }
    if (req.url?.startsWith("/v1/export/tickets.csv")) {
      res.writeHead(200, { "content-type": "text/csv" });
      res.end("brand,ticket_id\r\nacme,T1\r\n");
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: true, path: req.url }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("createClient", () => {
  it("sends the key as a bearer header and filters as a query string, leaving out empty ones", async () => {
    const c = createClient({ baseUrl: base, key: "cal_secret" });
    await c.overview({ brand: "acme", from: "2025-03-01T00:00:00Z", agent: undefined, category: "" as never });
    const last = seen.at(-1);
    expect(last?.auth).toBe("Bearer cal_secret");
    expect(last?.url).toBe("/v1/metrics/overview?brand=acme&from=2025-03-01T00%3A00%3A00Z");
  });

  it("encodes ids in paths and posts JSON bodies", async () => {
    const c = createClient({ baseUrl: base, key: "k" });
    await c.ticket("acme", "T 1/2");
    expect(seen.at(-1)?.url).toBe("/v1/tickets/T%201%2F2?brand=acme");
    await c.createReview({ brand: "acme", ticketId: "T1", ratings: { accuracy: 4 } });
    expect(seen.at(-1)?.method).toBe("POST");
    expect(JSON.parse(seen.at(-1)?.body ?? "")).toEqual({ brand: "acme", ticketId: "T1", ratings: { accuracy: 4 } });
  });

  it("turns error answers into CaliperApiError with code, request id and issues", async () => {
    const c = createClient({ baseUrl: base, key: "k" });
    const err = await c.overview({ brand: "nope" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaliperApiError);
    expect(err).toMatchObject({
      status: 400,
      code: "validation_failed",
      requestId: "r-1",
      issues: [{ path: "query.brand", message: "unknown" }],
    });
  });

  it("downloads CSV with the key in a header, never in the URL", async () => {
    const c = createClient({ baseUrl: base, key: "cal_secret" });
    expect(await c.exportTickets({ brand: "acme" })).toBe("brand,ticket_id\r\nacme,T1\r\n");
    const last = seen.at(-1);
    expect(last?.url).not.toContain("cal_secret");
    expect(last?.auth).toBe("Bearer cal_secret");
  });

  it("sends no Authorization header without a key (customer feedback)", async () => {
    const c = createClient({ baseUrl: base, key: null });
    await c.submitFeedback({ token: "t", rating: 5 });
    expect(seen.at(-1)?.auth).toBeUndefined();
  });
});
