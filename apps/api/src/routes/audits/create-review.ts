import { randomUUID } from "node:crypto";
import { getSample, getTicket, insertReview } from "@caliper/db";
import { BrandId, freeText, TicketId } from "@caliper/domain";
import { ReviewRatingsError, scoreReview } from "@caliper/metrics";
import { z } from "zod";
import { ApiError, validationError } from "../../errors.ts";
import { parseJsonBody } from "../../http/input.ts";
import { defineRoute } from "../../http/route.ts";
import { requireBrand } from "../../middleware/authorize.ts";

const Body = z.object({
  brand: BrandId,
  ticketId: TicketId,
  sampleId: z.string().min(1).max(100).optional(),
  ratings: z
    .record(z.string().max(64), z.union([z.number(), z.null()]))
    .describe("category id -> 0..4, or null for N/A"),
  comments: z.record(z.string().max(64), freeText(2000)).default({}),
  comment: freeText(4000).optional(),
});

export const createReview = defineRoute({
  method: "post",
  path: "/v1/audits/reviews",
  summary: "Review a ticket against the brand's scorecard",
  description:
    "Category score = rating/4*100; review score = weighted mean over rated categories; a critical category rated below 2 makes the score 0 (critical fail); pass = score >= the scorecard's pass score. Several reviewers reviewing one ticket form a calibration set.",
  tags: ["audits"],
  access: { kind: "key", roles: ["admin", "manager"], brand: { from: "handler" } },
  request: { body: { schema: Body } },
  responses: {
    201: { description: "{ review }" },
    400: { description: "ratings that do not fit the scorecard, by category" },
    404: { description: "no such ticket" },
  },
  async handler(c) {
    const s = c.get("services");
    const body = await parseJsonBody(c, Body);
    const principal = c.get("principal");
    if (principal) requireBrand(principal, body.brand);
    const ticket = await getTicket(s.db, body.brand, body.ticketId);
    if (!ticket) throw new ApiError("not_found", `no ticket '${body.ticketId}' for brand '${body.brand}'`);
    if (body.sampleId !== undefined) {
      const sample = await getSample(s.db, body.sampleId);
      if (!sample || sample.sample.brand !== body.brand || !sample.tickets.some((t) => t.ticketId === body.ticketId))
        throw validationError([
          { path: "body.sampleId", message: "is not a sample of this brand holding this ticket" },
        ]);
    }
    const scorecard = s.policies.get(body.brand).scorecard;
    let result: ReturnType<typeof scoreReview>;
    try {
      result = scoreReview(scorecard, body.ratings);
    } catch (err) {
      if (!(err instanceof ReviewRatingsError)) throw err;
      throw validationError([
        ...err.unknownCategories.map((id) => ({
          path: `body.ratings.${id}`,
          message: `not a category of this brand's scorecard (${scorecard.categories.map((c) => c.id).join(", ")})`,
        })),
        ...err.invalidRatings.map((r) => ({
          path: `body.ratings.${r.category}`,
          message: "must be a whole number 0..4, or null for N/A",
        })),
      ]);
    }
    const unknownComments = Object.keys(body.comments).filter((id) => !scorecard.categories.some((c) => c.id === id));
    if (unknownComments.length)
      throw validationError(
        unknownComments.map((id) => ({
          path: `body.comments.${id}`,
          message: "not a category of this brand's scorecard",
        })),
      );
    const review = {
      id: randomUUID(),
      brand: body.brand,
      ticketId: body.ticketId,
      agent: ticket.ticket.agent,
      reviewer: principal?.keyId ?? "unknown",
      sampleId: body.sampleId ?? null,
      ratings: Object.fromEntries(scorecard.categories.map((cat) => [cat.id, body.ratings[cat.id] ?? null])),
      comments: body.comments,
      comment: body.comment ?? null,
      score: result.score,
      pass: result.pass,
      criticalFail: result.criticalFail,
      createdAt: s.now().toISOString(),
    };
    await insertReview(s.db, review);
    return c.json({ review }, 201);
  },
});
