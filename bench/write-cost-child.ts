/**
 * Child process of the pages benchmark's time half: where an ingest write's time goes, by group
 * size. Seeds a SQLite store (a file, background checkpoints on, as `caliper serve` runs) with
 * demo traffic through `appendEvents`, then appends more in groups of each GROUP size, one
 * transaction each, one after another, and prints a JSON summary on stdout:
 * - the time per event of each group size, in process (no HTTP);
 * - the time spent inside SQLite's statements (better-sqlite3's run/all/get/iterate, the commit
 *   included), in all and for the costliest statements.
 *
 *   node --import tsx bench/write-cost-child.ts DIR SEED_EVENTS EVENTS GROUP[,GROUP...]
 *
 * Each group size appends the same EVENTS events onto a copy of the seeded store, so the sizes
 * differ in nothing but how the events are grouped. The statements are timed by wrapping
 * better-sqlite3's Statement methods in this process only (one `performance.now()` pair a call).
 */
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { appendEvents, openDatabase } from "@caliper/db";
import { loadPolicySet } from "@caliper/policy";
import Database from "better-sqlite3";
import { appendDemoHistory, demoEvents } from "./lib/events.ts";

const [dir, seedArg, eventsArg, groupsArg] = process.argv.slice(2);
if (!dir || !seedArg || !eventsArg || !groupsArg) {
  process.stderr.write("usage: bench/write-cost-child.ts DIR SEED_EVENTS EVENTS GROUP[,GROUP...]\n");
  process.exit(2);
}

interface Tally {
  calls: number;
  ms: number;
}
const tallies = new Map<string, Tally>();
let timing = false;

/** Times every call of better-sqlite3's statement methods while `timing` is on, by statement text. */
function instrumentStatements(): void {
  const probe = new Database(":memory:");
  const proto = Object.getPrototypeOf(probe.prepare("select 1")) as Record<string, unknown>;
  probe.close();
  for (const method of ["run", "all", "get", "iterate"]) {
    const original = proto[method] as (this: { source: string }, ...args: unknown[]) => unknown;
    proto[method] = function (this: { source: string }, ...args: unknown[]): unknown {
      if (!timing) return original.apply(this, args);
      const t0 = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const ms = performance.now() - t0;
        const key = keyOf(this.source);
        const t = tallies.get(key) ?? { calls: 0, ms: 0 };
        t.calls++;
        t.ms += ms;
        tallies.set(key, t);
      }
    };
  }
}

/** `statementKey` of each statement text met, so that the timed loop parses each text once. */
const keys = new Map<string, string>();
function keyOf(sql: string): string {
  let key = keys.get(sql);
  if (key === undefined) {
    key = statementKey(sql);
    keys.set(sql, key);
  }
  return key;
}

/** A statement's kind and table: "commit", "insert into clocks", "select from events". */
function statementKey(sql: string): string {
  const s = sql.replace(/\s+/g, " ").trim().toLowerCase();
  const insert = /^insert into "?(\w+)"?/.exec(s);
  if (insert) return `insert into ${insert[1]}`;
  const del = /^delete from "?(\w+)"?/.exec(s);
  if (del) return `delete from ${del[1]}`;
  const update = /^update "?(\w+)"?/.exec(s);
  if (update) return `update ${update[1]}`;
  const select = /^(?:with .*?\) )?select .*? from "?(\w+)"?/.exec(s);
  if (select) return `select from ${select[1]}`;
  return s.split(" ").slice(0, 2).join(" ");
}

instrumentStatements();
const policies = loadPolicySet();
const seedPath = join(dir, "write-cost-seed.db");
{
  const cdb = await openDatabase(seedPath);
  const ctx = { backend: cdb.backend, policies };
  await appendDemoHistory(cdb, ctx, Number(seedArg));
  (cdb.sqlite as NonNullable<typeof cdb.sqlite>).pragma("wal_checkpoint(TRUNCATE)");
  await cdb.close();
}

const events = demoEvents(Number(eventsArg), { seed: 2, end: "2026-11-30T00:00:00Z", days: 7 });
const out: {
  group: number;
  events: number;
  usPerEvent: number;
  sqliteUsPerEvent: number;
  statements: { key: string; calls: number; usPerEvent: number }[];
}[] = [];
for (const group of groupsArg.split(",").map(Number)) {
  const path = join(dir, `write-cost-${group}.db`);
  copyFileSync(seedPath, path);
  const cdb = await openDatabase(path, { backgroundCheckpoints: true });
  const ctx = { backend: cdb.backend, policies };
  // A first group warms the statement cache and the page cache, as a running server has them.
  await appendEvents(cdb, ctx, demoEvents(group, { seed: 3, end: "2026-11-30T00:00:00Z", days: 7 }));
  tallies.clear();
  timing = true;
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += group) await appendEvents(cdb, ctx, events.slice(i, i + group));
  const ms = performance.now() - t0;
  timing = false;
  await cdb.close();
  const perEvent = (x: number) => (x * 1000) / events.length;
  const rows = [...tallies].sort((a, b) => b[1].ms - a[1].ms);
  out.push({
    group,
    events: events.length,
    usPerEvent: perEvent(ms),
    sqliteUsPerEvent: perEvent(rows.reduce((n, [, t]) => n + t.ms, 0)),
    statements: rows.slice(0, 8).map(([key, t]) => ({ key, calls: t.calls, usPerEvent: perEvent(t.ms) })),
  });
}
process.stdout.write(`${JSON.stringify(out)}\n`);
