import type { CaliperEvent } from "@caliper/domain";
import { projectTicket, type TicketState } from "@caliper/metrics";
import type { Insertable, Transaction } from "kysely";
import type { Database, TicketsTable } from "../schema.ts";

export const ticketStateToRow = (s: TicketState): Insertable<TicketsTable> => ({
  brand: s.brand,
  ticket_id: s.ticketId,
  created_at: s.createdAt,
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
  last_event_at: s.lastEventAt,
  event_count: s.eventCount,
});

/** Replaces the projection rows of the given tickets with states computed from their events. */
export async function writeTicketStates(
  trx: Transaction<Database>,
  ticketEvents: ReadonlyMap<string, readonly CaliperEvent[]>,
): Promise<TicketState[]> {
  const states: TicketState[] = [];
  for (const events of ticketEvents.values()) {
    const state = projectTicket(events);
    if (state) states.push(state);
  }
  const rows = states.map(ticketStateToRow);
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    await trx
      .insertInto("tickets")
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(["brand", "ticket_id"]).doUpdateSet((eb) => {
          const cols = Object.keys(rows[0] ?? {}).filter((c) => c !== "brand" && c !== "ticket_id") as Array<
            keyof TicketsTable
          >;
          return Object.fromEntries(cols.map((c) => [c, eb.ref(`excluded.${c}`)]));
        }),
      )
      .execute();
  }
  return states;
}
