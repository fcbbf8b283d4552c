import { type MetricQuery, hasTicketFilter, type TicketFacts } from "@caliper/metrics";
import { type ClockInstance, clockState } from "@caliper/policy";
import type { CaliperDb } from "../../database.ts";
import { CLOCK_STATE_COLUMNS, stateRowToClock } from "../../projections/clock-rows.ts";
import type { ProjectionContext } from "../../projections/projector.ts";
import { FACT_COLUMNS, rowToFacts } from "../../projections/ticket-rows.ts";
import { subjectKey } from "../../subjects.ts";
import type { Accumulators } from "./accumulators.ts";
import { addOrdersAtAsOf, addTicketsAtAsOf } from "./collect-replayed.ts";
import { type GroupBy, groupKey } from "./grouping.ts";

/** The ticket and clock columns the figures need, of the tickets as `t` and their clocks as `k`. */
const T_FACT_COLUMNS = FACT_COLUMNS.map((c) => `t.${c}` as const);
const K_CLOCK_COLUMNS = CLOCK_STATE_COLUMNS.map((c) => `k.${c}` as const);

/** The brand's tickets (as `t`) created in `window`, with the query's category and channel filters. */
function windowTickets(cdb: CaliperDb, q: MetricQuery, window: { from: string; to: string }) {
  let tq = cdb.db
    .selectFrom("tickets as t")
    .where("t.brand", "=", q.brand)
    .where("t.created_at", ">=", window.from)
    .where("t.created_at", "<", window.to);
  if (q.category !== undefined) tq = tq.where("t.category", "=", q.category);
  if (q.channel !== undefined) tq = tq.where("t.channel", "=", q.channel);
  return tq;
}

/**
 * Adds every ticket created in `window` (and, without ticket filters, every order clock of the
 * window) to the accumulators, exactly: facts from ticket rows, or recomputed from events for
 * tickets that changed after asOf. Rows are read with only the columns the figures need, and the
 * clocks of the window's tickets (orders) in one join: on SQLite most of a read's time is making
 * JS values of the columns read (a 90-day overview of ~5,000 tickets took 150-200 ms with every
 * column of both tables, see docs/benchmarks.md).
 */
export async function collectExact(
  cdb: CaliperDb,
  ctx: ProjectionContext,
  q: MetricQuery,
  by: GroupBy,
  accs: Accumulators,
  window: { from: string; to: string } = q,
): Promise<void> {
  const cal = ctx.policies.calendar(q.brand);
  const rows = await windowTickets(cdb, q, window).select(T_FACT_COLUMNS).execute();

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

  // Tickets whose stored state is their state at asOf: read their clocks from clock rows, those
  // of the same tickets as above that have not changed since asOf (the fresh ones among them).
  const freshClocks = new Map<string, ClockInstance[]>(fresh.map((f) => [f.ticketId, []]));
  if (fresh.length > 0) {
    let cq = windowTickets(cdb, q, window)
      .innerJoin("clocks as k", (j) => j.onRef("k.brand", "=", "t.brand").onRef("k.ticket_id", "=", "t.ticket_id"))
      .select(K_CLOCK_COLUMNS)
      .where("t.last_event_at", "<=", q.asOf);
    if (q.agent !== undefined) cq = cq.where("t.agent", "=", q.agent);
    for (const r of await cq.execute()) freshClocks.get(r.subject_id)?.push(stateRowToClock(r, q.brand, "ticket"));
  }
  for (const f of fresh) add(f, freshClocks.get(f.ticketId) ?? []);

  // Tickets with events after asOf: replay the events up to asOf.
  await addTicketsAtAsOf(cdb, ctx, q, by, accs, window, staleKeys);

  if (hasTicketFilter(q)) return;
  // Orders unchanged since asOf: their clocks from clock rows, in one join.
  const orderClockRows = await cdb.db
    .selectFrom("orders as o")
    .innerJoin("clocks as k", (j) => j.onRef("k.brand", "=", "o.brand").onRef("k.order_id", "=", "o.order_id"))
    .select(K_CLOCK_COLUMNS)
    .where("o.brand", "=", q.brand)
    .where("o.period_at", ">=", window.from)
    .where("o.period_at", "<", window.to)
    .where("o.last_event_at", "<=", q.asOf)
    .execute();
  for (const r of orderClockRows) {
    const c = stateRowToClock(r, q.brand, "order");
    if (c.startedAt <= q.asOf) accs.get(groupKey(by, r.period_day, null)).addClock(c.clock, clockState(c, q.asOf, cal));
  }
  const staleOrders = (
    await cdb.db
      .selectFrom("orders")
      .select("order_id")
      .where("brand", "=", q.brand)
      .where("period_at", ">=", window.from)
      .where("period_at", "<", window.to)
      .where("last_event_at", ">", q.asOf)
      .execute()
  ).map((o) => subjectKey(q.brand, o.order_id));
  await addOrdersAtAsOf(cdb, ctx, q, by, accs, window, staleOrders);
}
