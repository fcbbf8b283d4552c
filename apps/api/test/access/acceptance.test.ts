import { TEST_BACKENDS } from "@caliper/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../support.ts";

const ev = (
  id: string,
  type: string,
  ticketId: string,
  at: string,
  data: object,
  actor: object = { type: "customer", id: "c" },
) => ({
  id,
  type,
  brand: "acme",
  ticketId,
  at,
  actor,
  data,
});

describe.each(TEST_BACKENDS)("access acceptance on %s", (backend) => {
  let api: TestApi;
  let ag1: string;
  let ag2: string;
  const q = "brand=acme&from=2025-03-01T00:00:00Z&to=2025-03-08T00:00:00Z&asOf=2025-03-10T00:00:00Z";
  beforeAll(async () => {
    api = await createTestApi(backend);
    await api.call("POST", "/v1/events", {
      body: {
        events: [
          ev("1", "ticket.created", "T1", "2025-03-03T10:00:00Z", { channel: "email", category: "order" }),
          ev("2", "message.agent", "T1", "2025-03-03T11:00:00Z", { body: "hi" }, { type: "agent", id: "ag-1" }),
          ev("3", "ticket.created", "T2", "2025-03-03T10:00:00Z", { channel: "email", category: "order" }),
          ev("4", "message.agent", "T2", "2025-03-04T11:00:00Z", { body: "hi" }, { type: "agent", id: "ag-2" }),
        ],
      },
    });
    ag1 = await api.key("agent", ["acme"], "ag-1");
    ag2 = await api.key("agent", ["acme"], "ag-2");
  });
  afterAll(async () => {
    await api.close();
  });

  it("an agent reads its own scorecard and gets 403 for another agent's", async () => {
    const own = await api.call("GET", `/v1/agents/ag-1/scorecard?${q}`, { key: ag1 });
    expect(own.status).toBe(200);
    expect(own.json.figures).toMatchObject({ agent: "ag-1", tickets: 1 });
    expect((await api.call("GET", `/v1/agents/ag-2/scorecard?${q}`, { key: ag1 })).status).toBe(403);
  });

  it("an agent sees only its own clocks and tickets, and no team tables", async () => {
    const clocks = (await api.call("GET", `/v1/sla/clocks?${q}`, { key: ag2 })).json.clocks;
    expect(clocks.map((c: any) => c.ticketId)).toEqual(["T2"]);
    expect((await api.call("GET", "/v1/tickets/T1?brand=acme", { key: ag2 })).status).toBe(403);
    expect((await api.call("GET", "/v1/tickets/T2?brand=acme", { key: ag2 })).status).toBe(200);
    expect((await api.call("GET", `/v1/metrics/agents?${q}`, { key: ag1 })).status).toBe(403);
    expect((await api.call("GET", `/v1/metrics/overview?${q}`, { key: ag1 })).status).toBe(403);
  });

  it("a manager of one store gets 403 on another store; an ingest key cannot read metrics", async () => {
    const otherManager = await api.key("manager", ["other"]);
    expect((await api.call("GET", `/v1/metrics/overview?${q}`, { key: otherManager })).status).toBe(403);
    const manager = await api.key("manager", ["acme"]);
    expect((await api.call("GET", `/v1/metrics/overview?${q}`, { key: manager })).status).toBe(200);
    const ingest = await api.key("ingest", ["acme"]);
    expect((await api.call("GET", `/v1/metrics/overview?${q}`, { key: ingest })).status).toBe(403);
  });

  it("a key scoped to one brand may leave the brand out", async () => {
    const manager = await api.key("manager", ["acme"]);
    const r = await api.call("GET", "/v1/metrics/overview?from=2025-03-01T00:00:00Z&to=2025-03-08T00:00:00Z", {
      key: manager,
    });
    expect(r.status).toBe(200);
    expect(r.json.tickets.created).toBe(2);
    expect(
      (await api.call("GET", "/v1/metrics/overview?from=2025-03-01T00:00:00Z&to=2025-03-08T00:00:00Z")).status,
    ).toBe(400);
  });
});
