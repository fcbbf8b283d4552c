/**
 * Local calendar spans: days, ISO weeks (Monday first) and months, named by their first local
 * date ("2026-03-05" is in week "2026-03-02" and month "2026-03-01").
 */
export type Span = "day" | "week" | "month";

export const SPANS: readonly Span[] = ["day", "week", "month"];

const DAY_MS = 86_400_000;
const toMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
const toDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The local date after `day`. */
export const nextDay = (day: string): string => toDay(toMs(day) + DAY_MS);

/** Monday of the ISO week holding a local date ("2026-03-05" -> "2026-03-02"). */
export const weekStart = (day: string): string => {
  const ms = toMs(day);
  return toDay(ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY_MS);
};

/** First day of the month holding a local date ("2026-03-05" -> "2026-03-01"). */
export const monthStart = (day: string): string => `${day.slice(0, 7)}-01`;

const weekStarts = new Map<string, string>();

/** The start of the span of kind `span` holding `day`. */
export function spanStart(span: Span, day: string): string {
  if (span === "day") return day;
  if (span === "month") return monthStart(day);
  // Ingest asks this for every rollup change; the dates a store sees are few, so remember them.
  let w = weekStarts.get(day);
  if (w === undefined) {
    w = weekStart(day);
    if (weekStarts.size > 100_000) weekStarts.clear();
    weekStarts.set(day, w);
  }
  return w;
}

/** The first day after the span of kind `span` starting at `start`. */
export function spanEnd(span: Span, start: string): string {
  if (span === "day") return nextDay(start);
  if (span === "week") return toDay(toMs(start) + 7 * DAY_MS);
  const d = new Date(toMs(start));
  return toDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

/**
 * Covers the local days [firstDay, endDay) with as few spans as possible, taking only spans
 * of the kinds allowed: the whole months inside the range, then the whole weeks inside what is
 * left at either end, then single days. Each kind's span starts are listed in order; together
 * the spans cover each day once.
 */
export function coverDays(
  firstDay: string,
  endDay: string,
  kinds: readonly Span[] = ["month", "week", "day"],
): Record<Span, string[]> {
  const out: Record<Span, string[]> = { day: [], week: [], month: [] };
  const largestFirst = SPANS.filter((k) => k === "day" || kinds.includes(k)).reverse();
  const cover = (from: string, end: string, level: number): void => {
    if (from >= end) return;
    const kind = largestFirst[level] ?? "day";
    const aligned = spanStart(kind, from);
    let s = aligned === from ? from : spanEnd(kind, aligned);
    if (kind !== "day" && spanEnd(kind, s) > end) {
      cover(from, end, level + 1);
      return;
    }
    const first = s;
    while (s < end && spanEnd(kind, s) <= end) {
      out[kind].push(s);
      s = spanEnd(kind, s);
    }
    cover(from, first, level + 1);
    cover(s, end, level + 1);
  };
  cover(firstDay, endDay, 0);
  for (const k of SPANS) out[k].sort();
  return out;
}

/** A span as one text ("week:2026-03-02"), for sets of spans such as `coverDaysAvoiding`'s. */
export const spanId = (kind: Span, start: string): string => `${kind}:${start}`;

/**
 * `coverDays`, taking no week or month in `avoid` (a set of `spanId`s): each
 * of those is covered by its own weeks and days instead (a month by the whole weeks inside it
 * and its days, a week by its days). Days are never avoided.
 */
export function coverDaysAvoiding(
  firstDay: string,
  endDay: string,
  kinds: readonly Span[],
  avoid: ReadonlySet<string>,
): Readonly<Record<Span, readonly string[]>> {
  // Reads ask for the same periods again and again (a dashboard's 90 days, each metric of a
  // scorecard): a cover with weeks and months avoided takes ~0.2 ms of date arithmetic.
  const key = `${firstDay}|${endDay}|${kinds.join(",")}|${[...avoid].sort().join(",")}`;
  const known = covers.get(key);
  if (known !== undefined) return known;
  const cover = coverAvoiding(firstDay, endDay, kinds, avoid);
  for (const k of SPANS) Object.freeze(cover[k]);
  const out = Object.freeze(cover);
  if (covers.size >= 256) covers.clear();
  covers.set(key, out);
  return out;
}

const covers = new Map<string, Readonly<Record<Span, readonly string[]>>>();

function coverAvoiding(
  firstDay: string,
  endDay: string,
  kinds: readonly Span[],
  avoid: ReadonlySet<string>,
): Record<Span, string[]> {
  const out = coverDays(firstDay, endDay, kinds);
  if (avoid.size === 0) return out;
  for (const kind of ["month", "week"] as const) {
    const kept: string[] = [];
    for (const start of out[kind]) {
      if (!avoid.has(spanId(kind, start))) {
        kept.push(start);
        continue;
      }
      const smaller = kinds.filter((k) => k !== kind && (kind === "month" || k === "day"));
      const inner = coverAvoiding(start, spanEnd(kind, start), smaller, avoid);
      for (const k of SPANS) if (k !== kind) out[k].push(...inner[k]);
    }
    out[kind] = kept;
  }
  for (const k of SPANS) out[k].sort();
  return out;
}
