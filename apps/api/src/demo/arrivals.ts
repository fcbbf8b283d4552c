import { DAY, HOUR, startOfDay, weekday } from "./calendar.ts";
import type { Rng } from "./random.ts";

/** Relative ticket volume by UTC weekday (0 = Sunday). */
const WEEKDAY_FACTOR = [0.55, 1.2, 1.12, 1.05, 1.0, 0.92, 0.5] as const;
/** Relative ticket volume by UTC hour: quiet nights, a late-morning peak and an evening bump. */
const HOUR_FACTOR = [
  0.2, 0.14, 0.1, 0.08, 0.08, 0.12, 0.25, 0.5, 0.85, 1.15, 1.35, 1.4, 1.3, 1.3, 1.35, 1.3, 1.2, 1.1, 1.0, 1.0, 1.05,
  0.95, 0.7, 0.4,
] as const;

export interface Peak {
  /** Inclusive start, epoch ms (00:00 UTC). */
  from: number;
  /** Exclusive end, epoch ms (00:00 UTC). */
  to: number;
  /** Ticket volume multiplier. */
  volume: number;
  /** Reply delay multiplier (teams are swamped). */
  slowdown: number;
  label: string;
}

/** Black Friday (the fourth Friday of November) of a year, as epoch ms at 00:00 UTC. */
export function blackFriday(year: number): number {
  const nov1 = Date.UTC(year, 10, 1);
  const firstFriday = 1 + ((5 - weekday(nov1) + 7) % 7);
  return Date.UTC(year, 10, firstFriday + 21);
}

/**
 * The peak period of a history [start, end): Black Friday week (Thanksgiving Thursday to the
 * Tuesday after Cyber Monday, six days) when it overlaps the range; otherwise a six-day sale
 * starting on the first Thursday after 60% of the range, when the range is at least 14 days
 * long; otherwise none.
 */
export function peakOf(start: number, end: number): Peak | null {
  const years = new Set([new Date(start).getUTCFullYear(), new Date(end).getUTCFullYear()]);
  for (const y of [...years].sort((a, b) => b - a)) {
    const from = blackFriday(y) - DAY;
    const to = from + 6 * DAY;
    if (from < end && to > start) return { from, to, volume: 2.3, slowdown: 1.8, label: `Black Friday ${y}` };
  }
  if (end - start < 14 * DAY) return null;
  let from = startOfDay(start + 0.6 * (end - start));
  while (weekday(from) !== 4) from += DAY;
  if (from + 6 * DAY > end) return null;
  return { from, to: from + 6 * DAY, volume: 1.9, slowdown: 1.6, label: "Spring sale" };
}

/**
 * Ticket creation times: `count` instants in [start, end), ascending, drawn from a
 * non-homogeneous Poisson process conditioned on its count. The intensity is piecewise
 * constant by hour (weekday × hour of day × peak × a slow 15% growth over the range); the
 * sorted uniforms come one at a time from the order-statistics recurrence, so nothing but
 * the hourly table is held in memory.
 */
export function* arrivalTimes(
  rng: Rng,
  count: number,
  start: number,
  end: number,
  peak: Peak | null,
): Generator<number> {
  const span = end - start;
  const buckets = Math.max(1, Math.ceil(span / HOUR));
  const cumulative = new Float64Array(buckets + 1);
  for (let i = 0; i < buckets; i++) {
    const from = start + i * HOUR;
    const to = Math.min(end, from + HOUR);
    const mid = (from + to) / 2;
    const hour = new Date(mid).getUTCHours();
    let w = (WEEKDAY_FACTOR[weekday(mid)] ?? 1) * (HOUR_FACTOR[hour] ?? 1) * (1 + 0.15 * ((mid - start) / span));
    if (peak && mid >= peak.from && mid < peak.to) w *= peak.volume;
    cumulative[i + 1] = (cumulative[i] ?? 0) + w * ((to - from) / HOUR);
  }
  const total = cumulative[buckets] ?? 1;
  let x = 0;
  let b = 0;
  for (let i = 0; i < count; i++) {
    // Next order statistic of (count - i) remaining uniforms on [x, 1).
    x += (1 - x) * -Math.expm1(Math.log(rng.nonZero()) / (count - i));
    const target = x * total;
    while (b < buckets - 1 && (cumulative[b + 1] ?? 0) <= target) b++;
    const lo = cumulative[b] ?? 0;
    const hi = cumulative[b + 1] ?? lo;
    const frac = hi > lo ? (target - lo) / (hi - lo) : 0;
    const from = start + b * HOUR;
    const to = Math.min(end, from + HOUR);
    // Whole seconds in [start, end).
    const at = Math.floor((from + frac * (to - from)) / 1000) * 1000;
    yield Math.max(Math.ceil(start / 1000) * 1000, Math.min(at, Math.ceil(end / 1000) * 1000 - 1000));
  }
}
