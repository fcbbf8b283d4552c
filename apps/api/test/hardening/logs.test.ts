import { saveConnector } from "@caliper/db";
import { TEST_BACKENDS } from "@caliper/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signChatwootPayload } from "../../src/connectors/chatwoot/index.ts";
import { connectorSecret } from "../../src/connectors/secret.ts";
import { jsonLogger } from "../../src/logger.ts";
import { ADMIN_KEY, createTestApi, type TestApi } from "../support.ts";

/**
 * The JSON logger's output while sending events with distinctive bodies, keys, feedback tokens
 * and comments, and failing requests that carry them: none of those strings appears in any
 * log line, whatever the outcome.
 */

describe.each(TEST_BACKENDS)("logs on %s", (backend) => {
  let api: TestApi;
  const lines: string[] = [];
  const secrets: string[] = [];
  /** A distinctive string that must never be logged. */
  const secret = (label: string) => {
    const s = `${label}-${Math.random().toString(36).slice(2)}-SENSITIVE`;
    secrets.push(s);
    return s;
  };

  beforeAll(async () => {
    api = await createTestApi(backend);
    api.services.logger = jsonLogger((line) => lines.push(line), "debug");
  });
  afterAll(async () => {
    await api.close();
  });

  it("logs requests without bodies, keys, tokens or comments", async () => {
    secrets.push(ADMIN_KEY);
    const ingest = await api.key("ingest", ["acme"]);
    const manager = await api.key("manager", ["acme"]);
    secrets.push(ingest, manager);
    const body = secret("message body");
    const subject = secret("subject");
    const created = {
      id: "log-1",
      type: "ticket.created",
      brand: "acme",
      ticketId: "T1",
      at: "2025-03-03T10:00:00Z",
      actor: { type: "customer", id: "c1" },
      data: { channel: "email", category: "order", subject },
    };
    const message = {
      id: "log-2",
      type: "message.customer",
      brand: "acme",
      ticketId: "T1",
      at: "2025-03-03T10:01:00Z",
      data: { body },
    };
    expect((await api.call("POST", "/v1/events", { key: ingest, body: { events: [created, message] } })).status).toBe(
      200,
    );
    expect(
      (
        await api.call("POST", "/v1/events", {
          key: ingest,
          contentType: "application/x-ndjson",
          body: JSON.stringify({ ...message, id: "log-3", data: { body: secret("ndjson body") } }),
        })
      ).status,
    ).toBe(200);

    // A feedback link, a rating with a comment, a tampered token.
    const link = await api.call("POST", "/v1/tickets/T1/feedback-link?brand=acme", { key: manager });
    expect(link.status).toBe(201);
    secrets.push(link.json.token, link.json.token.split(".")[1]);
    const comment = secret("comment");
    expect(
      (await api.call("POST", "/v1/feedback", { key: null, body: { token: link.json.token, rating: 2, comment } }))
        .status,
    ).toBe(201);
    const tampered = `${link.json.token.slice(0, -3)}${link.json.token.endsWith("abc") ? "xyz" : "abc"}`;
    expect((await api.call("POST", "/v1/feedback", { key: null, body: { token: tampered, rating: 5 } })).status).toBe(
      401,
    );

    // Failing requests that carry secrets: bad keys, invalid bodies, rejected events.
    const wrongKey = secret("cal_wrongkey");
    expect((await api.call("GET", "/v1/me", { key: wrongKey })).status).toBe(401);
    expect(
      (await api.call("GET", "/v1/me", { key: null, headers: { authorization: `Basic ${secret("basic")}` } })).status,
    ).toBe(401);
    expect(
      (await api.call("POST", "/v1/events", { key: ingest, body: `{"data":"${secret("broken json")}"` })).status,
    ).toBe(400);
    expect(
      (
        await api.call("POST", "/v1/events", {
          key: ingest,
          body: { ...message, id: "log-4", at: "2025-02-30T00:00:00Z", data: { body: secret("invalid event body") } },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api.call("POST", "/v1/events", {
          key: manager,
          body: { ...message, id: "log-5", data: { body: secret("forbidden") } },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api.call("POST", "/v1/checks/message", {
          key: manager,
          body: { brand: "acme", body: secret("draft reply") },
        })
      ).status,
    ).toBe(200);
    expect(
      (await api.call("GET", `/v1/metrics/overview?brand=acme&api_key=${secret("query key")}`, { key: manager }))
        .status,
    ).toBe(200);

    // A webhook with a valid signature whose payload is kept as a dead letter, and a forged one.
    await saveConnector(api.services.db, { brand: "acme", kind: "chatwoot", secretId: "logs", config: {} });
    const hookSecret = connectorSecret(api.services.config.secret, "chatwoot", "acme", "logs");
    secrets.push(hookSecret);
    const raw = JSON.stringify({ event: "message_created", content: secret("webhook content") });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = signChatwootPayload({ secret: hookSecret, timestamp, rawBody: raw });
    const hook = await api.app.request("/v1/connectors/chatwoot/acme", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-chatwoot-timestamp": timestamp,
        "x-chatwoot-signature": signature,
      },
      body: raw,
    });
    expect(hook.status).toBeLessThan(500);
    const forged = await api.app.request("/v1/connectors/chatwoot/acme", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-chatwoot-timestamp": timestamp,
        "x-chatwoot-signature": `sha256=${"0".repeat(64)}`,
      },
      body: JSON.stringify({ event: "message_created", content: secret("forged content") }),
    });
    expect(forged.status).toBe(401);

    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      const parsed = JSON.parse(line);
      expect(parsed).toHaveProperty("msg");
      for (const s of secrets) expect(line, `log line leaks ${s.slice(0, 20)}…`).not.toContain(s);
    }
    // Each request is logged once, identified by its request id (not by its content).
    expect(lines.filter((l) => JSON.parse(l).msg === "request").length).toBeGreaterThanOrEqual(14);
  });

  it("logs an internal error without the request's body", async () => {
    const broken = await createTestApi(backend);
    const errors: string[] = [];
    broken.services.logger = jsonLogger((line) => errors.push(line), "debug");
    const body = secret("body at a 500");
    await broken.db.drop();
    const res = await broken.call("POST", "/v1/events", {
      body: {
        id: "x",
        type: "message.customer",
        brand: "acme",
        ticketId: "T1",
        at: "2025-03-03T10:00:00Z",
        data: { body },
      },
    });
    expect(res.status).toBe(500);
    expect(res.json.error.code).toBe("internal");
    const unhandled = errors.map((l) => JSON.parse(l)).find((l) => l.msg === "unhandled error");
    // Client errors (ApiError) carry no stack; an unhandled one keeps its own, to find the fault.
    expect(unhandled?.stack).toMatch(/\n\s+at /);
    for (const line of errors) expect(line).not.toContain(body);
  });
});
