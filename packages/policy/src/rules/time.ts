/**
 * Time expressions in agent messages: "within 48 hours", "5-10 business days", "between 5 and
 * 10 working days", "two weeks", "a couple of days", "a day or two", "60-day", "tomorrow",
 * "same day", "overnight", "within the hour", "next week", ...
 *
 * Conversion rules (how a promised duration is compared with a policy clock):
 *
 * | said                                | working-day clock (wd)      | calendar clock / return window |
 * |-------------------------------------|-----------------------------|--------------------------------|
 * | minutes, hours                      | hours / 24 (so < 24 h is under one working day, 24 h = 1, 48 h = 2) | hours / 24 days |
 * | days (plain), business/working days | 1 day = 1 working day (the stores' own texts say "5-10 days" for the 5-10 wd clock) | 1 day (business days x 7/5) |
 * | calendar days                       | x 5/7                       | 1                              |
 * | weeks                               | 1 week = 5 working days     | 7 days                         |
 * | months                              | 1 month = 21 working days   | 30 days                        |
 * | years                               | 250 working days            | 365 days                       |
 * | today, tonight, same day, end of day, immediately, right away | 0 | 0                        |
 * | within the hour                     | 1/24                        |                                |
 * | tomorrow, overnight, next day       | 1                           |                                |
 * | the day after tomorrow              | 2                           |                                |
 * | this week, end of the week          | vague 0-4                   |                                |
 * | next week                           | vague 3-9                   |                                |
 * | a few days / several days           | vague 2-4 / 3-7             |                                |
 * | about / around / roughly N          | vague N x 0.8 - N x 1.2     |                                |
 *
 * Clock and window durations given in hours or minutes are converted the same way (a "48h"
 * clock is 2 days). A precise promise (a number or a range) complies when it lies entirely
 * inside [target, limit]: a lower end under the target promises something faster than the
 * store commits to (an unauthorised promise), an upper end over the limit understates the
 * service. A vague promise violates only when it lies entirely outside [target, limit].
 * "at least N" / "more than N" only violates when N is over the limit.
 */
import type { Duration } from "../duration.ts";
import type { Span } from "./text.ts";

export type TimeUnit = "min" | "h" | "d" | "bd" | "cd" | "w" | "mo" | "y";

export interface TimeExpr extends Span {
  readonly lo: number;
  readonly hi: number;
  readonly unit: TimeUnit;
  /** Vague: "a few days", "next week", "about a week". */
  readonly fuzzy: boolean;
  /** "at least 5 days", "more than 2 weeks": only the lower end is promised. */
  readonly atLeast: boolean;
  /** Not a duration from now: "3 days ago", "2 more days", "delayed by 2 days", "twice a day". */
  readonly relative: boolean;
  /** A named moment rather than a number (today, tomorrow, same day, next week...). */
  readonly named: boolean;
}

const UNITS = "one|two|three|four|five|six|seven|eight|nine";
const TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
const TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
const NUM = `(?:\\d+(?:\\.\\d+)?|(?:${TENS})(?:[- ](?:${UNITS}))?|${TEENS}|${UNITS}|a\\s+couple(?:\\s+of)?|couple\\s+of|a\\s+few|few|several|a\\s+hundred|hundred|a\\s+single|half\\s+an?|an?)`;
const UNIT = "(minutes?|mins?|hours?|hrs?|h|days?|weeks?|wks?|months?|years?|yrs?|wd)";

/** Numeric durations. Groups: 1 between/from, 2 first number, 3 second number, 4 "more/extra", 5 business/calendar, 6 unit. */
const NUMERIC = new RegExp(
  `\\b(?:(between|from)\\s+)?(${NUM})(?:\\s*(?:-|–|—|to|or|and)\\s*(${NUM}))?(?:\\s+|-)?(?:(more|additional|extra|further|full|whole)\\s+)?(?:(business|working|work|calendar|bank)[\\s-]*)?${UNIT}\\b`,
  "gi",
);

const NAMED =
  /\b(?:today|tonight|this\s+(?:morning|afternoon|evening)|(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(?:business\s+|working\s+)?(?:day|week|month)|eod|(?:the\s+)?day\s+after\s+tomorrow|tomorrow|overnight|next[- ]day|same[- ]day|within\s+the\s+hour|right\s+away|straight\s+away|immediately|instantly|in\s+no\s+time|the\s+(?:moment|minute|second|instant)(?=\s+(?:it|we|the|your|you|they))|this\s+week|next\s+week|next\s+month|(?:the|this)\s+weekend)\b(?!'s)/gi;

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  "a single": 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  "a hundred": 100,
  "a couple": 2,
  "a couple of": 2,
  "couple of": 2,
  half: 0.5,
};

const SPACES = /\s+/g;

/** The value of a number (digits or words); vague quantities give a range. */
export function numberValue(raw: string): { lo: number; hi: number; fuzzy: boolean } | null {
  const w = raw.toLowerCase().replace(SPACES, " ").trim();
  if (/^\d/.test(w)) {
    const n = Number(w);
    return Number.isFinite(n) ? { lo: n, hi: n, fuzzy: false } : null;
  }
  if (w === "a few" || w === "few") return { lo: 2, hi: 4, fuzzy: true };
  if (w === "several") return { lo: 3, hi: 7, fuzzy: true };
  if (w.startsWith("half")) return { lo: 0.5, hi: 0.5, fuzzy: false };
  const direct = NUMBER_WORDS[w];
  if (direct !== undefined) return { lo: direct, hi: direct, fuzzy: false };
  const [tens, units] = w.split(/[- ]/);
  const t = tens === undefined ? undefined : NUMBER_WORDS[tens];
  const u = units === undefined ? undefined : NUMBER_WORDS[units];
  if (t !== undefined && u !== undefined) return { lo: t + u, hi: t + u, fuzzy: false };
  return null;
}

function unitOf(unit: string, qualifier: string | undefined): TimeUnit {
  const u = unit.toLowerCase();
  if (u.startsWith("min")) return "min";
  if (u.startsWith("h")) return "h";
  if (u.startsWith("w") && u !== "wd") return "w";
  if (u.startsWith("mo")) return "mo";
  if (u.startsWith("y")) return "y";
  const q = qualifier?.toLowerCase();
  if (u === "wd" || q === "business" || q === "working" || q === "work" || q === "bank") return "bd";
  if (q === "calendar") return "cd";
  return "d";
}

const APPROX_BEFORE = /\b(?:about|around|approximately|approx\.?|roughly|circa|~)\s*$/i;
const AT_LEAST_BEFORE =
  /(?:\b(?:at\s+least|more\s+than|over|longer\s+than|minimum(?:\s+of)?|a\s+minimum\s+of)\s+(?:about\s+|around\s+)?)$/i;
const AT_MOST_NEGATED = /(?:\b(?:no|not|never)|n't)\s+(?:take\s+|be\s+)?(?:more|longer)\s+than\s+$/i;
const RELATIVE_BEFORE =
  /(?:\b(?:another|an\s+additional|additional|extra|a\s+further|further|delayed\s+by|late\s+by|behind\s+by|pushed\s+back\s+by|every|each|per|times|once|twice|days?|hours?)\s+)$/i;
const RELATIVE_AFTER =
  /^\s*(?:ago\b|earlier\b|late\b|overdue\b|behind\b|delayed\b|of\s+delay\b|delay\b|early\b|old\b|more\b|left\b|remaining\b|to\s+go\b|a\s+(?:day|week)\b|per\b|each\b)/i;
const OR_TWO = /^\s+or\s+(two|three|so)\b/i;

function numeric(text: string, out: TimeExpr[]): void {
  NUMERIC.lastIndex = 0;
  for (let m = NUMERIC.exec(text); m; m = NUMERIC.exec(text)) {
    const [all, , n1, n2, more, qualifier, unit] = m;
    if (n1 === undefined || unit === undefined) continue;
    const a = numberValue(n1);
    if (!a) continue;
    // "h"/"wd" abbreviations only after digits ("48h"), never after words ("a h").
    if ((unit.toLowerCase() === "h" || unit.toLowerCase() === "wd") && !/^\d/.test(n1)) continue;
    const start = m.index;
    let end = m.index + all.length;
    let lo = a.lo;
    let hi = a.hi;
    let fuzzy = a.fuzzy;
    if (n2 !== undefined) {
      const b = numberValue(n2);
      if (!b) continue;
      lo = Math.min(a.lo, b.lo);
      hi = Math.max(a.hi, b.hi);
      fuzzy = fuzzy || b.fuzzy;
    }
    const after = text.slice(end, end + 24);
    const orTwo = OR_TWO.exec(after);
    if (orTwo && n2 === undefined) {
      const word = orTwo[1]?.toLowerCase();
      if (word === "so") fuzzy = true;
      else hi = Math.max(hi, word === "two" ? 2 * lo : 3 * lo);
      end += orTwo[0].length;
    }
    const before = text.slice(Math.max(0, start - 40), start);
    const approx = APPROX_BEFORE.test(before);
    if (approx && !fuzzy) {
      lo *= 0.8;
      hi *= 1.2;
      fuzzy = true;
    }
    const atLeast = !AT_MOST_NEGATED.test(before) && AT_LEAST_BEFORE.test(before);
    const relative =
      (more !== undefined && !/^(?:full|whole)$/i.test(more)) ||
      RELATIVE_BEFORE.test(before) ||
      RELATIVE_AFTER.test(text.slice(end, end + 16));
    out.push({ start, end, lo, hi, unit: unitOf(unit, qualifier), fuzzy, atLeast, relative, named: false });
  }
}

function namedValue(raw: string): { lo: number; hi: number; fuzzy: boolean; unit: TimeUnit } {
  const w = raw.toLowerCase().replace(SPACES, " ");
  if (w.includes("day after tomorrow")) return { lo: 2, hi: 2, fuzzy: false, unit: "d" };
  if (w === "tomorrow" || w === "overnight" || w.startsWith("next")) {
    if (w === "next week") return { lo: 3, hi: 9, fuzzy: true, unit: "d" };
    if (w === "next month") return { lo: 10, hi: 40, fuzzy: true, unit: "d" };
    return { lo: 1, hi: 1, fuzzy: false, unit: "d" };
  }
  if (w.endsWith("week")) return { lo: 0, hi: 4, fuzzy: true, unit: "d" };
  if (w.endsWith("weekend")) return { lo: 0, hi: 5, fuzzy: true, unit: "d" };
  if (w.endsWith("month")) return { lo: 0, hi: 21, fuzzy: true, unit: "d" };
  if (w === "within the hour") return { lo: 1, hi: 1, fuzzy: false, unit: "h" };
  return { lo: 0, hi: 0, fuzzy: false, unit: "d" };
}

function named(text: string, out: TimeExpr[]): void {
  NAMED.lastIndex = 0;
  for (let m = NAMED.exec(text); m; m = NAMED.exec(text)) {
    const v = namedValue(m[0]);
    const start = m.index;
    const end = start + m[0].length;
    out.push({ start, end, ...v, atLeast: false, relative: false, named: true });
  }
}

/** Every time expression of `text`, in order, without overlaps (the longer one wins). */
export function findTimeExpressions(text: string): TimeExpr[] {
  const all: TimeExpr[] = [];
  numeric(text, all);
  named(text, all);
  if (all.length < 2) return all;
  all.sort((x, y) => x.start - y.start || y.end - x.end);
  const out: TimeExpr[] = [];
  for (const e of all) {
    const prev = out[out.length - 1];
    if (prev && e.start < prev.end) {
      if (e.end - e.start > prev.end - prev.start) out[out.length - 1] = e;
      continue;
    }
    out.push(e);
  }
  return out;
}

/** Scale of one said unit in a working-day clock and in a calendar-day clock. */
const IN_WORKING_DAYS: Readonly<Record<TimeUnit, number>> = {
  min: 1 / 1440,
  h: 1 / 24,
  d: 1,
  bd: 1,
  cd: 5 / 7,
  w: 5,
  mo: 21,
  y: 250,
};
const IN_CALENDAR_DAYS: Readonly<Record<TimeUnit, number>> = {
  min: 1 / 1440,
  h: 1 / 24,
  d: 1,
  bd: 7 / 5,
  cd: 1,
  w: 7,
  mo: 30,
  y: 365,
};

/** A policy duration in days (working days for "wd" clocks, calendar days otherwise). */
export function policyDays(d: Duration): number {
  switch (d.unit) {
    case "m":
      return d.amount / 1440;
    case "h":
      return d.amount / 24;
    case "d":
    case "wd":
      return d.amount;
  }
}

/** A said duration in the day scale of a clock whose unit is `clockUnit`. */
export function exprDays(e: TimeExpr, workingDays: boolean): { lo: number; hi: number } {
  const k = (workingDays ? IN_WORKING_DAYS : IN_CALENDAR_DAYS)[e.unit];
  return { lo: e.lo * k, hi: e.hi * k };
}

export type Verdict = "ok" | "faster" | "slower";

const EPS = 1e-9;

/** Compares a said duration (already in the clock's day scale) with [target, limit]. */
export function assess(
  said: { lo: number; hi: number },
  e: Pick<TimeExpr, "fuzzy" | "atLeast">,
  target: number,
  limit: number,
): Verdict {
  if (e.atLeast) return said.lo > limit + EPS ? "slower" : "ok";
  if (e.fuzzy) {
    if (said.hi < target - EPS) return "faster";
    if (said.lo > limit + EPS) return "slower";
    return "ok";
  }
  if (said.lo < target - EPS) return "faster";
  if (said.hi > limit + EPS) return "slower";
  return "ok";
}
