import { z } from "zod";

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * Parses an RFC 3339 timestamp with an offset and returns it as a UTC ISO string with
 * millisecond precision ("2026-03-02T09:15:00.000Z"), or null when it is not one (including
 * impossible calendar dates such as February 30th).
 */
export function parseInstant(text: string): string | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  if (h > 23 || mi > 59 || s > 60) return null;
  const off = m[8] as string;
  if (off.length === 6) {
    const oh = Number(off.slice(1, 3));
    const om = Number(off.slice(4, 6));
    if (oh > 23 || om > 59) return null;
  }
  const ms = Date.parse(text.replace(" ", "T").replace(/(\.\d{3})\d+/, "$1"));
  if (Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  if (year < 1970 || year > 9999) return null;
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
