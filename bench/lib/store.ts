import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LATEST_MIGRATION } from "@caliper/db";
import { ensureDir, fmtNum, fmtSecs, gitCommit, log, machine, RESULTS } from "./common.ts";
import { runCli } from "./proc.ts";

export interface StoreOptions {
  tickets: number;
  days: number;
  seed: number;
  /** End of the history (RFC 3339); reads use it as asOf. */
  end: string;
}

export interface StoreMeta {
  options: StoreOptions;
  /** How the cached store was built: `caliper demo` through the product's ingest path. */
  seconds: number;
  events: number;
  eventsPerSecond: number;
  bytes: number;
  builtAt: string;
  commit: string;
  migration: string;
  /**
   * The rebuild `caliper demo` ended its bulk load with (its two summary lines, as `caliper rebuild`
   * prints them), its process's peak RSS and the machine: what a later run reports for this store
   * when it does not rebuild a copy of it (bench/rebuild.ts). Absent from stores seeded before it.
   */
  seeding?: { rebuild: string; peakRssKb: number; machine: string };
}

export interface Store {
  path: string;
  meta: StoreMeta;
  /** True when it had to be seeded in this run. */
  built: boolean;
  /** When seeded in this run: what `caliper demo` printed (its bulk load's rebuild included) and its peak RSS. */
  seeding?: { stderr: string; peakRssKb: number };
}

export const STORES = join(RESULTS, "stores");

/** Removes a SQLite database file with its write-ahead log and shared-memory index. */
export function removeSqlite(path: string): void {
  for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
}

/**
 * Copies a closed SQLite database to `to`, replacing whatever was there. A clean close
 * checkpoints and removes the write-ahead log; should one remain, it goes with the file.
 */
export function copySqlite(from: string, to: string): void {
  removeSqlite(to);
  copyFileSync(from, to);
  if (existsSync(`${from}-wal`)) copyFileSync(`${from}-wal`, `${to}-wal`);
}

const keyOf = (o: StoreOptions): string =>
  `demo-t${o.tickets}-d${o.days}-s${o.seed}-${o.end.replace(/[^0-9]/g, "").slice(0, 12)}-m${LATEST_MIGRATION.replace(/[^A-Za-z0-9]/g, "")}`;

const DEMO_LINE = /Demo: (\d+) tickets, (\d+) events stored \((\d+) already there\) in ([\d.]+) s/;
/** The two lines of `rebuildSummary` in what `caliper demo` printed. */
const REBUILD_LINES = /^\s*Rebuilt .*\n\s*time: .*$/m;

/**
 * A SQLite store seeded by `caliper demo` (into an empty store: the log, then one rebuild of
 * every projection, which equals live ingest), cached in
 * bench/results/stores keyed by its options and the schema version; reused when present.
 * Seeding writes to a temporary file renamed at the end, so an interrupted seed is never reused.
 */
export async function demoStore(o: StoreOptions, opts: { fresh?: boolean } = {}): Promise<Store> {
  ensureDir(STORES);
  const key = keyOf(o);
  const path = join(STORES, `${key}.db`);
  const metaPath = join(STORES, `${key}.json`);
  if (!opts.fresh && existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, "utf8")) as StoreMeta;
    log(`store ${key}: cached (${fmtNum(meta.events)} events, seeded in ${fmtSecs(meta.seconds)} on ${meta.builtAt})`);
    return { path, meta, built: false };
  }
  const tmp = join(STORES, `${key}.seeding.db`);
  removeSqlite(tmp);
  removeSqlite(path);
  log(`store ${key}: seeding ${fmtNum(o.tickets)} tickets with caliper demo (cached for later runs)`);
  let lastLog = 0;
  const r = await runCli(
    ["demo", "--db", tmp, "--tickets", String(o.tickets), "--days", String(o.days), "--seed", String(o.seed)].concat([
      "--end",
      o.end,
    ]),
    {
      onStderr: (line) => {
        const now = performance.now();
        if (now - lastLog > 60_000) {
          lastLog = now;
          log(`  ${line.trim()}`);
        }
      },
    },
  );
  const m = DEMO_LINE.exec(r.stderr);
  if (r.code !== 0 || !m) throw new Error(`caliper demo failed (${r.code}): ${r.stderr.slice(-2000)}`);
  // A clean close checkpoints and removes the WAL; should one remain, it moves with the file.
  if (existsSync(`${tmp}-wal`)) renameSync(`${tmp}-wal`, `${path}-wal`);
  rmSync(`${tmp}-shm`, { force: true });
  renameSync(tmp, path);
  const events = Number(m[2]);
  const seconds = Number(m[4]);
  const meta: StoreMeta = {
    options: o,
    seconds,
    events,
    eventsPerSecond: events / seconds,
    bytes: statSync(path).size,
    builtAt: new Date().toISOString(),
    commit: gitCommit(),
    migration: LATEST_MIGRATION,
  };
  const rebuild = REBUILD_LINES.exec(r.stderr)?.[0];
  if (rebuild) {
    const box = machine();
    meta.seeding = { rebuild, peakRssKb: r.rss.hwmKb, machine: `${box.cpu}, ${box.cores} cores, Node ${box.node}` };
  }
  writeFileSync(metaPath, `${JSON.stringify(meta, null, 2)}\n`);
  log(`store ${key}: ${fmtNum(events)} events in ${fmtSecs(seconds)} (${fmtNum(meta.eventsPerSecond)} events/s)`);
  return { path, meta, built: true, seeding: { stderr: r.stderr, peakRssKb: r.rss.hwmKb } };
}

/** Epoch milliseconds of the store's end minus `days`. */
export const periodOf = (o: StoreOptions, days: number): { from: string; to: string; asOf: string } => ({
  from: new Date(Date.parse(o.end) - days * 86_400_000).toISOString(),
  to: new Date(Date.parse(o.end)).toISOString(),
  asOf: new Date(Date.parse(o.end)).toISOString(),
});
