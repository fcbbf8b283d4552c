import { z } from "zod";

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
/** Days in month `m` (1-12) of year `y`, proleptic Gregorian as `Date` counts them. */
const daysInMonth = (y: number, m: number): number =>
  m === 2 && isLeapYear(y) ? 29 : (DAYS_IN_MONTH[m - 1] as number);
/** The first instant past year 9999. */
const END_OF_9999 = Date.UTC(10000, 0, 1);

/**
 * Epoch milliseconds of a wall-clock time written `offsetMinutes` east of UTC (month 1-12; years
 * as written, 0-99 included), or null when a field is out of range (February 30th, hour 24, a
 * leap second, which `Date` cannot hold) or the instant falls outside 1970-9999 UTC. The
 * calendar checks of every timestamp format Caliper reads (RFC 3339 here, Twitter's in the twcs
 * importer); each format checks its own offset's fields.
 */
export function instantMs(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  offsetMinutes: number,
): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  if (h > 23 || mi > 59 || s > 59) return null;
  // Before 1969 no offset brings it into 1970 (and Date.UTC reads years 0-99 as 1900-1999).
  if (y < 1969) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMinutes * 60_000;
  return t < 0 || t >= END_OF_9999 ? null : t;
}

/**
 * Parses an RFC 3339 timestamp with an offset and returns it as a UTC ISO string with
 * millisecond precision ("2026-03-02T09:15:00.000Z"), or null when it is not one (see
 * `instantMs`). Digits past the milliseconds are dropped, not rounded.
 *
 * Every event's `at` goes through it (ingest, imports), so it computes the instant from the
 * matched fields instead of reformatting the text for `Date.parse` (2.6 µs an event before, in
 * a profile of the twcs importer; a test compares it with that implementation).
 */
export function parseInstant(text: string): string | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const off = m[8] as string;
  let offsetMinutes = 0;
  if (off.length === 6) {
    const oh = Number(off.slice(1, 3));
    const om = Number(off.slice(4, 6));
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (oh * 60 + om) * (off[0] === "-" ? -1 : 1);
  }
  const millis = m[7] === undefined ? "000" : `${m[7].slice(1)}00`.slice(0, 3);
  const ms = instantMs(
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
    Number(millis),
    offsetMinutes,
  );
  if (ms === null) return null;
  // Already in UTC, written as toISOString writes it but for the milliseconds: no Date needed.
  if (off === "Z" && text.charCodeAt(10) === 84 /* T */) return `${text.slice(0, 19)}.${millis}Z`;
  return new Date(ms).toISOString();
}

/** An RFC 3339 timestamp with offset, normalised to UTC ISO-8601 with milliseconds. */
export const Instant = z.string().transform((text, ctx) => {
  const iso = parseInstant(text);
  if (iso === null) {
    ctx.addIssue({
      code: "custom",
      message: "must be an RFC 3339 timestamp with an offset, e.g. 2026-03-02T09:15:00Z",
    });
    return z.NEVER;
  }
  return iso;
});
