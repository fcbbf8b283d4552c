import { type CaliperEvent, compareEvents, type EventType, isHumanReply } from "@caliper/domain";
import type { BusinessCalendar } from "./calendar-types.ts";
import { type ClockSubject, createClockInstance } from "./clock-instance.ts";
import type { ClockInstance } from "./clock-types.ts";
import type { BrandPolicy, ClockName } from "./types.ts";

export { clockState } from "./clock-state.ts";

/** Events grouped by a key (tickets or orders), each group in replay order; groups in order of first event. */
const groupBy = (events: readonly CaliperEvent[], key: (e: CaliperEvent) => string | undefined) => {
  const groups = new Map<string, CaliperEvent[]>();
  for (const e of [...events].sort(compareEvents)) {
    const k = key(e);
    if (k === undefined) continue;
    const group = groups.get(k);
    if (group) group.push(e);
    else groups.set(k, [e]);
  }
  return groups;
};

/**
 * The response clocks of tickets (DESIGN.md §4), replaying each ticket's events in
 * `compareEvents` order. Events may be of several tickets and in any order.
 *  - first_response (seq 0): starts at the first ticket.created unless an agent created the
 *    ticket (outbound); stops at the first human agent reply at or after that instant.
 *  - next_response (seq 0, 1, …): starts at a customer message that follows a human agent reply
 *    while no next_response is running; stops at the next human agent reply.
 * Automated replies (bot/system actors, `automated: true`) and internal notes never stop a clock.
 */
export function ticketClocks(
  events: readonly CaliperEvent[],
  policy: BrandPolicy,
  cal: BusinessCalendar,
): ClockInstance[] {
  const out: ClockInstance[] = [];
  for (const [ticketId, ticketEvents] of groupBy(events, (e) => e.ticketId)) {
    const subject = (e: CaliperEvent): ClockSubject => ({ brand: e.brand, ticketId, orderId: null });

    const created = ticketEvents.find((e) => e.type === "ticket.created");
    if (created && created.actor.type !== "agent") {
      const reply = ticketEvents.find((e) => isHumanReply(e) && e.at >= created.at);
      out.push(createClockInstance("first_response", subject(created), 0, created.at, reply?.at ?? null, policy, cal));
    }

    let replied = false;
    let running: CaliperEvent | null = null;
    let seq = 0;
    for (const e of ticketEvents) {
      if (isHumanReply(e)) {
        if (running)
          out.push(createClockInstance("next_response", subject(running), seq++, running.at, e.at, policy, cal));
        running = null;
        replied = true;
      } else if (e.type === "message.customer" && replied && running === null) running = e;
    }
    if (running) out.push(createClockInstance("next_response", subject(running), seq, running.at, null, policy, cal));
  }
  return out;
}

/** An order clock: the event type (and test) that starts it and the event type that stops it. */
interface OrderClockRule {
  readonly clock: ClockName;
  readonly starts: (e: CaliperEvent) => boolean;
  readonly stops: EventType;
}

const ORDER_CLOCKS: readonly OrderClockRule[] = [
  { clock: "dispatch", starts: (e) => e.type === "order.placed", stops: "order.shipped" },
  { clock: "delivery", starts: (e) => e.type === "order.shipped", stops: "order.delivered" },
  {
    clock: "refund",
    starts: (e) => e.type === "return.received" && e.data.passedInspection,
    stops: "refund.issued",
  },
];

/**
 * The order clocks (DESIGN.md §4), replaying each order's events in `compareEvents` order:
 * dispatch order.placed -> order.shipped, delivery order.shipped -> order.delivered, refund
 * return.received with passedInspection -> refund.issued. Only the first start event counts (a
 * repeated order.placed is ignored); the clock stops at the first stop event at or after it.
 */
export function orderClocks(
  events: readonly CaliperEvent[],
  policy: BrandPolicy,
  cal: BusinessCalendar,
): ClockInstance[] {
  const out: ClockInstance[] = [];
  for (const [orderId, orderEvents] of groupBy(events, (e) => e.orderId)) {
    for (const rule of ORDER_CLOCKS) {
      const start = orderEvents.find(rule.starts);
      if (!start) continue;
      const stop = orderEvents.find((e) => e.type === rule.stops && e.at >= start.at);
      const subject: ClockSubject = { brand: start.brand, ticketId: null, orderId };
      out.push(createClockInstance(rule.clock, subject, 0, start.at, stop?.at ?? null, policy, cal));
    }
  }
  return out;
}
