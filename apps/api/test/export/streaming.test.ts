import { TEST_BACKENDS } from "@caliper/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_KEY, createTestApi, type TestApi } from "../support.ts";

const TICKETS = 2_500;

/**
 * A long export shares the server: SQLite reads are synchronous, so the stream must give the
 * event loop a turn between its chunks, or health checks and every other request would wait for
 * its last line.
 */
describe.each(TEST_BACKENDS)("ticket CSV export on %s", (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(backend);
    for (let i = 0; i < TICKETS; i += 500) {
      const events = Array.from({ length: 500 }, (_, k) => ({
        id: `e-${i + k}`,
        type: "ticket.created",
        brand: "eyewear",
        ticketId: `t-${String(i + k).padStart(5, "0")}`,
        at: new Date(Date.UTC(2026, 10, 1) + (i + k) * 60_000).toISOString(),
        data: { channel: "contact_form", customerId: `c${i + k}`, subject: "Where is my order?", category: "shipping" },
      }));
      const res = await api.call("POST", "/v1/events", { body: { events } });
      expect(res.status).toBeLessThan(300);
    }
  }, 120_000);
  afterAll(async () => {
    await api?.close();
  });

  it("streams every ticket while timers and other requests run between its chunks", async () => {
    const res = await api.app.request(
      "/v1/export/tickets.csv?brand=eyewear&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z",
      { headers: { authorization: `Bearer ${ADMIN_KEY}` } },
    );
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let chunks = 0;
    let chunksWhenTimerFired = -1;
    setTimeout(() => {
      chunksWhenTimerFired = chunks;
    }, 0);
    const decoder = new TextDecoder();
    let text = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      text += decoder.decode(value, { stream: true });
    }
    const lines = text.split("\r\n").filter((l) => l !== "");
    expect(lines.length).toBe(TICKETS + 1);
    expect(lines[1]?.startsWith("eyewear,t-00000,")).toBe(true);
    expect(chunks).toBeGreaterThan(3);
    // The timer ran while the export was still streaming, not after its last chunk.
    expect(chunksWhenTimerFired).toBeGreaterThanOrEqual(0);
    expect(chunksWhenTimerFired).toBeLessThan(chunks);
  });
});
