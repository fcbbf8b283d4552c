/**
 * Zendesk satisfaction ratings (`GET /api/v2/satisfaction_ratings`, legacy CSAT) -> Caliper
 * `feedback.submitted`. A rating: `{ id, ticket_id, requester_id, assignee_id, group_id, score,
 * comment, reason, created_at, updated_at }`, score one of good, bad, offered, unoffered (the
 * API's filters also name good_with_comment / bad_with_comment).
 */
import type { CaliperEvent } from "@caliper/domain";
import { LIMITS } from "@caliper/domain";
import { z } from "zod";
import { UpstreamId, cleanText, describeIssues, isoFromSeconds, unixSeconds, validateEvents } from "../shared.ts";
import { zendeskUserId } from "./ticket-events.ts";

export type ZendeskSatisfactionResult =
  | { events: CaliperEvent[]; scale: "binary" }
  | { ignored: string }
  | { error: string };

/** Zendesk's two-point scale on Caliper's 1..5: good is the top, bad the bottom. */
export const ZENDESK_SCORES: Readonly<Record<string, 1 | 5>> = {
  good: 5,
  good_with_comment: 5,
  bad: 1,
  bad_with_comment: 1,
};

const Rating = z.looseObject({
  id: UpstreamId,
  ticket_id: UpstreamId.nullish(),
  requester_id: UpstreamId.nullish(),
  score: z.string(),
  comment: z.string().nullish(),
  created_at: z.union([z.string(), z.number()]).nullish(),
  updated_at: z.union([z.string(), z.number()]).nullish(),
});

/**
 * Maps one rating. good -> rating 5, bad -> rating 1 (data.scale = "binary" so the dashboard
 * can say the source had two points); offered / unoffered are surveys without an answer:
 * ignored. The event id includes the rating's update time, so a customer who changes their
 * rating yields a second, later event (the latest rating counts), and re-importing the same
 * export yields duplicates.
 */
export function mapZendeskSatisfaction(item: unknown, options: { brand: string }): ZendeskSatisfactionResult {
  const parsed = Rating.safeParse(item);
  if (!parsed.success) return { error: `not a satisfaction rating: ${describeIssues(parsed.error)}` };
  const r = parsed.data;
  const score = r.score.toLowerCase();
  if (score === "offered" || score === "unoffered")
    return { ignored: `rating ${r.id} is "${score}": the survey was not answered` };
  const rating = ZENDESK_SCORES[score];
  if (rating === undefined) return { error: `rating ${r.id} has an unknown score "${r.score}"` };
  if (!r.ticket_id) return { error: `rating ${r.id} has no ticket_id` };
  const t = unixSeconds(r.updated_at) ?? unixSeconds(r.created_at);
  if (t === null) return { error: `rating ${r.id} has no readable updated_at or created_at` };
  const comment = cleanText(r.comment, LIMITS.comment);
  const v = validateEvents([
    {
      id: `zd-sat-${r.id}-${t}`,
      type: "feedback.submitted",
      brand: options.brand,
      ticketId: r.ticket_id,
      at: isoFromSeconds(t),
      actor: r.requester_id ? { type: "customer", id: zendeskUserId(r.requester_id) } : { type: "customer" },
      data: { rating, ...(comment ? { comment } : {}), scale: "binary" },
    },
  ]);
  return v.ok ? { events: v.events, scale: "binary" } : { error: `rating ${r.id}: ${v.reason}` };
}
