import { TEST_BACKENDS } from "@caliper/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { issueFeedbackToken, verifyFeedbackToken } from "../../src/feedback/token.ts";
import { createTestApi, type TestApi } from "../support.ts";

const created = (t: string) => ({
  id: `c-${t}`,
  type: "ticket.created",
  brand: "acme",
  ticketId: t,
  at: "2025-03-03T10:00:00Z",
  actor: { type: "customer", id: "cust-1" },
  data: { channel: "email", category: "order" },
});

describe("feedback tokens", () => {
  const secret = "s".repeat(40);
  const now = new Date("2025-03-03T12:00:00Z");
  const exp = Math.floor(now.getTime() / 1000) + 3600;

  it("verify what they sign", () => {
    const { token } = issueFeedbackToken(secret, { brand: "acme", ticketId: "T1", exp });
    expect(verifyFeedbackToken(secret, token, now)).toMatchObject({
      ok: true,
      claims: { brand: "acme", ticketId: "T1", exp },
    });
  });

  it("refuse a token signed with another secret (forged)", () => {
    const { token } = issueFeedbackToken("x".repeat(40), { brand: "acme", ticketId: "T1", exp });
    expect(verifyFeedbackToken(secret, token, now)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("refuse a token whose payload was changed (tampered)", () => {
    const { token } = issueFeedbackToken(secret, { brand: "acme", ticketId: "T1", exp });
    const [body, sig] = token.split(".") as [string, string];
    const payload = JSON.parse(Buffer.from(body, "base64url").toString());
    payload.t = "T2";
    const forged = `${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${sig}`;
    expect(verifyFeedbackToken(secret, forged, now)).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifyFeedbackToken(secret, `${body}.${sig.slice(0, -2)}AA`, now).ok).toBe(false);
    expect(verifyFeedbackToken(secret, "garbage", now)).toEqual({ ok: false, reason: "malformed" });
  });

  it("refuse an expired token", () => {
    const { token } = issueFeedbackToken(secret, { brand: "acme", ticketId: "T1", exp });
    expect(verifyFeedbackToken(secret, token, new Date((exp + 1) * 1000))).toEqual({ ok: false, reason: "expired" });
  });
});

describe.each(TEST_BACKENDS)("customer feedback on %s", (backend) => {
  let api: TestApi;
  let clock = new Date("2025-03-04T09:00:00Z");
  beforeEach(async () => {
    clock = new Date("2025-03-04T09:00:00Z");
    api = await createTestApi(backend, { now: () => clock });
    await api.call("POST", "/v1/events", { body: { events: [created("T1"), created("T2")] } });
  });
  afterEach(async () => {
    await api.close();
  });

  const link = async (t: string, key?: string) =>
    (await api.call("POST", `/v1/tickets/${t}/feedback-link?brand=acme`, { body: {}, ...(key ? { key } : {}) })).json;

  it("lets a customer rate the ticket of the link, and change the rating later", async () => {
    const l = await link("T1");
    expect(l.url).toContain("/feedback#token=");
    expect(Date.parse(l.expiresAt) - clock.getTime()).toBe(14 * 86_400_000);
    const first = await api.call("POST", "/v1/feedback", {
      key: null,
      body: { token: l.token, rating: 2, comment: "<script>alert(1)</script> slow" },
    });
    expect(first.status).toBe(201);
    clock = new Date("2025-03-05T09:00:00Z");
    expect((await api.call("POST", "/v1/feedback", { key: null, body: { token: l.token, rating: 5 } })).status).toBe(
      201,
    );
    const t = (await api.call("GET", "/v1/tickets/T1?brand=acme")).json;
    expect(t.feedback.map((f: any) => f.rating)).toEqual([2, 5]);
    expect(t.feedback[0].comment).toBe("<script>alert(1)</script> slow");
    const o = (
      await api.call("GET", "/v1/metrics/overview?brand=acme&from=2025-03-01T00:00:00Z&to=2025-03-08T00:00:00Z")
    ).json;
    expect(o.csat).toMatchObject({ responses: 1, satisfied: 1, score: 1 });
  });

  it("refuses a token for another ticket, a tampered one and an expired one", async () => {
    const l = await link("T1");
    expect(
      (await api.call("POST", "/v1/feedback", { key: null, body: { token: l.token, rating: 4, ticketId: "T2" } }))
        .status,
    ).toBe(403);
    expect(
      (await api.call("POST", "/v1/feedback", { key: null, body: { token: `${l.token}x`, rating: 4 } })).status,
    ).toBe(401);
    clock = new Date("2025-03-30T09:00:00Z");
    const expired = await api.call("POST", "/v1/feedback", { key: null, body: { token: l.token, rating: 4 } });
    expect(expired.status).toBe(401);
    expect(expired.json.error.message).toContain("expired");
    const t2 = (await api.call("GET", "/v1/tickets/T2?brand=acme")).json;
    expect(t2.feedback).toEqual([]);
  });

  it("validates rating and comment length and names the field", async () => {
    const l = await link("T1");
    const bad = await api.call("POST", "/v1/feedback", {
      key: null,
      body: { token: l.token, rating: 6, comment: "x".repeat(2001) },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues.map((i: any) => i.path).sort()).toEqual(["body.comment", "body.rating"]);
  });

  it("issues links only for existing tickets of the key's brands", async () => {
    expect((await api.call("POST", "/v1/tickets/T404/feedback-link?brand=acme", { body: {} })).status).toBe(404);
    const other = await api.key("ingest", ["other"]);
    expect((await api.call("POST", "/v1/tickets/T1/feedback-link?brand=acme", { key: other, body: {} })).status).toBe(
      403,
    );
    const ingest = await api.key("ingest", ["acme"]);
    expect((await link("T1", ingest)).token).toBeTruthy();
  });

  it("rate-limits submissions per address with 429 and Retry-After", async () => {
    const l = await link("T1");
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 15; i++) {
      const r = await api.call("POST", "/v1/feedback", { key: null, body: { token: l.token, rating: 3 } });
      statuses.push(r.status);
      if (r.status === 429) retryAfter = r.headers.get("retry-after");
    }
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
