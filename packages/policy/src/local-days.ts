/**
 * Local dates as day numbers: the number of days from 1970-01-01 to a calendar date, independent
 * of any time zone. Integer arithmetic on them is cheap, which keeps the calendar's hot paths free
 * of date objects.
 */

export const MS_PER_DAY = 86_400_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a local date "YYYY-MM-DD"; throws RangeError when it is not a real date. */
export function dayNumber(localDate: string): number {
  const m = DATE.exec(localDate);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const ms = Date.UTC(y, mo - 1, d);
    const back = new Date(ms);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) return ms / MS_PER_DAY;
  }
  throw new RangeError(`'${localDate}' is not a local date YYYY-MM-DD`);
}

/** The local date "YYYY-MM-DD" of a day number. */
export const formatDay = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

/** Weekday of a day number: 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export const weekdayOf = (day: number): number => (((day + 3) % 7) + 7) % 7;

/** The day number of the UTC date of an epoch-ms instant. */
export const utcDayOf = (ms: number): number => Math.floor(ms / MS_PER_DAY);

/** Epoch ms of an ISO-8601 instant with an offset; throws RangeError when it is not one. */
export function instantMs(instant: string): number {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`'${instant}' is not an ISO-8601 instant`);
  return ms;
}

/** The canonical form of an instant: UTC ISO-8601 with milliseconds. */
export const isoOf = (ms: number): string => new Date(ms).toISOString();
