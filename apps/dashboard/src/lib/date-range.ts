/**
 * Date ranges for the metric filters. Presets are the last 7/30/90 days ending at the next
 * midnight (UTC: every built-in store uses UTC); custom ranges are inclusive calendar dates
 * in the UI and become the half-open instants [from 00:00, to + 1 day 00:00) the API takes.
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

/** The next UTC midnight strictly after `now`. */
export function nextMidnight(now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return new Date(d.getTime() + DAY_MS);
}

/** The instants of a range at `now`. */
export function rangeInstants(spec: RangeSpec, now: Date = new Date()): Instants {
  if (spec.kind === "preset") {
    const to = nextMidnight(now);
    const from = new Date(to.getTime() - spec.days * DAY_MS);
    return { from: from.toISOString(), to: to.toISOString() };
  }
  const from = parseDate(spec.from);
  const to = parseDate(spec.to);
  if (!from || !to) return rangeInstants(DEFAULT_RANGE, now);
  return { from: from.toISOString(), to: new Date(to.getTime() + DAY_MS).toISOString() };
}

/** The period of the same length immediately before. */
export function previousPeriod(range: Instants): Instants {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  const length = to - from;
  return { from: new Date(from - length).toISOString(), to: new Date(from).toISOString() };
}

/** Length of a range in whole days. */
export function rangeDays(range: Instants): number {
  return Math.round((Date.parse(range.to) - Date.parse(range.from)) / DAY_MS);
}

/** The inclusive calendar dates a range covers, for the custom date inputs. */
export function inclusiveDates(range: Instants): { from: string; to: string } {
  return { from: range.from.slice(0, 10), to: toDateString(new Date(Date.parse(range.to) - DAY_MS)) };
}

/** A short label: "Last 30 days" or "1 Mar 2026 – 31 Mar 2026". */
export function describeRange(spec: RangeSpec): string {
  if (spec.kind === "preset") return `Last ${spec.days} days`;
  return `${spec.from} – ${spec.to}`;
}
