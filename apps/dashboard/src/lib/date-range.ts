/**
 * Date ranges for the metric filters, in the store's time zone (the API's days are the store's
 * local days, so ranges on its midnights are read from its day rollups). Presets are the last
 * 7/30/90 days ending at the next local midnight; custom ranges are inclusive calendar dates in
 * the UI and become the half-open instants [from 00:00, to + 1 day 00:00) the API takes.
 */

export const PRESETS = [7, 30, 90] as const;
export type PresetDays = (typeof PRESETS)[number];

export type RangeSpec = { kind: "preset"; days: PresetDays } | { kind: "custom"; from: string; to: string };

export interface Instants {
  /** ISO instant, inclusive. */
  from: string;
  /** ISO instant, exclusive. */
  to: string;
}

const DAY_MS = 86_400_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export const DEFAULT_RANGE: RangeSpec = { kind: "preset", days: 30 };

/** Parses "2026-03-02" as UTC midnight; null if it is not a real calendar date. */
export function parseDate(s: string): Date | null {
  if (!DATE_RE.test(s)) return null;
  const d = new Date(`${s}T00:00:00.000Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) return null;
  return d;
}

/** A Date as "YYYY-MM-DD" in UTC. */
export function toDateString(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** "YYYY-MM-DD" moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  return toDateString(new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS));
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall clock of `instant` (epoch ms) in `timeZone`, read as if it were UTC, in epoch ms. */
function wallClock(instant: number, timeZone: string): number {
  let f = clockFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    clockFormats.set(timeZone, f);
  }
  const part = Object.fromEntries(f.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
  return Date.UTC(
    part.year ?? 0,
    (part.month ?? 1) - 1,
    part.day ?? 1,
    part.hour ?? 0,
    part.minute ?? 0,
    part.second ?? 0,
  );
}

/** The calendar date of `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone = "UTC"): string {
  return toDateString(new Date(wallClock(instant.getTime(), timeZone)));
}

/**
 * The first instant of `date` in `timeZone` (its midnight; where a clock change skips midnight,
 * the first hour that exists).
 */
export function startOfLocalDay(date: string, timeZone = "UTC"): Date {
  const wall = Date.parse(`${date}T00:00:00.000Z`);
  const offset = (t: number) => wallClock(t, timeZone) - t;
  // Midnight at the offset of a first guess, then at the offset of the instant that gives: the two
  // differ only near a clock change, where the earlier one on `date` is its first instant.
  const first = wall - offset(wall);
  const second = wall - offset(first);
  const onDate = [first, second].filter((t) => localDate(new Date(t), timeZone) === date);
  return new Date(onDate.length > 0 ? Math.min(...onDate) : second);
}

/** The next local midnight strictly after `now`. */
export function nextMidnight(now: Date, timeZone = "UTC"): Date {
  return startOfLocalDay(addDays(localDate(now, timeZone), 1), timeZone);
}

/** The instants of a range at `now`, on the local midnights of `timeZone`. */
export function rangeInstants(spec: RangeSpec, now: Date = new Date(), timeZone = "UTC"): Instants {
  if (spec.kind === "preset") {
    const end = addDays(localDate(now, timeZone), 1);
    return {
      from: startOfLocalDay(addDays(end, -spec.days), timeZone).toISOString(),
      to: startOfLocalDay(end, timeZone).toISOString(),
    };
  }
  if (!parseDate(spec.from) || !parseDate(spec.to)) return rangeInstants(DEFAULT_RANGE, now, timeZone);
  return {
    from: startOfLocalDay(spec.from, timeZone).toISOString(),
    to: startOfLocalDay(addDays(spec.to, 1), timeZone).toISOString(),
  };
}

/** The period of as many local days immediately before. */
export function previousPeriod(range: Instants, timeZone = "UTC"): Instants {
  const first = localDate(new Date(range.from), timeZone);
  return { from: startOfLocalDay(addDays(first, -rangeDays(range)), timeZone).toISOString(), to: range.from };
}

/** Length of a range in whole days. */
export function rangeDays(range: Instants): number {
  return Math.round((Date.parse(range.to) - Date.parse(range.from)) / DAY_MS);
}

/** The inclusive local calendar dates a range covers, for the custom date inputs. */
export function inclusiveDates(range: Instants, timeZone = "UTC"): { from: string; to: string } {
  return {
    from: localDate(new Date(range.from), timeZone),
    to: localDate(new Date(Date.parse(range.to) - 1), timeZone),
  };
}

/** A short label: "Last 30 days" or "1 Mar 2026 – 31 Mar 2026". */
export function describeRange(spec: RangeSpec): string {
  if (spec.kind === "preset") return `Last ${spec.days} days`;
  return `${spec.from} – ${spec.to}`;
}
