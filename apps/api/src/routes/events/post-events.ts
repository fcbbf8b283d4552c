import { submitEvents } from "../../ingest/group-commit.ts";
import { EventInput, LIMITS } from "@caliper/domain";
import { z } from "zod";
import { ApiError } from "../../errors.ts";
import { defineRoute } from "../../http/route.ts";
import { requireBrand } from "../../middleware/authorize.ts";
import { parseEventsPayload } from "../../ingest/parse-events.ts";
import { countRejected } from "../../ops/metrics.ts";
import { ErrorResponse } from "../schemas.ts";

export const IngestResult = z.object({
  accepted: z.number().int().describe("events stored by this request"),
  duplicates: z.number().int().describe("events already stored earlier (same brand and id), not stored again"),
});

export const postEvents = defineRoute({
  method: "post",
  path: "/v1/events",
  summary: "Log support events",
  description: `One event, {"events": [...]} with at most ${LIMITS.batch} events, or NDJSON (application/x-ndjson). Idempotent by (brand, id); a batch is atomic: if any event is invalid nothing is stored.`,
  tags: ["events"],
  access: { kind: "key", roles: ["admin", "ingest"], brand: { from: "handler" } },
  request: {
    body: {
      schema: z.union([EventInput, z.object({ events: z.array(EventInput).max(LIMITS.batch) })]),
      contentTypes: ["application/json", "application/x-ndjson"],
    },
  },
  responses: {
    200: { description: "stored", schema: IngestResult },
    400: { description: "invalid events, listed by index and field path", schema: ErrorResponse },
    413: { description: "body or batch too large", schema: ErrorResponse },
  },
  async handler(c) {
    const services = c.get("services");
    const principal = c.get("principal");
    if (!principal) throw new ApiError("unauthorized", "missing bearer key");
    const body = await c.req.text();
    let events: ReturnType<typeof parseEventsPayload>["events"];
    try {
      ({ events } = parseEventsPayload(c.req.header("content-type") ?? "", body));
    } catch (err) {
      if (err instanceof ApiError && (err.code === "validation_failed" || err.code === "invalid_json"))
        countRejected(services, err.issues);
      throw err;
    }
    for (const brand of new Set(events.map((e) => e.brand))) requireBrand(principal, brand);
    const result = await submitEvents(services, events);
    return c.json({ accepted: result.accepted, duplicates: result.duplicates }, 200);
  },
});
