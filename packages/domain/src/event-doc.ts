import { z } from "zod";
import { ActorType, FAULT_REASONS, isResolvedStatus, TICKET_STATUSES } from "./enums.ts";
import { defaultActor, EVENT_DATA, EVENT_TYPES, type EventType, subjectOf } from "./events.ts";
import { BrandId, EventId, ExternalId, OrderId, TicketId } from "./ids.ts";
import { Instant } from "./time.ts";

/*
 * The documentation of the event format (POST /v1/events, NDJSON imports): one schema per event
 * type, its envelope with the id that type requires and its `data` taken from EVENT_DATA, so a
 * field added there is documented here without touching this file. Read by the OpenAPI document
 * (and so /docs) and by docs/events.md's generated table. Never used to validate: EventInput does.
 */

/** What each event type means and its rules, one or two sentences each. */
export const EVENT_NOTES: Readonly<Record<EventType, string>> = {
  "ticket.created":
    "Starts the ticket; its first_response clock starts here unless an agent created the ticket (outbound).",
  "message.customer": "A message from the customer. After a human agent's reply, it starts the next_response clock.",
  "message.agent":
    "A reply to the customer. actor is required: an agent with an id is a human reply, which stops the response clocks, unless data.automated is true; a bot or system actor makes it an automated reply, which stops no clock.",
  "note.internal": "An internal note between agents: never a reply to the customer.",
  "ticket.assigned": "Assigns the ticket to an agent (the agent its figures count for).",
  "ticket.status": `The ticket's new status. solved or closed followed by an unresolved status (${TICKET_STATUSES.filter((s) => !isResolvedStatus(s)).join(", ")}) is a reopen.`,
  "feedback.submitted":
    "The customer's rating of the ticket. Normally created by POST /v1/feedback (the signed feedback link); the latest rating counts.",
  "order.placed": "The order was placed: its dispatch clock starts.",
  "order.shipped": "The order was shipped: the dispatch clock stops and the delivery clock starts.",
  "order.delivered": "The order was delivered: the delivery clock stops.",
  "return.requested": "The customer asked to return the order.",
  "return.received": "The returned item arrived and was inspected; passing inspection starts the refund clock.",
  "refund.issued": "The refund was issued: the refund clock stops.",
};

/** What the fields of `data` mean, by event type; the type, values and limits come from EVENT_DATA. */
const DATA_NOTES: { readonly [T in EventType]?: { readonly [K in keyof (typeof EVENT_DATA)[T]["shape"]]?: string } } = {
  "ticket.created": {
    channel: "where the customer wrote",
    category: "what the ticket is about",
    priority: "the ticket's priority",
    subject: "the ticket's subject line",
    customerId: "your id for the customer",
    orderId: "the order the ticket is about",
  },
  "message.customer": {
    body: "the message text; e-mail addresses, phone and card numbers are redacted before it is stored, unless the brand's policy keeps original bodies",
  },
  "message.agent": {
    body: "the reply's text; personal data is redacted as for message.customer",
    automated: "true for an automated reply sent in an agent's name (an auto-responder, a macro sent by a rule)",
  },
  "note.internal": { body: "the note's text; personal data is redacted as for message.customer" },
  "ticket.assigned": { agentId: "the agent the ticket is now assigned to" },
  "ticket.status": { status: "the new status" },
  "feedback.submitted": {
    rating: "1 (worst) to 5 (best); 4 and 5 count as satisfied",
    comment: "the customer's comment",
  },
  "order.shipped": { carrier: "the carrier shipping the order" },
  "return.requested": {
    reason: `why it is returned; ${FAULT_REASONS.join(", ")} make the return the store's fault (its return shipping policy)`,
  },
  "return.received": { passedInspection: "whether the item passed the store's inspection" },
  "refund.issued": { amount: "the amount refunded", currency: "ISO 4217 code of the amount, such as USD" },
};

/** True when a `data` schema has a field that must be present, so `data` itself must be. */
const requiresData = (t: EventType): boolean =>
  Object.values(EVENT_DATA[t].shape as Record<string, z.ZodType>).some((field) => !field.safeParse(undefined).success);

const actorDoc = (t: EventType) =>
  t === "message.agent"
    ? z
        .object({
          type: ActorType.exclude(["customer"]).describe(
            "agent: a human reply; bot or system: an automated reply (never customer)",
          ),
          id: ExternalId.optional().describe("required when type is agent: the agent's id"),
        })
        .describe("who replied; required for message.agent")
    : z
        .object({
          type: ActorType.describe("who acted"),
          id: ExternalId.optional().describe("their id in your systems (for an agent, the id their figures use)"),
        })
        .optional()
        .describe(`who acted; default {"type": "${defaultActor(t).type}"}`);

const dataDoc = (t: EventType) => {
  const notes = (DATA_NOTES[t] ?? {}) as Readonly<Record<string, string | undefined>>;
  const shape = Object.fromEntries(
    Object.entries(EVENT_DATA[t].shape as Record<string, z.ZodType>).map(([name, field]) => {
      const note = notes[name];
      return [name, note === undefined ? field : field.describe(note)];
    }),
  );
  const data = z.looseObject(shape).describe(`the fields of ${t}; fields not listed are kept as sent`);
  return requiresData(t) ? data : data.optional();
};

const idDoc = (t: EventType, which: "ticket" | "order") => {
  const schema = which === "ticket" ? TicketId : OrderId;
  if (subjectOf(t) === which) return schema.describe(`the ${which} the event belongs to; required for ${t}`);
  return schema.optional().describe(`the ${which} the event concerns, if any (optional for ${t})`);
};

const variant = <T extends EventType>(t: T) =>
  z
    .object({
      id: EventId.describe(
        "your id for the event, unique per brand: the idempotency key. The same (brand, id) sent again is a duplicate: accepted, reported, not stored or counted twice",
      ),
      type: z.literal(t),
      brand: BrandId.describe(
        "the store the event belongs to: 1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit; a brand without a policy gets the default policy",
      ),
      ticketId: idDoc(t, "ticket"),
      orderId: idDoc(t, "order"),
      at: Instant.describe(
        "when it happened: RFC 3339 with an offset (2026-03-02T09:15:00Z, 2026-03-02T10:15:00+01:00); stored in UTC",
      ),
      actor: actorDoc(t),
      data: dataDoc(t),
    })
    .describe(EVENT_NOTES[t]);

export type EventDocVariant = ReturnType<typeof variant>;

/** One documentation schema per event type: the envelope, the id it requires, its `data`. */
export const EVENT_DOC = Object.fromEntries(EVENT_TYPES.map((t) => [t, variant(t)])) as Readonly<
  Record<EventType, EventDocVariant>
>;
