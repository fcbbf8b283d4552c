import { existsSync, realpathSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { CaliperDb } from "./database.ts";

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
  /** How many times the copy started over because another connection wrote in between steps. */
  restarts: number;
}

export interface BackupResult {
  /** The finished backup file. */
  file: string;
  pages: number;
  bytes: number;
  restarts: number;
  seconds: number;
}

export interface BackupOptions {
  /** Pages copied per step at first (default 1024, 4 MiB with 4 KiB pages); doubled after each restart. */
  pagesPerStep?: number;
  /** Replace an existing file at `to` (default false: refuse). */
  overwrite?: boolean;
}

/** Thrown for a database that `backupDatabase` cannot copy (PostgreSQL: use pg_dump). */
export class BackupNotSupportedError extends Error {}

const samePath = (a: string, b: string): boolean => {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : resolve(p));
  return real(a) === real(b);
};

/**
 * An online, consistent copy of a SQLite database to `to`, while other connections (in this
 * process or others) keep writing. It uses SQLite's backup API through better-sqlite3: pages are
 * copied in steps, yielding to the event loop in between. A step reads inside one read
 * transaction; when another connection writes between two steps SQLite starts the copy over, so
 * each restart doubles the step size until the rest of the copy fits into a single step (one
 * snapshot). Writes made through this same connection are carried into the copy as they happen.
 *
 * The copy is written to `<to>.partial` and renamed into place when complete, so an interrupted
 * backup never leaves a truncated file under the final name.
 */
export async function backupDatabase(
  cdb: CaliperDb,
  to: string,
  onProgress?: (p: BackupProgress) => void,
  options: BackupOptions = {},
): Promise<BackupResult> {
  if (cdb.backend !== "sqlite" || !cdb.sqlite)
    throw new BackupNotSupportedError(
      "online backup copies SQLite databases only; back up PostgreSQL with pg_dump (and restore with pg_restore)",
    );
  const raw = cdb.sqlite;
  if (raw.memory) throw new BackupNotSupportedError("an in-memory database has no file to back up");
  const target = resolve(to);
  if (samePath(raw.name, target)) throw new Error(`the backup file must not be the database itself (${to})`);
  if (!existsSync(dirname(target))) throw new Error(`the directory of ${to} does not exist`);
  if (existsSync(target) && !options.overwrite) throw new Error(`${to} already exists; choose another file`);
  const partial = join(dirname(target), `${basename(target)}.partial`);
  for (const f of [partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });

  const t0 = performance.now();
  let step = Math.max(1, Math.floor(options.pagesPerStep ?? 1024));
  let restarts = 0;
  let lastRemaining = Number.POSITIVE_INFINITY;
  let lastTotal = 0;
  let meta: { totalPages: number; remainingPages: number };
  try {
    meta = await raw.backup(partial, {
      progress({ totalPages, remainingPages }) {
        // No progress, or the database changed size under the copy: another connection wrote
        // between steps and SQLite restarted the copy (or it was busy). Take bigger bites so it
        // can finish: at worst the rest is copied in one step, from one snapshot.
        if (remainingPages >= lastRemaining || (lastTotal !== 0 && totalPages !== lastTotal)) {
          restarts++;
          step = Math.min(0x7fffffff, step * 2);
        }
        lastRemaining = remainingPages;
        lastTotal = totalPages;
        onProgress?.({ totalPages, remainingPages, restarts });
        return step;
      },
    });
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  renameSync(partial, target);
  onProgress?.({ totalPages: meta.totalPages, remainingPages: 0, restarts });
  return {
    file: target,
    pages: meta.totalPages,
    bytes: statSync(target).size,
    restarts,
    seconds: (performance.now() - t0) / 1000,
  };
}

/**
 * SQLite's `PRAGMA integrity_check`: `["ok"]` when the file is sound, else the problems found.
 * PostgreSQL has no equivalent; it throws there.
 */
export function integrityCheck(cdb: CaliperDb): string[] {
  if (!cdb.sqlite) throw new BackupNotSupportedError("integrity_check is a SQLite check");
  const rows = cdb.sqlite.pragma("integrity_check") as Array<{ integrity_check: string }>;
  return rows.map((r) => r.integrity_check);
}
