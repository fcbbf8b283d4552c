/**
 * End to end mapping: one Chatwoot conversation delivered as the webhooks Chatwoot sends for it,
 * repeats included, against the same conversation written by hand as Caliper events.
 */
import { type CaliperEvent, compareEvents, EventInput, isHumanReply } from "@caliper/domain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mapChatwootPayload } from "../../src/connectors/chatwoot/index.ts";
import { chatwootPayload } from "./fixtures.ts";

const brand = "eyewear";

/** Conversation 42 as Chatwoot delivers it, in delivery order. */
const deliveries = [
  "conversation_created", // carries messages[0] = the customer's first message
  "message_created.incoming", // the same message again
  "message_created.agent_bot", // the inbox's bot answers at once
  "conversation_status_changed.open", // bot hands off: pending -> open ...
  "conversation_updated.status_open", // ... and the same save fires conversation_updated
  "conversation_updated.assignee",
  "message_created.private_note",
  "message_created.agent_reply",
  "message_created.agent_reply", // a redelivery of the same webhook
  "conversation_updated.first_reply", // ignored: first_reply_created_at / waiting_since
  "message_created.incoming_reply",
  "conversation_status_changed.resolved",
  "conversation_updated.status_resolved", // repeat of the status change
  "message_created.template_csat", // Chatwoot's CSAT survey, an automated reply
  "contact_created", // ignored
].map((name) => ({ name, payload: chatwootPayload(name) }));

/** The same conversation written by hand. */
const handWritten: CaliperEvent[] = [
  {
    id: "cw-conv-42-created",
    type: "ticket.created",
    brand,
    ticketId: "42",
    at: "2026-03-02T09:00:00Z",
    actor: { type: "customer", id: "cw-contact-58" },
    data: { channel: "chat", category: "other", customerId: "cw-contact-58" },
  },
  {
    id: "cw-msg-1001",
    type: "message.customer",
    brand,
    ticketId: "42",
    at: "2026-03-02T09:00:01Z",
    actor: { type: "customer", id: "cw-contact-58" },
    data: { body: "Hi, my order O-552 still hasn't shipped. Can you check?" },
  },
  {
    id: "cw-msg-1002",
    type: "message.agent",
    brand,
    ticketId: "42",
    at: "2026-03-02T09:00:03Z",
    actor: { type: "bot", id: "cw-bot-2" },
    data: { body: "Thanks for reaching out! An agent will be with you shortly.", automated: true },
  },
  {
    id: "cw-conv-42-status-open-1772442030",
    type: "ticket.status",
    brand,
    ticketId: "42",
    at: "2026-03-02T09:00:30Z",
    data: { status: "open" },
  },
  {
    id: "cw-conv-42-assign-7-1772442250",
    type: "ticket.assigned",
    brand,
    ticketId: "42",
    at: "2026-03-02T09:04:10Z",
    data: { agentId: "cw-user-7" },
  },
  {
    id: "cw-msg-1003",
    type: "note.internal",
    brand,
    ticketId: "42",
    at: "2026-03-02T09:05:00Z",
    actor: { type: "agent", id: "cw-user-7" },
    data: { body: "O-552 is held at the warehouse: label never printed. Pinging logistics." },
  },
  {
    id: "cw-msg-1004",
    type: "message.agent",
    brand,
    ticketId: "42",
    at: "2026-03-02T09:06:40Z",
    actor: { type: "agent", id: "cw-user-7" },
    data: { body: "Sorry for the wait, Maya! Your order ships today; tracking follows by email tonight." },
  },
  {
    id: "cw-msg-1005",
    type: "message.customer",
    brand,
    ticketId: "42",
    at: "2026-03-02T09:08:15Z",
    actor: { type: "customer", id: "cw-contact-58" },
    data: { body: "Great, thank you!" },
  },
  {
    id: "cw-conv-42-status-resolved-1772442600",
    type: "ticket.status",
    brand,
    ticketId: "42",
    at: "2026-03-02T09:10:00Z",
    data: { status: "solved" },
  },
  {
    id: "cw-msg-1006",
    type: "message.agent",
    brand,
    ticketId: "42",
    at: "2026-03-02T09:10:01Z",
    actor: { type: "bot" },
    data: { body: "Please rate the conversation", automated: true },
  },
].map((e) => EventInput.parse(e));

/** What the event log keeps: the first event of each id. */
function dedupe(events: readonly CaliperEvent[]): CaliperEvent[] {
  const byId = new Map<string, CaliperEvent>();
  for (const e of events) if (!byId.has(e.id)) byId.set(e.id, e);
  return [...byId.values()].sort(compareEvents);
}

function mapAll(order: readonly { payload: unknown }[]) {
  const produced: CaliperEvent[] = [];
  const kinds: string[] = [];
  for (const { payload } of order) {
    const r = mapChatwootPayload(payload, { brand });
    kinds.push(r.kind);
    if (r.kind === "events") produced.push(...r.events);
  }
  return { produced, kinds };
}

const firstHumanReplyAt = (events: readonly CaliperEvent[]) => [...events].sort(compareEvents).find(isHumanReply)?.at;
const finalStatus = (events: readonly CaliperEvent[]) =>
  [...events]
    .sort(compareEvents)
    .filter((e) => e.type === "ticket.status")
    .map((e) => (e.type === "ticket.status" ? e.data.status : undefined))
    .at(-1);

describe("a Chatwoot conversation delivered as webhooks", () => {
  it("maps, once de-duplicated by id, to the conversation written by hand", () => {
    const { produced, kinds } = mapAll(deliveries);
    expect(kinds).not.toContain("unmappable");
    expect(kinds.filter((k) => k === "ignored")).toHaveLength(2);
    // Chatwoot's repeats are there before de-duplication...
    expect(produced.length).toBeGreaterThan(handWritten.length);
    // ...and every repeat is the same event, not merely the same id.
    for (const e of produced) expect(e).toEqual(handWritten.find((h) => h.id === e.id));
    expect(dedupe(produced)).toEqual([...handWritten].sort(compareEvents));
  });

  it("has the hand-written conversation's ticket, first human reply time and final status", () => {
    const events = dedupe(mapAll(deliveries).produced);
    expect(new Set(events.map((e) => e.ticketId))).toEqual(new Set(["42"]));
    expect(firstHumanReplyAt(events)).toBe("2026-03-02T09:06:40.000Z");
    expect(firstHumanReplyAt(events)).toBe(firstHumanReplyAt(handWritten));
    expect(finalStatus(events)).toBe("solved");
    expect(finalStatus(events)).toBe(finalStatus(handWritten));
  });

  it("gives the same set whatever order the webhooks arrive in", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(deliveries, { minLength: deliveries.length }), (order) => {
        expect(dedupe(mapAll(order).produced)).toEqual([...handWritten].sort(compareEvents));
      }),
      { numRuns: 100 },
    );
  });
});
