import { type CaliperEvent, type ErrorIssue, parseEvent } from "@caliper/domain";
import type { z } from "zod";
import type { ByteSource } from "./decode.ts";
import { readLines } from "./lines.ts";

export interface ImportError {
  message: string;
  /** Validation problems, each with a dotted field path ("data.rating", "actor.id"; "" is the whole value). */
  issues?: ErrorIssue[];
}

export type NdjsonItem = { line: number; event: CaliperEvent } | { line: number; error: ImportError };

export interface ReadNdjsonOptions {
  /** Longest accepted line in UTF-16 code units (default 1 MiB); longer lines are reported as errors. */
  maxLineLength?: number;
}

export const DEFAULT_MAX_NDJSON_LINE = 1024 * 1024;

/** zod issues as `{ path, message }` with dotted paths. */
export const toIssues = (error: z.ZodError): ErrorIssue[] =>
  error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));

const BLANK = /^\s*$/;

/**
 * Reads NDJSON events: one JSON object a line, each validated with the domain's parseEvent.
 * Blank lines are skipped. A line that is not JSON, not a valid event or too long yields
 * `{ line, error }` and reading goes on: this never throws on bad input (only on I/O errors
 * of the underlying stream).
 */
export async function* readNdjson(input: ByteSource, options: ReadNdjsonOptions = {}): AsyncGenerator<NdjsonItem> {
  const max = options.maxLineLength ?? DEFAULT_MAX_NDJSON_LINE;
  for await (const { line, text, tooLong } of readLines(input, { maxLineLength: max })) {
    if (tooLong) {
      yield { line, error: { message: `line is longer than ${max} characters` } };
      continue;
    }
    if (BLANK.test(text)) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      yield { line, error: { message: `invalid JSON: ${e instanceof Error ? e.message : String(e)}` } };
      continue;
    }
    const parsed = parseEvent(value);
    if (parsed.success) yield { line, event: parsed.data };
    else yield { line, error: { message: "invalid event", issues: toIssues(parsed.error) } };
  }
}
