/** RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote, CR or LF; quotes doubled. */

export type CsvValue = string | number | boolean | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const s = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : String(value);
  // A leading = + - @ would run as a formula in spreadsheets; prefix a quote (OWASP CSV injection).
  const safe = typeof value === "string" && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
