import type { MetricQuery } from "@caliper/metrics";
import type { CaliperDb } from "../database.ts";
import { indexedTable } from "./index-hint.ts";

export interface RatingRow {
  ticketId: string;
  rating: number;
  comment: string | null;
  at: string;
}

/**
 * The newest ratings (as of asOf) of tickets created in the period, of the brand or of one
 * agent, newest first. Read backwards along the rated tickets' index (migration 009), which
 * SQLite's planner passes over for the period's created_at range unless told.
 */
export async function recentRatings(cdb: CaliperDb, q: MetricQuery, limit: number): Promise<RatingRow[]> {
  const index = q.agent !== undefined ? "tickets_agent_rating_idx" : "tickets_rating_idx";
  let sel = cdb.db
    .selectFrom(indexedTable(cdb, "tickets", index))
    .select(["ticket_id", "rating", "rating_comment", "rating_at"])
    .where("brand", "=", q.brand)
    .where("created_at", ">=", q.from)
    .where("created_at", "<", q.to)
    .where("rating", "is not", null)
    .where("rating_at", "<=", q.asOf);
  if (q.agent !== undefined) sel = sel.where("agent", "=", q.agent);
  const rows = await sel.orderBy("rating_at", "desc").limit(limit).execute();
  return rows.map((r) => ({
    ticketId: r.ticket_id,
    rating: r.rating as number,
    comment: r.rating_comment,
    at: r.rating_at as string,
  }));
}
