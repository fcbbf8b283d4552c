import { TEST_BACKENDS } from "@caliper/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_KEY, createTestApi, type TestApi } from "../support.ts";

/** More than EXACT_LIMIT (5,000): an exact read of them is made of parts. */
const TICKETS = 6_000;

/**
 * Long reads share the server: SQLite reads are synchronous, so an export or an exact read over
 * many days must give the event loop a turn between its chunks, or health checks and every
 * other request would wait for its end.
 */
describe.each(TEST_BACKENDS)("long reads on %s", (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(backend);
    for (let i = 0; i < TICKETS; i += 500) {
      const events = Array.from({ length: 500 }, (_, k) => ({
        id: `e-${i + k}`,
        type: "ticket.created",
        brand: "eyewear",
        ticketId: `t-${String(i + k).padStart(5, "0")}`,
        at: new Date(Date.UTC(2026, 10, 1) + (i + k) * 7 * 60_000).toISOString(),
        data: { channel: "contact_form", customerId: `c${i + k}`, subject: "Where is my order?", category: "shipping" },
      }));
      const res = await api.call("POST", "/v1/events", { body: { events } });
      expect(res.status).toBeLessThan(300);
    }
  }, 120_000);
  afterAll(async () => {
    await api?.close();
  });

  it("answers precision=exact over a month while timers run between its parts", async () => {
    let timerFired = false;
    setTimeout(() => {
      timerFired = true;
    }, 0);
    const pending = api.call(
      "GET",
      "/v1/metrics/overview?brand=eyewear&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&precision=exact",
    );
    let answeredBeforeTimer = false;
    void pending.then(() => {
      answeredBeforeTimer = !timerFired;
    });
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.json.precision).toBe("exact");
    expect(res.json.tickets.created).toBe(TICKETS);
    expect(answeredBeforeTimer).toBe(false);
  });

  it("streams every ticket of a CSV export while timers and other requests run between its chunks", async () => {
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
