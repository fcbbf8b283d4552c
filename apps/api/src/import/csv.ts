import { type ByteSource, decodeChunks } from "./decode.ts";

/** One CSV record, or a malformed one; `line` is the 1-based line where the record starts. */
export type CsvRecord = { line: number; fields: string[] } | { line: number; error: string };

export interface ReadCsvOptions {
  /** Longest record in UTF-16 code units, quotes and line breaks included (default 1 MiB). */
  maxRecordLength?: number;
}

export const DEFAULT_MAX_RECORD_LENGTH = 1024 * 1024;

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

type Parsed =
  | { kind: "record"; fields: string[]; end: number }
  | { kind: "blank"; end: number }
  | { kind: "incomplete" }
  | { kind: "error"; message: string; at: number };

const INCOMPLETE: Parsed = { kind: "incomplete" };
/** The next character that ends or breaks an unquoted field. */
const UNQUOTED_STOP = /[,\n"]/g;

/**
 * Parses one record of `s` starting at `p` (p < s.length). Without `final`, a record that may
 * continue past the end of `s` is "incomplete"; with it, the end of `s` ends the record.
 */
function parseRecord(s: string, p: number, final: boolean): Parsed {
  const n = s.length;
  const first = s.charCodeAt(p);
  if (first === LF) return { kind: "blank", end: p + 1 };
  if (first === CR) {
    if (p + 1 >= n) return final ? { kind: "blank", end: n } : INCOMPLETE;
    if (s.charCodeAt(p + 1) === LF) return { kind: "blank", end: p + 2 };
  }
  const fields: string[] = [];
  let i = p;
  for (;;) {
    if (i >= n) {
      // After a comma: the record may go on in the next chunk, or ends with an empty field.
      if (!final) return INCOMPLETE;
      fields.push("");
      return { kind: "record", fields, end: n };
    }
    if (s.charCodeAt(i) === QUOTE) {
      let value = "";
      let j = i + 1;
      for (;;) {
        const q = s.indexOf('"', j);
        // Reported where the quote opened.
        if (q === -1) return final ? { kind: "error", message: "unterminated quoted field", at: i } : INCOMPLETE;
        if (q + 1 >= n) {
          if (!final) return INCOMPLETE;
          fields.push(value + s.slice(j, q));
          return { kind: "record", fields, end: n };
        }
        if (s.charCodeAt(q + 1) === QUOTE) {
          value += s.slice(j, q + 1);
          j = q + 2;
          continue;
        }
        value += s.slice(j, q);
        i = q + 1;
        break;
      }
      fields.push(value);
      const next = s.charCodeAt(i);
      if (next === COMMA) {
        i++;
        continue;
      }
      if (next === LF) return { kind: "record", fields, end: i + 1 };
      if (next === CR) {
        if (i + 1 >= n) return final ? { kind: "record", fields, end: n } : INCOMPLETE;
        if (s.charCodeAt(i + 1) === LF) return { kind: "record", fields, end: i + 2 };
      }
      return { kind: "error", message: "unexpected character after a closing quote", at: i };
    }
    UNQUOTED_STOP.lastIndex = i;
    const m = UNQUOTED_STOP.exec(s);
    if (m === null) {
      if (!final) return INCOMPLETE;
      const v = s.slice(i);
      fields.push(v.endsWith("\r") ? v.slice(0, -1) : v);
      return { kind: "record", fields, end: n };
    }
    const k = m.index;
    const stop = s.charCodeAt(k);
    if (stop === QUOTE) return { kind: "error", message: "quote inside an unquoted field", at: k };
    const v = s.slice(i, k);
    if (stop === COMMA) {
      fields.push(v);
      i = k + 1;
      continue;
    }
    fields.push(v.endsWith("\r") ? v.slice(0, -1) : v);
    return { kind: "record", fields, end: k + 1 };
  }
}

function countNewlines(s: string, from: number, to: number): number {
  let count = 0;
  let i = s.indexOf("\n", from);
  while (i !== -1 && i < to) {
    count++;
    i = s.indexOf("\n", i + 1);
  }
  return count;
}

/**
 * Incremental RFC 4180 parser: feed text chunks, get records. Memory: the unparsed tail of the
 * last chunk plus the current record (capped by maxRecordLength).
 *
 * Malformed input never throws. A record with an unterminated quote (at end of input or once
 * it exceeds the cap), a quote inside an unquoted field, or text after a closing quote is
 * reported as `{ line, error }` with the line the record starts on, and parsing resumes on the
 * line after that start line: the record's first physical line is what is dropped, so a stray
 * opening quote loses one line, not the rest of the file. Completely empty lines are skipped.
 */
export class CsvParser {
  private buf = "";
  private pos = 0;
  private line = 1;
  /** Discarding the rest of a line after an error whose line end is not buffered yet. */
  private skipping = false;

  constructor(private readonly maxRecordLength: number = DEFAULT_MAX_RECORD_LENGTH) {}

  /** Parses what `chunk` completes; call end() after the last chunk. */
  push(chunk: string): CsvRecord[] {
    this.buf = this.pos > 0 ? this.buf.slice(this.pos) + chunk : this.buf + chunk;
    this.pos = 0;
    return this.drain(false);
  }

  /** Parses the rest of the input. */
  end(): CsvRecord[] {
    const out = this.drain(true);
    this.buf = "";
    this.pos = 0;
    return out;
  }

  private resync(): void {
    const nl = this.buf.indexOf("\n", this.pos);
    if (nl === -1) {
      this.pos = this.buf.length;
      this.skipping = true;
    } else {
      this.pos = nl + 1;
      this.line++;
    }
  }

  private drain(final: boolean): CsvRecord[] {
    const out: CsvRecord[] = [];
    const s = this.buf;
    for (;;) {
      if (this.skipping) {
        const nl = s.indexOf("\n", this.pos);
        if (nl === -1) {
          this.pos = s.length;
          if (final) this.skipping = false;
          break;
        }
        this.pos = nl + 1;
        this.line++;
        this.skipping = false;
      }
      if (this.pos >= s.length) break;
      const start = this.pos;
      const r = parseRecord(s, start, final);
      if (r.kind === "incomplete") {
        if (s.length - start > this.maxRecordLength) {
          out.push({ line: this.line, error: `record is longer than ${this.maxRecordLength} characters` });
          this.resync();
          continue;
        }
        break;
      }
      if (r.kind === "blank") {
        this.pos = r.end;
        this.line++;
        continue;
      }
      if (r.kind === "error") {
        const errorLine = this.line + countNewlines(s, start, r.at);
        const where = errorLine === this.line ? "" : ` (on line ${errorLine})`;
        out.push({ line: this.line, error: r.message + where });
        this.resync();
        continue;
      }
      if (r.end - start > this.maxRecordLength) {
        out.push({ line: this.line, error: `record is longer than ${this.maxRecordLength} characters` });
        this.resync();
        continue;
      }
      out.push({ line: this.line, fields: r.fields });
      this.line += countNewlines(s, start, r.end);
      // A record ending at end of input without a newline still leaves line pointing past it.
      this.pos = r.end;
    }
    return out;
  }
}

/**
 * Streams RFC 4180 CSV records from UTF-8 bytes: quoted fields with embedded newlines, commas
 * and "" escapes, "\n" or "\r\n" line ends, a last record without a newline, characters split
 * across chunks. Malformed records yield `{ line, error }` and parsing resynchronises (see
 * CsvParser). The header, if any, is the first record like any other.
 */
export async function* readCsv(input: ByteSource, options: ReadCsvOptions = {}): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser(options.maxRecordLength ?? DEFAULT_MAX_RECORD_LENGTH);
  for await (const chunk of decodeChunks(input)) {
    for (const r of parser.push(chunk)) yield r;
  }
  for (const r of parser.end()) yield r;
}
