import { readFileSync } from "node:fs";
import { TEST_BACKENDS } from "@caliper/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../support.ts";

const labelled = readFileSync(
  new URL("../../../../packages/policy/test/fixtures/qa-messages.jsonl", import.meta.url),
  "utf8",
)
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as { brand: string; category: string; body: string; rules: string[] });

describe("POST /v1/checks/message", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi("sqlite");
  });
  afterAll(async () => {
    await api.close();
  });

  it("scores the public labelled set (micro precision and recall over message x rule)", async () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const c of labelled) {
      const r = await api.call("POST", "/v1/checks/message", {
        body: { brand: c.brand, body: c.body, category: c.category },
      });
      expect(r.status).toBe(200);
      for (const f of r.json.flags) {
        expect(c.body.slice(f.evidence.start, f.evidence.end)).toBe(f.evidence.text);
        expect(typeof f.policy).toBe("string");
      }
      const got = new Set<string>(r.json.flags.map((f: any) => f.rule));
      for (const g of got) c.rules.includes(g) ? tp++ : fp++;
      for (const w of c.rules) if (!got.has(w)) fn++;
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(
      `public labelled set through the API: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${labelled.length} messages)`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.85);
  });

  it("names bad fields and refuses brands outside the key's scope", async () => {
    const bad = await api.call("POST", "/v1/checks/message", { body: { brand: "jewelry", body: 5 } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toBe("body.body");
    const key = await api.key("agent", ["eyewear"], "eyewear/ana");
    expect((await api.call("POST", "/v1/checks/message", { key, body: { brand: "eyewear", body: "ok" } })).status).toBe(
      200,
    );
    expect((await api.call("POST", "/v1/checks/message", { key, body: { brand: "jewelry", body: "ok" } })).status).toBe(
      403,
    );
  });
});

describe.each(TEST_BACKENDS)("flags at ingest on %s", (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(backend);
  });
  afterAll(async () => {
    await api.close();
  });

  it("flags rule-breaking agent messages, shows them on the ticket and counts them", async () => {
    const at = (h: number) => `2025-03-03T${String(h).padStart(2, "0")}:00:00Z`;
    await api.call("POST", "/v1/events", {
      body: {
        events: [
          {
            id: "c",
            type: "ticket.created",
            brand: "jewelry",
            ticketId: "T1",
            at: at(9),
            actor: { type: "customer", id: "x" },
            data: { channel: "contact_form", category: "return_refund" },
          },
          {
            id: "m1",
            type: "message.agent",
            brand: "jewelry",
            ticketId: "T1",
            at: at(10),
            actor: { type: "agent", id: "j/ana" },
            data: { body: "Good news, your refund will be back on your card within 48 hours!" },
          },
          {
            id: "m2",
            type: "message.agent",
            brand: "jewelry",
            ticketId: "T1",
            at: at(11),
            actor: { type: "agent", id: "j/ana" },
            data: { body: "Once we receive and inspect your return, your refund will be processed within 5-10 days." },
          },
        ],
      },
    });
    const t = (await api.call("GET", "/v1/tickets/T1?brand=jewelry")).json;
    expect(t.flags).toHaveLength(1);
    expect(t.flags[0]).toMatchObject({ rule: "promise.refund_timeline", eventId: "m1", agent: "j/ana" });
    expect(t.flags[0].body.slice(t.flags[0].evidence.start, t.flags[0].evidence.end)).toBe(t.flags[0].evidence.text);
    const o = (
      await api.call("GET", "/v1/metrics/overview?brand=jewelry&from=2025-03-01T00:00:00Z&to=2025-03-08T00:00:00Z")
    ).json;
    expect(o.qa.flags).toBe(1);
  });
});
