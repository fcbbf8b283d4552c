import type { BrandPolicy, Interval } from "./types.ts";
import { WEEKDAYS } from "./types.ts";

/** Minutes of a local "HH:MM" (up to "24:00"). */
const minutesOf = (t: string): number => {
  const [h, m] = t.split(":");
  const minutes = Number(h) * 60 + Number(m);
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440)
    throw new RangeError(`'${t}' is not a local time HH:MM`);
  return minutes;
};

/** An interval's [start, end) in minutes from the local midnight of its own day; crossing midnight spills past 1440. */
const minuteSpan = ([a, b]: Interval): readonly [number, number] => {
  const s = minutesOf(a);
  const e = minutesOf(b);
  return [s, e > s ? e : e + 1440];
};

/**
 * Each weekday's working hours (0 = Monday) as sorted, merged minute spans [start, end) from the
 * local midnight of that day; an interval crossing midnight ends past 1440, "24:00" is 1440.
 */
export const weeklySpans = (policy: BrandPolicy): ReadonlyArray<ReadonlyArray<readonly [number, number]>> =>
  WEEKDAYS.map((day) => {
    const spans = (policy.workingHours[day] ?? []).map(minuteSpan).sort((x, y) => x[0] - y[0]);
    const merged: Array<[number, number]> = [];
    for (const [s, e] of spans) {
      const last = merged[merged.length - 1];
      if (last && s <= last[1]) last[1] = Math.max(last[1], e);
      else merged.push([s, e]);
    }
    return merged;
  });
