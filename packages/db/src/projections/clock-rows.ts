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

/**
 * The columns a metric read takes from a clock row (`stateRowToClock`): what `clockState` needs,
 * with the subject and its period day.
 */
export const CLOCK_STATE_COLUMNS = [
  "clock",
  "subject_id",
  "seq",
  "period_day",
  "started_at",
  "stopped_at",
  "measure",
  "target_text",
  "limit_text",
  "target_deadline",
  "limit_deadline",
  "factor",
] as const satisfies readonly (keyof ClocksTable)[];

export type ClockStateRow = Pick<Selectable<ClocksTable>, (typeof CLOCK_STATE_COLUMNS)[number]>;

/** A clock of one of `brand`'s tickets or orders (`kind`), from the columns of CLOCK_STATE_COLUMNS. */
export const stateRowToClock = (r: ClockStateRow, brand: string, kind: "ticket" | "order"): ClockInstance => ({
  clock: r.clock as ClockName,
  brand,
  ticketId: kind === "ticket" ? r.subject_id : null,
  orderId: kind === "order" ? r.subject_id : null,
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

/** A clock from its whole row (a clock belongs to a ticket or to an order, never both). */
export const rowToClock = (r: Selectable<ClocksTable>): ClockInstance =>
  stateRowToClock(r, r.brand, r.ticket_id !== null ? "ticket" : "order");

/** The status a stopped clock finished with (DESIGN.md §4), from its deadlines; null while running. */
export function finishedStatus(
  c: Pick<ClockInstance, "stoppedAt" | "targetDeadline" | "limitDeadline">,
): "met" | "late" | "breached" | null {
  if (c.stoppedAt === null) return null;
  if (c.stoppedAt <= c.targetDeadline) return "met";
  if (c.stoppedAt <= c.limitDeadline) return "late";
  return "breached";
}
