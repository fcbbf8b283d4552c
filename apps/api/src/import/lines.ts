import { type ByteSource, decodeChunks } from "./decode.ts";

export interface Line {
  /** 1-based line number. */
  line: number;
  /** The line without its terminator ("\n" or "\r\n"). */
  text: string;
  /** Set when the line was longer than maxLineLength: `text` then holds only its beginning. */
  tooLong?: true;
}

export interface ReadLinesOptions {
  /** Longest line kept whole, in UTF-16 code units (default 16 MiB); longer lines are cut and flagged. */
  maxLineLength?: number;
}

export const DEFAULT_MAX_LINE_LENGTH = 16 * 1024 * 1024;

const stripCr = (s: string): string => (s.endsWith("\r") ? s.slice(0, -1) : s);

/**
 * Splits a UTF-8 byte stream into lines, streaming: memory holds the current chunk and at
 * most one partial line (capped by maxLineLength). Handles "\r\n", a last line without a
 * newline, multi-byte characters split across chunks and a leading BOM. A final newline does
 * not produce an extra empty line; empty lines in between are yielded.
 */
export async function* readLines(input: ByteSource, options: ReadLinesOptions = {}): AsyncGenerator<Line> {
  const max = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  let pending = "";
  let overflow = false;
  let line = 0;
  const finish = (piece: string): Line => {
    line++;
    if (overflow) {
      const text = pending;
      pending = "";
      overflow = false;
      return { line, text, tooLong: true };
    }
    const whole = pending.length > 0 ? pending + piece : piece;
    pending = "";
    const text = stripCr(whole);
    if (text.length > max) return { line, text: text.slice(0, max), tooLong: true };
    return { line, text };
  };
  for await (const chunk of decodeChunks(input)) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf("\n", start);
      if (nl === -1) break;
      yield finish(chunk.slice(start, nl));
      start = nl + 1;
    }
    if (start < chunk.length && !overflow) {
      pending += chunk.slice(start);
      if (pending.length > max + 1) {
        // +1: a trailing "\r" of a line of exactly max characters is not an overflow.
        pending = pending.slice(0, max);
        overflow = true;
      }
    }
  }
  if (pending.length > 0 || overflow) yield finish("");
}
