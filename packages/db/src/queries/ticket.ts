import { type CaliperEvent, compareEvents, subjectOf } from "@caliper/domain";
import type { Selectable } from "kysely";
import type { CaliperDb } from "../database.ts";
import { rowToEvent } from "../event-rows.ts";
import type { TicketsTable } from "../schema.ts";

export interface TicketView {
  brand: string;
  ticketId: string;
  createdAt: string | null;
  channel: string | null;
  category: string | null;
  priority: string | null;
  subject: string | null;
  customerId: string | null;
  orderId: string | null;
  status: string | null;
  assignee: string | null;
  /** Attributed agent: the assignee, else the first human replier. */
  agent: string | null;
  firstReplyAt: string | null;
  firstReplyAgent: string | null;
  humanReplies: number;
  reopens: number;
  solvedAt: string | null;
  lastEventAt: string;
  eventCount: number;
}

export const ticketRowToView = (r: Selectable<TicketsTable>): TicketView => ({
  brand: r.brand,
  ticketId: r.ticket_id,
  createdAt: r.created_at,
  channel: r.channel,
  category: r.category,
  priority: r.priority,
  subject: r.subject,
  customerId: r.customer_id,
  orderId: r.order_id,
  status: r.status,
  assignee: r.assignee,
  agent: r.agent,
  firstReplyAt: r.first_reply_at,
  firstReplyAgent: r.first_reply_agent,
  humanReplies: r.human_replies,
  reopens: r.reopens,
  solvedAt: r.solved_at,
  lastEventAt: r.last_event_at,
  eventCount: r.event_count,
});

/** A ticket's projected state and every event of it in time order; null when unknown. */
export async function getTicket(
  cdb: CaliperDb,
  brand: string,
  ticketId: string,
): Promise<{ ticket: TicketView; timeline: CaliperEvent[] } | null> {
  const row = await cdb.db
    .selectFrom("tickets")
    .selectAll()
    .where("brand", "=", brand)
    .where("ticket_id", "=", ticketId)
    .executeTakeFirst();
  if (!row) return null;
  const events = await cdb.db
    .selectFrom("events")
    .select(["brand", "id", "type", "ticket_id", "order_id", "at", "actor_type", "actor_id", "data"])
    .where("brand", "=", brand)
    .where("ticket_id", "=", ticketId)
    .execute();
  const timeline = events.map(rowToEvent).filter((e) => subjectOf(e.type) === "ticket");
  return { ticket: ticketRowToView(row), timeline: timeline.sort(compareEvents) };
}
