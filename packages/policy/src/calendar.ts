import type { BusinessCalendar } from "./calendar-types.ts";
import { dayNumber, formatDay, instantMs, isoOf, MS_PER_DAY, utcDayOf, weekdayOf } from "./local-days.ts";
import type { BrandPolicy } from "./types.ts";
import { createWallClock, type WallClock } from "./wall-clock.ts";
import { weeklySpans } from "./working-hours.ts";

/**
 * Returned by addBusinessSeconds and businessDeadline when the budget cannot be spent within
 * SEARCH_LIMIT_DAYS of consecutive days without working time (a calendar with no working
 * hours, or only holidays ahead): the deadline is never reached.
 */
export const NEVER = "9999-12-31T23:59:59.999Z";
/** Returned by addWorkingDays when no working day follows within SEARCH_LIMIT_DAYS. */
export const NEVER_DATE = "9999-12-31";
/** How many consecutive days without working time a search crosses before giving up (10 years). */
export const SEARCH_LIMIT_DAYS = 3653;

const NEVER_MS = Date.parse(NEVER);
const MINUTE = 60_000;

/** A local date's working intervals as UTC epoch-ms pairs [s0, e0, s1, e1, …], sorted and disjoint. */
interface Day {
  readonly intervals: readonly number[];
  /** Working ms in the intervals. */
  readonly total: number;
}

/** The number of values of a sorted array in [lo, hi]. */
const countInRange = (sorted: readonly number[], lo: number, hi: number): number => {
  const lowerBound = (x: number): number => {
    let a = 0;
    let b = sorted.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if ((sorted[mid] as number) < x) a = mid + 1;
      else b = mid;
    }
    return a;
  };
  return hi < lo ? 0 : lowerBound(hi + 1) - lowerBound(lo);
};

/**
 * The business calendar of a policy (see BusinessCalendar). Each local date's working intervals
 * are computed once, with luxon's zone data, and cached as UTC epoch-ms pairs; every query then
 * walks cached days with integer arithmetic only.
 *
 * Working hours: an interval whose end is at or before its start crosses midnight and belongs to
 * the day it starts on (a holiday removes it along with the rest of that day's hours); "24:00" is
 * the next local midnight. Local times are placed with WallClock.instantOf: a time skipped by a
 * spring-forward gap starts at the jump, an ambiguous time is its first occurrence, so a DST day's
 * hours are as long as the clocks on the wall say (an hour shorter or longer).
 *
 * Termination: searches forward (addBusinessSeconds, businessDeadline, addWorkingDays) give up
 * after SEARCH_LIMIT_DAYS consecutive days without working time and return NEVER / NEVER_DATE.
 * businessSeconds walks every day between its two instants: O(days).
 */
export function createCalendar(policy: BrandPolicy): BusinessCalendar {
  const wall: WallClock = createWallClock(policy.timezone);
  const spans = weeklySpans(policy);
  const workingWeekday = spans.map((s) => s.length > 0);
  const workingWeekdays = workingWeekday.filter(Boolean).length;
  const holidays = new Set(policy.holidays.map(dayNumber));
  /** Holidays that fall on a working weekday, sorted: the ones that remove a working day. */
  const workingHolidays = [...holidays].filter((d) => workingWeekday[weekdayOf(d)]).sort((a, b) => a - b);

  const startCache = new Map<number, number>();
  /** The instant a local date starts: its local midnight. */
  const startOf = (day: number): number => {
    let ms = startCache.get(day);
    if (ms === undefined) {
      ms = wall.instantOf(day * MS_PER_DAY);
      startCache.set(day, ms);
    }
    return ms;
  };

  /** The local date (day number) of an instant. */
  const dayOf = (ms: number): number => {
    let day = utcDayOf(ms);
    while (ms < startOf(day)) day--;
    while (ms >= startOf(day + 1)) day++;
    return day;
  };

  /** A date's own intervals as instants, before removing any overlap with the previous date's. */
  const rawCache = new Map<number, readonly number[]>();
  const rawIntervals = (day: number): readonly number[] => {
    const cached = rawCache.get(day);
    if (cached !== undefined) return cached;
    const out: number[] = [];
    if (!holidays.has(day))
      for (const [s, e] of spans[weekdayOf(day)] ?? []) {
        const from = wall.instantOf(day * MS_PER_DAY + s * MINUTE);
        const to = wall.instantOf(day * MS_PER_DAY + e * MINUTE);
        if (to > from) out.push(from, to);
      }
    rawCache.set(day, out);
    return out;
  };

  const dayCache = new Map<number, Day>();
  /**
   * A date's working intervals. Hours of the previous date that run past midnight win over this
   * date's own hours where they overlap (a valid policy file never has such overlaps; a policy
   * built in code might), so no instant is ever counted twice.
   */
  const dayAt = (day: number): Day => {
    const cached = dayCache.get(day);
    if (cached !== undefined) return cached;
    const prev = rawIntervals(day - 1);
    const floor = prev.length ? (prev[prev.length - 1] as number) : Number.NEGATIVE_INFINITY;
    const own = rawIntervals(day);
    const intervals: number[] = [];
    let total = 0;
    for (let i = 0; i < own.length; i += 2) {
      const s = Math.max(own[i] as number, floor);
      const e = own[i + 1] as number;
      if (e > s) {
        intervals.push(s, e);
        total += e - s;
      }
    }
    const entry: Day = { intervals, total };
    dayCache.set(day, entry);
    return entry;
  };

  const businessMs = (a: number, b: number): number => {
    if (!(b > a) || workingWeekdays === 0) return 0;
    const last = dayOf(b);
    let sum = 0;
    for (let day = dayOf(a) - 1; day <= last; day++) {
      const { intervals, total } = dayAt(day);
      if (total === 0) continue;
      const first = intervals[0] as number;
      const end = intervals[intervals.length - 1] as number;
      if (first >= a && end <= b) {
        sum += total;
        continue;
      }
      for (let i = 0; i < intervals.length; i += 2) {
        const s = Math.max(intervals[i] as number, a);
        const e = Math.min(intervals[i + 1] as number, b);
        if (e > s) sum += e - s;
      }
    }
    return sum;
  };

  /**
   * Walks the working intervals after `a` spending `budget` ms. `strict` false: the earliest
   * instant at which the budget is spent; true: the latest instant before more working time
   * accrues (so a budget spent at the end of an interval extends to the next one's start).
   */
  const spend = (a: number, budget: number, strict: boolean): number => {
    if (workingWeekdays === 0) return NEVER_MS;
    let left = budget;
    let idle = 0;
    for (let day = dayOf(a) - 1; idle <= SEARCH_LIMIT_DAYS; day++) {
      const { intervals } = dayAt(day);
      let worked = false;
      for (let i = 0; i < intervals.length; i += 2) {
        const e = intervals[i + 1] as number;
        if (e <= a) continue;
        const s = Math.max(intervals[i] as number, a);
        const available = e - s;
        worked = true;
        if (strict ? left < available : left <= available) return s + left;
        left -= available;
      }
      idle = worked ? 0 : idle + 1;
    }
    return NEVER_MS;
  };

  const toMs = (seconds: number, round: (x: number) => number): number => {
    if (!Number.isFinite(seconds)) throw new RangeError(`${seconds} is not a number of seconds`);
    const ms = seconds * 1000;
    const near = Math.round(ms);
    return Math.abs(ms - near) < 1e-6 ? near : round(ms);
  };

  const countWorkingDays = (fromExclusive: number, toInclusive: number): number => {
    const n = toInclusive - fromExclusive;
    if (n <= 0) return 0;
    let count = Math.floor(n / 7) * workingWeekdays;
    for (let day = fromExclusive + Math.floor(n / 7) * 7 + 1; day <= toInclusive; day++)
      if (workingWeekday[weekdayOf(day)]) count++;
    return count - countInRange(workingHolidays, fromExclusive + 1, toInclusive);
  };

  const isWorkingDayNumber = (day: number): boolean => workingWeekday[weekdayOf(day)] === true && !holidays.has(day);

  return {
    timezone: policy.timezone,
    localDate: (instant) => formatDay(dayOf(instantMs(instant))),
    startOfLocalDay: (localDate) => isoOf(startOf(dayNumber(localDate))),
    isWorkingDay: (localDate) => isWorkingDayNumber(dayNumber(localDate)),
    businessSeconds: (start, end) => businessMs(instantMs(start), instantMs(end)) / 1000,
    businessDeadline: (start, seconds) => {
      const a = instantMs(start);
      return isoOf(spend(a, Math.max(0, toMs(seconds, Math.floor)), true));
    },
    addBusinessSeconds: (start, seconds) => {
      const a = instantMs(start);
      const budget = toMs(seconds, Math.ceil);
      return isoOf(budget <= 0 ? a : spend(a, budget, false));
    },
    workingDaysElapsed: (start, end) => countWorkingDays(dayOf(instantMs(start)), dayOf(instantMs(end))),
    addWorkingDays: (start, n) => {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`${n} is not a whole number of working days`);
      let day = dayOf(instantMs(start));
      if (n === 0) return formatDay(day);
      let left = n;
      let idle = 0;
      while (idle <= SEARCH_LIMIT_DAYS) {
        day++;
        if (isWorkingDayNumber(day)) {
          idle = 0;
          if (--left === 0) return formatDay(day);
        } else idle++;
      }
      return NEVER_DATE;
    },
  };
}
