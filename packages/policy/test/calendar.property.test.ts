import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { createCalendar, NEVER, NEVER_DATE } from "../src/calendar.ts";
import {
  DST_DAYS,
  instantMs,
  minuteMs,
  nightInterval,
  policyAndInstant,
  policyNear,
  withOffset,
  ZONES,
} from "./helpers/arbitraries.ts";
import { bruteForceBusinessMinutes, bruteForceWorkingDays } from "./helpers/oracle.ts";
import { everyDay, testPolicy } from "./helpers/policies.ts";
import { WEEKDAYS, type Weekday } from "../src/types.ts";

const iso = (ms: number): string => new Date(ms).toISOString();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("business time: properties over random policies", () => {
  it("matches a brute-force count of working minutes (DST, midnight crossings, holidays)", () => {
    fc.assert(
      fc.property(
        minuteMs().chain((a) => fc.tuple(fc.constant(a), fc.integer({ min: 0, max: 3 * 24 * 60 }), policyNear(a))),
        ([a, minutes, policy]) => {
          const b = a + minutes * 60_000;
          const cal = createCalendar(policy);
          expect(cal.businessSeconds(iso(a), iso(b))).toBe(60 * bruteForceBusinessMinutes(policy, a, b));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("matches the brute-force count on DST days, for hours starting or ending inside the gap or the repeated hour", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DST_DAYS),
        fc.array(nightInterval(), { minLength: 1, maxLength: 3 }),
        fc.array(nightInterval(), { maxLength: 2 }),
        ({ zone, date }, today, yesterday) => {
          const weekday = WEEKDAYS[(DateTime.fromISO(date).weekday + 6) % 7] as Weekday;
          const before = WEEKDAYS[(DateTime.fromISO(date).weekday + 5) % 7] as Weekday;
          const policy = testPolicy({ timezone: zone, workingHours: { [weekday]: today, [before]: yesterday } });
          const a = DateTime.fromISO(date, { zone }).toMillis() - 6 * HOUR;
          const b = a + 36 * HOUR;
          const cal = createCalendar(policy);
          expect(cal.businessSeconds(iso(a), iso(b))).toBe(60 * bruteForceBusinessMinutes(policy, a, b));
        },
      ),
      { numRuns: 100 },
    );
  });

  it("a local day of round-the-clock hours is as long as luxon's day (23h / 24h / 25h)", () => {
    fc.assert(
      fc.property(instantMs(), fc.constantFrom(...ZONES), (at, timezone) => {
        const cal = createCalendar(testPolicy({ timezone, workingHours: everyDay(["00:00", "24:00"]) }));
        const start = DateTime.fromMillis(at, { zone: timezone }).startOf("day");
        // startOf("day") again: on a day whose midnight does not exist (São Paulo, 2018-11-04) the
        // day starts at 01:00, and plus({ days: 1 }) would keep that wall time into the next day.
        const next = start.plus({ days: 1 }).startOf("day");
        const date = start.toISODate() ?? "";
        expect(cal.businessSeconds(cal.startOfLocalDay(date), cal.startOfLocalDay(next.toISODate() ?? ""))).toBe(
          (next.toMillis() - start.toMillis()) / 1000,
        );
      }),
    );
  });

  it("is additive over split intervals: bs(a,c) = bs(a,b) + bs(b,c)", () => {
    fc.assert(
      fc.property(
        policyAndInstant(),
        fc.integer({ min: 0, max: 10 * DAY }),
        fc.integer({ min: 0, max: 10 * DAY }),
        ({ policy, at }, x, y) => {
          const cal = createCalendar(policy);
          const [a, b, c] = [iso(at), iso(at + x), iso(at + x + y)];
          const whole = cal.businessSeconds(a, c);
          const parts = cal.businessSeconds(a, b) + cal.businessSeconds(b, c);
          expect(Math.round(parts * 1000)).toBe(Math.round(whole * 1000));
        },
      ),
    );
  });

  it("never exceeds wall-clock time", () => {
    fc.assert(
      fc.property(policyAndInstant(), fc.integer({ min: 0, max: 20 * DAY }), ({ policy, at }, span) => {
        const cal = createCalendar(policy);
        const bs = cal.businessSeconds(iso(at), iso(at + span));
        expect(bs).toBeGreaterThanOrEqual(0);
        expect(bs).toBeLessThanOrEqual(span / 1000);
      }),
    );
  });

  it("is zero across two consecutive holidays, whatever the hours (a night shift cannot reach past one day)", () => {
    fc.assert(
      fc.property(policyAndInstant(), ({ policy, at }) => {
        const probe = createCalendar(policy);
        const first = probe.localDate(iso(at));
        const second = DateTime.fromISO(first).plus({ days: 1 }).toISODate() ?? "";
        const cal = createCalendar({ ...policy, holidays: [...policy.holidays, first, second] });
        const third = DateTime.fromISO(second).plus({ days: 1 }).toISODate() ?? "";
        expect(cal.businessSeconds(cal.startOfLocalDay(second), cal.startOfLocalDay(third))).toBe(0);
        expect(cal.isWorkingDay(second)).toBe(false);
      }),
    );
  });

  it("is zero across a holiday when no hours cross midnight", () => {
    fc.assert(
      fc.property(policyAndInstant(), ({ policy, at }) => {
        const sameDay = Object.fromEntries(
          Object.entries(policy.workingHours).map(([day, hours]) => [day, (hours ?? []).filter(([s, e]) => e > s)]),
        );
        const probe = createCalendar(policy);
        const holiday = probe.localDate(iso(at));
        const next = DateTime.fromISO(holiday).plus({ days: 1 }).toISODate() ?? "";
        const cal = createCalendar({ ...policy, workingHours: sameDay, holidays: [holiday] });
        expect(cal.businessSeconds(cal.startOfLocalDay(holiday), cal.startOfLocalDay(next))).toBe(0);
      }),
    );
  });

  it("does not depend on the offset an instant is written with", () => {
    fc.assert(
      fc.property(
        policyAndInstant(),
        fc.integer({ min: 0, max: 5 * DAY }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        ({ policy, at }, span, o1, o2) => {
          const cal = createCalendar(policy);
          const [a, b] = [at, at + span];
          expect(cal.businessSeconds(withOffset(a, o1), withOffset(b, o2))).toBe(cal.businessSeconds(iso(a), iso(b)));
          expect(cal.localDate(withOffset(a, o1))).toBe(cal.localDate(iso(a)));
          expect(cal.addBusinessSeconds(withOffset(a, o1), span / 1000)).toBe(
            cal.addBusinessSeconds(iso(a), span / 1000),
          );
          expect(cal.workingDaysElapsed(withOffset(a, o1), withOffset(b, o2))).toBe(
            cal.workingDaysElapsed(iso(a), iso(b)),
          );
        },
      ),
    );
  });

  it("addBusinessSeconds round-trips: bs(s, add(s, x)) = x, and it is the earliest such instant", () => {
    fc.assert(
      fc.property(policyAndInstant(), fc.integer({ min: 1, max: 60 * HOUR }), ({ policy, at }, budgetMs) => {
        const cal = createCalendar(policy);
        const s = iso(at);
        const x = budgetMs / 1000;
        const t = cal.addBusinessSeconds(s, x);
        if (t === NEVER) return; // no working time ahead at all
        expect(cal.businessSeconds(s, t)).toBe(x);
        expect(cal.businessSeconds(s, iso(Date.parse(t) - 1))).toBeLessThan(x);
      }),
    );
  });

  it("businessDeadline is the latest instant with bs(s, t) <= x", () => {
    fc.assert(
      fc.property(policyAndInstant(), fc.integer({ min: 0, max: 60 * HOUR }), ({ policy, at }, budgetMs) => {
        const cal = createCalendar(policy);
        const s = iso(at);
        const x = budgetMs / 1000;
        const d = cal.businessDeadline(s, x);
        if (d === NEVER) return; // no working time ahead at all
        expect(cal.businessSeconds(s, d)).toBe(x);
        expect(cal.businessSeconds(s, iso(Date.parse(d) + 1))).toBeGreaterThan(x);
        expect(Date.parse(d)).toBeGreaterThanOrEqual(Date.parse(cal.addBusinessSeconds(s, x)));
      }),
    );
  });

  it("workingDaysElapsed(s, start of addWorkingDays(s, n)) = n, and n - 1 one millisecond before", () => {
    fc.assert(
      fc.property(policyAndInstant(), fc.integer({ min: 1, max: 30 }), ({ policy, at }, n) => {
        const cal = createCalendar(policy);
        const s = iso(at);
        const date = cal.addWorkingDays(s, n);
        if (date === NEVER_DATE) return; // no working day at all
        expect(cal.isWorkingDay(date)).toBe(true);
        const dayStart = cal.startOfLocalDay(date);
        expect(cal.workingDaysElapsed(s, dayStart)).toBe(n);
        expect(cal.workingDaysElapsed(s, iso(Date.parse(dayStart) - 1))).toBe(n - 1);
      }),
    );
  });

  it("workingDaysElapsed matches a day-by-day count", () => {
    fc.assert(
      fc.property(policyAndInstant(), fc.integer({ min: 0, max: 60 * DAY }), ({ policy, at }, span) => {
        const cal = createCalendar(policy);
        const [a, b] = [iso(at), iso(at + span)];
        expect(cal.workingDaysElapsed(a, b)).toBe(bruteForceWorkingDays(policy, cal.localDate(a), cal.localDate(b)));
      }),
    );
  });

  it("localDate and startOfLocalDay agree with luxon", () => {
    fc.assert(
      fc.property(instantMs(), fc.constantFrom(...ZONES), (at, timezone) => {
        const cal = createCalendar(testPolicy({ timezone }));
        const date = cal.localDate(iso(at));
        expect(date).toBe(DateTime.fromMillis(at, { zone: timezone }).toISODate());
        expect(cal.startOfLocalDay(date)).toBe(
          DateTime.fromISO(date, { zone: timezone }).startOf("day").toUTC().toISO(),
        );
        expect(Date.parse(cal.startOfLocalDay(date))).toBeLessThanOrEqual(at);
      }),
    );
  });
});
