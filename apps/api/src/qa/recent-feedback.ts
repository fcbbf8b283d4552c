import { type RatingRow, recentRatings } from "@caliper/db";
import type { MetricQuery } from "@caliper/metrics";
import type { Services } from "../services.ts";

export type FeedbackItem = RatingRow;

/** The latest ratings with comments on an agent's tickets of the period, newest first. */
export function recentFeedback(s: Services, q: MetricQuery, limit: number): Promise<FeedbackItem[]> {
  return recentRatings(s.db, q, limit);
}
