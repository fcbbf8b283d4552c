/**
 * Child process of the pages benchmark: seeds a SQLite store with demo traffic through
 * `appendEvents`, then appends more in groups of GROUP events, one commit each, and reads back
 * which pages each commit wrote: the page numbers in the write-ahead log's frame headers, mapped
 * to the table or index that owns them (SQLite's dbstat). Prints a JSON summary on stdout.
 *
 *   node --import tsx bench/pages-child.ts DIR SEED_EVENTS GROUP GROUPS
 *
 * The log is emptied (a TRUNCATE checkpoint) before each measured commit, so its frames are
 * exactly that commit's pages.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { appendEvents, openDatabase } from "@caliper/db";
import { loadPolicySet } from "@caliper/policy";
import { appendDemoHistory, demoEvents } from "./lib/events.ts";

const [dir, seedArg, groupArg, groupsArg] = process.argv.slice(2);
if (!dir || !seedArg || !groupArg || !groupsArg) {
  process.stderr.write("usage: bench/pages-child.ts DIR SEED_EVENTS GROUP GROUPS\n");
  process.exit(2);
}
const group = Number(groupArg);
const groups = Number(groupsArg);
const path = join(dir, `pages-${group}.db`);
const cdb = await openDatabase(path);
const raw = cdb.sqlite as NonNullable<typeof cdb.sqlite>;
raw.pragma("wal_autocheckpoint = 0");
const ctx = { backend: cdb.backend, policies: loadPolicySet() };
await appendDemoHistory(cdb, ctx, Number(seedArg));
raw.exec("analyze");
const pageSize = raw.pragma("page_size", { simple: true }) as number;
const events = demoEvents(group * groups, { seed: 2, end: "2026-11-30T00:00:00Z", days: 7 });
const byTree = new Map<string, number>();
let pages = 0;
for (let i = 0; i < events.length; i += group) {
  raw.pragma("wal_checkpoint(TRUNCATE)");
  await appendEvents(cdb, ctx, events.slice(i, i + group));
  const wal = readFileSync(`${path}-wal`);
  const written = new Set<number>();
  // A 32-byte header, then frames: a 24-byte header whose first 4 bytes are the page number, and the page.
  for (let off = 32; off + 24 + pageSize <= wal.length; off += 24 + pageSize) written.add(wal.readUInt32BE(off));
  pages += written.size;
  const owner = new Map(
    (raw.prepare("select name, pageno from dbstat").all() as { name: string; pageno: number }[]).map((o) => [
      o.pageno,
      o.name,
    ]),
  );
  for (const p of written) {
    const name = owner.get(p) ?? "(free list)";
    byTree.set(name, (byTree.get(name) ?? 0) + 1);
  }
}
const tables = new Map(
  (
    raw.prepare("select name, tbl_name from sqlite_schema where type in ('table', 'index')").all() as {
      name: string;
      tbl_name: string;
    }[]
  ).map((r) => [r.name, r.tbl_name]),
);
await cdb.close();
process.stdout.write(
  `${JSON.stringify({
    group,
    commits: groups,
    pageSize,
    pagesPerCommit: pages / groups,
    trees: [...byTree].map(([name, n]) => ({ name, table: tables.get(name) ?? name, perCommit: n / groups })),
  })}\n`,
);
