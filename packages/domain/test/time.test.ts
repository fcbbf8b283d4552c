import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseInstant } from "../src/index.ts";

/**
 * parseInstant as it was before it computed the instant itself: the text reformatted for
 * `Date.parse`. The two must agree on every text, valid or not.
 */
function reference(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  if (h > 23 || mi > 59 || s > 60) return null;
  const off = m[8] as string;
  if (off.length === 6 && (Number(off.slice(1, 3)) > 23 || Number(off.slice(4, 6)) > 59)) return null;
  const ms = Date.parse(text.replace(" ", "T").replace(/(\.\d{3})\d+/, "$1"));
  if (Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  if (year < 1970 || year > 9999) return null;
  return new Date(ms).toISOString();
}

const digits = (n: number, width: number): string => String(n).padStart(width, "0");

/** Texts of the RFC 3339 shape, with every field also just outside its range. */
const shaped = fc
  .record({
    y: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 50, 1900, 1968, 1969, 1970, 2000, 2100, 9999)),
    mo: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
    h: fc.integer({ min: 0, max: 25 }),
    mi: fc.integer({ min: 0, max: 60 }),
    s: fc.integer({ min: 0, max: 61 }),
    sep: fc.constantFrom("T", "t", " "),
    fraction: fc.option(fc.stringMatching(/^[0-9]{1,9}$/), { nil: undefined }),
    zone: fc.oneof(
      fc.constantFrom("Z", "z"),
      fc.record({
        sign: fc.constantFrom("+", "-"),
        oh: fc.integer({ min: 0, max: 24 }),
        om: fc.integer({ min: 0, max: 60 }),
      }),
    ),
  })
  .map(
    ({ y, mo, d, h, mi, s, sep, fraction, zone }) =>
      `${digits(y, 4)}-${digits(mo, 2)}-${digits(d, 2)}${sep}${digits(h, 2)}:${digits(mi, 2)}:${digits(s, 2)}` +
      `${fraction === undefined ? "" : `.${fraction}`}` +
      `${typeof zone === "string" ? zone : `${zone.sign}${digits(zone.oh, 2)}:${digits(zone.om, 2)}`}`,
  );

describe("parseInstant agrees with Date.parse", () => {
  it("on texts of the timestamp's shape, in range or just outside it", () => {
    fc.assert(
      fc.property(shaped, (text) => {
        expect(parseInstant(text)).toBe(reference(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it("on any text", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(parseInstant(text)).toBe(reference(text));
      }),
    );
  });

  it("at the edges of the years it accepts and of the calendar", () => {
    for (const text of [
      "1969-12-31T23:30:00-01:00",
      "1970-01-01T00:30:00+01:00",
      "1970-01-01T00:00:00Z",
      "9999-12-31T23:59:59.999Z",
      "9999-12-31T23:30:00-01:00",
      "2016-12-31T23:59:60Z",
      "2000-02-29T12:00:00Z",
      "1900-02-29T12:00:00Z",
      "2100-02-29T12:00:00Z",
      "2026-03-02T09:15:00.123456789+01:00",
      "2026-03-02T09:15:00.05Z",
      "0050-06-01T00:00:00Z",
    ])
      expect(parseInstant(text), text).toBe(reference(text));
  });
});
