import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCalendar, NEVER } from "../src/calendar.ts";
import { createClockInstance } from "../src/clock-instance.ts";
import { clockState } from "../src/clocks.ts";
import { durationSeconds, parseDuration } from "../src/duration.ts";
import type { BrandPolicy, CalendarKind } from "../src/types.ts";
import { policyAndInstant } from "./helpers/arbitraries.ts";
import { clockPolicy, withClocks } from "./helpers/policies.ts";

const HOUR = 3_600_000;
const QUARTER = 15 * 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();

/** Time after the start: any millisecond, or whole quarter hours (to hit interval ends exactly). */
const offset = fc.oneof(
  fc.integer({ min: 0, max: 400 * HOUR }),
  fc.integer({ min: 0, max: 1600 }).map((q) => q * QUARTER),
);

/** A clock rule: time-based (calendar or business) or in working days, target <= limit. */
const rule = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 1, max: 72 }),
      fc.integer({ min: 0, max: 72 }),
      fc.constantFrom<CalendarKind>("calendar", "business"),
    )
    .map(([t, extra, kind]) => clockPolicy(`${t}h`, `${t + extra}h`, kind)),
  fc
    .tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 10 }))
    .map(([t, extra]) => clockPolicy(`${t}wd`, `${t + extra}wd`)),
);

/** Status straight from DESIGN.md §4: elapsed compared with target and limit. */
const expectedStatus = (elapsed: number, target: number, limit: number, stopped: boolean) => {
  if (stopped) return elapsed <= target ? "met" : elapsed <= limit ? "late" : "breached";
  return elapsed <= limit ? "running" : "breached";
};

describe("clock deadlines agree with elapsed time (random policies, measures, peak factors)", () => {
  it("status from deadlines = status from comparing elapsed with target and limit", () => {
    fc.assert(
      fc.property(
        policyAndInstant(),
        rule,
        fc.constantFrom(1, 1.5, 0.75, 1.1, 2.25),
        fc.boolean(),
        offset,
        fc.option(offset, { nil: null }),
        ({ policy, at: rawAt }, clock, factor, onQuarterHour, asOfAfter, stopAfter) => {
          // Starting on a quarter hour makes budgets run out exactly at closing time, where a
          // business deadline must stretch to the next opening.
          const at = onQuarterHour ? Math.floor(rawAt / QUARTER) * QUARTER : rawAt;
          const p: BrandPolicy = withClocks(
            { ...policy, peakPeriods: [{ from: "2000-01-01", to: "2099-12-31", factor }] },
            { dispatch: clock },
          );
          const cal = createCalendar(p);
          const inst = createClockInstance(
            "dispatch",
            { brand: "x", ticketId: null, orderId: "o" },
            0,
            iso(at),
            stopAfter === null ? null : iso(at + stopAfter),
            p,
            cal,
          );
          fc.pre(inst.limitDeadline !== NEVER); // a calendar without working time never reaches its limit
          const target = parseDuration(inst.target);
          const limit = parseDuration(inst.limit);
          if (!target || !limit) throw new Error("instance durations must parse");
          expect(target.amount).toBeCloseTo(clock.target.amount * factor, 6);

          const asOf = iso(at + asOfAfter);
          const state = clockState(inst, asOf, cal);
          const stopped = stopAfter !== null && stopAfter <= asOfAfter;
          if (inst.measure === "working_days") {
            const elapsed = state.elapsedWorkingDays ?? Number.NaN;
            expect(state.status).toBe(expectedStatus(elapsed, target.amount, limit.amount, stopped));
            if (!stopped) expect(state.atRisk).toBe(state.status === "running" && elapsed > target.amount);
          } else {
            const ms = Math.round((state.elapsedSeconds ?? Number.NaN) * 1000);
            const t = Math.floor(durationSeconds(target) * 1000 + 1e-6);
            const l = Math.floor(durationSeconds(limit) * 1000 + 1e-6);
            expect(state.status).toBe(expectedStatus(ms, t, l, stopped));
            if (!stopped) expect(state.atRisk).toBe(state.status === "running" && ms > t);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a deadline is the last instant within bounds: stopping on it and 1 ms after differ", () => {
    fc.assert(
      fc.property(policyAndInstant(), rule, fc.boolean(), ({ policy, at: rawAt }, clock, onQuarterHour) => {
        const at = onQuarterHour ? Math.floor(rawAt / QUARTER) * QUARTER : rawAt;
        const p = withClocks(policy, { dispatch: clock });
        const cal = createCalendar(p);
        const probe = createClockInstance(
          "dispatch",
          { brand: "x", ticketId: null, orderId: "o" },
          0,
          iso(at),
          null,
          p,
          cal,
        );
        fc.pre(probe.limitDeadline !== NEVER);
        const stoppedAt = (ms: number) =>
          clockState(
            createClockInstance("dispatch", { brand: "x", ticketId: null, orderId: "o" }, 0, iso(at), iso(ms), p, cal),
            NEVER,
            cal,
          );
        const target = Date.parse(probe.targetDeadline);
        const limit = Date.parse(probe.limitDeadline);
        const within = (s: ReturnType<typeof stoppedAt>, amount: number, unitSeconds: number | null) =>
          probe.measure === "working_days"
            ? (s.elapsedWorkingDays ?? Number.NaN) <= amount
            : Math.round((s.elapsedSeconds ?? Number.NaN) * 1000) <=
              Math.floor(amount * (unitSeconds ?? 0) * 1000 + 1e-6);
        const unit = clock.target.unit === "wd" ? null : durationSeconds({ amount: 1, unit: clock.target.unit });
        expect(within(stoppedAt(target), clock.target.amount, unit)).toBe(true);
        expect(within(stoppedAt(target + 1), clock.target.amount, unit)).toBe(false);
        expect(within(stoppedAt(limit), clock.limit.amount, unit)).toBe(true);
        expect(within(stoppedAt(limit + 1), clock.limit.amount, unit)).toBe(false);
        expect(stoppedAt(target).status).toBe("met");
        expect(stoppedAt(limit + 1).status).toBe("breached");
      }),
      { numRuns: 300 },
    );
  });
});
