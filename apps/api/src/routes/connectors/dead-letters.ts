import { listDeadLetters } from "@caliper/db";
import { BrandId } from "@caliper/domain";
import { z } from "zod";
import { parseQuery } from "../../http/input.ts";
import { defineRoute } from "../../http/route.ts";

const Query = z.object({
  brand: BrandId.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const getDeadLetters = defineRoute({
  method: "get",
  path: "/v1/connectors/dead-letters",
  summary: "Connector payloads that could not be mapped, newest first, with the reason",
  tags: ["connectors"],
  access: { kind: "key", roles: ["admin", "manager", "ingest"], brand: { from: "query", name: "brand" } },
  request: { query: Query },
  responses: { 200: { description: "{ deadLetters: [{ id, brand, source, reason, payload, receivedAt }] }" } },
  async handler(c) {
    const q = parseQuery(c, Query);
    const scope = c.get("principal")?.brands ?? null;
    const brands = q.brand !== undefined ? [q.brand] : scope;
    return c.json({ deadLetters: await listDeadLetters(c.get("services").db, brands, q.limit) });
  },
});
