import type { CaliperEvent } from "@caliper/domain";
import type { Insertable, Selectable } from "kysely";
import type { EventsTable } from "./schema.ts";

export type EventRow = Selectable<EventsTable>;

/** The row stored for an event. `at` is already normalised UTC. */
export const eventToRow = (e: CaliperEvent, receivedAt: string): Insertable<EventsTable> => ({
  brand: e.brand,
  id: e.id,
  type: e.type,
  ticket_id: e.ticketId ?? null,
  order_id: e.orderId ?? null,
  at: e.at,
  actor_type: e.actor.type,
  actor_id: e.actor.id ?? null,
  data: JSON.stringify(e.data),
  received_at: receivedAt,
});

/** An event row as read back for projections: everything but the log's own bookkeeping. */
export type StoredEvent = Pick<EventRow, Exclude<keyof EventRow, "seq" | "received_at">>;

/** An event read back from the log. Rows were validated on the way in, so they are trusted here. */
export const rowToEvent = (r: StoredEvent): CaliperEvent =>
  ({
    id: r.id,
    type: r.type,
    brand: r.brand,
    ...(r.ticket_id !== null ? { ticketId: r.ticket_id } : {}),
    ...(r.order_id !== null ? { orderId: r.order_id } : {}),
    at: r.at,
    actor: r.actor_id !== null ? { type: r.actor_type, id: r.actor_id } : { type: r.actor_type },
    data: JSON.parse(r.data),
  }) as CaliperEvent;
