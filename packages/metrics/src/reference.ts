import { type CaliperEvent, compareEvents, subjectOf } from "@caliper/domain";
import { clockStatusAt, orderClocks, type PolicySet, ticketClocks, ticketMessageFlags } from "@caliper/policy";
import { hasTicketFilter, inPeriod, type MetricQuery } from "./metric-query.ts";
import { type Overview, OverviewAccumulator } from "./overview.ts";
import { type TicketFacts, ticketFacts } from "./ticket-facts.ts";
import { projectTicket } from "./ticket-state.ts";

/**
 * The reference implementation of DESIGN.md §5: every figure computed directly from events,
 * with no storage, no rollups and no sketches. Small and obviously right; the tests' oracle.
 */

const groupBy = (events: readonly CaliperEvent[], key: (e: CaliperEvent) => string): Map<string, CaliperEvent[]> => {
  const m = new Map<string, CaliperEvent[]>();
  for (const e of events) {
    const k = key(e);
    const list = m.get(k);
    if (list) list.push(e);
    else m.set(k, [e]);
  }
  return m;
};

export interface ReferenceTicket {
  facts: TicketFacts;
  events: CaliperEvent[];
}

/** Tickets of a brand as they stood at asOf, created in the period and matching the filters. */
export function referenceTickets(
  events: readonly CaliperEvent[],
  policies: PolicySet,
  q: MetricQuery,
): ReferenceTicket[] {
  const cal = policies.calendar(q.brand);
  const known = events.filter((e) => e.brand === q.brand && e.at <= q.asOf && subjectOf(e.type) === "ticket");
  const out: ReferenceTicket[] = [];
  for (const evs of groupBy(known, (e) => e.ticketId as string).values()) {
    const state = projectTicket(evs);
    const facts = state ? ticketFacts(state, cal, ticketMessageFlags(evs, policies.get(q.brand)).length) : null;
    if (!facts || !inPeriod(q, facts.createdAt)) continue;
    if (q.agent !== undefined && facts.agent !== q.agent) continue;
    if (q.category !== undefined && facts.category !== q.category) continue;
    if (q.channel !== undefined && facts.channel !== q.channel) continue;
    out.push({ facts, events: evs });
  }
  return out;
}

/** Adds the tickets, their clocks and (without ticket filters) the period's order clocks. */
export function referenceAccumulate(
  acc: OverviewAccumulator,
  events: readonly CaliperEvent[],
  policies: PolicySet,
  q: MetricQuery,
): OverviewAccumulator {
  const policy = policies.get(q.brand);
  const cal = policies.calendar(q.brand);
  for (const t of referenceTickets(events, policies, q)) {
    acc.addTicket(t.facts);
    for (const c of ticketClocks(t.events, policy, cal)) acc.addClock(c.clock, clockStatusAt(c, q.asOf));
  }
  if (!hasTicketFilter(q)) {
    const orderEvents = events.filter((e) => e.brand === q.brand && e.at <= q.asOf && subjectOf(e.type) === "order");
    for (const evs of groupBy(orderEvents, (e) => e.orderId as string).values()) {
      const sorted = [...evs].sort(compareEvents);
      const period = sorted.find((e) => e.type === "order.placed")?.at ?? sorted[0]?.at;
      if (period === undefined || !inPeriod(q, period)) continue;
      for (const c of orderClocks(sorted, policy, cal)) acc.addClock(c.clock, clockStatusAt(c, q.asOf));
    }
  }
  return acc;
}

/** GET /v1/metrics/overview computed from events. */
export function referenceOverview(events: readonly CaliperEvent[], policies: PolicySet, q: MetricQuery): Overview {
  return referenceAccumulate(new OverviewAccumulator("exact"), events, policies, q).finalize();
}
