import { getTicket } from "@caliper/db";
import { type CaliperEvent, freeText, LIMITS, TicketId } from "@caliper/domain";
import { z } from "zod";
import { ApiError } from "../../errors.ts";
import { verifyFeedbackToken } from "../../feedback/token.ts";
import { ingestEvents } from "../../ingest/ingest-events.ts";
import { parseJsonBody } from "../../http/input.ts";
import { feedbackRateLimit } from "../../http/rate-limit.ts";
import { PUBLIC } from "../../http/access.ts";
import { defineRoute } from "../../http/route.ts";
import { ErrorResponse } from "../schemas.ts";

const Body = z.object({
  token: z.string().min(1).max(2000),
  rating: z.number().int("must be a whole number").min(1).max(5),
  comment: freeText(LIMITS.comment).optional(),
  /** Optional: when given it must be the token's ticket. */
  ticketId: TicketId.optional(),
});

const REASONS = {
  malformed: "the feedback link is not valid",
  bad_signature: "the feedback link is not valid",
  expired: "the feedback link has expired",
} as const;

export const submitFeedback = defineRoute({
  method: "post",
  path: "/v1/feedback",
  summary: "A customer rates their ticket with the token of a feedback link (no key)",
  description: "Sending again changes the rating: the latest one counts. Comments are stored as text.",
  tags: ["feedback"],
  access: PUBLIC,
  rateLimit: { burst: 10, perMinute: () => feedbackRateLimit() },
  request: { body: { schema: Body } },
  responses: {
    201: { description: "stored", schema: z.object({ accepted: z.boolean() }) },
    401: { description: "tampered, expired or unknown token", schema: ErrorResponse },
    403: { description: "the token is for another ticket", schema: ErrorResponse },
    429: { description: "too many submissions from this address", schema: ErrorResponse },
  },
  async handler(c) {
    const s = c.get("services");
    const body = await parseJsonBody(c, Body);
    const now = s.now();
    const check = verifyFeedbackToken(s.config.secret, body.token, now);
    if (!check.ok) throw new ApiError("unauthorized", REASONS[check.reason]);
    const { brand, ticketId, nonce } = check.claims;
    if (body.ticketId !== undefined && body.ticketId !== ticketId)
      throw new ApiError("forbidden", "this feedback link is for another ticket");
    const ticket = await getTicket(s.db, brand, ticketId);
    if (!ticket) throw new ApiError("not_found", "the ticket of this link no longer exists");
    const event: CaliperEvent = {
      id: `feedback-${nonce}-${now.getTime()}`,
      type: "feedback.submitted",
      brand,
      ticketId,
      at: now.toISOString(),
      actor: ticket.ticket.customerId ? { type: "customer", id: ticket.ticket.customerId } : { type: "customer" },
      data: {
        rating: body.rating,
        ...(body.comment !== undefined && body.comment !== "" ? { comment: body.comment } : {}),
      },
    };
    await ingestEvents(s, [event]);
    return c.json({ accepted: true }, 201);
  },
});
