import { submitEvents } from "../../ingest/group-commit.ts";
import { EVENT_DOC, EVENT_TYPES, type EventDocVariant, type EventType, LIMITS } from "@caliper/domain";
// zod with .openapi() (component names), which @hono/zod-openapi adds to schemas made after it loads.
import { z } from "@hono/zod-openapi";
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

/** "ticket.created" -> "TicketCreatedEvent": the OpenAPI component of an event type. */
const componentName = (t: EventType): string =>
  `${t
    .split(/[._]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("")}Event`;

/**
 * One event as the OpenAPI document (and /docs) shows it: a variant per event type, discriminated
 * by `type`, from EVENT_DOC. Documentation only: the handler validates with EventInput
 * (parseEventsPayload), and registerRoutes validates no body.
 */
export const EventBody = z
  .discriminatedUnion(
    "type",
    EVENT_TYPES.map((t) =>
      // A new object made here has .openapi(); EVENT_DOC's were made before @hono/zod-openapi loaded.
      z.object(EVENT_DOC[t].shape).openapi(componentName(t), { description: EVENT_DOC[t].description }),
    ) as [EventDocVariant, ...EventDocVariant[]],
  )
  .openapi("Event", {
    description:
      "One event: the envelope (id, type, brand, the ticketId or orderId its type requires, at, actor) and the data of its type.",
  });

const EventBatch = z
  .object({
    events: z
      .array(EventBody)
      .min(1)
      .max(LIMITS.batch)
      .describe(`1 to ${LIMITS.batch} events: all are stored, or none when any is invalid`),
  })
  .describe('a batch: {"events": [...]}');

export const postEvents = defineRoute({
  method: "post",
  path: "/v1/events",
  summary: "Log support events",
  description: `One event, {"events": [...]} with at most ${LIMITS.batch} events, or NDJSON (application/x-ndjson). Idempotent by (brand, id); a batch is atomic: if any event is invalid nothing is stored.`,
  tags: ["events"],
  access: { kind: "key", roles: ["admin", "ingest"], brand: { from: "handler" } },
  request: {
    body: {
      // Lazy: the generator would otherwise flatten Event's variants into this union, losing its $ref.
      schema: z.union([z.lazy(() => EventBody), EventBatch]).openapi({}, { unionPreferredType: "oneOf" }),
      contentTypes: ["application/json", "application/x-ndjson"],
      schemaFor: { "application/x-ndjson": EventBody },
      description: `application/json: one event, or {"events": [...]} with 1 to ${LIMITS.batch} events. application/x-ndjson: one event per line, at most ${LIMITS.batch} lines.`,
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
