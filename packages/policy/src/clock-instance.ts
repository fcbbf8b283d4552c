import type { BusinessCalendar } from "./calendar-types.ts";
import { NEVER, NEVER_DATE } from "./calendar.ts";
import type { ClockInstance, ClockMeasure } from "./clock-types.ts";
import { type Duration, durationSeconds, formatDuration } from "./duration.ts";
import { instantMs, isoOf } from "./local-days.ts";
import type { BrandPolicy, ClockName, ClockPolicy, PeakPeriod } from "./types.ts";

/** What a clock instance is about. */
export interface ClockSubject {
  readonly brand: string;
  readonly ticketId: string | null;
  readonly orderId: string | null;
}

/** How a clock policy counts elapsed time: working days, business seconds or wall-clock seconds. */
export const clockMeasure = (c: ClockPolicy): ClockMeasure =>
  c.target.unit === "wd" ? "working_days" : c.calendar === "business" ? "business" : "calendar";

/**
 * The peak period a local date falls in (from..to inclusive), or undefined. When periods
 * overlap, the first one listed in the policy wins.
 */
export const peakPeriodOn = (policy: BrandPolicy, localDate: string): PeakPeriod | undefined =>
  policy.peakPeriods.find((p) => p.from <= localDate && localDate <= p.to);

/** Six decimals are plenty for a policy duration and keep 24h x 1.1 at "26.4h". */
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

const scale = (d: Duration, factor: number): Duration => ({ amount: round6(d.amount * factor), unit: d.unit });

/**
 * The latest instant at which a clock started at `startedAt` has used no more than `d`
 * (ClockInstance.targetDeadline / limitDeadline):
 *  - calendar: start + d;
 *  - business: the calendar's businessDeadline (which stretches over the closed hours after it);
 *  - working days: 1 ms before the local start of the (floor(d)+1)-th working day after the
 *    start's local date, since elapsed working days are a whole number compared with d.
 */
export function clockDeadline(measure: ClockMeasure, startedAt: string, d: Duration, cal: BusinessCalendar): string {
  switch (measure) {
    case "calendar":
      return isoOf(instantMs(startedAt) + Math.floor(durationSeconds(d) * 1000 + 1e-6));
    case "business":
      return cal.businessDeadline(startedAt, durationSeconds(d));
    case "working_days": {
      const day = cal.addWorkingDays(startedAt, Math.floor(d.amount + 1e-9) + 1);
      return day === NEVER_DATE ? NEVER : isoOf(instantMs(cal.startOfLocalDay(day)) - 1);
    }
  }
}

/**
 * A clock instance of a policy's clock, started (and perhaps stopped) at the given instants, with
 * the peak-period factor of the start's local date applied to target and limit.
 */
export function createClockInstance(
  clock: ClockName,
  subject: ClockSubject,
  seq: number,
  startedAt: string,
  stoppedAt: string | null,
  policy: BrandPolicy,
  cal: BusinessCalendar,
): ClockInstance {
  const rule = policy.clocks[clock];
  const measure = clockMeasure(rule);
  const factor = peakPeriodOn(policy, cal.localDate(startedAt))?.factor ?? 1;
  const target = scale(rule.target, factor);
  const limit = scale(rule.limit, factor);
  const start = isoOf(instantMs(startedAt));
  return {
    clock,
    brand: subject.brand,
    ticketId: subject.ticketId,
    orderId: subject.orderId,
    seq,
    startedAt: start,
    stoppedAt: stoppedAt === null ? null : isoOf(instantMs(stoppedAt)),
    measure,
    target: formatDuration(target),
    limit: formatDuration(limit),
    targetDeadline: clockDeadline(measure, start, target, cal),
    limitDeadline: clockDeadline(measure, start, limit, cal),
    factor,
  };
}
