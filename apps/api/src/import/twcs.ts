import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BrandId, type CaliperEvent, instantMs, parseEvent, parseInstant } from "@caliper/domain";
import Database from "better-sqlite3";
import { CsvParser, type CsvRecord } from "./csv.ts";
import { decodeChunks } from "./decode.ts";
import { toIssues } from "./ndjson.ts";

/**
 * Import of the public "Customer Support on Twitter" (twcs) CSV. See importTwcs.
 */

export type TwcsItem =
  | { line: number; event: CaliperEvent }
  | { line: number; skipped: string }
  | { line: number; error: string };

export interface TwcsProgress {
  phase: "index" | "events";
  /** Bytes of the file read so far in this phase. */
  bytes: number;
  totalBytes: number;
  /** Rows (CSV records after the header) read so far in this phase. */
  rows: number;
}

export interface TwcsOptions {
  /** Where the temporary index database goes (default: the OS temp directory). */
  tmpDir?: string;
  /** Called after every chunk read (every 256 KiB) and at the end of each phase. */
  onProgress?: (p: TwcsProgress) => void;
}

export const TWCS_COLUMNS = [
  "tweet_id",
  "author_id",
  "inbound",
  "created_at",
  "text",
  "response_tweet_id",
  "in_response_to_tweet_id",
] as const;
type Column = (typeof TWCS_COLUMNS)[number];
type Columns = Record<Column, number> & { count: number };

interface Tweet {
  id: string;
  author: string;
  inbound: boolean;
  /** Epoch milliseconds. */
  at: number;
  text: string;
  parent: string | null;
}

const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};
const TWITTER_TIME =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/;

/** Parses Twitter's "Wed Oct 11 06:55:44 +0000 2017" (or an RFC 3339 instant) to epoch ms, or null. */
export function parseTwitterTime(text: string): number | null {
  const m = TWITTER_TIME.exec(text.trim());
  if (m === null) {
    const iso = parseInstant(text.trim());
    return iso === null ? null : Date.parse(iso);
  }
  const month = MONTHS[m[1] as string];
  if (month === undefined) return null;
  const offsetMinutes = Number(m[8]);
  if (offsetMinutes > 59) return null;
  const offset = (Number(m[7]) * 60 + offsetMinutes) * (m[6] === "-" ? -1 : 1);
  return instantMs(Number(m[9]), month + 1, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), 0, offset);
}

/** Tweet ids as written; "123.0" (a float export of an id) becomes "123". */
const normaliseId = (raw: string): string => {
  const s = raw.trim();
  return /^\d+\.0+$/.test(s) ? s.slice(0, s.indexOf(".")) : s;
};
/** 1-150 characters, no whitespace or control characters. */
const ID = /^[^\s\p{Cc}]{1,150}$/u;

/** A company handle as a brand id: lower-cased, leading characters other than a-z0-9 dropped. */
export const brandOfHandle = (handle: string): string =>
  handle
    .toLowerCase()
    .replace(/^[^a-z0-9]+/, "")
    .slice(0, 64);

const MENTION = /(?<![A-Za-z0-9_])@([A-Za-z0-9_]{1,50})/g;
/** The @handles a tweet mentions, lower-cased, in order of appearance. */
export const mentionsOf = (text: string): string[] =>
  [...text.matchAll(MENTION)].map((m) => (m[1] as string).toLowerCase());

/** Trailing "https://t.co/…" links and "1/2" thread counters, which may follow or precede a sign-off. */
const TRAILING_NOISE = /(?:\s+(?:https?:\/\/\S+|\d\/\d))+\s*$/;
const SIGN_OFF = [
  /\^\s?([A-Za-z]{1,15})$/, // "^MM", "^ Jools"
  /(?:^|\s)\/\s?([A-Z][A-Za-z]{0,14})$/, // "/AY"
  /(?:^|\s)-\s?([A-Z][A-Za-z]{0,14})$/, // "-AB", "- Paige"
];

/** The agent sign-off at the end of a company tweet ("^MM", "/AY", "-AD", "- Paige"), or null. */
export function signOffOf(text: string): string | null {
  let t = text.trimEnd();
  for (let i = 0; i < 3; i++) t = t.replace(TRAILING_NOISE, "");
  // "... 2/2 ^JR": the counter may also sit before the sign-off, which the patterns accept as is.
  for (const re of SIGN_OFF) {
    const m = re.exec(t);
    if (m) return m[1] as string;
  }
  return null;
}

/** The agent id of a company tweet: "<handle>/<sign-off>" when signed, else the handle (both lower-cased handle). */
export const agentIdOf = (author: string, text: string): string => {
  const handle = brandOfHandle(author) || author;
  const initials = signOffOf(text);
  return initials === null ? handle : `${handle}/${initials}`;
};

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
/** Twitter's HTML-escaped text back to plain text. */
const unescapeHtml = (s: string): string => s.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);

const subjectOf = (text: string): string => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= 120 ? flat : `${flat.slice(0, 119)}…`;
};

function columnsOf(header: string[]): Columns | string {
  const names = header.map((h) => h.trim().toLowerCase());
  const cols = { count: header.length } as Columns;
  const missing: string[] = [];
  for (const c of TWCS_COLUMNS) {
    const i = names.indexOf(c);
    if (i === -1) missing.push(c);
    else cols[c] = i;
  }
  return missing.length > 0 ? `not a twcs header: missing column(s) ${missing.join(", ")}` : cols;
}

function tweetOf(fields: string[], cols: Columns): Tweet | string {
  if (fields.length !== cols.count) return `expected ${cols.count} fields, found ${fields.length}`;
  const get = (c: Column): string => fields[cols[c]] ?? "";
  const id = normaliseId(get("tweet_id"));
  if (!ID.test(id)) return `invalid tweet_id "${get("tweet_id").slice(0, 40)}"`;
  const author = get("author_id").trim();
  if (!ID.test(author)) return `invalid author_id "${author.slice(0, 40)}"`;
  const inboundText = get("inbound").trim().toLowerCase();
  const inbound = inboundText === "true" || inboundText === "1";
  if (!inbound && inboundText !== "false" && inboundText !== "0")
    return `invalid inbound "${get("inbound").slice(0, 20)}" (expected True or False)`;
  const at = parseTwitterTime(get("created_at"));
  if (at === null) return `invalid created_at "${get("created_at").slice(0, 40)}"`;
  const parentText = normaliseId(get("in_response_to_tweet_id"));
  if (parentText !== "" && !ID.test(parentText))
    return `invalid in_response_to_tweet_id "${get("in_response_to_tweet_id").slice(0, 40)}"`;
  return { id, author, inbound, at, text: get("text"), parent: parentText === "" ? null : parentText };
}

/** Streams the CSV records of a file, a chunk's worth at a time, counting bytes for progress. */
async function* recordsOf(
  path: string,
  phase: TwcsProgress["phase"],
  totalBytes: number,
  onProgress: TwcsOptions["onProgress"],
): AsyncGenerator<CsvRecord[]> {
  // 256 KiB chunks: every chunk decodes to one string (two bytes a character once it holds an emoji),
  // and the parser's buffer, the records of the chunk and their fields (slices of it) keep up to
  // six such strings alive at once. Over a 1 GiB file the live heap peaked at 39 MB with 1 MiB chunks
  // and at 26 MB with 256 KiB ones, at the same speed (docs/benchmarks.md, twcs importer).
  const stream = createReadStream(path, { highWaterMark: 1 << 18 });
  let bytes = 0;
  let records = 0;
  // The first record is the header.
  const report = (at: number) => onProgress?.({ phase, bytes: at, totalBytes, rows: Math.max(0, records - 1) });
  const counted = async function* () {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      yield chunk;
      report(bytes);
    }
  };
  const parser = new CsvParser();
  try {
    for await (const text of decodeChunks(counted())) {
      const parsed = parser.push(text);
      records += parsed.length;
      if (parsed.length > 0) yield parsed;
    }
    const rest = parser.end();
    records += rest.length;
    if (rest.length > 0) yield rest;
    report(totalBytes);
  } finally {
    stream.destroy();
  }
}

const SCHEMA = `
  CREATE TABLE tweets (
    id TEXT PRIMARY KEY, parent TEXT, author TEXT NOT NULL, inbound INTEGER NOT NULL,
    at INTEGER NOT NULL, line INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE mentions (root TEXT NOT NULL, pos INTEGER NOT NULL, handle TEXT NOT NULL, PRIMARY KEY (root, pos)) WITHOUT ROWID;
`;

/**
 * Resolves threads with SQL once every tweet is indexed:
 * - thread: every tweet reachable from a "top" (a tweet that answers nothing, or answers a
 *   tweet absent from the file) gets that top; tweets in reply cycles get none.
 * - brands: for each top that is a ticket root (inbound, answers nothing), the handle of the
 *   earliest company tweet of its thread (by time, then tweet id); failing that, the first
 *   handle @mentioned in the root tweet that is the author of some company tweet in the file.
 */
const RESOLVE = `
  CREATE INDEX tweets_parent ON tweets (parent);
  CREATE TABLE thread (id TEXT PRIMARY KEY, top TEXT NOT NULL) WITHOUT ROWID;
  WITH RECURSIVE walk (id, top) AS (
    SELECT t.id, t.id FROM tweets t
    WHERE t.parent IS NULL OR NOT EXISTS (SELECT 1 FROM tweets p WHERE p.id = t.parent)
    UNION ALL
    SELECT c.id, walk.top FROM tweets c JOIN walk ON c.parent = walk.id
  )
  INSERT OR IGNORE INTO thread (id, top) SELECT id, top FROM walk;
  CREATE TABLE brands (root TEXT PRIMARY KEY, brand TEXT NOT NULL) WITHOUT ROWID;
  INSERT INTO brands (root, brand)
  SELECT top, lower(author) FROM (
    SELECT th.top AS top, t.author AS author, row_number() OVER (PARTITION BY th.top ORDER BY t.at, t.id) AS rn
    FROM thread th
    JOIN tweets t ON t.id = th.id
    JOIN tweets r ON r.id = th.top
    WHERE t.inbound = 0 AND r.parent IS NULL AND r.inbound = 1
  ) WHERE rn = 1;
  CREATE TABLE companies (handle TEXT PRIMARY KEY) WITHOUT ROWID;
  INSERT OR IGNORE INTO companies (handle) SELECT DISTINCT lower(author) FROM tweets WHERE inbound = 0;
  INSERT OR IGNORE INTO brands (root, brand)
  SELECT root, handle FROM (
    SELECT m.root AS root, m.handle AS handle, row_number() OVER (PARTITION BY m.root ORDER BY m.pos) AS rn
    FROM mentions m JOIN companies c ON c.handle = m.handle
  ) WHERE rn = 1;
  CREATE TABLE resolved (
    line INTEGER PRIMARY KEY, id TEXT NOT NULL, top TEXT, topParent TEXT, topInbound INTEGER, brand TEXT
  );
  INSERT INTO resolved (line, id, top, topParent, topInbound, brand)
  SELECT t.line, t.id, th.top, r.parent, r.inbound, b.brand
  FROM tweets t
  LEFT JOIN thread th ON th.id = t.id
  LEFT JOIN tweets r ON r.id = th.top
  LEFT JOIN brands b ON b.root = th.top
  ORDER BY t.line;
`;

interface Resolved {
  /** The line of the tweet's first row: another line's row with the same tweet_id is a duplicate. */
  line: number;
  top: string | null;
  topParent: string | null;
  topInbound: number | null;
  brand: string | null;
}

const BATCH = 5000;

/**
 * Imports a twcs CSV file as Caliper events, in two streaming passes over the file with an
 * on-disk index, so memory does not grow with the file (see the module comment in index.ts
 * for the mapping rules). Yields, in file order:
 * - `{ line, event }` for each event (already validated with parseEvent),
 * - `{ line, skipped }` for a tweet that belongs to no ticket, with the reason,
 * - `{ line, error }` for a malformed row (or an event that fails validation).
 * The temporary database is removed when the generator finishes, fails or is closed early.
 * (An item at a time: `importTwcsBatches` gives the same items a read's worth at a time, which
 * is what a loop over millions of them should take.)
 */
export async function* importTwcs(path: string, options: TwcsOptions = {}): AsyncGenerator<TwcsItem> {
  for await (const items of importTwcsBatches(path, options)) yield* items;
}

/**
 * `importTwcs`, the items of each chunk of the file (256 KiB: a couple of thousand rows) in one
 * array. Every step of an async generator is a turn of the microtask queue, and so is the
 * consumer's `await` per event: item by item they took ~7% of the events pass (32 MiB file).
 */
export async function* importTwcsBatches(path: string, options: TwcsOptions = {}): AsyncGenerator<TwcsItem[]> {
  const totalBytes = statSync(path).size;
  const dir = mkdtempSync(join(options.tmpDir ?? tmpdir(), "caliper-twcs-"));
  let db: Database.Database | undefined;
  try {
    db = new Database(join(dir, "index.db"));
    db.pragma("journal_mode = OFF");
    db.pragma("synchronous = OFF");
    db.pragma("locking_mode = EXCLUSIVE");
    db.pragma("cache_size = -65536");
    db.exec(SCHEMA);

    // Pass 1: index every well-formed row.
    const insertTweet = db.prepare(
      "INSERT OR IGNORE INTO tweets (id, parent, author, inbound, at, line) VALUES (?, ?, ?, ?, ?, ?)",
    );
    const insertMention = db.prepare("INSERT OR IGNORE INTO mentions (root, pos, handle) VALUES (?, ?, ?)");
    const flush = db.transaction((rows: { line: number; t: Tweet }[]) => {
      for (const { line, t } of rows) {
        const res = insertTweet.run(t.id, t.parent, t.author, t.inbound ? 1 : 0, t.at, line);
        if (res.changes > 0 && t.inbound && t.parent === null)
          for (const [pos, h] of mentionsOf(t.text).entries()) insertMention.run(t.id, pos, h);
      }
    });
    let cols: Columns | undefined;
    let batch: { line: number; t: Tweet }[] = [];
    for await (const records of recordsOf(path, "index", totalBytes, options.onProgress)) {
      for (const r of records) {
        if ("error" in r) continue;
        if (cols === undefined) {
          const c = columnsOf(r.fields);
          if (typeof c === "string") {
            yield [{ line: r.line, error: c }];
            return;
          }
          cols = c;
          continue;
        }
        const t = tweetOf(r.fields, cols);
        if (typeof t === "string") continue;
        batch.push({ line: r.line, t });
        if (batch.length >= BATCH) {
          flush(batch);
          batch = [];
        }
      }
    }
    if (batch.length > 0) flush(batch);
    if (cols === undefined) return;
    db.exec(RESOLVE);

    // Pass 2: events, in file order.
    // The resolved tweets in file order, read alongside the file a page at a time: one ordered
    // scan instead of a lookup by id per row (4 µs each over a 32 MiB file, more over larger ones).
    const inFileOrder = db.prepare<[number], Resolved & { id: string }>(
      `SELECT line, id, top, topParent, topInbound, brand FROM resolved WHERE line > ? ORDER BY line LIMIT ${BATCH}`,
    );
    const firstLine = db.prepare<[string], { line: number }>("SELECT line FROM tweets WHERE id = ?");
    let page: (Resolved & { id: string })[] = [];
    let next = 0;
    /** The last line read from `resolved`, and whether nothing is left past it. */
    let readThrough = 0;
    let exhausted = false;
    /** The resolved row of the tweet on `line` (lines only increase), or of the row that first had its id. */
    const resolvedAt = (line: number, id: string): Resolved | undefined => {
      for (;;) {
        if (next === page.length) {
          if (exhausted) break;
          page = inFileOrder.all(readThrough);
          next = 0;
          exhausted = page.length < BATCH;
          if (page.length === 0) break;
          readThrough = (page[page.length - 1] as Resolved).line;
        }
        const row = page[next] as Resolved & { id: string };
        if (row.line > line) break;
        next++;
        if (row.line === line && row.id === id) return row;
      }
      // Not indexed under this line: a duplicate of an earlier row's tweet_id.
      const first = firstLine.get(id);
      return first === undefined
        ? undefined
        : { line: first.line, top: null, topParent: null, topInbound: null, brand: null };
    };
    let header = true;
    for await (const records of recordsOf(path, "events", totalBytes, options.onProgress)) {
      const items: TwcsItem[] = [];
      for (const r of records) {
        if ("error" in r) {
          items.push({ line: r.line, error: r.error });
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        const t = tweetOf(r.fields, cols);
        if (typeof t === "string") {
          items.push({ line: r.line, error: t });
          continue;
        }
        const res = resolvedAt(r.line, t.id);
        if (res === undefined) {
          items.push({ line: r.line, error: `tweet ${t.id} is missing from the index` });
          continue;
        }
        const skip = skipReason(t, res, r.line);
        if (skip !== null) {
          items.push({ line: r.line, skipped: skip });
          continue;
        }
        for (const candidate of eventsOf(t, res.top as string, brandOfHandle(res.brand as string))) {
          const parsed = parseEvent(candidate);
          if (parsed.success) items.push({ line: r.line, event: parsed.data });
          else
            items.push({
              line: r.line,
              error: `invalid event ${candidate.id}: ${toIssues(parsed.error)
                .map((i) => `${i.path}: ${i.message}`)
                .join("; ")}`,
            });
        }
      }
      if (items.length > 0) yield items;
    }
  } finally {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Why a tweet yields no event, or null when it belongs to a ticket with a brand. */
function skipReason(t: Tweet, r: Resolved, line: number): string | null {
  if (r.line !== line) return `duplicate tweet_id ${t.id} (first seen on line ${r.line})`;
  if (r.top === null) return `tweet ${t.id} is in a reply cycle and belongs to no thread`;
  if (r.topParent !== null)
    return r.top === t.id
      ? `replies to tweet ${r.topParent}, which is not in the file`
      : `its thread starts with tweet ${r.top}, which replies to tweet ${r.topParent}, which is not in the file`;
  if (r.topInbound !== 1) return `its thread starts with company tweet ${r.top}, not with a customer tweet`;
  if (r.brand === null)
    return `no company replied in thread ${r.top} and its first tweet mentions no company handle seen in the file`;
  if (!BrandId.safeParse(brandOfHandle(r.brand)).success) return `company handle "${r.brand}" is not a valid brand id`;
  return null;
}

/** An event before validation. */
interface Candidate {
  id: string;
  type: CaliperEvent["type"];
  brand: string;
  ticketId: string;
  at: string;
  actor: CaliperEvent["actor"];
  data: Record<string, unknown>;
}

function eventsOf(t: Tweet, root: string, brand: string): Candidate[] {
  const ticketId = `twcs-${root}`;
  const at = new Date(t.at).toISOString();
  const body = unescapeHtml(t.text).replace(/\r\n?/g, "\n");
  const out: Candidate[] = [];
  if (t.id === root)
    out.push({
      id: `twcs-${root}-created`,
      type: "ticket.created",
      brand,
      ticketId,
      at,
      actor: { type: "customer", id: t.author },
      data: { channel: "social", category: "other", customerId: t.author, subject: subjectOf(body) },
    });
  if (t.inbound)
    out.push({
      id: `twcs-${t.id}`,
      type: "message.customer",
      brand,
      ticketId,
      at,
      actor: { type: "customer", id: t.author },
      data: { body },
    });
  else
    out.push({
      id: `twcs-${t.id}`,
      type: "message.agent",
      brand,
      ticketId,
      at,
      actor: { type: "agent", id: agentIdOf(t.author, body) },
      data: { body },
    });
  return out;
}
