import { TEST_BACKENDS } from "@caliper/db/testing";
import { EVENT_TYPES } from "@caliper/domain";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countEvents, createTestApi, type TestApi } from "../support.ts";

const ev = (
  id: string,
  type: string,
  ticketId: string,
  at: string,
  data: object = {},
  actor: object = { type: "customer", id: "c-1" },
) => ({
  id,
  type,
  brand: "acme",
  ticketId,
  at,
  actor,
  data,
});
const created = (id: string, t: string, at = "2025-03-03T10:00:00Z") =>
  ev(id, "ticket.created", t, at, { channel: "email", category: "order" });
const agentReply = (id: string, t: string, at: string) =>
  ev(id, "message.agent", t, at, { body: "On it." }, { type: "agent", id: "a-1" });

const expectErrorShape = (json: any) => {
  expect(typeof json?.error?.code).toBe("string");
  expect(typeof json?.error?.message).toBe("string");
  expect(typeof json?.error?.requestId).toBe("string");
};

describe.each(TEST_BACKENDS)("POST /v1/events on %s", (backend) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await createTestApi(backend);
  });
  afterEach(async () => {
    await api.close();
  });

  it("needs a key", async () => {
    const r = await api.call("POST", "/v1/events", { key: null, body: created("e1", "T1") });
    expect(r.status).toBe(401);
    expectErrorShape(r.json);
    expect((await api.call("POST", "/v1/events", { key: "cal_nope", body: created("e1", "T1") })).status).toBe(401);
    expect(await countEvents(api)).toBe(0);
  });

  it("stores one event once and reports the repeat as a duplicate", async () => {
    const first = await api.call("POST", "/v1/events", { body: created("e1", "T1") });
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ accepted: 1, duplicates: 0 });
    const again = await api.call("POST", "/v1/events", { body: created("e1", "T1") });
    expect(again.json).toEqual({ accepted: 0, duplicates: 1 });
    expect(await countEvents(api)).toBe(1);
  });

  it("refuses a batch with one bad event, storing nothing and naming index and field", async () => {
    const r = await api.call("POST", "/v1/events", {
      body: {
        events: [
          created("e1", "T1"),
          { ...agentReply("e2", "T1", "later") },
          ev("e3", "feedback.submitted", "T1", "2025-03-03T12:00:00Z", { rating: 9 }),
        ],
      },
    });
    expect(r.status).toBe(400);
    expectErrorShape(r.json);
    const paths = r.json.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain("events.1.at");
    expect(paths).toContain("events.2.data.rating");
    expect(await countEvents(api)).toBe(0);
  });

  it("checks per-type required fields", async () => {
    const r = await api.call("POST", "/v1/events", {
      body: {
        events: [
          { id: "x", type: "order.placed", brand: "acme", at: "2025-03-03T10:00:00Z" },
          {
            id: "y",
            type: "message.agent",
            brand: "acme",
            ticketId: "T",
            at: "2025-03-03T10:00:00Z",
            actor: { type: "agent" },
          },
        ],
      },
    });
    expect(r.status).toBe(400);
    const paths = r.json.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["events.0.orderId", "events.1.actor.id"]));
  });

  it("rejects impossible dates, unknown types and bad JSON with 400", async () => {
    expect((await api.call("POST", "/v1/events", { body: created("e1", "T1", "2025-02-30T10:00:00Z") })).status).toBe(
      400,
    );
    expect(
      (await api.call("POST", "/v1/events", { body: { ...created("e1", "T1"), type: "ticket.exploded" } })).status,
    ).toBe(400);
    const bad = await api.call("POST", "/v1/events", { body: "{not json" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("invalid_json");
    expect((await api.call("POST", "/v1/events", { body: "[]" })).status).toBe(400);
    expect((await api.call("POST", "/v1/events", { body: "a,b", contentType: "text/csv" })).status).toBe(415);
    expect(await countEvents(api)).toBe(0);
  });

  it("answers an unknown type with its field path and the list of valid types", async () => {
    const expected = `must be one of: ${EVENT_TYPES.join(", ")}`;
    const batch = await api.call("POST", "/v1/events", {
      body: { events: [{ ...created("e1", "T1"), type: "ticket.exploded" }, created("e2", "T2")] },
    });
    expect(batch.status).toBe(400);
    expect(batch.json.error.code).toBe("validation_failed");
    expect(batch.json.error.issues).toContainEqual({ path: "events.0.type", message: expected });
    expect(batch.text).not.toContain("DESIGN.md");
    const single = await api.call("POST", "/v1/events", { body: { ...created("e1", "T1"), type: "ticket" } });
    expect(single.json.error.issues).toContainEqual({ path: "type", message: expected });
    expect(await countEvents(api)).toBe(0);
  });

  it("names every bad field of an event in one answer, the envelope's and its type's", async () => {
    const res = await api.call("POST", "/v1/events", {
      body: {
        events: [
          created("e1", "T1"),
          { id: "e2", type: "refund.issued", at: "2025-03-03T10:00:00Z", data: { amount: "3" } },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toEqual([
      { path: "events.1.brand", message: "is required" },
      { path: "events.1.orderId", message: "is required for refund.issued" },
      { path: "events.1.data.amount", message: "must be a number, not text" },
      { path: "events.1.data.currency", message: "is required" },
    ]);
    expect(await countEvents(api)).toBe(0);
  });

  it("takes NDJSON and reports bad lines by index", async () => {
    const lines = [created("e1", "T1"), agentReply("e2", "T1", "2025-03-03T11:00:00Z")]
      .map((e) => JSON.stringify(e))
      .join("\n");
    const r = await api.call("POST", "/v1/events", { body: `${lines}\n`, contentType: "application/x-ndjson" });
    expect(r.json).toEqual({ accepted: 2, duplicates: 0 });
    const bad = await api.call("POST", "/v1/events", { body: `${lines}\n{"id":`, contentType: "application/x-ndjson" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toBe("events.2");
  });

  it("refuses more than 1000 events and oversized bodies with 413", async () => {
    const events = Array.from({ length: 1001 }, (_, i) => created(`e${i}`, `T${i}`));
    const r = await api.call("POST", "/v1/events", { body: { events } });
    expect(r.status).toBe(413);
    expectErrorShape(r.json);
    const huge = await api.call("POST", "/v1/events", {
      body: {
        events: [
          {
            ...created("e1", "T1"),
            data: { channel: "email", category: "order", subject: "x".repeat(6 * 1024 * 1024) },
          },
        ],
      },
    });
    expect(huge.status).toBe(413);
    expect(await countEvents(api)).toBe(0);
  });

  it("refuses events of a brand outside an ingest key's scope, storing nothing", async () => {
    const key = await api.key("ingest", ["other"]);
    const r = await api.call("POST", "/v1/events", {
      key,
      body: { events: [{ ...created("e1", "T1"), brand: "other" }, created("e2", "T2")] },
    });
    expect(r.status).toBe(403);
    expect(await countEvents(api)).toBe(0);
    const ok = await api.call("POST", "/v1/events", { key, body: { ...created("e1", "T1"), brand: "other" } });
    expect(ok.status).toBe(200);
  });

  it("returns a ticket with its full timeline in time order", async () => {
    await api.call("POST", "/v1/events", {
      body: { events: [agentReply("e2", "T1", "2025-03-03T11:00:00Z"), created("e1", "T1")] },
    });
    const r = await api.call("GET", "/v1/tickets/T1?brand=acme");
    expect(r.status).toBe(200);
    expect(r.json.ticket).toMatchObject({ ticketId: "T1", status: "open", firstReplyAt: "2025-03-03T11:00:00.000Z" });
    expect(r.json.timeline.map((e: { id: string }) => e.id)).toEqual(["e1", "e2"]);
    expect((await api.call("GET", "/v1/tickets/T404?brand=acme")).status).toBe(404);
    const noBrand = await api.call("GET", "/v1/tickets/T1");
    expect(noBrand.status).toBe(400);
    expect(noBrand.json.error.issues[0].path).toBe("query.brand");
  });

  it("gives the same ticket state for single, batch, NDJSON and shuffled delivery", async () => {
    const events = [
      created("e1", "T1"),
      agentReply("e2", "T1", "2025-03-03T11:00:00Z"),
      ev("e3", "ticket.status", "T1", "2025-03-03T12:00:00Z", { status: "solved" }, { type: "agent", id: "a-1" }),
      ev("e4", "ticket.status", "T1", "2025-03-04T12:00:00Z", { status: "open" }, { type: "customer", id: "c-1" }),
      ev("e5", "ticket.status", "T1", "2025-03-05T12:00:00Z", { status: "closed" }, { type: "agent", id: "a-1" }),
    ];
    const single = await createTestApi(backend);
    const nd = await createTestApi(backend);
    try {
      for (const e of [...events].reverse()) await single.call("POST", "/v1/events", { body: e });
      await api.call("POST", "/v1/events", {
        body: { events: [events[3], events[0], events[4], events[2], events[1]] },
      });
      await nd.call("POST", "/v1/events", {
        body: events.map((e) => JSON.stringify(e)).join("\n"),
        contentType: "application/x-ndjson",
      });
      const read = async (a: TestApi) => (await a.call("GET", "/v1/tickets/T1?brand=acme")).json.ticket;
      const expected = await read(api);
      expect(expected).toMatchObject({ status: "closed", reopens: 1, solvedAt: "2025-03-05T12:00:00.000Z" });
      expect(await read(single)).toEqual(expected);
      expect(await read(nd)).toEqual(expected);
    } finally {
      await single.close();
      await nd.close();
    }
  });
});
