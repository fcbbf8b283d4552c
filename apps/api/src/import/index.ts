/**
 * Streaming import building blocks (pure: no database writes; the CLI does those).
 *
 * All readers take a `ByteSource` (a Node.js readable stream such as fs.createReadStream(path)
 * or process.stdin, or any AsyncIterable of Buffer/Uint8Array/string chunks), decode UTF-8
 * across chunk boundaries, drop a leading BOM, and keep memory constant in the input size.
 * None of them throws on malformed input; only I/O errors of the source propagate.
 *
 * - readLines(input, { maxLineLength? }): AsyncGenerator<{ line, text, tooLong? }>
 *     1-based lines without "\n"/"\r\n"; a last line without newline is yielded.
 * - readNdjson(input, { maxLineLength? }): AsyncGenerator<{ line, event } | { line, error: { message, issues? } }>
 *     one event a line, validated with EventInput (events come out normalised: UTC `at`,
 *     actor filled in); blank lines skipped; issues carry dotted paths ("data.rating").
 * - readCsv(input, { maxRecordLength? }): AsyncGenerator<{ line, fields } | { line, error }>
 *     RFC 4180 records; `line` is where the record starts. A malformed record is reported and
 *     parsing resumes on the line after its start line (see CsvParser).
 * - importTwcs(path, { tmpDir?, onProgress? }): AsyncGenerator<{ line, event } | { line, skipped } | { line, error }>
 *     (importTwcsBatches(path, options): the same items, an array per chunk of the file read:
 *     the one to loop over for a large file; see twcs.ts)
 *     the "Customer Support on Twitter" CSV. Two passes over the file with a temporary
 *     better-sqlite3 index (removed at the end, also on error or early return).
 *     onProgress({ phase: "index" | "events", bytes, totalBytes, rows }) runs about every MiB.
 *     Mapping: a ticket is a thread started by an inbound tweet that answers no tweet;
 *     ticketId "twcs-<root tweet id>"; brand = lower-cased handle of the earliest company
 *     tweet in the thread, else the first @mention in the root that is a company handle seen
 *     in the file; root -> ticket.created ("twcs-<root>-created", channel social, category
 *     other, customerId = author) + message.customer; other inbound tweets ->
 *     message.customer; company tweets -> message.agent with actor agent
 *     "<handle>/<sign-off>" ("^MM", "/AY", "-AB", "- Paige") or "<handle>"; every tweet's
 *     event id is "twcs-<tweet id>", so a re-import yields the same events (duplicates).
 *     Tweets in no ticket (reply to a tweet missing from the file, thread started by a
 *     company, no brand, duplicate tweet_id, reply cycle) yield `{ line, skipped: reason }`.
 *     Malformed rows yield `{ line, error }` and the rest imports.
 *
 * A CLI loop typically batches events (<= 1000, the API's batch limit) and counts the rest:
 *
 *   for await (const item of importTwcs(file, { onProgress })) {
 *     if ("event" in item) batch.push(item.event); else if ("skipped" in item) skipped++; else errors.push(item);
 *   }
 */
export { type ByteSource, decodeChunks } from "./decode.ts";
export { type CsvRecord, CsvParser, DEFAULT_MAX_RECORD_LENGTH, type ReadCsvOptions, readCsv } from "./csv.ts";
export { DEFAULT_MAX_LINE_LENGTH, type Line, type ReadLinesOptions, readLines } from "./lines.ts";
export {
  DEFAULT_MAX_NDJSON_LINE,
  type ImportError,
  type NdjsonItem,
  type ReadNdjsonOptions,
  readNdjson,
  toIssues,
} from "./ndjson.ts";
export {
  agentIdOf,
  brandOfHandle,
  importTwcs,
  importTwcsBatches,
  mentionsOf,
  parseTwitterTime,
  signOffOf,
  TWCS_COLUMNS,
  type TwcsItem,
  type TwcsOptions,
  type TwcsProgress,
} from "./twcs.ts";
