import type { MetricQuery } from "@caliper/metrics";
import type { Services } from "../services.ts";

export interface FeedbackItem {
  ticketId: string;
  rating: number;
  comment: string | null;
  at: string;
}

/** The latest ratings with comments on an agent's tickets of the period, newest first. */
export async function recentFeedback(s: Services, q: MetricQuery, limit: number): Promise<FeedbackItem[]> {
  let sel = s.db.db
    .selectFrom("tickets")
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
