import type { ClockInstance, ClockMeasure, ClockName } from "@caliper/policy";
import type { Insertable, Selectable } from "kysely";
import type { ClocksTable } from "../schema.ts";

/** What a clock row copies from its ticket or order so period and filter reads need no join. */
export interface ClockAttribution {
  periodAt: string;
  periodDay: string;
  agent: string;
  category: string;
  channel: string;
}

export const clockToRow = (c: ClockInstance, a: ClockAttribution): Insertable<ClocksTable> => ({
  brand: c.brand,
  clock: c.clock,
  subject_id: (c.ticketId ?? c.orderId) as string,
  seq: c.seq,
  ticket_id: c.ticketId,
  order_id: c.orderId,
  period_at: a.periodAt,
  period_day: a.periodDay,
  agent: a.agent,
  category: a.category,
  channel: a.channel,
  started_at: c.startedAt,
  stopped_at: c.stoppedAt,
  measure: c.measure,
  target_text: c.target,
  limit_text: c.limit,
  target_deadline: c.targetDeadline,
  limit_deadline: c.limitDeadline,
  factor: c.factor,
});

export const rowToClock = (r: Selectable<ClocksTable>): ClockInstance => ({
  clock: r.clock as ClockName,
  brand: r.brand,
  ticketId: r.ticket_id,
  orderId: r.order_id,
  seq: r.seq,
  startedAt: r.started_at,
  stoppedAt: r.stopped_at,
  measure: r.measure as ClockMeasure,
  target: r.target_text,
  limit: r.limit_text,
  targetDeadline: r.target_deadline,
  limitDeadline: r.limit_deadline,
  factor: r.factor,
});

/** The status a stopped clock finished with (DESIGN.md §4), from its deadlines; null while running. */
export function finishedStatus(
  c: Pick<ClockInstance, "stoppedAt" | "targetDeadline" | "limitDeadline">,
): "met" | "late" | "breached" | null {
  if (c.stoppedAt === null) return null;
  if (c.stoppedAt <= c.targetDeadline) return "met";
  if (c.stoppedAt <= c.limitDeadline) return "late";
  return "breached";
}
