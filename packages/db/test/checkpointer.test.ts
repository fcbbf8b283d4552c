import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { startCheckpointer } from "../src/checkpointer.ts";
import { openDatabase } from "../src/database.ts";

/**
 * Background checkpoints (checkpointer.ts): the write-ahead log is copied into the database file
 * by a worker thread while the writer goes on, and closing stops that thread. Pages live in the
 * log until a checkpoint copies them, so the database file's size tells whether one ran.
 */
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function writeMegabytes(path: string, background: boolean, mb: number) {
  const cdb = await openDatabase(path, { backgroundCheckpoints: background });
  await sql`create table blobs (id integer primary key, body text not null)`.execute(cdb.db);
  const body = "x".repeat(64 * 1024);
  const before = statSync(path).size;
  for (let i = 0; i < mb * 16; i++) await sql`insert into blobs (body) values (${body})`.execute(cdb.db);
  return { cdb, before };
}

async function fileGrows(path: string, bytes: number, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (statSync(path).size >= bytes) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return statSync(path).size >= bytes;
}

describe("background checkpoints (SQLite)", () => {
  it("copy the log into the database file without a write waiting for it, and stop on close", async () => {
    const dir = mkdtempSync(join(tmpdir(), "caliper-ckpt-"));
    dirs.push(dir);
    const path = join(dir, "bg.db");
    const { cdb, before } = await writeMegabytes(path, true, 8);
    // 8 MB of rows: far below SQLite's own threshold (40 MB here), so only the worker copies them.
    expect(await fileGrows(path, before + 8 * 1024 * 1024, 5000)).toBe(true);
    const t0 = performance.now();
    await cdb.close();
    expect(performance.now() - t0).toBeLessThan(2000);
    const again = await openDatabase(path);
    const { rows } = await sql<{ n: number }>`select count(*) as n from blobs`.execute(again.db);
    expect(rows[0]?.n).toBe(8 * 16);
    await again.close();
  });

  it("without them, the same writes stay in the log until SQLite's own threshold", async () => {
    const dir = mkdtempSync(join(tmpdir(), "caliper-ckpt-"));
    dirs.push(dir);
    const path = join(dir, "inline.db");
    const { cdb, before } = await writeMegabytes(path, false, 8);
    expect(await fileGrows(path, before + 8 * 1024 * 1024, 1000)).toBe(false);
    await cdb.close();
  });

  it("report a failure they cannot get past (here, no database file) instead of failing silently", async () => {
    const dir = mkdtempSync(join(tmpdir(), "caliper-ckpt-"));
    dirs.push(dir);
    const errors: string[] = [];
    const checkpointer = startCheckpointer(join(dir, "missing.db"), { onError: (m) => errors.push(m) });
    const until = Date.now() + 5000;
    while (errors.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(errors.join(" ")).toMatch(/does not exist|unable to open|no such file/i);
    await checkpointer.stop();
  });
});
