import { type MetricQuery, hasTicketFilter, type OverviewAccumulator, type TicketFacts } from "@caliper/metrics";
import type { ClockName } from "@caliper/policy";
import { type SelectQueryBuilder, sql } from "kysely";
import type { CaliperDb } from "../../database.ts";
import type { ProjectionContext } from "../../projections/projector.ts";
import { FACT_COLUMNS, rowToFacts } from "../../projections/ticket-rows.ts";
import { subjectKey } from "../../subjects.ts";
import type { Accumulators } from "./accumulators.ts";
import { addOrdersAtAsOf, addTicketsAtAsOf } from "./collect-replayed.ts";
import type { Database } from "../../schema.ts";
import { type Eb, statusCondition } from "../clocks.ts";
import { type GroupBy, groupKey } from "./grouping.ts";

/** The ticket columns the figures need, of the tickets as `t`. */
const T_FACT_COLUMNS = FACT_COLUMNS.map((c) => `t.${c}` as const);

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

  for (const f of fresh) accs.get(groupKey(by, f.createdDay, f.agent)).addTicket(f);
  // Their clocks, counted by status at asOf in the database: the figures need only the counts,
  // and making a JS object of every clock row was a third of an exact read's time.
  if (fresh.length > 0 && accs.clocks) {
    // A cross join keeps the tickets of the window as SQLite's outer loop (PostgreSQL plans it as
    // a join): before a store's first ANALYZE, SQLite may otherwise walk every clock of the brand.
    let cq = windowTickets(cdb, q, window)
      .crossJoin("clocks as k")
      .whereRef("k.brand", "=", "t.brand")
      .whereRef("k.ticket_id", "=", "t.ticket_id")
      .where("t.last_event_at", "<=", q.asOf)
      .where("t.created_day", "is not", null)
      .where("t.category", "is not", null)
      .where("t.channel", "is not", null);
    if (q.agent !== undefined) cq = cq.where("t.agent", "=", q.agent);
    const col = by === "none" ? null : by === "agent" ? "t.agent" : "t.created_day";
    for (const r of await clockTallies(cq, col, q.asOf)) {
      const acc = accs.get(groupKey(by, r.g ?? "", r.g ?? null));
      addTallies(acc, r);
    }
  }

  // Tickets with events after asOf: replay the events up to asOf.
  await addTicketsAtAsOf({ cdb, ctx, q, by, accs, window }, staleKeys);

  // Orders count only through their clocks.
  if (hasTicketFilter(q) || !accs.clocks) return;
  // Orders unchanged since asOf: their clocks counted by status the same way.
  const oq = cdb.db
    .selectFrom("orders as o")
    .crossJoin("clocks as k")
    .whereRef("k.brand", "=", "o.brand")
    .whereRef("k.order_id", "=", "o.order_id")
    .where("o.brand", "=", q.brand)
    .where("o.period_at", ">=", window.from)
    .where("o.period_at", "<", window.to)
    .where("o.last_event_at", "<=", q.asOf);
  for (const r of await clockTallies(oq, by === "none" || by === "agent" ? null : "k.period_day", q.asOf))
    addTallies(accs.get(groupKey(by, r.g ?? "", null)), r);
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
  await addOrdersAtAsOf({ cdb, ctx, q, by, accs, window }, staleOrders);
}

const STATUSES = ["met", "late", "breached", "running", "atRisk"] as const;

interface Tally extends Record<(typeof STATUSES)[number], number> {
  clock: string;
  g: string | null;
}

/**
 * The clocks (as `k`, started by asOf) of a joined query, counted by clock and status at asOf
 * (`statusCondition`: DESIGN.md §4 from the precomputed deadlines), per value of `group` if given.
 */
async function clockTallies(
  // biome-ignore lint/suspicious/noExplicitAny: tickets or orders joined with clocks as k.
  qb: SelectQueryBuilder<Database, any, object>,
  group: "t.agent" | "t.created_day" | "k.period_day" | null,
  asOf: string,
): Promise<Tally[]> {
  // "Started by asOf" is tested in each sum, not in WHERE: there, SQLite (before a store's first
  // ANALYZE) reads the clocks along their (brand, started_at) index instead of by ticket or order.
  let tq = qb
    .select("k.clock")
    .select((eb) =>
      STATUSES.map((s) =>
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.and([sql<boolean>`k.started_at <= ${asOf}`, statusCondition(eb as unknown as Eb, s, asOf)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as(s),
      ),
    )
    .groupBy("k.clock");
  tq = group
    ? tq.select(sql<string | null>`${sql.ref(group)}`.as("g")).groupBy(group)
    : tq.select(sql<null>`null`.as("g"));
  const rows = (await tq.execute()) as unknown as Tally[];
  return rows.map((r) => ({ ...r, ...Object.fromEntries(STATUSES.map((s) => [s, Number(r[s])])) }));
}

function addTallies(acc: OverviewAccumulator, r: Tally): void {
  const clock = r.clock as ClockName;
  acc.addClockCounts(clock, "met", r.met);
  acc.addClockCounts(clock, "late", r.late);
  acc.addClockCounts(clock, "breached", r.breached);
  acc.addOpenClockCounts(clock, { running: r.running, breached: 0, atRisk: r.atRisk });
}
