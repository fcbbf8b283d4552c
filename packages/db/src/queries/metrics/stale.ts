import type { MetricQuery } from "@caliper/metrics";
import { sql } from "kysely";
import type { CaliperDb } from "../../database.ts";
import { indexedTable } from "../index-hint.ts";

/**
 * True when some ticket or order of the period has events after asOf: then the stored
 * (current) state is not the state at asOf, and figures must be recomputed from events.
 */
export async function periodChangedAfter(cdb: CaliperDb, q: MetricQuery): Promise<boolean> {
  return (
    (await changedAfter(cdb, q, "tickets", "created_at", "tickets_last_event_idx")) ||
    (await changedAfter(cdb, q, "orders", "period_at", "orders_last_event_idx"))
  );
}

async function changedAfter(
  cdb: CaliperDb,
  q: MetricQuery,
  table: "tickets" | "orders",
  periodColumn: "created_at" | "period_at",
  index: string,
): Promise<boolean> {
  // Usually nothing has events after asOf, which the (brand, last_event_at) index tells at once.
  // SQLite's planner prefers the two-sided period range (every subject of the period) whatever
  // its statistics say, so it is told which index to use.
  const r = await sql<{ one: number }>`select 1 as one from ${indexedTable(cdb, table, index)}
    where brand = ${q.brand} and last_event_at > ${q.asOf}
      and ${sql.ref(periodColumn)} >= ${q.from} and ${sql.ref(periodColumn)} < ${q.to}
    limit 1`.execute(cdb.db);
  return r.rows.length > 0;
}
