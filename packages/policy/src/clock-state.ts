import type { BusinessCalendar } from "./calendar-types.ts";
import type { ClockInstance, ClockState } from "./clock-types.ts";
import { instantMs, isoOf } from "./local-days.ts";

/**
 * The state of a clock instance at `asOf` (DESIGN.md §4), from its precomputed deadlines:
 *  - stopped at or before asOf: met (stop <= targetDeadline), late (<= limitDeadline) or breached;
 *  - not stopped yet (or stopped after asOf): breached once asOf > limitDeadline, else running,
 *    and atRisk when asOf > targetDeadline.
 * Elapsed time runs to the stop, or to asOf while running (0 when asOf is before the start).
 */
export function clockState(inst: ClockInstance, asOf: string, cal: BusinessCalendar): ClockState {
  const now = instantMs(asOf);
  const start = instantMs(inst.startedAt);
  const stop = inst.stoppedAt === null ? null : instantMs(inst.stoppedAt);
  const target = instantMs(inst.targetDeadline);
  const limit = instantMs(inst.limitDeadline);

  let status: ClockState["status"];
  let atRisk = false;
  let end: number;
  if (stop !== null && stop <= now) {
    status = stop <= target ? "met" : stop <= limit ? "late" : "breached";
    end = stop;
  } else {
    status = now > limit ? "breached" : "running";
    atRisk = status === "running" && now > target;
    end = now;
  }

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
