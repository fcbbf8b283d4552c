import { z } from "zod";
import { ActorType, Category, Channel, Priority, ReturnReason, TicketStatus } from "./enums.ts";
import { AgentId, BrandId, EventId, ExternalId, OrderId, TicketId, freeText } from "./ids.ts";
import { Instant } from "./time.ts";

/** Limits on free text, so one event stays small. */
export const LIMITS = {
  body: 20_000,
  subject: 500,
  comment: 2_000,
  batch: 1_000,
} as const;

export const Actor = z.object({
  type: ActorType,
  id: ExternalId.optional(),
});
export type Actor = z.infer<typeof Actor>;

const body = freeText(LIMITS.body).optional();

/**
 * The `data` schema of every event type (DESIGN.md §2; documented for users by event-doc.ts, which
 * /docs and docs/events.md are generated from). Unknown keys are kept, not dropped.
 */
export const EVENT_DATA = {
  "ticket.created": z.looseObject({
    channel: Channel,
    category: Category,
    priority: Priority.optional(),
    subject: freeText(LIMITS.subject).optional(),
    customerId: ExternalId.optional(),
    orderId: OrderId.optional(),
  }),
  "message.customer": z.looseObject({ body }),
  "message.agent": z.looseObject({ body, automated: z.boolean().optional() }),
  "note.internal": z.looseObject({ body }),
  "ticket.assigned": z.looseObject({ agentId: AgentId }),
  "ticket.status": z.looseObject({ status: TicketStatus }),
  "feedback.submitted": z.looseObject({
    rating: z.number().int("must be a whole number").min(1).max(5),
    comment: freeText(LIMITS.comment).optional(),
  }),
  "order.placed": z.looseObject({}),
  "order.shipped": z.looseObject({ carrier: freeText(200).optional() }),
  "order.delivered": z.looseObject({}),
  "return.requested": z.looseObject({ reason: ReturnReason }),
  "return.received": z.looseObject({ passedInspection: z.boolean() }),
  "refund.issued": z.looseObject({
    amount: z.number().nonnegative().finite(),
    currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD"),
  }),
} as const;

export type EventType = keyof typeof EVENT_DATA;
export const EVENT_TYPES = Object.keys(EVENT_DATA) as EventType[];
export type EventData<T extends EventType> = z.infer<(typeof EVENT_DATA)[T]>;

/** Which subject an event is about: a ticket or an order. */
export const subjectOf = (type: EventType): "ticket" | "order" =>
  type.startsWith("order.") || type.startsWith("return.") || type.startsWith("refund.") ? "order" : "ticket";

/** The actor of an event sent without one (message.agent must have one). */
export const defaultActor = (type: EventType): Actor =>
  type === "message.customer" || type === "feedback.submitted" || type === "ticket.created"
    ? { type: "customer" }
    : { type: "system" };

const Envelope = z.object({
  id: EventId,
  type: z.enum(EVENT_TYPES as [EventType, ...EventType[]], `must be one of: ${EVENT_TYPES.join(", ")}`),
  brand: BrandId,
  ticketId: TicketId.optional(),
  orderId: OrderId.optional(),
  at: Instant,
  actor: Actor.optional(),
  data: z.unknown().optional(),
});

/** A validated event, normalised: `at` in UTC ISO-8601 with milliseconds, actor filled in. */
export type CaliperEvent = {
  [T in EventType]: {
    id: string;
    type: T;
    brand: string;
    ticketId?: string | undefined;
    orderId?: string | undefined;
    at: string;
    actor: Actor;
    data: EventData<T>;
  };
}[EventType];

export type EventOf<T extends EventType> = Extract<CaliperEvent, { type: T }>;

/** A problem with one field of an event: its path inside the event and what is wrong. */
export interface EventIssue {
  path: (string | number)[];
  message: string;
}

/**
 * The rules of an event's type over its envelope: ticketId for ticket.*, message.*, note.* and
 * feedback.*; orderId for order.*, return.* and refund.*; message.agent needs an agent with an
 * id, or a bot/system actor; `data` must hold the type's fields. `actor` is the envelope's
 * (undefined when the event has none).
 */
function typeRules(
  e: { type: EventType; ticketId?: unknown; orderId?: unknown; data?: unknown },
  actor: Actor | undefined,
): { issues: EventIssue[]; data: unknown } {
  const issues: EventIssue[] = [];
  const subject = subjectOf(e.type);
  if (subject === "ticket" && e.ticketId === undefined)
    issues.push({ path: ["ticketId"], message: `is required for ${e.type}` });
  if (subject === "order" && e.orderId === undefined)
    issues.push({ path: ["orderId"], message: `is required for ${e.type}` });
  if (e.type === "message.agent") {
    if (actor === undefined) issues.push({ path: ["actor"], message: "is required for message.agent" });
    else if (actor.type === "customer")
      issues.push({ path: ["actor", "type"], message: "must be agent, bot or system for message.agent" });
    else if (actor.type === "agent" && actor.id === undefined)
      issues.push({ path: ["actor", "id"], message: "is required when actor.type is agent" });
  }
  const parsed = EVENT_DATA[e.type].safeParse(e.data ?? {});
  if (!parsed.success)
    for (const issue of parsed.error.issues)
      issues.push({ path: ["data", ...(issue.path as (string | number)[])], message: issue.message });
  return { issues, data: parsed.data };
}

/** The event envelope with the per-type rules of {@link typeRules} (DESIGN.md §2). */
export const EventInput = Envelope.transform((e, ctx): CaliperEvent => {
  const { issues, data } = typeRules(e, e.actor);
  if (issues.length > 0) {
    for (const issue of issues) ctx.addIssue({ code: "custom", ...issue });
    return z.NEVER;
  }
  return { ...e, actor: e.actor ?? defaultActor(e.type), data } as CaliperEvent;
});

const isEventType = (t: unknown): t is EventType => typeof t === "string" && Object.hasOwn(EVENT_DATA, t);

/**
 * Validates one event as sent. Like `EventInput.safeParse`, but when the envelope is invalid
 * (zod then stops before the type's rules) the answer also lists what the type's rules find, so
 * a sender learns every problem of the event at once, not in two rounds. A valid event costs the
 * same as `EventInput.safeParse`.
 */
export function parseEvent(value: unknown): z.ZodSafeParseResult<CaliperEvent> {
  const r = EventInput.safeParse(value);
  if (r.success || typeof value !== "object" || value === null || Array.isArray(value)) return r;
  const raw = value as Record<string, unknown>;
  // A valid envelope means the type's rules ran and are in r already.
  if (!isEventType(raw.type) || Envelope.safeParse(value).success) return r;
  const actor = raw.actor === undefined ? undefined : Actor.safeParse(raw.actor);
  if (actor !== undefined && !actor.success) return r;
  // The envelope reports ticketId and orderId only when present, the type's rules only when
  // absent: no field is reported twice.
  const more = typeRules({ ...raw, type: raw.type }, actor?.data).issues;
  if (more.length === 0) return r;
  return {
    success: false,
    error: new z.ZodError([
      ...r.error.issues,
      ...more.map((i) => ({ code: "custom" as const, input: undefined, ...i })),
    ]) as z.ZodError<CaliperEvent>,
  };
}

/** True when an agent message is an automated reply (bot, system, or flagged automated). */
export const isAutomatedReply = (e: EventOf<"message.agent">): boolean =>
  e.actor.type !== "agent" || e.data.automated === true;

/** True when an event is a reply by a human agent: the only thing that stops a response clock. */
export const isHumanReply = (e: CaliperEvent): e is EventOf<"message.agent"> =>
  e.type === "message.agent" && !isAutomatedReply(e);

/** Total order used everywhere events are replayed: by time, then by id. */
export const compareEvents = (a: Pick<CaliperEvent, "at" | "id">, b: Pick<CaliperEvent, "at" | "id">): number =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
