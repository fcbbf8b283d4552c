import type { CaliperDb } from "../../database.ts";
import type { MetricQuery } from "@caliper/metrics";

/**
 * True when some ticket or order of the period has events after asOf: then the stored
 * (current) state is not the state at asOf, and figures must be recomputed from events.
 */
export async function periodChangedAfter(cdb: CaliperDb, q: MetricQuery): Promise<boolean> {
  const t = await cdb.db
    .selectFrom("tickets")
    .select("ticket_id")
    .where("brand", "=", q.brand)
    .where("last_event_at", ">", q.asOf)
    .where("created_at", ">=", q.from)
    .where("created_at", "<", q.to)
    .limit(1)
    .executeTakeFirst();
  if (t) return true;
  const o = await cdb.db
    .selectFrom("orders")
    .select("order_id")
    .where("brand", "=", q.brand)
    .where("last_event_at", ">", q.asOf)
    .where("period_at", ">=", q.from)
    .where("period_at", "<", q.to)
    .limit(1)
    .executeTakeFirst();
  return o !== undefined;
}
