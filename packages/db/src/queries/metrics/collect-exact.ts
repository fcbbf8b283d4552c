import { type MetricQuery, hasTicketFilter, projectTicket, ticketFacts, type TicketFacts } from "@caliper/metrics";
import { type ClockInstance, clockState, orderClocks, ticketClocks, ticketMessageFlags } from "@caliper/policy";
import type { CaliperDb } from "../../database.ts";
import { rowToClock } from "../../projections/clock-rows.ts";
import type { ProjectionContext } from "../../projections/projector.ts";
import { rowToFacts } from "../../projections/ticket-rows.ts";
import { loadSubjectEvents, subjectKey } from "../../subjects.ts";
import type { Accumulators } from "./accumulators.ts";
import { type GroupBy, groupKey } from "./grouping.ts";

/**
 * Adds every ticket created in `window` (and, without ticket filters, every order clock of the
 * window) to the accumulators, exactly: facts from ticket rows, or recomputed from events for
 * tickets that changed after asOf.
 */
export async function collectExact(
  cdb: CaliperDb,
  ctx: ProjectionContext,
  q: MetricQuery,
  by: GroupBy,
  accs: Accumulators,
  window: { from: string; to: string } = q,
): Promise<void> {
  const policy = ctx.policies.get(q.brand);
  const cal = ctx.policies.calendar(q.brand);
  let tq = cdb.db
    .selectFrom("tickets")
    .selectAll()
    .where("brand", "=", q.brand)
    .where("created_at", ">=", window.from)
    .where("created_at", "<", window.to);
  if (q.category !== undefined) tq = tq.where("category", "=", q.category);
  if (q.channel !== undefined) tq = tq.where("channel", "=", q.channel);
  const rows = await tq.execute();

  const fresh: TicketFacts[] = [];
  const staleKeys: string[] = [];
  for (const r of rows) {
    if (r.last_event_at > q.asOf) staleKeys.push(subjectKey(r.brand, r.ticket_id));
    else {
      const f = rowToFacts(r);
      if (f && (q.agent === undefined || f.agent === q.agent)) fresh.push(f);
    }
  }

  const add = (f: TicketFacts, clocks: readonly ClockInstance[]) => {
    const acc = accs.get(groupKey(by, f.createdDay, f.agent));
    acc.addTicket(f);
    for (const c of clocks) if (c.startedAt <= q.asOf) acc.addClock(c.clock, clockState(c, q.asOf, cal));
  };

  // Tickets whose stored state is their state at asOf: read their clocks from clock rows.
  const freshClocks = new Map<string, ClockInstance[]>();
  if (fresh.length > 0) {
    const ids = fresh.map((f) => f.ticketId);
    for (let i = 0; i < ids.length; i += 500) {
      const clockRows = await cdb.db
        .selectFrom("clocks")
        .selectAll()
        .where("brand", "=", q.brand)
        .where("ticket_id", "in", ids.slice(i, i + 500))
        .execute();
      for (const r of clockRows) {
        const list = freshClocks.get(r.subject_id) ?? [];
        list.push(rowToClock(r));
        freshClocks.set(r.subject_id, list);
      }
    }
  }
  for (const f of fresh) add(f, freshClocks.get(f.ticketId) ?? []);

  // Tickets with events after asOf: replay the events up to asOf.
  if (staleKeys.length > 0) {
    const events = await loadSubjectEvents(cdb.db, cdb.backend, "ticket", staleKeys);
    for (const evs of events.values()) {
      const upTo = evs.filter((e) => e.at <= q.asOf);
      const state = projectTicket(upTo);
      const f = state ? ticketFacts(state, cal, ticketMessageFlags(upTo, policy).length) : null;
      if (!f || f.createdAt < window.from || f.createdAt >= window.to) continue;
      if (q.agent !== undefined && f.agent !== q.agent) continue;
      add(f, ticketClocks(upTo, policy, cal));
    }
  }

  if (hasTicketFilter(q)) return;
  const orders = await cdb.db
    .selectFrom("orders")
    .select(["brand", "order_id", "last_event_at"])
    .where("brand", "=", q.brand)
    .where("period_at", ">=", window.from)
    .where("period_at", "<", window.to)
    .execute();
  const freshOrders = orders.filter((o) => o.last_event_at <= q.asOf).map((o) => o.order_id);
  const staleOrders = orders.filter((o) => o.last_event_at > q.asOf).map((o) => subjectKey(o.brand, o.order_id));
  for (let i = 0; i < freshOrders.length; i += 500) {
    const clockRows = await cdb.db
      .selectFrom("clocks")
      .selectAll()
      .where("brand", "=", q.brand)
      .where("order_id", "in", freshOrders.slice(i, i + 500))
      .execute();
    for (const r of clockRows) {
      const c = rowToClock(r);
      if (c.startedAt <= q.asOf)
        accs.get(groupKey(by, r.period_day, null)).addClock(c.clock, clockState(c, q.asOf, cal));
    }
  }
  if (staleOrders.length > 0) {
    const events = await loadSubjectEvents(cdb.db, cdb.backend, "order", staleOrders);
    for (const evs of events.values()) {
      const upTo = evs.filter((e) => e.at <= q.asOf);
      const placed = upTo.find((e) => e.type === "order.placed")?.at ?? upTo.map((e) => e.at).sort()[0];
      if (placed === undefined || placed < window.from || placed >= window.to) continue;
      const day = cal.localDate(placed);
      for (const c of orderClocks(upTo, policy, cal))
        accs.get(groupKey(by, day, null)).addClock(c.clock, clockState(c, q.asOf, cal));
    }
  }
}
