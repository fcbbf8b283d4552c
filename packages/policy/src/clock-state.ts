import type { BusinessCalendar } from "./calendar-types.ts";
import type { ClockInstance, ClockState } from "./clock-types.ts";
import { instantMs, isoOf } from "./local-days.ts";

/** Where a clock instance stands at `asOf`: its status, and whether it is at risk (DESIGN.md §4). */
export type ClockStatusAt = Pick<ClockState, "status" | "atRisk">;

/**
 * The status of a clock instance at `asOf`, from its precomputed deadlines:
 *  - stopped at or before asOf: met (stop <= targetDeadline), late (<= limitDeadline) or breached;
 *  - not stopped yet (or stopped after asOf): breached once asOf > limitDeadline, else running,
 *    and atRisk when asOf > targetDeadline.
 * What the figures count; `clockState` adds the elapsed time, which needs the calendar.
 */
export function clockStatusAt(
  inst: Pick<ClockInstance, "stoppedAt" | "targetDeadline" | "limitDeadline">,
  asOf: string,
): ClockStatusAt {
  const now = instantMs(asOf);
  const stop = inst.stoppedAt === null ? null : instantMs(inst.stoppedAt);
  const target = instantMs(inst.targetDeadline);
  const limit = instantMs(inst.limitDeadline);
  if (stop !== null && stop <= now)
    return { status: stop <= target ? "met" : stop <= limit ? "late" : "breached", atRisk: false };
  const status = now > limit ? "breached" : "running";
  return { status, atRisk: status === "running" && now > target };
}

/**
 * The state of a clock instance at `asOf` (DESIGN.md §4): its status (`clockStatusAt`) and the
 * elapsed time, which runs to the stop, or to asOf while running (0 when asOf is before the start).
 */
export function clockState(inst: ClockInstance, asOf: string, cal: BusinessCalendar): ClockState {
  const { status, atRisk } = clockStatusAt(inst, asOf);
  const now = instantMs(asOf);
  const start = instantMs(inst.startedAt);
  const stop = inst.stoppedAt === null ? null : instantMs(inst.stoppedAt);
  const end = stop !== null && stop <= now ? stop : now;
  if (inst.measure === "working_days")
    return {
      status,
      atRisk,
      elapsedSeconds: null,
      elapsedWorkingDays: end > start ? cal.workingDaysElapsed(inst.startedAt, isoOf(end)) : 0,
    };
  const elapsed =
    end <= start
      ? 0
      : inst.measure === "business"
        ? cal.businessSeconds(inst.startedAt, isoOf(end))
        : (end - start) / 1000;
  return { status, atRisk, elapsedSeconds: elapsed, elapsedWorkingDays: null };
}
