import { saveConnector } from "@caliper/db";
import { TEST_BACKENDS } from "@caliper/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signChatwootPayload } from "../../src/connectors/chatwoot/index.ts";
import { connectorSecret } from "../../src/connectors/secret.ts";
import { createTestApi, type TestApi } from "../support.ts";
import { chatwootBody } from "./fixtures.ts";

const brand = "eyewear";
const NOW = new Date("2026-03-02T09:20:00Z");
/** Conversation 42 as Chatwoot sends it: repeats, a redelivery, a bot reply, the CSAT survey and its answer. */
const DELIVERIES = [
  "conversation_created",
  "message_created.incoming",
  "message_created.agent_bot",
  "conversation_status_changed.open",
  "conversation_updated.status_open",
  "conversation_updated.assignee",
  "message_created.private_note",
  "message_created.agent_reply",
  "message_created.agent_reply",
  "conversation_updated.first_reply",
  "message_created.incoming_reply",
  "conversation_status_changed.resolved",
  "conversation_updated.status_resolved",
  "message_created.template_csat",
  "message_updated.csat_response",
  "message_updated.csat_response",
  "contact_created",
];

/** The same conversation sent as Caliper events (what an integration would write by hand). */
const HAND_WRITTEN = [
  {
    id: "h1",
    type: "ticket.created",
    at: "2026-03-02T09:00:00Z",
    actor: { type: "customer", id: "c58" },
    data: { channel: "chat", category: "other" },
  },
  {
    id: "h2",
    type: "message.customer",
    at: "2026-03-02T09:00:01Z",
    actor: { type: "customer", id: "c58" },
    data: { body: "Where is my order?" },
  },
  {
    id: "h3",
    type: "message.agent",
    at: "2026-03-02T09:00:03Z",
    actor: { type: "bot", id: "bot" },
    data: { body: "An agent will be with you shortly.", automated: true },
  },
  { id: "h4", type: "ticket.assigned", at: "2026-03-02T09:04:10Z", data: { agentId: "cw-user-7" } },
  {
    id: "h5",
    type: "message.agent",
    at: "2026-03-02T09:06:40Z",
    actor: { type: "agent", id: "cw-user-7" },
    data: { body: "Your order ships today." },
  },
  {
    id: "h6",
    type: "message.customer",
    at: "2026-03-02T09:08:15Z",
    actor: { type: "customer", id: "c58" },
    data: { body: "Thanks!" },
  },
  { id: "h7", type: "ticket.status", at: "2026-03-02T09:10:00Z", data: { status: "solved" } },
  {
    id: "h8",
    type: "feedback.submitted",
    at: "2026-03-02T09:14:30Z",
    actor: { type: "customer", id: "c58" },
    data: { rating: 4 },
  },
].map((e) => ({ ...e, brand, ticketId: "42" }));

const OVERVIEW = `/v1/metrics/overview?brand=${brand}&from=2026-03-01T00:00:00Z&to=2026-03-03T00:00:00Z&asOf=2026-03-02T09:20:00Z`;

describe.each(TEST_BACKENDS)("Chatwoot webhooks through the API on %s", (backend) => {
  let webhook: TestApi;
  let direct: TestApi;
  let secret: string;
  const post = (
    api: TestApi,
    name: string,
    sign: { secret: string; timestamp: string } | null,
    key: string | null = null,
  ) => {
    const body = chatwootBody(name);
    const headers: Record<string, string> = {};
    if (sign) {
      headers["x-chatwoot-timestamp"] = sign.timestamp;
      headers["x-chatwoot-signature"] = signChatwootPayload({
        secret: sign.secret,
        timestamp: sign.timestamp,
        rawBody: body,
      });
    }
    return api.call("POST", `/v1/connectors/chatwoot/${brand}`, { key, body, headers });
  };
  const ts = () => String(Math.floor(NOW.getTime() / 1000));

  beforeAll(async () => {
    webhook = await createTestApi(backend, { now: () => NOW });
    direct = await createTestApi(backend, { now: () => NOW });
    const c = await saveConnector(webhook.services.db, { brand, kind: "chatwoot", secretId: "sid-1", config: {} });
    secret = connectorSecret(webhook.services.config.secret, "chatwoot", brand, c.secretId);
  });
  afterAll(async () => {
    await webhook.close();
    await direct.close();
  });

  it("counts a conversation once, with all of Chatwoot's repeats, the bot reply ignored", async () => {
    const statuses = [];
    for (const name of DELIVERIES) statuses.push((await post(webhook, name, { secret, timestamp: ts() })).status);
    expect(statuses.every((s) => s === 200 || s === 202)).toBe(true);
    // Delivering everything again adds nothing.
    for (const name of DELIVERIES) {
      const r = await post(webhook, name, { secret, timestamp: ts() });
      if (r.status === 200) expect(r.json.accepted).toBe(0);
    }
    await direct.call("POST", "/v1/events", { body: { events: HAND_WRITTEN } });
    const a = (await webhook.call("GET", OVERVIEW)).json;
    const b = (await direct.call("GET", OVERVIEW)).json;
    expect(a.tickets).toEqual({ created: 1, solved: 1, open: 0 });
    expect(a.firstResponse.medianSeconds).toBe(400);
    expect(a.firstResponse.medianSeconds).toBe(b.firstResponse.medianSeconds);
    expect(a.csat).toEqual(b.csat);
    expect(a.sla.first_response).toEqual(b.sla.first_response);
    const t = (await webhook.call("GET", `/v1/tickets/42?brand=${brand}`)).json;
    expect(t.ticket.status).toBe("solved");
    expect(t.feedback).toEqual([{ rating: 4, comment: "Quick and kind, thanks!", at: "2026-03-02T09:14:30.000Z" }]);
  });

  it("checks the signature: wrong secret, body signed without the timestamp, stale timestamp, none", async () => {
    expect((await post(webhook, "conversation_created", { secret: "wrong", timestamp: ts() })).status).toBe(401);
    const body = chatwootBody("conversation_created");
    const noTs = await webhook.call("POST", `/v1/connectors/chatwoot/${brand}`, {
      key: null,
      body,
      headers: {
        "x-chatwoot-timestamp": ts(),
        "x-chatwoot-signature": signChatwootPayload({ secret, timestamp: "", rawBody: body }).replace(
          /^sha256=/,
          "sha256=",
        ),
      },
    });
    expect(noTs.status).toBe(401);
    const stale = String(Math.floor(NOW.getTime() / 1000) - 301);
    expect((await post(webhook, "conversation_created", { secret, timestamp: stale })).status).toBe(401);
    expect((await post(webhook, "conversation_created", null)).status).toBe(401);
  });

  it("accepts an ingest key instead of a signature, for its brand only", async () => {
    const key = await webhook.key("ingest", [brand]);
    expect((await post(webhook, "conversation_created", null, key)).status).toBe(200);
    const other = await webhook.key("ingest", ["jewelry"]);
    expect((await post(webhook, "conversation_created", null, other)).status).toBe(403);
  });

  it("keeps unmappable payloads as dead letters (202) and refuses malformed JSON (400)", async () => {
    const sign = (body: string) => ({
      "x-chatwoot-timestamp": ts(),
      "x-chatwoot-signature": signChatwootPayload({ secret, timestamp: ts(), rawBody: body }),
    });
    const odd = JSON.stringify({ event: "message_created", id: 5, conversation: {} });
    const r = await webhook.call("POST", `/v1/connectors/chatwoot/${brand}`, {
      key: null,
      body: odd,
      headers: sign(odd),
    });
    expect(r.status).toBe(202);
    expect(r.json.deadLetter).toBeTruthy();
    const letters = (await webhook.call("GET", `/v1/connectors/dead-letters?brand=${brand}`)).json.deadLetters;
    expect(letters[0]).toMatchObject({ brand, source: "chatwoot", payload: odd });
    const bad = "{not json";
    expect(
      (await webhook.call("POST", `/v1/connectors/chatwoot/${brand}`, { key: null, body: bad, headers: sign(bad) }))
        .status,
    ).toBe(400);
  });
});
