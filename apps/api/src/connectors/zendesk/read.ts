/**
 * Reading Zendesk export files as a stream of items, without loading the whole file when it is
 * NDJSON. Accepted layouts (detected from the first JSON value in the file):
 *
 * - one JSON document, possibly pretty-printed over many lines: a page
 *   `{ "ticket_events": [...], "next_page": ..., ... }` (or `satisfaction_ratings`), an array of
 *   items, or a single item; several such documents may follow each other;
 * - NDJSON (the first value fits on one line): every line is a page object (several pages
 *   concatenated) or one item. A bad line is reported and reading goes on with the next line.
 */
import { record } from "../shared.ts";

export type ZendeskFileKind = "ticket-events" | "satisfaction";

/** One item of the file, or one part of it that could not be read. `line` is where its JSON value starts (1-based). */
export type ZendeskFileRow =
  | { index: number; line: number; item: unknown }
  | { index: number; line: number; error: string };

const PAGE_KEYS: Record<ZendeskFileKind, string> = {
  "ticket-events": "ticket_events",
  satisfaction: "satisfaction_ratings",
};
const FORMAT_OF: Record<ZendeskFileKind, string> = {
  "ticket-events": "zendesk-ticket-events",
  satisfaction: "zendesk-satisfaction",
};

type Raw = { text: string; line: number } | { error: string; reason: string; line: number };

/** Splits text into top-level JSON values across chunk boundaries. */
class ValueSplitter {
  private mode: "unknown" | "json" | "ndjson" = "unknown";
  private state: "between" | "value" | "junk" = "between";
  private depth = 0;
  private inString = false;
  private escaped = false;
  private pieces: string[] = [];
  private valueLine = 1;
  private valueHasNewline = false;
  private line = 1;
  private first = true;

  push(input: string): Raw[] {
    let text = input;
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const out: Raw[] = [];
    let start = this.state === "between" ? -1 : 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i] as string;
      if (this.state === "between") {
        if (ch === "\n") this.line++;
        else if (ch === "{" || ch === "[") {
          this.begin("value");
          start = i;
          this.depth = 1;
        } else if (ch !== " " && ch !== "\t" && ch !== "\r") {
          this.begin("junk");
          start = i;
        }
        continue;
      }
      if (this.state === "junk") {
        if (ch === "\n") {
          out.push({ error: this.take(text, start, i).trim(), reason: "not JSON", line: this.valueLine });
          this.state = "between";
          this.line++;
        }
        continue;
      }
      // Inside a value.
      if (ch === "\n") {
        this.line++;
        this.valueHasNewline = true;
        if (this.mode === "ndjson") {
          out.push({
            error: this.take(text, start, i).trim(),
            reason: "not JSON (the line ends inside a value)",
            line: this.valueLine,
          });
          this.reset();
          continue;
        }
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (ch === "\\") this.escaped = true;
        else if (ch === '"') this.inString = false;
      } else if (ch === '"') this.inString = true;
      else if (ch === "{" || ch === "[") this.depth++;
      else if (ch === "}" || ch === "]") {
        this.depth--;
        if (this.depth === 0) {
          out.push({ text: this.take(text, start, i + 1), line: this.valueLine });
          if (this.mode === "unknown") this.mode = this.valueHasNewline ? "json" : "ndjson";
          this.reset();
        }
      }
    }
    if (this.state !== "between") this.pieces.push(text.slice(start));
    return out;
  }

  /** At the end of input: an unfinished value is an error. */
  end(): Raw[] {
    if (this.state === "between") return [];
    const text = this.pieces.join("").trim();
    const line = this.valueLine;
    const wasJunk = this.state === "junk";
    this.reset();
    return [{ error: text, reason: wasJunk ? "not JSON" : "unexpected end of file inside a JSON value", line }];
  }

  private begin(state: "value" | "junk"): void {
    this.state = state;
    this.valueLine = this.line;
    this.valueHasNewline = false;
    this.pieces = [];
  }

  private take(text: string, start: number, end: number): string {
    const value = this.pieces.join("") + text.slice(start, end);
    this.pieces = [];
    return value;
  }

  private reset(): void {
    this.state = "between";
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.pieces = [];
  }
}

const preview = (text: string): string => (text.length > 60 ? `${text.slice(0, 60)}...` : text);

/**
 * Reads a Zendesk export file (`{ticket_events:[…]}` / `{satisfaction_ratings:[…]}` pages, or
 * one item per line) and yields its items in file order, each with a running `index`
 * (0-based, over items and errors) and the `line` where its JSON value starts. Unreadable
 * parts are yielded as errors and reading continues.
 */
export async function* readZendeskFile(
  input: AsyncIterable<string | Buffer | Uint8Array> | NodeJS.ReadableStream,
  kind: ZendeskFileKind,
): AsyncGenerator<ZendeskFileRow> {
  const pageKey = PAGE_KEYS[kind];
  const otherKind = (Object.keys(PAGE_KEYS) as ZendeskFileKind[]).find((k) => k !== kind) as ZendeskFileKind;
  const otherKey = PAGE_KEYS[otherKind];
  const splitter = new ValueSplitter();
  const decoder = new TextDecoder("utf-8");
  let index = 0;

  function* expand(raw: Raw): Generator<ZendeskFileRow> {
    const line = raw.line;
    if ("error" in raw) {
      yield { index: index++, line, error: `${raw.reason}: ${preview(raw.error)}` };
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(raw.text);
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      yield { index: index++, line, error: `invalid JSON: ${detail}` };
      return;
    }
    const items = Array.isArray(value) ? value : undefined;
    const obj = record(value);
    if (items === undefined && pageKey in obj) {
      const page = obj[pageKey];
      if (!Array.isArray(page)) {
        yield { index: index++, line, error: `"${pageKey}" is not an array` };
        return;
      }
      for (const item of page) yield* one(item, line);
      return;
    }
    if (items === undefined && otherKey in obj) {
      yield {
        index: index++,
        line,
        error: `this is a "${otherKey}" page; read it with --format ${FORMAT_OF[otherKind]}`,
      };
      return;
    }
    if (items !== undefined) for (const item of items) yield* one(item, line);
    else yield* one(value, line);
  }

  function* one(item: unknown, line: number): Generator<ZendeskFileRow> {
    if (typeof item === "object" && item !== null && !Array.isArray(item)) yield { index: index++, line, item };
    else yield { index: index++, line, error: `an item is not a JSON object` };
  }

  for await (const chunk of input as AsyncIterable<string | Buffer | Uint8Array>) {
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    for (const raw of splitter.push(text)) yield* expand(raw);
  }
  for (const raw of splitter.push(decoder.decode())) yield* expand(raw);
  for (const raw of splitter.end()) yield* expand(raw);
}
