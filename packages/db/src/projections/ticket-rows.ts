import type { TicketFacts, TicketState } from "@caliper/metrics";
import type { Insertable, Selectable } from "kysely";
import type { TicketsTable } from "../schema.ts";

/** The projection row of a ticket: its state plus the facts metrics read (null facts: not created yet). */
export const ticketToRow = (s: TicketState, f: TicketFacts | null, flags: number): Insertable<TicketsTable> => ({
  brand: s.brand,
  ticket_id: s.ticketId,
  created_at: s.createdAt,
  created_by: s.createdBy,
  created_day: f?.createdDay ?? null,
  channel: s.channel,
  category: s.category,
  priority: s.priority,
  subject: s.subject,
  customer_id: s.customerId,
  order_id: s.orderId,
  status: s.status,
  assignee: s.assignee,
  first_reply_at: s.firstReplyAt,
  first_reply_agent: s.firstReplyAgent,
  human_replies: s.humanReplies,
  reopens: s.reopens,
  solved_at: s.solvedAt,
  agent: f?.agent ?? null,
  frt_applies: f?.firstResponseApplies ? 1 : 0,
  frt_seconds: f?.frtSeconds ?? null,
  frt_business_seconds: f?.frtBusinessSeconds ?? null,
  resolution_seconds: f?.resolutionSeconds ?? null,
  rating: s.rating,
  rating_at: s.ratingAt,
  rating_comment: s.ratingComment,
  flags,
  last_event_at: s.lastEventAt,
  event_count: s.eventCount,
});

/**
 * The columns `rowToFacts` reads: what metric reads select (a row holds more — subject, customer,
 * assignee — and a read's time on SQLite goes mostly into making a JS value of each column of each row).
 */
export const FACT_COLUMNS = [
  "brand",
  "ticket_id",
  "created_at",
  "created_day",
  "category",
  "channel",
  "agent",
  "frt_applies",
  "frt_seconds",
  "frt_business_seconds",
  "status",
  "resolution_seconds",
  "human_replies",
  "reopens",
  "rating",
  "rating_at",
  "rating_comment",
  "flags",
  "last_event_at",
] as const satisfies readonly (keyof TicketsTable)[];

export type FactsRow = Pick<Selectable<TicketsTable>, (typeof FACT_COLUMNS)[number]>;

/** A ticket's facts read back from its row; null for a ticket without ticket.created. */
export function rowToFacts(r: FactsRow): TicketFacts | null {
  if (r.created_at === null || r.created_day === null || r.category === null || r.channel === null) return null;
  const solved = r.status === "solved" || r.status === "closed";
  return {
    brand: r.brand,
    ticketId: r.ticket_id,
    createdAt: r.created_at,
    createdDay: r.created_day,
    category: r.category,
    channel: r.channel,
    agent: r.agent,
    firstResponseApplies: r.frt_applies === 1,
    frtSeconds: r.frt_seconds,
    frtBusinessSeconds: r.frt_business_seconds,
    solved,
    resolutionSeconds: r.resolution_seconds,
    fcr: solved && r.human_replies === 1 && r.reopens === 0,
    reopened: r.reopens > 0,
    rating: r.rating,
    ratingAt: r.rating_at,
    ratingComment: r.rating_comment,
    flags: r.flags,
    lastEventAt: r.last_event_at,
  };
}
