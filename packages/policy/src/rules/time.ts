/**
 * Time expressions in agent messages: "within 48 hours", "5-10 business days", "between 5 and
 * 10 working days", "two weeks", "a couple of days", "a day or two", "60-day", "tomorrow",
 * "same day", "overnight", "within the hour", "next week", "by Friday", "a fortnight", "a week and a
 * half", "48hrs", "2-3 biz days", "5 weekdays", "20+ working days", "in no time", ...
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
 * | fortnight                           | 2 weeks (10 working days)   | 14 days                        |
 * | N and a half, N½, N 1/2             | N + 0.5 of the unit         |                                |
 * | today, tonight, same day, end of day, immediately, instantly, right away, straight away, right now, in no time, in a jiffy, on the spot | 0 | 0 |
 * | within the hour                     | 1/24                        |                                |
 * | tomorrow (also tmrw, 2moro, tommorow), overnight, next (business) day, the day after | 1 |     |
 * | same or next business day           | 0-1                         |                                |
 * | within minutes / hours / days, in a matter of days | vague <1h / 1-23h / 1-4 days |          |
 * | the day after tomorrow              | 2                           |                                |
 * | this week, end of the week, within the week, by Friday | vague 0-4 |                     |
 * | next week, next Tuesday, the following week | vague 3-9            |                                |
 * | a few days / several days           | vague 2-4 / 3-7             |                                |
 * | about / around / roughly N          | vague N x 0.8 - N x 1.2     |                                |
 *
 * Clock and window durations given in hours or minutes are converted the same way (a "48h"
 * clock is 2 days). A precise promise (a number or a range) complies when it lies entirely
 * inside [target, limit]: a lower end under the target promises something faster than the
 * store commits to (an unauthorised promise), an upper end over the limit understates the
 * service. A vague promise violates only when it lies entirely outside [target, limit].
 * "at least N" / "more than N" / "N+" only violates when N is over the limit.
 *
 * Not moments to come: "every Friday", "Monday to Friday", "last Monday" (schedules and the past),
 * "right now" after a duration ("takes 18 working days right now" = currently), "3 days ago".
 * "Another 2 weeks", "2 more days", "3 days left" are `remaining`: timeline.ts reads them as "at
 * least" for a clock and as what is left (not the window) for returns.
 */
import type { Duration } from "../duration.ts";
import { gate, mentions, scanWords, type Span, type Words } from "./text.ts";

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
  /**
   * Time still to come on top of time already spent: "another 2 weeks", "2 more days", "3 days left".
   * Also `relative`; a clock promise reads it as "at least N" (the whole period is longer).
   */
  readonly remaining: boolean;
  /** A named moment rather than a number (today, tomorrow, same day, next week...). */
  readonly named: boolean;
}

const UNITS = "one|two|three|four|five|six|seven|eight|nine";
const TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
const TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
const BASE_NUM = `(?:\\d+(?:\\.\\d+)?|(?:${TENS})(?:[- ](?:${UNITS}))?|${TEENS}|${UNITS}|a\\s+couple(?:\\s+of)?|couple(?:\\s+of)?|a\\s+few|few|several|a\\s+hundred|hundred|a\\s+single|half\\s+an?|an?)`;
/** "two and a half", "1 1/2", "2½": a number with a half. */
const NUM = `(?:${BASE_NUM}(?:(?:\\s+|-)and(?:\\s+|-)a(?:\\s+|-)half|\\s*½|\\s+1/2)?)`;
const UNIT =
  "(minutes?|mins?|hours?|hrs?|h|days?|week\\s?days?|weeks?|wks?|wk|fortnights?|months?|mths?|mnths?|mos|years?|yrs?|wd)";

/** Numeric durations. Groups: 1 between/from, 2 first number, 3 second number, 4 "+", 5 "more/extra", 6 business/calendar, 7 unit, 8 "and a half". */
const NUMERIC = new RegExp(
  `\\b(?:(between|from)\\s+)?(${NUM})(?:\\s*(?:-|–|—|to|or|and)\\s*(${NUM}))?(\\+)?(?:\\s+|-)?(?:(more|additional|extra|further|full|whole)\\s+)?(?:(business|busines|buisness|bussiness|biz|bus\\.?|working|work|wrk|calendar|bank|clear)[\\s-]*)?${UNIT}(?:(?:\\s+|-)and(?:\\s+|-)an?(?:\\s+|-)(half))?\\b`,
  "gi",
);

/**
 * NUMERIC can only give an expression when the text has a word that ends with a unit other than "h" and "wd" (a
 * match ends with its unit and a \b, and the unit may be glued to a number or qualifier before it: "48hours",
 * "2-3businessdays", "weekdays"), or a word that starts with a digit: "h" and "wd" count only after digits ("48h"),
 * and those digits start a word (the match's \b, or the space after "between"/"from", precedes them). Without
 * either, every match NUMERIC could make is one `numeric` skips ("a h"), so it is not run. (About 30% of the
 * store's agent messages have neither.)
 */
const NUMERIC_UNITS = "minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|fortnights?|months?|mths?|mnths?|mos|years?|yrs?";
const NUMERIC_GATE = gate([
  // "*days": any word that ends with "days" (see `gate`); "weekdays" and "week days" end with "days" too.
  ...NUMERIC_UNITS.split("|")
    .flatMap((u) => (u.endsWith("?") ? [u.slice(0, -2), u.slice(0, -1)] : [u]))
    .map((u) => `*${u}`),
  ..."0123456789".split("").map((digit) => `${digit}*`),
]);

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
const HALF_SUFFIX = /(?:[\s-]+and[\s-]+a[\s-]+half|\s*½|\s+1\/2)$/;

export function numberValue(raw: string): { lo: number; hi: number; fuzzy: boolean } | null {
  const w = raw.toLowerCase().replace(SPACES, " ").trim();
  if (HALF_SUFFIX.test(w)) {
    const v = numberValue(w.replace(HALF_SUFFIX, ""));
    return v && { lo: v.lo + 0.5, hi: v.hi + 0.5, fuzzy: v.fuzzy };
  }
  if (/^\d/.test(w)) {
    const n = Number(w);
    return Number.isFinite(n) ? { lo: n, hi: n, fuzzy: false } : null;
  }
  if (w === "a few" || w === "few") return { lo: 2, hi: 4, fuzzy: true };
  if (w === "couple") return { lo: 2, hi: 2, fuzzy: false };
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

const BUSINESS_QUALIFIER = /^(?:business|busines|buisness|bussiness|biz|bus\.?|working|work|wrk|bank)$/;

function unitOf(unit: string, qualifier: string | undefined): TimeUnit {
  const u = unit.toLowerCase();
  if (u.startsWith("min")) return "min";
  if (u.startsWith("h")) return "h";
  if (u.startsWith("week") && /days?$/.test(u)) return "bd";
  if ((u.startsWith("w") && u !== "wd") || u.startsWith("fortnight")) return "w";
  if (u.startsWith("m")) return "mo";
  if (u.startsWith("y")) return "y";
  const q = qualifier?.toLowerCase();
  if (u === "wd" || (q !== undefined && BUSINESS_QUALIFIER.test(q))) return "bd";
  if (q === "calendar") return "cd";
  return "d";
}

const APPROX_BEFORE = /\b(?:about|around|approximately|approx\.?|roughly|circa|~)\s*$/i;
const AT_LEAST_BEFORE =
  /(?:\b(?:at\s+least|more\s+than|over|longer\s+than|minimum(?:\s+of)?|a\s+minimum\s+of)\s+(?:about\s+|around\s+)?)$/i;
const AT_MOST_NEGATED = /(?:\b(?:no|not|never)|n't)\s+(?:take\s+|be\s+)?(?:more|longer)\s+than\s+$/i;
const RELATIVE_BEFORE =
  /(?:\b(?:another|an\s+additional|additional|extra|a\s+further|further|delayed\s+by|late\s+by|behind\s+by|pushed\s+back\s+by|every|each|per|times|once|twice|days?|hours?)\s+)$/i;
const REMAINING_BEFORE = /(?:\b(?:another|an\s+additional|additional|extra|a\s+further|further|an\s+extra)\s+)$/i;
const REMAINING_AFTER = /^\s*(?:more\b|left\b|remaining\b|to\s+go\b(?!\s+(?:through|out|back|over)))/i;
const RELATIVE_AFTER =
  /^\s*(?:ago\b|earlier\b|late\b|overdue\b|behind\b|delayed\b|of\s+delay\b|delay\b|early\b|old\b|more\b|left\b|remaining\b|to\s+go\b(?!\s+(?:through|out|back|over))|a\s+(?:day|week)\b|per\b|each\b)/i;
const OR_TWO = /^\s+or\s+(two|three|so)\b/i;

function numeric(text: string, out: TimeExpr[]): void {
  NUMERIC.lastIndex = 0;
  for (let m = NUMERIC.exec(text); m; m = NUMERIC.exec(text)) {
    const [all, , n1, n2, plus, more, qualifier, unit, half] = m;
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
    // "a week and a half"; "two fortnights" = 4 weeks.
    if (half !== undefined) {
      lo += 0.5;
      hi += 0.5;
    }
    if (/^fortnight/i.test(unit)) {
      lo *= 2;
      hi *= 2;
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
    const atLeast = plus !== undefined || (!AT_MOST_NEGATED.test(before) && AT_LEAST_BEFORE.test(before));
    const relative =
      (more !== undefined && !/^(?:full|whole)$/i.test(more)) ||
      RELATIVE_BEFORE.test(before) ||
      RELATIVE_AFTER.test(text.slice(end, end + 16));
    const remaining =
      (more !== undefined && !/^(?:full|whole)$/i.test(more)) ||
      REMAINING_BEFORE.test(before) ||
      REMAINING_AFTER.test(text.slice(end, end + 16));
    out.push({ start, end, lo, hi, unit: unitOf(unit, qualifier), fuzzy, atLeast, relative, remaining, named: false });
  }
}

const TOMORROW = "tomorrow|tommorow|tomorow|tommorrow|tomorrw|tmrw|tmr|2moro";
const WEEKDAY = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";

const NAMED = new RegExp(
  String.raw`\b(?:today|tonight|this\s+(?:morning|afternoon|evening)|later\s+today|(?:the\s+)?close\s+of\s+(?:business|play)|cob|(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(?:business\s+|working\s+)?(?:day|week|month)|eod|(?:the\s+)?day\s+after\s+(?:${TOMORROW})|the\s+day\s+after(?!\s+(?:next|that|the|we|you|it|they|our|your|receiving|delivery|inspection))|${TOMORROW}|overnight|next[- ]day|(?:the\s+)?next\s+(?:business|working)\s+day|(?:the\s+)?following\s+(?:business\s+|working\s+)?day|same\s+or\s+next[- ](?:business\s+|working\s+)?day|same[- ](?:business\s+|working\s+)?day|within\s+the\s+hour|right\s+away|straight\s+away|right\s+now|immediately|instant(?:ly|aneous(?:ly)?)?|in\s+no\s+time|on\s+the\s+spot|in\s+a\s+(?:jiffy|flash|heartbeat)|(?:within|in)\s+(?:(?:a\s+)?matter\s+of\s+)?(?:minutes|hours|days)|the\s+(?:moment|minute|second|instant)(?=\s+(?:it|we|the|your|you|they))|this\s+week|within\s+the\s+(?:week|month)|next\s+week|(?:the\s+)?following\s+week|(?:the\s+)?week\s+after\s+next|next\s+month|(?:the|this)\s+weekend|(?:(?:this|next|the\s+coming|coming)\s+)?(?:${WEEKDAY}))\b(?!'s\b)`,
  "gi",
);
/**
 * Every match of NAMED contains one of these words, or all the words of a list: per alternative, a word of its own
 * ("today", "overnight", a weekday), or the words it needs together ("next" and "day": "day", "days", "hours" and
 * "after" alone open for most of the store's messages).
 */
const NAMED_GATE = gate(
  [
    ...["today", "tonight", "cob", "eod", "overnight", "weekend", "moment", "instant"],
    ...["morning", "afternoon", "evening"].map((w) => ["this", w]),
    ["close", "business"],
    ["close", "play"],
    ...["day", "week", "month"].map((w) => ["end", w]),
    ...["day", "week"].map((w) => [w, "after"]),
    ...TOMORROW.split("|"),
    ...["next", "following", "same"].map((w) => [w, "day"]),
    ["within", "hour"],
    ...["away", "immediately", "instantly", "instantaneous", "instantaneously"],
    ["right", "now"],
    ["no", "time"],
    ...["spot", "jiffy", "flash", "heartbeat"],
    ...["in", "within"].flatMap((w) => ["minutes", "hours", "days"].map((u) => [w, u])),
    ["the", "minute"],
    ["the", "second"],
    ...["this", "next", "following"].map((w) => [w, "week"]),
    ["within", "week"],
    ["within", "month"],
    ["next", "month"],
    ...WEEKDAY.split("|"),
  ],
  [NAMED],
);
/** "every Friday", "last Monday", "since Tuesday": not a moment to come. */
const WEEKDAY_NOT_AHEAD = /\b(?:every|each|last|past|since|from|on\s+a|was|were)\s+$/i;
const WEEKDAY_RE = new RegExp(`(?:${WEEKDAY})$`, "i");
const DURATION_BEFORE =
  /\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|a\s+couple|several)\s+(?:\w+\s+)?(?:minutes?|hours?|days?|weeks?|months?)\b|\b(?:delayed|busy|behind|backlog|currently)\b/i;
const WEEKDAY_RANGE_AFTER = new RegExp(`^\\s*(?:to|through|thru|till|until|-|–|—|and|or)\\s*(?:${WEEKDAY})`, "i");
const WEEKDAY_RANGE_BEFORE = new RegExp(`(?:${WEEKDAY})\\s*(?:to|through|thru|till|until|-|–|—|and|or)\\s*$`, "i");
const TOMORROW_RE = new RegExp(`^(?:${TOMORROW}|overnight)$`);

function namedValue(raw: string): { lo: number; hi: number; fuzzy: boolean; unit: TimeUnit } {
  const w = raw
    .toLowerCase()
    .replace(SPACES, " ")
    .replace(/^the (?=next|following)/, "");
  const fixed = (lo: number, unit: TimeUnit = "d") => ({ lo, hi: lo, fuzzy: false, unit });
  const vague = (lo: number, hi: number, unit: TimeUnit = "d") => ({ lo, hi, fuzzy: true, unit });
  if (w === "the day after") return fixed(1);
  if (w.startsWith("same or next")) return { lo: 0, hi: 1, fuzzy: false, unit: "d" };
  if (w.includes("day after")) return fixed(2);
  if (w.includes("week after next")) return vague(6, 14);
  // A weekday is at most a week away: "by Friday" is 0-4 days, "next Tuesday" 3-9.
  if (WEEKDAY_RE.test(w)) return w.startsWith("next") ? vague(3, 9) : vague(0, 4);
  if (/matter of|^(?:within|in) (?:minutes|hours|days)$/.test(w)) {
    if (w.endsWith("days")) return vague(1, 4);
    if (w.endsWith("hours")) return vague(1, 23, "h");
    return vague(0, 1, "h");
  }
  if (w.endsWith("next week") || w.endsWith("following week")) return vague(3, 9);
  if (w === "next month") return vague(10, 40);
  if (TOMORROW_RE.test(w) || w.startsWith("next") || w.includes("following")) return fixed(1);
  if (w.endsWith("week")) return vague(0, 4);
  if (w === "within the month") return vague(0, 21);
  if (w.endsWith("weekend")) return vague(0, 5);
  if (w.endsWith("month")) return vague(0, 21);
  if (w === "within the hour") return fixed(1, "h");
  return fixed(0);
}

function named(text: string, out: TimeExpr[]): void {
  NAMED.lastIndex = 0;
  for (let m = NAMED.exec(text); m; m = NAMED.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    // "every Friday", "Monday to Friday", "Mon-Fri": a schedule, not a moment to come.
    const relative =
      WEEKDAY_RE.test(m[0]) &&
      (WEEKDAY_NOT_AHEAD.test(text.slice(Math.max(0, start - 20), start)) ||
        WEEKDAY_RANGE_AFTER.test(text.slice(end, end + 16)) ||
        WEEKDAY_RANGE_BEFORE.test(text.slice(Math.max(0, start - 16), start)));
    // "takes up to 18 working days right now": "right now" after a duration means "currently".
    const currently =
      /^right\s+now$/i.test(m[0]) &&
      DURATION_BEFORE.test(
        text
          .slice(Math.max(0, start - 80), start)
          .split(/[.!?]/)
          .pop() ?? "",
      );
    out.push({
      start,
      end,
      ...namedValue(m[0]),
      atLeast: false,
      relative: relative || currently,
      remaining: false,
      named: true,
    });
  }
}

/** Every time expression of `text`, in order, without overlaps (the longer one wins); `words` is `scanWords(text)`. */
export function findTimeExpressions(text: string, words: Words = scanWords(text)): TimeExpr[] {
  const all: TimeExpr[] = [];
  if (mentions(words, NUMERIC_GATE)) numeric(text, all);
  if (mentions(words, NAMED_GATE)) named(text, all);
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
