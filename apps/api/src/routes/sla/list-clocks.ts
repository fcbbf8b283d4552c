import { decodeCursor, queryClocks } from "@caliper/db";
import { AgentId, BrandId, Instant, OrderId, TicketId } from "@caliper/domain";
import { CLOCK_NAMES } from "@caliper/policy";
import { z } from "zod";
import { ApiError, validationError } from "../../errors.ts";
import { parseQuery } from "../../http/input.ts";
import { unsafeTextReason } from "../../http/json.ts";
import { brandFor } from "../../http/metric-query.ts";
import { defineRoute } from "../../http/route.ts";
import { ErrorResponse } from "../schemas.ts";

const Params = z.object({
  brand: BrandId.optional(),
  clock: z.enum(CLOCK_NAMES).optional(),
  status: z.enum(["met", "late", "breached", "running", "atRisk"]).optional(),
  asOf: Instant.optional(),
  from: Instant.optional().describe("period start (ticket creation / order placement), inclusive"),
  to: Instant.optional().describe("period end, exclusive"),
  agent: AgentId.optional(),
  ticketId: TicketId.optional(),
  orderId: OrderId.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(500).optional(),
});

/** A cursor as this API hands them out: decodable, text positions and a whole sequence number. */
const isOwnCursor = (text: string): boolean => {
  const c = decodeCursor(text);
  return c !== null && Number.isSafeInteger(c.q) && [c.s, c.c, c.i].every((s) => unsafeTextReason(s) === null);
};

export const listClocks = defineRoute({
  method: "get",
  path: "/v1/sla/clocks",
  summary: "SLA clock instances with their status at asOf, oldest first",
  description:
    "Status filter: met, late, breached, running or atRisk (running past its target). Paginated: pass nextCursor as cursor.",
  tags: ["sla"],
  access: {
    kind: "key",
    roles: ["admin", "manager", "agent"],
    brand: { from: "query", name: "brand" },
    agent: { from: "filter" },
  },
  request: { query: Params },
  responses: {
    200: { description: "{ clocks, nextCursor }" },
    400: { description: "a bad filter, named", schema: ErrorResponse },
  },
  async handler(c) {
    const s = c.get("services");
    const p = parseQuery(c, Params);
    if (p.from && p.to && p.from >= p.to)
      throw validationError([{ path: "query.from", message: "must be before `to`" }]);
    const principal = c.get("principal");
    if (principal?.role === "agent" && p.agent !== undefined && p.agent !== principal.agentId)
      throw new ApiError("forbidden", "an agent key may only read its own clocks");
    const agent = principal?.role === "agent" ? (principal.agentId ?? "") : p.agent;
    if (p.cursor !== undefined && !isOwnCursor(p.cursor))
      throw validationError([{ path: "query.cursor", message: "is not a cursor this API returned" }]);
    const result = await queryClocks(s.db, s.policies, {
      ...p,
      brand: brandFor(c, p.brand),
      asOf: p.asOf ?? s.now().toISOString(),
      agent,
    });
    return c.json(result);
  },
});
