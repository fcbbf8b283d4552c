import type { ClockView } from "@caliper/client";

export interface QueueRow {
  key: string;
  clock: ClockView;
  state: "breached" | "at_risk";
  /** Seconds until the limit (positive) or past it (negative), at asOf. */
  secondsLeft: number;
}

export const clockKey = (c: ClockView): string => `${c.clock}|${c.ticketId ?? ""}|${c.orderId ?? ""}|${c.startedAt}`;

/**
 * The SLA queue: running clocks that are breached (past the limit) or at risk (past the target),
 * oldest first, with the time left before the limit or over it.
 */
export function buildQueue(clocks: readonly ClockView[], asOf: Date): QueueRow[] {
  const seen = new Set<string>();
  const rows: QueueRow[] = [];
  for (const c of clocks) {
    if (c.stoppedAt !== null) continue;
    const breached = c.status === "breached";
    if (!breached && !(c.status === "running" && c.atRisk)) continue;
    const key = clockKey(c);
    if (seen.has(key)) continue;
    seen.add(key);
    const limit = Date.parse(c.limitDeadline);
    rows.push({
      key,
      clock: c,
      state: breached ? "breached" : "at_risk",
      secondsLeft: Number.isFinite(limit) ? Math.round((limit - asOf.getTime()) / 1000) : 0,
    });
  }
  return rows.sort((a, b) => a.clock.startedAt.localeCompare(b.clock.startedAt) || a.key.localeCompare(b.key));
}
