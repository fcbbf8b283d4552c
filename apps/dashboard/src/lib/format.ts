/**
 * Human formatting of the API's numbers: durations in seconds, rates in [0, 1], and ISO instants
 * in the store's time zone.
 */

export const NO_DATA = "—";

const UNITS: readonly { label: string; seconds: number }[] = [
  { label: "d", seconds: 86_400 },
  { label: "h", seconds: 3_600 },
  { label: "m", seconds: 60 },
  { label: "s", seconds: 1 },
];

/**
 * A duration in seconds as at most two units, rounded at the smaller one:
 * 45 -> "45s", 750 -> "12m 30s", 11_520 -> "3h 12m", 187_200 -> "2d 4h", 7_200 -> "2h".
 */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return NO_DATA;
  const sign = seconds < 0 ? "-" : "";
  const abs = Math.abs(seconds);
  if (abs < 0.5) return "0s";
  let major = majorUnit(abs);
  let rounded = roundTo(abs, UNITS[major + 1]?.seconds ?? 1);
  const carried = majorUnit(rounded);
  if (carried < major) {
    // Rounding carried into a larger unit (23h 59m 50s -> 1d): round again at the new unit.
    major = carried;
    rounded = roundTo(abs, UNITS[major + 1]?.seconds ?? 1);
  }
  return sign + formatWhole(rounded, major);
}

function majorUnit(abs: number): number {
  const i = UNITS.findIndex((u) => abs >= u.seconds);
  return i === -1 ? UNITS.length - 1 : i;
}

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

function formatWhole(rounded: number, majorIndex: number): string {
  const major = UNITS[majorIndex]!;
  const minor = UNITS[majorIndex + 1];
  const majorCount = Math.floor(rounded / major.seconds);
  const rest = rounded - majorCount * major.seconds;
  const minorCount = minor ? Math.round(rest / minor.seconds) : 0;
  return minor && minorCount > 0
    ? `${majorCount}${major.label} ${minorCount}${minor.label}`
    : `${majorCount}${major.label}`;
}

/** Durations are charted in hours so chart axes get round ticks; labels stay humane. */
export const hours = (seconds: number | null): number | null => (seconds === null ? null : seconds / 3600);
export const fromHours = (h: number): string => formatDuration(h * 3600);

/** A fraction as a percentage: 0.1234 -> "12.3%". */
export function formatPercent(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return NO_DATA;
  return `${(rate * 100).toFixed(digits)}%`;
}

/** A 95% interval of fractions: [0.8, 0.9] -> "80.0–90.0%". */
export function formatInterval(ci: readonly [number, number] | null | undefined, digits = 1): string {
  if (!ci) return NO_DATA;
  return `${(ci[0] * 100).toFixed(digits)}–${(ci[1] * 100).toFixed(digits)}%`;
}

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** A count with thousands separators: 1234 -> "1,234". */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return NO_DATA;
  return integer.format(n);
}

/** A QA score out of 100: 84.25 -> "84.3". */
export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return NO_DATA;
  return score.toFixed(1);
}

/** A QA score with its scale (DESIGN.md §6: reviews score 0..100): 75 -> "75.0 / 100". */
export function formatScoreOutOf100(score: number | null | undefined): string {
  const value = formatScore(score);
  return value === NO_DATA ? value : `${value} / 100`;
}

/** A plain number with fixed decimals (Krippendorff's alpha, mean ratings). */
export function formatDecimal(n: number | null | undefined, digits = 2): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return NO_DATA;
  return n.toFixed(digits);
}

/*
 * Dates and instants are shown in the store's time zone: the API's day and week buckets start at
 * the store's local midnights, so a bucket read in UTC would be labelled with the day before (or
 * after) in stores off UTC. Instants carry the zone's short name so the reader knows the clock.
 */

type DateStyle = "dateTime" | "date" | "day" | "zone";

const DATE_OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  dateTime: { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
  date: { year: "numeric", month: "short", day: "numeric" },
  day: { month: "short", day: "numeric" },
  // en-US short names: "EST", "PDT", "UTC", else "GMT+1" / "GMT+5:30" (en-GB would say "GMT-5" for New York).
  zone: { timeZoneName: "short" },
};

/** Intl.DateTimeFormat is slow to construct: one per style and zone. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(style: DateStyle, timeZone: string): Intl.DateTimeFormat {
  const key = `${style}|${timeZone}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(style === "zone" ? "en-US" : "en-GB", { ...DATE_OPTIONS[style], timeZone });
    dateFormats.set(key, f);
  }
  return f;
}

/** The zone's short name at `d`: "UTC", "EST" / "EDT", "GMT+1". */
function zoneName(d: Date, timeZone: string): string {
  return (
    dateFormat("zone", timeZone)
      .formatToParts(d)
      .find((p) => p.type === "timeZoneName")?.value ?? timeZone
  );
}

function parseInstant(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** An instant on the wall clock of `timeZone`: "2 Mar 2026, 09:15 UTC", "2 Mar 2026, 04:15 EST". */
export function formatDateTime(iso: string | null | undefined, timeZone = "UTC"): string {
  if (!iso) return NO_DATA;
  const d = parseInstant(iso);
  return d ? `${dateFormat("dateTime", timeZone).format(d)} ${zoneName(d, timeZone)}` : iso;
}

/** The calendar date of an instant in `timeZone` (a bucket start is its local day): "2 Mar 2026". */
export function formatDate(iso: string | null | undefined, timeZone = "UTC"): string {
  if (!iso) return NO_DATA;
  const d = parseInstant(iso);
  return d ? dateFormat("date", timeZone).format(d) : iso;
}

/**
 * A period [from, to) as the local days it covers, in `timeZone`: "1 Mar 2026 – 31 Mar 2026" for
 * March (`to`, the exclusive end, is the next period's first instant, so the last day is the one
 * before it).
 */
export function formatPeriod(from: string, to: string, timeZone = "UTC"): string {
  const end = parseInstant(to);
  const start = parseInstant(from);
  if (!start || !end) return `${from} – ${to}`;
  const last = end.getTime() > start.getTime() ? new Date(end.getTime() - 1) : end;
  return `${formatDate(from, timeZone)} – ${formatDate(last.toISOString(), timeZone)}`;
}

/** A short day label for chart axes, in `timeZone`: "2 Mar". */
export function formatDay(iso: string, timeZone = "UTC"): string {
  const d = parseInstant(iso);
  return d ? dateFormat("day", timeZone).format(d) : iso;
}

/** snake_case / dotted ids as words: "return_refund" -> "Return refund". */
export function humanize(id: string | null | undefined): string {
  if (!id) return NO_DATA;
  const words = id.replace(/[._-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
