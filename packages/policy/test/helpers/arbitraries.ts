import fc from "fast-check";
import { DEFAULT_POLICY } from "../../src/builtins.ts";
import type { BrandPolicy, Interval, Weekday } from "../../src/types.ts";
import { WEEKDAYS } from "../../src/types.ts";

/** Zones with DST at 02:00 (New York), 02:00/03:00 (Berlin), half-hour DST (Lord Howe), odd offsets, DST at midnight (São Paulo before 2019). */
export const ZONES = [
  "UTC",
  "America/New_York",
  "Europe/Berlin",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "America/St_Johns",
  "Australia/Lord_Howe",
  "America/Sao_Paulo",
  "Pacific/Chatham",
] as const;

/** Instants of DST transitions in the zones above, to draw test instants near them. */
const TRANSITIONS = [
  "2026-03-08T07:00:00Z", // New York spring forward
  "2026-11-01T06:00:00Z", // New York fall back
  "2026-03-29T01:00:00Z", // Berlin spring forward
  "2026-10-25T01:00:00Z", // Berlin fall back
  "2026-04-04T15:00:00Z", // Lord Howe (half an hour back)
  "2026-10-03T15:30:00Z", // Lord Howe (half an hour forward)
  "2018-11-04T03:00:00Z", // São Paulo spring forward at midnight
  "2019-02-17T02:00:00Z", // São Paulo fall back at midnight
  "2026-03-08T05:30:00Z", // St John's spring forward
].map((s) => Date.parse(s));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FROM = Date.parse("2018-01-01T00:00:00Z");
const TO = Date.parse("2030-01-01T00:00:00Z");

/** DST transitions by zone, for policies whose hours start or end right at a transition. */
export const DST_DAYS: ReadonlyArray<{ zone: string; date: string }> = [
  { zone: "America/New_York", date: "2026-03-08" },
  { zone: "America/New_York", date: "2026-11-01" },
  { zone: "Europe/Berlin", date: "2026-03-29" },
  { zone: "Europe/Berlin", date: "2026-10-25" },
  { zone: "Australia/Lord_Howe", date: "2026-04-05" },
  { zone: "Australia/Lord_Howe", date: "2026-10-04" },
  { zone: "America/Sao_Paulo", date: "2018-11-04" },
  { zone: "America/Sao_Paulo", date: "2019-02-17" },
];

/** An interval with both ends between 22:00 and 04:00 (quarter hours), the hours around DST transitions. */
export const nightInterval = (): fc.Arbitrary<Interval> => {
  const t = fc.oneof(fc.integer({ min: 88, max: 96 }), fc.integer({ min: 0, max: 16 })).map((q) => hhmm(q * 15));
  return fc
    .tuple(t, t)
    .filter(([a, b]) => a !== b && !(a === "24:00" && b === "00:00"))
    .map(([a, b]) => [a, b] as const);
};

/** An epoch-ms instant: anywhere in 2018–2029, or within two days of a DST transition. */
export const instantMs = (): fc.Arbitrary<number> =>
  fc.oneof(
    fc.integer({ min: FROM, max: TO }),
    fc.tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -2 * DAY, max: 2 * DAY })).map(([t, d]) => t + d),
  );

/** An instant on a whole minute. */
export const minuteMs = (): fc.Arbitrary<number> => instantMs().map((t) => Math.floor(t / 60_000) * 60_000);

const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** A local time on a quarter hour, 00:00..24:00. */
const time = (): fc.Arbitrary<string> => fc.integer({ min: 0, max: 96 }).map((q) => hhmm(q * 15));

/** Any interval the schema accepts as such, including ones that cross midnight and "24:00". */
export const interval = (): fc.Arbitrary<Interval> =>
  fc
    .tuple(time(), time())
    .filter(([a, b]) => a !== b && !(a === "24:00" && b === "00:00"))
    .map(([a, b]) => [a, b] as const);

/**
 * Working hours: 0–3 intervals on each day, possibly overlapping (the calendar counts the union
 * of overlapping hours; the policy-file schema would reject them, the calendar must not care).
 */
export const workingHours = (): fc.Arbitrary<Partial<Record<Weekday, readonly Interval[]>>> =>
  fc.tuple(...WEEKDAYS.map(() => fc.option(fc.array(interval(), { maxLength: 3 }), { nil: undefined }))).map((days) => {
    const out: Partial<Record<Weekday, readonly Interval[]>> = {};
    days.forEach((d, i) => {
      const day = WEEKDAYS[i];
      if (d !== undefined && day !== undefined) out[day] = d;
    });
    return out;
  });

/** A random policy whose holidays fall around `near` (epoch ms), so they matter. */
export const policyNear = (near: number): fc.Arbitrary<BrandPolicy> =>
  fc
    .record({
      timezone: fc.constantFrom(...ZONES),
      workingHours: workingHours(),
      holidays: fc.uniqueArray(
        fc.integer({ min: -3, max: 6 }).map((d) => new Date(near + d * DAY).toISOString().slice(0, 10)),
        { maxLength: 4 },
      ),
    })
    .map((p) => ({ ...DEFAULT_POLICY, brand: "random", ...p }));

/** An instant and a random policy with holidays around it. */
export const policyAndInstant = (): fc.Arbitrary<{ policy: BrandPolicy; at: number }> =>
  instantMs().chain((at) => policyNear(at).map((policy) => ({ policy, at })));

/** An ISO instant written with a UTC offset other than Z (e.g. "2026-03-02T14:45:00.000+05:30"). */
export const withOffset = (ms: number, offsetMinutes: number): string => {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? "-" : "+";
  return `${local}${sign}${hhmm(Math.abs(offsetMinutes))}`;
};
