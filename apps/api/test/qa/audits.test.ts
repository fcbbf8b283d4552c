import { TEST_BACKENDS } from "@caliper/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../support.ts";

const BRAND = "eyewear";
const AGENTS = ["eyewear/ana", "eyewear/ben", "eyewear/cy"];
const PERIOD = { from: "2025-03-01T00:00:00Z", to: "2025-04-01T00:00:00Z" };

/** 60 tickets over three agents; every fourth has a slow (breached) first reply, every fifth a low rating. */
function history() {
  const events: object[] = [];
  for (let i = 0; i < 60; i++) {
    const t = `T${String(i).padStart(2, "0")}`;
    const day = 3 + (i % 20);
    const created = `2025-03-${String(day).padStart(2, "0")}T10:00:00Z`;
    const replyDay = i % 4 === 0 ? day + 3 : day;
    const base = { brand: BRAND, ticketId: t };
    events.push({
      ...base,
      id: `${t}-c`,
      type: "ticket.created",
      at: created,
      actor: { type: "customer", id: `c${i}` },
      data: { channel: "contact_form", category: "order" },
    });
    events.push({ ...base, id: `${t}-a`, type: "ticket.assigned", at: created, data: { agentId: AGENTS[i % 3] } });
    events.push({
      ...base,
      id: `${t}-r`,
      type: "message.agent",
      at: `2025-03-${String(replyDay).padStart(2, "0")}T11:00:00Z`,
      actor: { type: "agent", id: AGENTS[i % 3] },
      data: { body: "Thanks for waiting, it's on its way." },
    });
    if (i % 5 === 0)
      events.push({
        ...base,
        id: `${t}-f`,
        type: "feedback.submitted",
        at: `2025-03-${String(replyDay).padStart(2, "0")}T12:00:00Z`,
        actor: { type: "customer" },
        data: { rating: 1 },
      });
  }
  return events;
}

const good = { accuracy: 4, resolution: 4, tone: 3, process: 4, timeliness: 3, misleading_promise: 4, privacy: 4 };

describe.each(TEST_BACKENDS)("audits on %s", (backend) => {
  let api: TestApi;
  let manager: string;
  let second: string;
  beforeAll(async () => {
    api = await createTestApi(backend, { now: () => new Date("2025-04-15T00:00:00Z") });
    await api.call("POST", "/v1/events", { body: { events: history() } });
    manager = await api.key("manager", [BRAND]);
    second = await api.key("manager", [BRAND]);
  });
  afterAll(async () => {
    await api.close();
  });

  const draw = (body: object) =>
    api.call("POST", "/v1/audits/samples", { key: manager, body: { brand: BRAND, ...PERIOD, ...body } });

  it("draws a reproducible stratified sample: the same request gives the same tickets", async () => {
    const a = await draw({ perAgent: 4, seed: "march", strategy: "risk" });
    expect(a.status).toBe(201);
    const b = await draw({ perAgent: 4, seed: "march", strategy: "risk" });
    expect(b.status).toBe(200);
    expect(b.json.sample.tickets).toEqual(a.json.sample.tickets);
    const perAgent = new Map<string, number>();
    for (const t of a.json.sample.tickets) perAgent.set(t.agent, (perAgent.get(t.agent) ?? 0) + 1);
    expect([...perAgent.values()]).toEqual([4, 4, 4]);
    for (const t of a.json.sample.tickets) expect(t.inclusionProbability).toBeGreaterThan(0);
    // Risky tickets (breaches, low ratings) have higher inclusion probabilities than quiet ones.
    const probs = a.json.sample.tickets.map((t: any) => t.inclusionProbability);
    expect(Math.max(...probs)).toBeGreaterThan(Math.min(...probs));
    const other = await draw({ perAgent: 4, seed: "april", strategy: "risk" });
    expect(other.json.sample.id).not.toBe(a.json.sample.id);
  });

  it("scores reviews: weighted mean, N/A left out, a critical fail scores 0, unknown categories named", async () => {
    const ok = await api.call("POST", "/v1/audits/reviews", {
      key: manager,
      body: { brand: BRAND, ticketId: "T01", ratings: { ...good, timeliness: null } },
    });
    expect(ok.status).toBe(201);
    expect(ok.json.review.score).toBeGreaterThanOrEqual(80);
    expect(ok.json.review.pass).toBe(true);
    const critical = await api.call("POST", "/v1/audits/reviews", {
      key: manager,
      body: { brand: BRAND, ticketId: "T02", ratings: { ...good, misleading_promise: 1 } },
    });
    expect(critical.json.review).toMatchObject({ score: 0, pass: false, criticalFail: true });
    const bad = await api.call("POST", "/v1/audits/reviews", {
      key: manager,
      body: { brand: BRAND, ticketId: "T03", ratings: { accuracy: 5, charm: 2 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues.map((i: any) => i.path).sort()).toEqual([
      "body.ratings.accuracy",
      "body.ratings.charm",
    ]);
    expect(
      (
        await api.call("POST", "/v1/audits/reviews", {
          key: manager,
          body: { brand: BRAND, ticketId: "nope", ratings: good },
        })
      ).status,
    ).toBe(404);
  });

  it("excludes reviewed tickets from new samples", async () => {
    const s = await draw({ perAgent: 30, seed: "all", strategy: "uniform" });
    const ids = s.json.sample.tickets.map((t: any) => t.ticketId);
    expect(ids).not.toContain("T01");
    expect(ids).not.toContain("T02");
    expect(ids.length).toBe(58);
  });

  it("estimates compliance from a uniform sample as the plain pass rate, and reports calibration", async () => {
    const s = (await draw({ perAgent: 2, seed: "cal", strategy: "uniform" })).json.sample;
    const tickets: string[] = s.tickets.map((t: any) => t.ticketId);
    for (const [i, ticketId] of tickets.entries()) {
      const ratings = i % 3 === 0 ? { ...good, accuracy: 1, resolution: 1, tone: 1 } : good;
      await api.call("POST", "/v1/audits/reviews", {
        key: manager,
        body: { brand: BRAND, ticketId, sampleId: s.id, ratings },
      });
      // A second reviewer rates the same tickets a notch lower: a calibration set.
      const lower = Object.fromEntries(
        Object.entries(ratings).map(([k, v]) => [k, Math.max(0, (v as number) - (k === "tone" ? 1 : 0))]),
      );
      await api.call("POST", "/v1/audits/reviews", {
        key: second,
        body: { brand: BRAND, ticketId, sampleId: s.id, ratings: lower },
      });
    }
    const summary = (await api.call("GET", `/v1/audits/summary?brand=${BRAND}&sampleId=${s.id}`, { key: manager }))
      .json;
    // A uniform sample per agent: the estimate is each agent's pass rate weighted by the agent's
    // share of the population (N_h = k / pi_h), i.e. the plain rate within each stratum.
    const strata = new Map<string, { n: number; pass: number; size: number }>();
    for (const [i, t] of s.tickets.entries()) {
      const h = strata.get(t.agent) ?? { n: 0, pass: 0, size: Math.round(2 / t.inclusionProbability) };
      h.n++;
      if (i % 3 !== 0) h.pass++;
      strata.set(t.agent, h);
    }
    const total = [...strata.values()].reduce((a, h) => a + h.size, 0);
    const expected = [...strata.values()].reduce((a, h) => a + (h.size / total) * (h.pass / h.n), 0);
    expect(summary.compliance.rate).toBeCloseTo(expected, 10);
    expect(summary.compliance.estimator).toBe("horvitz-thompson");
    expect(summary.compliance.ci95[0]).toBeLessThanOrEqual(summary.compliance.rate);
    expect(summary.calibration.tickets).toBe(tickets.length);
    expect(summary.calibration.alpha.accuracy).toBe(1);
    expect(summary.calibration.alpha.tone).toBeLessThan(1);
    expect(summary.calibration.reviewers).toHaveLength(2);
  });

  it("lets an agent read reviews of its own tickets only", async () => {
    const ana = await api.key("agent", [BRAND], "eyewear/ana");
    const reviews = (await api.call("GET", `/v1/audits/reviews?brand=${BRAND}`, { key: ana })).json.reviews;
    expect(reviews.length).toBeGreaterThan(0);
    for (const r of reviews) expect(r.agent).toBe("eyewear/ana");
    expect((await api.call("GET", `/v1/audits/reviews?brand=${BRAND}&agent=eyewear/ben`, { key: ana })).status).toBe(
      403,
    );
    expect(
      (
        await api.call("POST", "/v1/audits/reviews", {
          key: ana,
          body: { brand: BRAND, ticketId: "T03", ratings: good },
        })
      ).status,
    ).toBe(403);
  });
});

describe("samples agree across backends", () => {
  it("draws the same tickets on SQLite and PostgreSQL", async () => {
    const results = [];
    for (const backend of TEST_BACKENDS) {
      const api = await createTestApi(backend, { now: () => new Date("2025-04-15T00:00:00Z") });
      try {
        await api.call("POST", "/v1/events", { body: { events: history() } });
        const r = await api.call("POST", "/v1/audits/samples", {
          body: { brand: BRAND, ...PERIOD, perAgent: 5, seed: 42, strategy: "risk" },
        });
        results.push(r.json.sample.tickets);
      } finally {
        await api.close();
      }
    }
    for (const r of results) expect(r).toEqual(results[0]);
  });
});
