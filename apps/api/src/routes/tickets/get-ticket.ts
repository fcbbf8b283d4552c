import { getTicket, queryClocks } from "@caliper/db";
import { BrandId, Instant, TicketId } from "@caliper/domain";
import { z } from "zod";
import { ApiError } from "../../errors.ts";
import { parseParams, parseQuery } from "../../http/input.ts";
import { brandFor } from "../../http/metric-query.ts";
import { defineRoute } from "../../http/route.ts";
import { ticketFlags } from "../../qa/ticket-flags.ts";
import { ticketReviews } from "../../qa/ticket-reviews.ts";
import { ErrorResponse } from "../schemas.ts";

const Params = z.object({ id: TicketId });
const Query = z.object({ brand: BrandId.optional(), asOf: Instant.optional() });

export const getTicketRoute = defineRoute({
  method: "get",
  path: "/v1/tickets/{id}",
  summary: "A ticket: its state, every event in time order, clocks at asOf, message flags, feedback and reviews",
  tags: ["tickets"],
  access: {
    kind: "key",
    roles: ["admin", "manager", "agent"],
    brand: { from: "query", name: "brand" },
    agent: { from: "owner" },
  },
  request: { params: Params, query: Query },
  responses: {
    200: { description: "{ ticket, timeline, clocks, flags, feedback, reviews }" },
    403: { description: "an agent key reading another agent's ticket", schema: ErrorResponse },
    404: { description: "no such ticket", schema: ErrorResponse },
  },
  async handler(c) {
    const s = c.get("services");
    const { id } = parseParams(c, Params);
    const q = parseQuery(c, Query);
    const brand = brandFor(c, q.brand);
    const found = await getTicket(s.db, brand, id);
    if (!found) throw new ApiError("not_found", `no ticket '${id}' for brand '${brand}'`);
    const principal = c.get("principal");
    if (principal?.role === "agent" && found.ticket.agent !== principal.agentId)
      throw new ApiError("forbidden", "an agent key may only read its own tickets");
    const asOf = q.asOf ?? s.now().toISOString();
    const { clocks } = await queryClocks(s.db, s.policies, { brand, asOf, ticketId: id, limit: 1000 });
    const feedback = found.timeline
      .filter((e) => e.type === "feedback.submitted")
      .map((e) => ({
        rating: e.data.rating,
        comment: e.data.comment ?? null,
        at: e.at,
        ...(typeof e.data.scale === "string" ? { scale: e.data.scale } : {}),
      }));
    return c.json({
      ticket: found.ticket,
      timeline: found.timeline,
      clocks,
      flags: await ticketFlags(s, brand, id),
      feedback,
      reviews: await ticketReviews(s, brand, id),
    });
  },
});
