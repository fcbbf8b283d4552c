import { type CaliperEvent, EventInput, isHumanReply, LIMITS } from "@caliper/domain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ChatwootResult, mapChatwootPayload } from "../../src/connectors/chatwoot/index.ts";
import { chatwootPayload, clone } from "./fixtures.ts";

const brand = "eyewear";
const map = (payload: unknown, options: Partial<Parameters<typeof mapChatwootPayload>[1]> = {}) =>
  mapChatwootPayload(payload, { brand, ...options });

function events(result: ChatwootResult): CaliperEvent[] {
  if (result.kind !== "events") throw new Error(`expected events, got ${result.kind}: ${result.reason}`);
  return result.events;
}
const only = (result: ChatwootResult): CaliperEvent => {
  const list = events(result);
  expect(list).toHaveLength(1);
  return list[0] as CaliperEvent;
};

describe("conversation_created", () => {
  it("maps to ticket.created plus the customer's first message from messages[0]", () => {
    const [created, first] = events(map(chatwootPayload("conversation_created")));
    expect(created).toEqual({
      id: "cw-conv-42-created",
      type: "ticket.created",
      brand,
      ticketId: "42",
      at: "2026-03-02T09:00:00.000Z",
      actor: { type: "customer", id: "cw-contact-58" },
      data: { channel: "chat", category: "other", customerId: "cw-contact-58" },
    });
    expect(first).toMatchObject({
      id: "cw-msg-1001",
      type: "message.customer",
      ticketId: "42",
      at: "2026-03-02T09:00:01.000Z",
      actor: { type: "customer", id: "cw-contact-58" },
      data: { body: "Hi, my order O-552 still hasn't shipped. Can you check?" },
    });
  });

  it("takes the channel from the inbox override first, then the channel type, then the default", () => {
    const payload = chatwootPayload("conversation_created");
    expect(events(map(payload, { inboxChannels: { "3": "contact_form" } }))[0]?.data).toMatchObject({
      channel: "contact_form",
    });
    expect(events(map(payload, { inboxChannels: { "99": "phone" } }))[0]?.data).toMatchObject({ channel: "chat" });
    const unknown = clone(payload);
    unknown["channel"] = "Channel::CarrierPigeon";
    expect(events(map(unknown))[0]?.data).toMatchObject({ channel: "chat" });
    expect(events(map(unknown, { defaultChannel: "email" }))[0]?.data).toMatchObject({ channel: "email" });
    for (const [type, channel] of [
      ["Channel::Email", "email"],
      ["Channel::Api", "contact_form"],
      ["Channel::FacebookPage", "social"],
      ["Channel::Whatsapp", "chat"],
    ] as const) {
      const variant = clone(payload);
      variant["channel"] = type;
      expect(events(map(variant))[0]?.data).toMatchObject({ channel });
    }
  });

  it("reads subject, priority and a category label of an email conversation", () => {
    const payload = clone(chatwootPayload("conversation_created"));
    payload["channel"] = "Channel::Email";
    payload["additional_attributes"] = { mail_subject: "Where is O-552?", source: "email" };
    payload["priority"] = "medium";
    payload["labels"] = ["vip", "Shipping"];
    expect(events(map(payload))[0]?.data).toEqual({
      channel: "email",
      category: "shipping",
      priority: "normal",
      subject: "Where is O-552?",
      customerId: "cw-contact-58",
    });
    expect(events(map(payload, { labelCategories: { vip: "complaint" } }))[0]?.data).toMatchObject({
      category: "complaint",
    });
  });

  it("is created by the agent when the conversation starts with an agent's message", () => {
    const payload = clone(chatwootPayload("conversation_created"));
    const first = (payload["messages"] as Record<string, unknown>[])[0] as Record<string, unknown>;
    Object.assign(first, {
      message_type: 1,
      sender_type: "User",
      sender_id: 7,
      sender: { id: 7, name: "Sam Okafor", type: "user" },
    });
    const [created, message] = events(map(payload));
    expect(created?.actor).toEqual({ type: "agent", id: "cw-user-7" });
    expect(message).toMatchObject({ type: "message.agent", actor: { type: "agent", id: "cw-user-7" } });
  });

  it("maps a conversation without messages to ticket.created alone", () => {
    const payload = clone(chatwootPayload("conversation_created"));
    payload["messages"] = [];
    expect(only(map(payload)).type).toBe("ticket.created");
  });
});

describe("message_created", () => {
  it("maps an incoming message to the same event as the messages[0] it repeats", () => {
    const repeat = only(map(chatwootPayload("message_created.incoming")));
    const fromConversation = events(map(chatwootPayload("conversation_created")))[1];
    expect(repeat).toEqual(fromConversation);
  });

  it("maps a contact sender without `type` (older Chatwoot) to the customer", () => {
    expect(only(map(chatwootPayload("message_created.contact_without_type")))).toEqual({
      id: "cw-msg-512",
      type: "message.customer",
      brand,
      ticketId: "17",
      at: "2026-03-04T14:00:00.000Z",
      actor: { type: "customer", id: "cw-contact-31" },
      data: { body: "Hello, I need a return label for order O-311, the frames are too wide." },
    });
  });

  it("falls back to the conversation's contact when an incoming message has no sender", () => {
    const payload = clone(chatwootPayload("message_created.contact_without_type"));
    payload["sender"] = null;
    expect(only(map(payload)).actor).toEqual({ type: "customer", id: "cw-contact-31" });
  });

  it("maps an agent's reply to a human message.agent", () => {
    const e = only(map(chatwootPayload("message_created.agent_reply")));
    expect(e).toMatchObject({
      id: "cw-msg-1004",
      type: "message.agent",
      ticketId: "42",
      at: "2026-03-02T09:06:40.000Z",
      actor: { type: "agent", id: "cw-user-7" },
    });
    expect(e.data).not.toHaveProperty("automated");
    expect(isHumanReply(e)).toBe(true);
  });

  it("maps a private message to an internal note", () => {
    expect(only(map(chatwootPayload("message_created.private_note")))).toMatchObject({
      id: "cw-msg-1003",
      type: "note.internal",
      actor: { type: "agent", id: "cw-user-7" },
      data: { body: "O-552 is held at the warehouse: label never printed. Pinging logistics." },
    });
  });

  it("maps an agent bot's reply (sender.type agent_bot) to an automated reply", () => {
    const e = only(map(chatwootPayload("message_created.agent_bot")));
    expect(e).toMatchObject({
      id: "cw-msg-1002",
      type: "message.agent",
      actor: { type: "bot", id: "cw-bot-2" },
      data: { automated: true },
    });
    expect(isHumanReply(e)).toBe(false);
  });

  it("maps a template message (CSAT survey) to an automated reply", () => {
    const e = only(map(chatwootPayload("message_created.template_csat")));
    expect(e).toMatchObject({
      id: "cw-msg-1006",
      type: "message.agent",
      actor: { type: "bot" },
      data: { automated: true },
    });
    expect(isHumanReply(e)).toBe(false);
  });

  it("treats automation-rule and campaign messages as automated, even from a user", () => {
    const rule = clone(chatwootPayload("message_created.agent_reply"));
    rule["sender"] = null;
    rule["content_attributes"] = { automation_rule_id: 12 };
    expect(only(map(rule))).toMatchObject({ actor: { type: "system" }, data: { automated: true } });
    const campaign = clone(chatwootPayload("message_created.agent_reply"));
    campaign["additional_attributes"] = { campaign_id: 3 };
    const e = only(map(campaign));
    expect(e).toMatchObject({ actor: { type: "agent", id: "cw-user-7" }, data: { automated: true } });
    expect(isHumanReply(e)).toBe(false);
  });

  it("counts a reply echoed from the channel's native app as human, like Chatwoot does", () => {
    const echo = clone(chatwootPayload("message_created.agent_reply"));
    echo["sender"] = null;
    echo["content_attributes"] = { external_echo: true };
    const e = only(map(echo));
    expect(e.actor).toEqual({ type: "agent", id: "cw-external-echo" });
    expect(isHumanReply(e)).toBe(true);
  });

  it("maps an outgoing message without sender to an automated system reply", () => {
    const payload = clone(chatwootPayload("message_created.agent_reply"));
    payload["sender"] = null;
    expect(only(map(payload))).toMatchObject({ actor: { type: "system" }, data: { automated: true } });
  });

  it("ignores activity messages", () => {
    const payload = clone(chatwootPayload("message_created.agent_reply"));
    payload["message_type"] = "activity";
    payload["sender"] = null;
    expect(map(payload)).toMatchObject({ kind: "ignored" });
  });

  it("cuts bodies to the event limit and omits empty ones", () => {
    const long = clone(chatwootPayload("message_created.incoming"));
    long["content"] = "x".repeat(LIMITS.body + 50);
    expect((only(map(long)).data as { body: string }).body).toHaveLength(LIMITS.body);
    const empty = clone(chatwootPayload("message_created.incoming"));
    empty["content"] = null;
    expect(only(map(empty)).data).toEqual({});
  });

  it("dead-letters a message of an unknown type or an outgoing message from a contact", () => {
    const odd = clone(chatwootPayload("message_created.incoming"));
    odd["message_type"] = "carrier_pigeon";
    expect(map(odd)).toMatchObject({ kind: "unmappable", reason: expect.stringContaining("carrier_pigeon") });
    const contactOut = clone(chatwootPayload("message_created.incoming"));
    contactOut["message_type"] = "outgoing";
    expect(map(contactOut)).toMatchObject({ kind: "unmappable" });
  });
});

describe("conversation status", () => {
  it("maps a status change and its conversation_updated repeat to one event id", () => {
    const changed = only(map(chatwootPayload("conversation_status_changed.resolved")));
    const updated = only(map(chatwootPayload("conversation_updated.status_resolved")));
    expect(changed).toEqual({
      id: "cw-conv-42-status-resolved-1772442600",
      type: "ticket.status",
      brand,
      ticketId: "42",
      at: "2026-03-02T09:10:00.000Z",
      actor: { type: "system" },
      data: { status: "solved" },
    });
    expect(updated).toEqual(changed);
    expect(only(map(chatwootPayload("conversation_updated.status_open")))).toEqual(
      only(map(chatwootPayload("conversation_status_changed.open"))),
    );
  });

  it("maps snoozed to on_hold", () => {
    expect(only(map(chatwootPayload("conversation_status_changed.snoozed")))).toMatchObject({
      id: "cw-conv-42-status-snoozed-1772442520",
      data: { status: "on_hold" },
    });
  });

  it("falls back to `status` when changed_attributes is null (older Chatwoot)", () => {
    expect(only(map(chatwootPayload("conversation_status_changed.null_changed_attributes")))).toEqual({
      id: "cw-conv-17-status-resolved-1772636400",
      type: "ticket.status",
      brand,
      ticketId: "17",
      at: "2026-03-04T15:00:00.000Z",
      actor: { type: "system" },
      data: { status: "solved" },
    });
  });

  it("maps every Chatwoot status", () => {
    for (const [chatwoot, caliper] of [
      ["open", "open"],
      ["pending", "pending"],
      ["snoozed", "on_hold"],
      ["resolved", "solved"],
    ] as const) {
      const payload = clone(chatwootPayload("conversation_status_changed.resolved"));
      payload["changed_attributes"] = [{ status: { previous_value: "open", current_value: chatwoot } }];
      expect(only(map(payload)).data).toEqual({ status: caliper });
    }
  });

  it("gives the same status reached again later a different id", () => {
    const resolved = chatwootPayload("conversation_status_changed.resolved");
    const reopened = clone(resolved);
    reopened["changed_attributes"] = [{ status: { previous_value: "resolved", current_value: "open" } }];
    reopened["status"] = "open";
    reopened["updated_at"] = 1772443000.5;
    const resolvedAgain = clone(resolved);
    resolvedAgain["updated_at"] = 1772443500.25;
    const ids = [resolved, reopened, resolvedAgain].map((p) => only(map(p)).id);
    expect(new Set(ids).size).toBe(3);
  });

  it("dead-letters an unknown status", () => {
    const payload = clone(chatwootPayload("conversation_status_changed.resolved"));
    payload["changed_attributes"] = [{ status: { previous_value: "open", current_value: "archived" } }];
    expect(map(payload)).toMatchObject({ kind: "unmappable", reason: expect.stringContaining("archived") });
  });
});

describe("conversation_updated", () => {
  it("maps an assignee change to ticket.assigned", () => {
    expect(only(map(chatwootPayload("conversation_updated.assignee")))).toEqual({
      id: "cw-conv-42-assign-7-1772442250",
      type: "ticket.assigned",
      brand,
      ticketId: "42",
      at: "2026-03-02T09:04:10.000Z",
      actor: { type: "system" },
      data: { agentId: "cw-user-7" },
    });
  });

  it("ignores updates without a status or assignee change, and unassignment", () => {
    expect(map(chatwootPayload("conversation_updated.first_reply"))).toMatchObject({
      kind: "ignored",
      reason: expect.stringContaining("first_reply_created_at"),
    });
    const unassigned = clone(chatwootPayload("conversation_updated.assignee"));
    unassigned["changed_attributes"] = [{ assignee_id: { previous_value: 7, current_value: null } }];
    expect(map(unassigned)).toMatchObject({ kind: "ignored", reason: expect.stringContaining("unassignment") });
  });

  it("maps a save that changes both status and assignee to both events", () => {
    const payload = clone(chatwootPayload("conversation_updated.assignee"));
    payload["changed_attributes"] = [
      { status: { previous_value: "pending", current_value: "open" } },
      { assignee_id: { previous_value: null, current_value: 7 } },
    ];
    expect(events(map(payload)).map((e) => e.type)).toEqual(["ticket.status", "ticket.assigned"]);
  });
});

describe("what is not mapped", () => {
  it("ignores events Caliper does not use", () => {
    expect(map(chatwootPayload("contact_created"))).toEqual({
      kind: "ignored",
      reason: 'Chatwoot event "contact_created" is not mapped to Caliper events',
    });
    expect(map({ event: "conversation_typing_on", conversation: {} })).toMatchObject({ kind: "ignored" });
  });

  it("dead-letters garbage", () => {
    for (const garbage of [null, "hello", 42, [], {}, { event: "" }, { hello: "world" }]) {
      expect(map(garbage)).toMatchObject({ kind: "unmappable" });
    }
    expect(map({ event: "message_created", id: 5 })).toMatchObject({ kind: "unmappable" });
    expect(map({ event: "conversation_created", status: "open" })).toMatchObject({ kind: "unmappable" });
    for (const created of ["yesterday", 8640000000001000, -5, "9999-12-31T23:59:60+00:00x", 1e300]) {
      const noTime = clone(chatwootPayload("message_created.incoming"));
      noTime["created_at"] = created;
      expect(map(noTime)).toMatchObject({ kind: "unmappable", reason: expect.stringContaining("created_at") });
    }
    const farFuture = clone(chatwootPayload("conversation_status_changed.resolved"));
    farFuture["updated_at"] = 9e15;
    farFuture["timestamp"] = null;
    farFuture["last_activity_at"] = null;
    farFuture["created_at"] = null;
    expect(map(farFuture)).toMatchObject({ kind: "unmappable" });
  });

  it("dead-letters a payload whose events do not validate (bad brand)", () => {
    expect(mapChatwootPayload(chatwootPayload("message_created.incoming"), { brand: "Not A Brand" })).toMatchObject({
      kind: "unmappable",
      reason: expect.stringContaining("brand"),
    });
  });

  it("never throws, and every event it produces is valid", () => {
    const fixtures = [
      "conversation_created",
      "message_created.incoming",
      "conversation_updated.assignee",
      "conversation_status_changed.resolved",
    ].map(chatwootPayload);
    const payload = fc.oneof(
      fc.jsonValue(),
      fc.record(
        { event: fc.constantFrom("message_created", "conversation_created", "conversation_updated") },
        { noNullPrototype: true },
      ),
      // A fixture with one top-level attribute replaced by arbitrary JSON, or removed.
      fc
        .tuple(
          fc.constantFrom(...fixtures),
          fc.nat(),
          fc.option(fc.oneof(fc.jsonValue(), fc.double(), fc.integer({ min: -1e16, max: 1e16 }), fc.string()), {
            nil: undefined,
          }),
        )
        .map(([base, n, value]) => {
          const copy = clone(base);
          const keys = Object.keys(copy);
          const key = keys[n % keys.length] as string;
          if (value === undefined) delete copy[key];
          else copy[key] = value;
          return copy;
        }),
    );
    fc.assert(
      fc.property(payload, (p) => {
        const r = map(p);
        expect(["events", "ignored", "unmappable"]).toContain(r.kind);
        if (r.kind === "events") for (const e of r.events) expect(EventInput.safeParse(e).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
