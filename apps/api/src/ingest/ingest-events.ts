import { type AppendResult, appendEvents } from "@caliper/db";
import type { CaliperEvent } from "@caliper/domain";
import { redactBody } from "../privacy/redact.ts";
import type { Services } from "../services.ts";

const BODY_TYPES = new Set(["message.customer", "message.agent", "note.internal"]);

/** The event as it will be stored: message bodies redacted unless the brand keeps originals. */
export function forStorage(services: Services, e: CaliperEvent): CaliperEvent {
  if (!BODY_TYPES.has(e.type)) return e;
  const body = (e.data as { body?: unknown }).body;
  if (typeof body !== "string" || services.policies.get(e.brand).privacy.keepOriginalBodies) return e;
  const redacted = redactBody(body);
  return redacted === body ? e : ({ ...e, data: { ...e.data, body: redacted } } as CaliperEvent);
}

/**
 * The one way events enter the log, whatever their source (API, feedback, connectors, CLI
 * import, demo): personal data redacted, then appended and projected in one transaction.
 */
export function ingestEvents(services: Services, events: readonly CaliperEvent[]): Promise<AppendResult> {
  return appendEvents(
    services.db,
    services.projection,
    events.map((e) => forStorage(services, e)),
  );
}
