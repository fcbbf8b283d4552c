import { DateTime } from "luxon";
import type { BrandPolicy, Interval } from "../../src/types.ts";
import { WEEKDAYS } from "../../src/types.ts";

/**
 * Independent reference for business time, by brute force over whole minutes, using luxon only to
 * read an instant's local wall time. It states the calendar's contract in wall-clock terms:
 *
 * An instant t works when the running maximum M(t) of the local wall time up to t lies in a
 * working interval [D+start, D+end) of a non-holiday local date D (its end past midnight when it
 * crosses midnight). The running maximum is what makes DST precise: hours skipped by a spring
 * gap are never worked, and in the repeated autumn hour the wall clock is "behind" its maximum,
 * so a working interval starts and ends at the first time the wall clock reaches its bounds.
 */
const MINUTE = 60_000;
const DAY = 86_400_000;

const minutes = (t: string): number => {
  const [h, m] = t.split(":");
  return Number(h) * 60 + Number(m);
};

const span = ([a, b]: Interval): [number, number] => {
  const s = minutes(a);
  const e = minutes(b);
  return [s, e > s ? e : e + 1440];
};

/** Working minutes in [a, b); a and b must be whole minutes, working hours whole minutes too. */
export function bruteForceBusinessMinutes(policy: BrandPolicy, a: number, b: number): number {
  const zone = policy.timezone;
  const holidays = new Set(policy.holidays);
  const spans = WEEKDAYS.map((d) => (policy.workingHours[d] ?? []).map(span));
  const wallOf = (t: number): number => {
    const d = DateTime.fromMillis(t, { zone });
    return Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute);
  };
  const works = (m: number): boolean => {
    const day = Math.floor(m / DAY);
    for (const d of [day, day - 1]) {
      const date = DateTime.fromMillis(d * DAY, { zone: "UTC" });
      if (holidays.has(date.toISODate() ?? "")) continue;
      for (const [s, e] of spans[date.weekday - 1] ?? [])
        if (m >= d * DAY + s * MINUTE && m < d * DAY + e * MINUTE) return true;
    }
    return false;
  };
  let max = Number.NEGATIVE_INFINITY;
  let count = 0;
  // Start two hours early so the running maximum has seen any recent fall-back transition.
  for (let t = a - 2 * 3_600_000; t < b; t += MINUTE) {
    max = Math.max(max, wallOf(t));
    if (t >= a && works(max)) count++;
  }
  return count;
}

/** Local dates in [from, to] (inclusive) that are working days, counted one by one with luxon. */
export function bruteForceWorkingDays(policy: BrandPolicy, fromExclusive: string, toInclusive: string): number {
  const holidays = new Set(policy.holidays);
  let count = 0;
  let d = DateTime.fromISO(fromExclusive, { zone: "UTC" }).plus({ days: 1 });
  const end = DateTime.fromISO(toInclusive, { zone: "UTC" });
  while (d <= end) {
    const weekday = WEEKDAYS[d.weekday - 1];
    const hours = weekday ? (policy.workingHours[weekday] ?? []) : [];
    if (hours.length > 0 && !holidays.has(d.toISODate() ?? "")) count++;
    d = d.plus({ days: 1 });
  }
  return count;
}
