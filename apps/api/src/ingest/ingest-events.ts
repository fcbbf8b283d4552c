import { type AppendResult, appendEvents } from "@caliper/db";
import type { CaliperEvent } from "@caliper/domain";
import { opsMetrics } from "../ops/metrics.ts";
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
export async function ingestEvents(services: Services, events: readonly CaliperEvent[]): Promise<AppendResult> {
  const stored = events.map((e) => forStorage(services, e));
  const m = opsMetrics(services);
  const done = m.ingestTransaction.startTimer();
  let result: AppendResult;
  try {
    result = await appendEvents(services.db, services.projection, stored);
  } catch (err) {
    done({ outcome: "failed" });
    throw err;
  }
  done({ outcome: "committed" });
  m.ingestEvents.inc({ outcome: "accepted" }, result.accepted);
  m.ingestEvents.inc({ outcome: "duplicate" }, result.duplicates);
  return result;
}
