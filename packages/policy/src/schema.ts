import { BrandId, Channel } from "@caliper/domain";
import { z } from "zod";
import { type Duration, parseDuration } from "./duration.ts";
import { CLOCK_NAMES, type ClockName, type ClockPolicy, type Interval, WEEKDAYS, type Weekday } from "./types.ts";

const HHMM = /^([01]\d|2[0-4]):([0-5]\d)$/;
const minutesOf = (t: string): number => {
  const m = HHMM.exec(t);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
};

const isValidTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const isValidDate = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

const LocalDate = z.string().refine(isValidDate, "must be a date YYYY-MM-DD");

const TimeOfDay = z
  .string()
  .refine((t) => HHMM.test(t) && minutesOf(t) <= 24 * 60, "must be a local time HH:MM between 00:00 and 24:00");

const IntervalSchema = z
  .tuple([TimeOfDay, TimeOfDay], { error: 'must be a pair of local times ["HH:MM", "HH:MM"]: opening, closing' })
  .refine(([a, b]) => a !== b, "start and end must differ")
  .refine(
    ([a, b]) => !(a === "24:00" && b === "00:00"),
    "must not be empty: '24:00' to '00:00' is the same instant",
  ) as unknown as z.ZodType<Interval>;

/** Minute ranges [start, end) of a day's intervals on a 0..2880 axis (crossing midnight spills past 1440). */
const spans = (intervals: readonly Interval[]): Array<[number, number]> =>
  intervals.map(([a, b]) => {
    const s = minutesOf(a);
    const e = minutesOf(b);
    return [s, e > s ? e : e + 24 * 60];
  });

const WorkingHours = z.record(z.string(), z.array(IntervalSchema)).superRefine((hours, ctx) => {
  for (const day of Object.keys(hours))
    if (!(WEEKDAYS as readonly string[]).includes(day))
      ctx.addIssue({ code: "custom", path: [day], message: `unknown day '${day}'; days are ${WEEKDAYS.join(", ")}` });
  // Overlaps within a day, and a day's after-midnight spill over the next day's hours.
  WEEKDAYS.forEach((day, i) => {
    const own = spans(hours[day] ?? []);
    const next = spans(hours[WEEKDAYS[(i + 1) % 7] as Weekday] ?? []).map(
      ([s, e]) => [s + 1440, e + 1440] as [number, number],
    );
    const all = [...own.map((s, k) => ({ s, k, own: true })), ...next.map((s, k) => ({ s, k, own: false }))];
    for (let a = 0; a < all.length; a++)
      for (let b = a + 1; b < all.length; b++) {
        const x = all[a] as (typeof all)[number];
        const y = all[b] as (typeof all)[number];
        if (!x.own && !y.own) continue;
        if (x.s[0] < y.s[1] && y.s[0] < x.s[1])
          ctx.addIssue({
            code: "custom",
            path: [day, y.own ? y.k : x.k],
            message:
              y.own && x.own
                ? "overlaps another interval of the same day"
                : `runs past midnight into ${WEEKDAYS[(i + 1) % 7]}'s hours`,
          });
      }
  });
}) as unknown as z.ZodType<Partial<Record<Weekday, Interval[]>>>;

const DurationText = z.string().transform((text, ctx): Duration => {
  const d = parseDuration(text);
  if (!d) {
    ctx.addIssue({ code: "custom", message: `'${text}' is not a duration; use e.g. "30m", "24h", "2d" or "10wd"` });
    return z.NEVER;
  }
  return d;
});

const toMinutes = (d: Duration): number | null =>
  d.unit === "wd" ? null : d.amount * (d.unit === "m" ? 1 : d.unit === "h" ? 60 : 1440);

const ClockSchema = z
  .strictObject({
    target: DurationText,
    limit: DurationText,
    calendar: z.enum(["calendar", "business"]).optional(),
  })
  .superRefine((c, ctx) => {
    if ((c.target.unit === "wd") !== (c.limit.unit === "wd")) {
      ctx.addIssue({
        code: "custom",
        path: ["limit"],
        message: "target and limit must both be working days (wd) or both be time (m, h, d)",
      });
      return;
    }
    const t = c.target.unit === "wd" ? c.target.amount : toMinutes(c.target);
    const l = c.limit.unit === "wd" ? c.limit.amount : toMinutes(c.limit);
    if (t !== null && l !== null && t > l)
      ctx.addIssue({ code: "custom", path: ["limit"], message: "must not be shorter than target" });
  });

/** Clock names are checked on the key, so an unknown clock is reported even when another clock has a bad duration. */
const ClockNameKey = z.string().refine((name) => (CLOCK_NAMES as readonly string[]).includes(name), {
  error: (iss) => `unknown clock '${String(iss.input)}'; clocks are ${CLOCK_NAMES.join(", ")}`,
});

const Clocks = z.record(ClockNameKey, ClockSchema) as unknown as z.ZodType<
  Partial<Record<ClockName, { target: Duration; limit: Duration; calendar?: ClockPolicy["calendar"] }>>
>;

const PeakPeriodSchema = z
  .strictObject({ from: LocalDate, to: LocalDate, factor: z.number().positive().max(10) })
  .refine((p) => p.from <= p.to, { path: ["to"], message: "must not be before from" });

const ScorecardSchema = z.strictObject({
  categories: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "must be a lower-case identifier"),
        label: z.string().min(1).max(100),
        weight: z.number().positive(),
        critical: z.boolean().default(false),
        description: z.string().max(500).optional(),
      }),
    )
    .min(1)
    .refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, "category ids must be unique"),
  passScore: z.number().min(0).max(100).default(80),
});

/** One brand in a policy file: every field optional (missing ones come from the default policy). */
export const BrandPolicyInput = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  timezone: z
    .string()
    .refine(isValidTimeZone, { error: (iss) => `unknown IANA time zone '${String(iss.input)}'` })
    .optional(),
  workingHours: WorkingHours.optional(),
  holidays: z.array(LocalDate).optional(),
  peakPeriods: z.array(PeakPeriodSchema).optional(),
  clocks: Clocks.optional(),
  returns: z
    .strictObject({
      windowDays: z.number().int().min(0).max(3650).optional(),
      returnShipping: z.enum(["free", "customer_pays_unless_fault"]).optional(),
    })
    .optional(),
  shipping: z.strictObject({ free: z.boolean().optional(), dutiesPaidByStore: z.boolean().optional() }).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD")
    .optional(),
  officialChannels: z.array(Channel).min(1).optional(),
  scorecard: ScorecardSchema.optional(),
  privacy: z.strictObject({ keepOriginalBodies: z.boolean() }).optional(),
});
export type BrandPolicyInput = z.infer<typeof BrandPolicyInput>;

/** The policy file (DESIGN.md §3). */
export const PolicyFile = z.strictObject({
  brands: z.record(BrandId, BrandPolicyInput),
});
export type PolicyFile = z.infer<typeof PolicyFile>;

/** Each problem as "path: reason", e.g. "brands.my-store.timezone: unknown IANA time zone 'Mars/Base'". */
export const formatPolicyIssues = (error: z.ZodError): string[] =>
  error.issues.map((i) => {
    // A bad record key (brand id, clock name) carries its reasons in nested issues.
    const message =
      i.code === "invalid_key" && i.issues.length ? i.issues.map((inner) => inner.message).join("; ") : i.message;
    return `${i.path.length ? i.path.join(".") : "(file)"}: ${message}`;
  });
