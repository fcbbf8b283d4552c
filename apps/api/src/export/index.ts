/**
 * Export helpers.
 *
 * - csvLine(values): one RFC 4180 line ending in "\r\n"; fields with a comma, quote, CR or LF
 *   are quoted ("" inside); null/undefined -> empty field, booleans -> true/false, non-finite
 *   numbers -> empty. Strings starting with "=", "@", tab or CR, or with "+"/"-" unless the
 *   whole value is a number literal, get a leading "'" (spreadsheet formula injection).
 * - csvField(value), neutraliseFormula(text): the same rules for one value.
 */
export { type CsvValue, csvField, csvLine, neutraliseFormula } from "./csv.ts";
