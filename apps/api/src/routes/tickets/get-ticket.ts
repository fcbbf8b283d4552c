import { getTicket } from "@caliper/db";
import { BrandId, TicketId } from "@caliper/domain";
import { z } from "zod";
import { ApiError } from "../../errors.ts";
import { parseParams, parseQuery } from "../../http/input.ts";
import { defineRoute } from "../../http/route.ts";
import { ErrorResponse } from "../schemas.ts";

const Params = z.object({ id: TicketId });
const Query = z.object({ brand: BrandId });

export const getTicketRoute = defineRoute({
  method: "get",
  path: "/v1/tickets/{id}",
  summary: "A ticket's state and full timeline",
  tags: ["tickets"],
  access: { kind: "key", roles: ["admin", "manager"], brand: { from: "query", name: "brand" } },
  request: { params: Params, query: Query },
  responses: {
    200: { description: "the ticket, every event of it in time order" },
    404: { description: "no such ticket", schema: ErrorResponse },
  },
  async handler(c) {
    const { id } = parseParams(c, Params);
    const { brand } = parseQuery(c, Query);
    const found = await getTicket(c.get("services").db, brand, id);
    if (!found) throw new ApiError("not_found", `no ticket '${id}' for brand '${brand}'`);
    return c.json({ ticket: found.ticket, timeline: found.timeline, clocks: [], flags: [], feedback: [] });
  },
});
