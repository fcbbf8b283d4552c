export type CsvValue = string | number | boolean | null | undefined;

/** A number literal such as "-5", "+1.5", "1e-3": safe to leave unprefixed. */
const NUMBER_LITERAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Neutralises spreadsheet formula injection (CSV injection). Exact rule: a string value whose
 * first character is "=", "@", a tab or a carriage return, or whose first character is "+" or
 * "-" and which is not, as a whole, a number literal ("-5", "+1.25", "-1e3"), gets a single
 * quote (') prepended. So "=SUM(A1)", "@cmd", "-AB", "+1 555 0100" and "-2+3+cmd|' /C calc'!A0"
 * are prefixed; "-5", "+3" and "1-2" are not. Number values are never prefixed.
 */
export function neutraliseFormula(value: string): string {
  if (value.length === 0) return value;
  const c = value[0];
  if (c === "=" || c === "@" || c === "\t" || c === "\r") return `'${value}`;
  if ((c === "+" || c === "-") && !NUMBER_LITERAL.test(value)) return `'${value}`;
  return value;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One field: null/undefined -> empty, booleans -> true/false, non-finite numbers -> empty. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const safe = neutraliseFormula(value);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * One RFC 4180 CSV line ending with "\r\n". A field is quoted when it contains a comma, a
 * double quote, CR or LF (quotes doubled inside); strings are first protected against
 * formula injection (see neutraliseFormula).
 */
export const csvLine = (values: readonly CsvValue[]): string => `${values.map(csvField).join(",")}\r\n`;
