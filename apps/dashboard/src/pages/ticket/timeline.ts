import type { MessageFlag, TimelineEvent } from "@caliper/client";
import { humanize } from "../../lib/format.ts";
import { categoryLabel, channelLabel } from "../../lib/labels.ts";

const EVENT_LABELS: Record<string, string> = {
  "ticket.created": "Ticket created",
  "message.customer": "Customer message",
  "message.agent": "Agent reply",
  "note.internal": "Internal note",
  "ticket.assigned": "Assigned",
  "ticket.status": "Status changed",
  "feedback.submitted": "Feedback",
  "order.placed": "Order placed",
  "order.shipped": "Order shipped",
  "order.delivered": "Order delivered",
  "return.requested": "Return requested",
  "return.received": "Return received",
  "refund.issued": "Refund issued",
};

export const eventLabel = (e: TimelineEvent): string => {
  if (e.type === "message.agent" && (e.actor.type === "bot" || e.data["automated"] === true)) return "Automated reply";
  return EVENT_LABELS[e.type] ?? humanize(e.type);
};

export const actorLabel = (e: TimelineEvent): string =>
  e.actor.id ? `${humanize(e.actor.type)} ${e.actor.id}` : humanize(e.actor.type);

const str = (v: unknown): string | null =>
  typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : null;

/** The body of a message-like event, if any. */
export const eventBody = (e: TimelineEvent): string | null => str(e.data["body"]);

/** A one-line summary of the event's data (status, assignee, rating...). */
export function eventSummary(e: TimelineEvent): string | null {
  const d = e.data;
  switch (e.type) {
    case "ticket.created":
      return [
        str(d["subject"]),
        str(d["channel"]) && `via ${channelLabel(str(d["channel"]))}`,
        str(d["category"]) && categoryLabel(str(d["category"])),
      ]
        .filter(Boolean)
        .join(" · ");
    case "ticket.assigned":
      return str(d["agentId"]) ? `to ${str(d["agentId"])}` : null;
    case "ticket.status":
      return str(d["status"]) ? `to ${humanize(str(d["status"]))}` : null;
    case "feedback.submitted":
      return [str(d["rating"]) && `rated ${str(d["rating"])}/5`, str(d["comment"]) && `“${str(d["comment"])}”`]
        .filter(Boolean)
        .join(" · ");
    case "order.shipped":
      return str(d["carrier"]) ? `carrier ${str(d["carrier"])}` : null;
    case "return.requested":
      return str(d["reason"]) ? `reason: ${humanize(str(d["reason"]))}` : null;
    case "return.received":
      return typeof d["passedInspection"] === "boolean"
        ? d["passedInspection"]
          ? "passed inspection"
          : "failed inspection"
        : null;
    case "refund.issued":
      return str(d["amount"]) ? `${str(d["amount"])} ${str(d["currency"]) ?? ""}`.trim() : null;
    default:
      return null;
  }
}

/** Flags grouped by the event (message) they were raised on. */
export function flagsByEvent(flags: readonly MessageFlag[]): Map<string, MessageFlag[]> {
  const map = new Map<string, MessageFlag[]>();
  for (const f of flags) {
    const list = map.get(f.eventId) ?? [];
    list.push(f);
    map.set(f.eventId, list);
  }
  return map;
}
