import { DEFAULT_POLICY } from "../../src/builtins.ts";
import { parseDuration } from "../../src/duration.ts";
import type { BrandPolicy, CalendarKind, ClockPolicy, Interval, Weekday } from "../../src/types.ts";

/** A test policy: the default policy (UTC, Mon–Fri 09:00–18:00) under brand "acme", with overrides. */
export const testPolicy = (overrides: Partial<BrandPolicy> = {}): BrandPolicy => ({
  ...DEFAULT_POLICY,
  brand: "acme",
  name: "Acme",
  ...overrides,
});

/** The same intervals on Monday to Friday. */
export const weekdays = (...intervals: Interval[]): Partial<Record<Weekday, readonly Interval[]>> => ({
  mon: intervals,
  tue: intervals,
  wed: intervals,
  thu: intervals,
  fri: intervals,
});

/** The same intervals on every day of the week. */
export const everyDay = (...intervals: Interval[]): Partial<Record<Weekday, readonly Interval[]>> => ({
  ...weekdays(...intervals),
  sat: intervals,
  sun: intervals,
});

export const clockPolicy = (target: string, limit: string, calendar: CalendarKind = "calendar"): ClockPolicy => {
  const t = parseDuration(target);
  const l = parseDuration(limit);
  if (!t || !l) throw new Error(`bad test durations ${target} ${limit}`);
  return { target: t, limit: l, calendar };
};

/** A policy with some clocks replaced. */
export const withClocks = (policy: BrandPolicy, clocks: Partial<BrandPolicy["clocks"]>): BrandPolicy => ({
  ...policy,
  clocks: { ...policy.clocks, ...clocks },
});
