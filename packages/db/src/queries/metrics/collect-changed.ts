import { setImmediate as nextTurn } from "node:timers/promises";
import { hasTicketFilter, type MetricQuery } from "@caliper/metrics";
import { type ClockName, clockStatusAt } from "@caliper/policy";
import type { CaliperDb } from "../../database.ts";
import { finishedStatus } from "../../projections/clock-rows.ts";
import type { ProjectionContext } from "../../projections/projector.ts";
import { FACT_COLUMNS, rowToFacts } from "../../projections/ticket-rows.ts";
import { subjectKey } from "../../subjects.ts";
import { indexedTable } from "../index-hint.ts";
import type { Accumulators } from "./accumulators.ts";
import { addOrdersAtAsOf, addTicketsAtAsOf, type ReplayTarget } from "./collect-replayed.ts";
import { type GroupBy, groupKey } from "./grouping.ts";
import type { DayRange } from "./period.ts";

/** What a clock row holds that the rollups and the running-clock read count it by. */
interface ClockCountRow {
  subject_id: string;
  clock: string;
  started_at: string;
  stopped_at: string | null;
  target_deadline: string;
  limit_deadline: string;
  period_day: string;
  agent: string;
  category: string;
  channel: string;
}

/** A clock row's stop and deadlines, as the status functions of DESIGN.md §4 take them. */
const deadlines = (k: ClockCountRow) => ({
  stoppedAt: k.stopped_at,
  targetDeadline: k.target_deadline,
  limitDeadline: k.limit_deadline,
});

/**
 * Corrects whole days already read from rollups (`collectRollup`) for the tickets and orders of
 * those days that changed after asOf. The rollups hold their current state; it is taken out
 * exactly as the rollups and the running-clock read counted it, and their state at asOf, replayed
 * from their events, is added instead. A period read as of a past moment (a month as it stood at
 * its end) so recomputes only the few subjects still changing then, not every ticket of its days.
 * Usually nothing changed after asOf: the (brand, last_event_at) indexes tell at once, with one
 * empty read of tickets and one of orders. (SQLite's planner prefers the two-sided period range,
 * every subject of the period, whatever its statistics say, so it is told which index to use.)
 */
export async function correctChangedAfter(
  cdb: CaliperDb,
  ctx: ProjectionContext,
  q: MetricQuery,
  by: GroupBy,
  accs: Accumulators,
  days: DayRange,
): Promise<void> {
  const cal = ctx.policies.calendar(q.brand);
  const window = { from: cal.startOfLocalDay(days.firstDay), to: cal.startOfLocalDay(days.endDay) };
  const target: ReplayTarget = { cdb, ctx, q, by, accs, window };
  const inDays = (day: string) => day >= days.firstDay && day < days.endDay;
  const matches = (agent: string, category: string, channel: string) =>
    (q.agent === undefined || agent === q.agent) &&
    (q.category === undefined || category === q.category) &&
    (q.channel === undefined || channel === q.channel);
  // What `addRunningClocks` counted of a clock still running now (none stopped, started by asOf).
  const takeOutRunning = (k: ClockCountRow) => {
    if (k.stopped_at !== null || k.started_at > q.asOf || !inDays(k.period_day)) return;
    if (!matches(k.agent, k.category, k.channel)) return;
    const { status, atRisk } = clockStatusAt(deadlines(k), q.asOf);
    accs.get(groupKey(by, k.period_day, k.agent)).addOpenClockCounts(k.clock as ClockName, {
      running: status === "running" ? -1 : 0,
      breached: status === "breached" ? -1 : 0,
      atRisk: atRisk ? -1 : 0,
    });
  };

  // Tickets created in the days, with the query's category and channel filters on their current row.
  let tq = cdb.db
    .selectFrom(indexedTable(cdb, "tickets", "tickets_last_event_idx"))
    .select(FACT_COLUMNS)
    .where("brand", "=", q.brand)
    .where("last_event_at", ">", q.asOf)
    .where("created_at", ">=", window.from)
    .where("created_at", "<", window.to);
  if (q.category !== undefined) tq = tq.where("category", "=", q.category);
  if (q.channel !== undefined) tq = tq.where("channel", "=", q.channel);
  const tickets = await tq.execute();
  if (tickets.length > 0) {
    const ids = tickets.map((t) => t.ticket_id);
    const clocks = new Map<string, ClockCountRow[]>();
    for (const k of accs.clocks ? await clockRows(cdb, q.brand, "ticket_id", ids) : []) {
      const list = clocks.get(k.subject_id);
      if (list) list.push(k);
      else clocks.set(k.subject_id, [k]);
    }
    for (const t of tickets) {
      const f = rowToFacts(t);
      // A ticket without ticket.created has a row but no share of the rollups (tickets.ts).
      if (f && (q.agent === undefined || f.agent === q.agent)) {
        const acc = accs.get(groupKey(by, f.createdDay, f.agent));
        acc.removeTicket(f);
        for (const k of clocks.get(t.ticket_id) ?? []) {
          const status = finishedStatus(deadlines(k));
          if (status) acc.addClockCounts(k.clock as ClockName, status, -1);
        }
      }
      for (const k of clocks.get(t.ticket_id) ?? []) takeOutRunning(k);
    }
    await addTicketsAtAsOf(
      target,
      ids.map((id) => subjectKey(q.brand, id)),
    );
    await nextTurn();
  }

  // Order clocks are in the figures only without ticket filters (docs/metrics.md).
  // Orders count only through their clocks.
  if (!hasTicketFilter(q) && accs.clocks) await correctOrders(target, takeOutRunning);
  accs.dropEmpty();
}

/** The same for the orders placed in the window: their clocks. */
async function correctOrders(target: ReplayTarget, takeOutRunning: (k: ClockCountRow) => void): Promise<void> {
  const { cdb, q, by, accs, window } = target;
  const orders = await cdb.db
    .selectFrom(indexedTable(cdb, "orders", "orders_last_event_idx"))
    .select(["order_id", "period_day"])
    .where("brand", "=", q.brand)
    .where("last_event_at", ">", q.asOf)
    .where("period_at", ">=", window.from)
    .where("period_at", "<", window.to)
    .execute();
  if (orders.length === 0) return;
  const ids = orders.map((o) => o.order_id);
  for (const k of await clockRows(cdb, q.brand, "order_id", ids)) {
    const status = finishedStatus(deadlines(k));
    if (status) accs.get(groupKey(by, k.period_day, "")).addClockCounts(k.clock as ClockName, status, -1);
    else takeOutRunning(k);
  }
  await addOrdersAtAsOf(
    target,
    ids.map((id) => subjectKey(q.brand, id)),
  );
}

/** The clock rows of some of a brand's tickets or orders, 500 subjects a query, the event loop taking a turn between queries. */
async function clockRows(
  cdb: CaliperDb,
  brand: string,
  column: "ticket_id" | "order_id",
  ids: readonly string[],
): Promise<ClockCountRow[]> {
  const out: ClockCountRow[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    if (i > 0) await nextTurn();
    const rows = await cdb.db
      .selectFrom("clocks")
      .select([
        "subject_id",
        "clock",
        "started_at",
        "stopped_at",
        "target_deadline",
        "limit_deadline",
        "period_day",
        "agent",
        "category",
        "channel",
      ])
      .where("brand", "=", brand)
      .where(column, "in", ids.slice(i, i + 500))
      .execute();
    out.push(...rows);
  }
  return out;
}
