import { getTicket } from "@caliper/db";
import { BrandId, TicketId } from "@caliper/domain";
import { z } from "zod";
import { ApiError } from "../../errors.ts";
import { issueFeedbackToken } from "../../feedback/token.ts";
import { parseParams, parseQuery } from "../../http/input.ts";
import { brandFor } from "../../http/metric-query.ts";
import { defineRoute } from "../../http/route.ts";
import { ErrorResponse } from "../schemas.ts";

const Params = z.object({ id: TicketId });
const Query = z.object({
  brand: BrandId.optional(),
  ttlDays: z.coerce.number().int().min(1).max(90).default(14).describe("days the link stays valid (1-90, default 14)"),
});

export const FeedbackLinkResponse = z.object({ token: z.string(), url: z.string(), expiresAt: z.string() });

export const createFeedbackLink = defineRoute({
  method: "post",
  path: "/v1/tickets/{id}/feedback-link",
  summary: "Issue a signed, expiring link a customer uses to rate one ticket",
  tags: ["feedback"],
  access: { kind: "key", roles: ["admin", "manager", "ingest"], brand: { from: "query", name: "brand" } },
  request: { params: Params, query: Query },
  responses: {
    201: { description: "the link", schema: FeedbackLinkResponse },
    404: { description: "no such ticket", schema: ErrorResponse },
  },
  async handler(c) {
    const s = c.get("services");
    const { id } = parseParams(c, Params);
    const q = parseQuery(c, Query);
    const brand = brandFor(c, q.brand);
    if (!(await getTicket(s.db, brand, id))) throw new ApiError("not_found", `no ticket '${id}' for brand '${brand}'`);
    const exp = Math.floor(s.now().getTime() / 1000) + q.ttlDays * 86_400;
    const { token } = issueFeedbackToken(s.config.secret, { brand, ticketId: id, exp });
    return c.json(
      { token, url: `${s.config.publicUrl}/feedback#token=${token}`, expiresAt: new Date(exp * 1000).toISOString() },
      201,
    );
  },
});
