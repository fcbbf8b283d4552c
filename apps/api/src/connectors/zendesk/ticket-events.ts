/**
 * Zendesk Incremental Ticket Event Export items (`GET /api/v2/incremental/ticket_events
 * ?include=comment_events`) -> Caliper events.
 *
 * An item is one ticket update: `{ id, ticket_id, timestamp (Unix), updater_id, via (display
 * name), event_type: "Audit", child_events: [...] }`. A `Create` or `Change` child carries the
 * field as its own key beside `previous_value` (`{ "status": "pending", "previous_value": "new",
 * "event_type": "Change" }`); a `Comment` child (present with the comment_events sideload) has
 * `author_id`, `public`, `body`, and a via object.
 */
import type { Actor, CaliperEvent, Category, Channel, TicketStatus } from "@caliper/domain";
import { LIMITS, type Priority } from "@caliper/domain";
import { z } from "zod";
import {
  UpstreamId,
  categoryFromLabels,
  cleanText,
  describeIssues,
  isoFromSeconds,
  unixSeconds,
  validateEvents,
} from "../shared.ts";
import { AUTOMATED_VIAS, viaKey, ZENDESK_CHANNELS } from "./channels.ts";

/** What is remembered about one ticket while a file is read: its requester. */
export interface ZendeskTicketState {
  requesterId?: string;
}
/** Per-file memory, keyed by Zendesk ticket id (one entry per ticket, not per event). */
export type ZendeskTickets = Map<string, ZendeskTicketState>;

export interface ZendeskTicketEventOptions {
  brand: string;
  /** Shared across the items of one file so comments know the requester; a fresh Map when omitted. */
  tickets?: ZendeskTickets;
  /** Tag -> category, checked before tags that are category names themselves. */
  tagCategories?: Record<string, Category>;
  /** Channel when the via is unknown; "contact_form" by default. */
  defaultChannel?: Channel;
}

export type ZendeskTicketEventResult = { events: CaliperEvent[]; warnings: string[] } | { error: string };

/** Zendesk ticket statuses -> Caliper statuses; "deleted" has none. */
export const ZENDESK_STATUSES: Readonly<Record<string, TicketStatus>> = {
  new: "open",
  open: "open",
  pending: "pending",
  hold: "on_hold",
  solved: "solved",
  closed: "closed",
};

const PRIORITIES: Readonly<Record<string, Priority>> = { low: "low", normal: "normal", high: "high", urgent: "urgent" };

/** Zendesk user id -> the id used for agents and customers in Caliper events. */
export const zendeskUserId = (id: string): string => `zd-${id}`;

/** Zendesk's own system user (triggers, automations). */
const SYSTEM_USER = "-1";

const Item = z.looseObject({
  id: UpstreamId,
  ticket_id: UpstreamId,
  timestamp: z.union([z.number(), z.string()]).nullish(),
  created_at: z.string().nullish(),
  updater_id: UpstreamId.nullish(),
  via: z.unknown().optional(),
  child_events: z.array(z.unknown()).nullish(),
});

const Child = z.looseObject({ id: UpstreamId, event_type: z.string() });
type Child = z.infer<typeof Child>;

const idOf = (value: unknown): string | undefined => {
  const r = UpstreamId.safeParse(value);
  return r.success ? r.data : undefined;
};

/**
 * Maps one export item. `warnings` lists children that could not be mapped (a comment of a
 * ticket whose requester is unknown, a comment without its text, an unknown status); `error`
 * means the item itself is unreadable.
 */
export function mapZendeskTicketEvent(item: unknown, options: ZendeskTicketEventOptions): ZendeskTicketEventResult {
  const parsed = Item.safeParse(item);
  if (!parsed.success) return { error: `not a ticket event: ${describeIssues(parsed.error)}` };
  const p = parsed.data;
  const t = unixSeconds(p.timestamp) ?? unixSeconds(p.created_at);
  if (t === null) return { error: `ticket event ${p.id} has no readable timestamp` };
  const at = isoFromSeconds(t);
  const ticketId = p.ticket_id;
  const brand = options.brand;
  const warnings: string[] = [];

  const children: Child[] = [];
  for (const [i, raw] of (p.child_events ?? []).entries()) {
    const c = Child.safeParse(raw);
    if (c.success) children.push(c.data);
    else warnings.push(`child_events[${i}] skipped: ${describeIssues(c.error)}`);
  }
  const creates = children.filter((c) => c.event_type === "Create");
  const comments = children.filter((c) => c.event_type === "Comment");
  const firstCommentAuthor = comments.map((c) => idOf(c["author_id"])).find((a) => a !== undefined);
  const updater = p.updater_id ?? undefined;

  const tickets = options.tickets ?? new Map<string, ZendeskTicketState>();
  const state = tickets.get(ticketId) ?? {};
  tickets.set(ticketId, state);
  // The requester: the Create event's requester_id, else the author of the ticket's first comment.
  if (creates.length > 0) {
    const fromCreate = creates.map((c) => idOf(c["requester_id"])).find((r) => r !== undefined);
    state.requesterId = fromCreate ?? firstCommentAuthor ?? state.requesterId ?? updater;
  }
  for (const c of children) {
    if (c.event_type === "Change" && "requester_id" in c)
      state.requesterId = idOf(c["requester_id"]) ?? state.requesterId;
  }
  const requester = state.requesterId;

  const inputs: Record<string, unknown>[] = [];
  const base = (id: string) => ({ id, brand, ticketId, at });

  if (creates.length > 0) {
    const value = (key: string): unknown => creates.find((c) => key in c)?.[key];
    const channelKey = viaKey(p.via) ?? viaKey(creates[0]?.via) ?? viaKey(comments[0]?.["via"]);
    const channel = (channelKey ? ZENDESK_CHANNELS[channelKey] : undefined) ?? options.defaultChannel ?? "contact_form";
    const tags = value("tags");
    const priority = typeof value("priority") === "string" ? PRIORITIES[String(value("priority"))] : undefined;
    const subject = cleanText(value("subject"), LIMITS.subject);
    const byCustomer =
      requester !== undefined &&
      (firstCommentAuthor !== undefined ? firstCommentAuthor === requester : updater === requester);
    const actor: Actor = byCustomer
      ? { type: "customer", id: zendeskUserId(requester as string) }
      : updater !== undefined && updater !== SYSTEM_USER
        ? { type: "agent", id: zendeskUserId(updater) }
        : { type: "system" };
    inputs.push({
      // The item's own id: it sorts before `zd-<item>-<child>`, so creation replays first at equal times.
      ...base(`zd-${p.id}`),
      type: "ticket.created",
      actor,
      data: {
        channel,
        category: categoryFromLabels(Array.isArray(tags) ? tags : [], options.tagCategories) ?? "other",
        ...(priority ? { priority } : {}),
        ...(subject ? { subject } : {}),
        ...(requester ? { customerId: zendeskUserId(requester) } : {}),
      },
    });
  }

  // Who made the update: the requester (e.g. a reply that reopens), Zendesk itself, or an agent.
  const byUpdater: Actor | undefined =
    updater === undefined
      ? undefined
      : updater === requester
        ? { type: "customer", id: zendeskUserId(updater) }
        : updater === SYSTEM_USER
          ? { type: "system" }
          : { type: "agent", id: zendeskUserId(updater) };

  for (const c of children) {
    const id = `zd-${p.id}-${c.id}`;
    if (c.event_type === "Create" || c.event_type === "Change") {
      if ("status" in c) {
        const raw = c["status"];
        const status = typeof raw === "string" ? ZENDESK_STATUSES[raw] : undefined;
        const previous = typeof c["previous_value"] === "string" ? ZENDESK_STATUSES[c["previous_value"]] : undefined;
        if (!status) warnings.push(`child ${c.id}: status ${JSON.stringify(raw)} has no Caliper status; skipped`);
        // A new ticket is open; new -> open is no change for Caliper.
        else if (c.event_type === "Create" ? status !== "open" : status !== previous)
          inputs.push({
            ...base(id),
            type: "ticket.status",
            ...(byUpdater ? { actor: byUpdater } : {}),
            data: { status },
          });
      }
      if ("assignee_id" in c) {
        const assignee = idOf(c["assignee_id"]);
        if (assignee !== undefined)
          inputs.push({
            ...base(`${id}${"status" in c ? "-assign" : ""}`),
            type: "ticket.assigned",
            ...(byUpdater ? { actor: byUpdater } : {}),
            data: { agentId: zendeskUserId(assignee) },
          });
      }
    } else if (c.event_type === "Comment") {
      const author = idOf(c["author_id"]);
      const text = c["body"] ?? c["plain_body"];
      if (author === undefined || (typeof text !== "string" && !("public" in c))) {
        warnings.push(`comment ${c.id} skipped: no author or text (export with include=comment_events)`);
        continue;
      }
      if (requester === undefined) {
        warnings.push(
          `comment ${c.id} skipped: the requester of ticket ${ticketId} is unknown (its Create event is not in this file)`,
        );
        continue;
      }
      const body = cleanText(text, LIMITS.body);
      const data: Record<string, unknown> = body === undefined ? {} : { body };
      if (author === requester) {
        inputs.push({
          ...base(id),
          type: "message.customer",
          actor: { type: "customer", id: zendeskUserId(author) },
          data,
        });
      } else if (c["public"] !== true) {
        const actor: Actor = author === SYSTEM_USER ? { type: "system" } : { type: "agent", id: zendeskUserId(author) };
        inputs.push({ ...base(id), type: "note.internal", actor, data });
      } else {
        const via = viaKey(c["via"]) ?? viaKey(p.via);
        const automated = author === SYSTEM_USER || (via !== undefined && AUTOMATED_VIAS.has(via));
        const actor: Actor = automated
          ? author === SYSTEM_USER
            ? { type: "system" }
            : { type: "system", id: zendeskUserId(author) }
          : { type: "agent", id: zendeskUserId(author) };
        inputs.push({
          ...base(id),
          type: "message.agent",
          actor,
          data: automated ? { ...data, automated: true } : data,
        });
      }
    }
  }
  if (comments.length === 0 && children.some((c) => c["comment_present"] === true))
    warnings.push("the update has a comment but not its text: export with include=comment_events");

  const r = validateEvents(inputs);
  return r.ok ? { events: r.events, warnings } : { error: `ticket event ${p.id}: ${r.reason}` };
}
