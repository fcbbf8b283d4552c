import type { MessageFlag } from "@caliper/policy";
import type { Insertable } from "kysely";
import type { FlagsTable } from "../schema.ts";

export const flagToRow = (brand: string, f: MessageFlag): Insertable<FlagsTable> => ({
  brand,
  ticket_id: f.ticketId,
  event_id: f.eventId,
  rule: f.rule,
  severity: f.severity,
  span_start: f.evidence.start,
  span_end: f.evidence.end,
  evidence: f.evidence.text,
  policy: f.policy,
  message: f.message,
  agent: f.agent,
  at: f.at,
});
