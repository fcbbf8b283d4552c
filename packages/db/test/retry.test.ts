import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type CaliperDb, isTransient, openDatabase, withRetry } from "../src/index.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../src/testing.ts";

const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

const TRANSIENT = ["SQLITE_BUSY", "SQLITE_BUSY_SNAPSHOT", "SQLITE_LOCKED", "40001", "40P01"];
const PERMANENT = ["23505", "SQLITE_CONSTRAINT_UNIQUE", "SQLITE_ERROR", "42P01", "SQLITE_CORRUPT", "ECONNREFUSED"];

/** A function failing with the given errors in turn, then returning "done"; counts its calls. */
function failing(...errors: unknown[]) {
  const fn = vi.fn(async () => {
    const err = errors[fn.mock.calls.length - 1];
    if (err !== undefined) throw err;
    return "done";
  });
  return fn;
}

describe("withRetry", () => {
  afterEach(() => {
    // Spies first: restoring the setTimeout spy after useRealTimers would put the fake one back.
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it.each(TRANSIENT)("retries %s and returns the eventual result", async (code) => {
    expect(isTransient(coded(code))).toBe(true);
    const fn = failing(coded(code), coded(code));
    const retried: number[] = [];
    await expect(withRetry(fn, { baseDelayMs: 0, onRetry: (n) => retried.push(n) })).resolves.toBe("done");
    expect(fn).toHaveBeenCalledTimes(3);
    expect(retried).toEqual([1, 2]);
  });

  it.each(PERMANENT)("never retries a non-transient error (%s)", async (code) => {
    expect(isTransient(coded(code))).toBe(false);
    const fn = failing(coded(code));
    const onRetry = vi.fn();
    await expect(withRetry(fn, { baseDelayMs: 0, onRetry })).rejects.toMatchObject({ code });
    expect(fn).toHaveBeenCalledTimes(1);
    expect(onRetry).not.toHaveBeenCalled();
  });

  it("never retries errors without a code, or non-errors", async () => {
    for (const err of [new Error("boom"), new TypeError("bad"), "a string", null, { code: 40001 }]) {
      const fn = failing(err);
      await expect(withRetry(fn, { baseDelayMs: 0 })).rejects.toBe(err);
      expect(fn).toHaveBeenCalledTimes(1);
    }
  });

  it("gives up after the attempt limit (5 by default) with the last error", async () => {
    const errors = Array.from({ length: 10 }, (_, i) => coded("SQLITE_BUSY", `busy ${i + 1}`));
    const fn = failing(...errors);
    await expect(withRetry(fn, { baseDelayMs: 0 })).rejects.toThrow("busy 5");
    expect(fn).toHaveBeenCalledTimes(5);

    const three = failing(...errors);
    await expect(withRetry(three, { attempts: 3, baseDelayMs: 0 })).rejects.toThrow("busy 3");
    expect(three).toHaveBeenCalledTimes(3);

    const once = failing(...errors);
    await expect(withRetry(once, { attempts: 1, baseDelayMs: 0 })).rejects.toThrow("busy 1");
    expect(once).toHaveBeenCalledTimes(1);
  });

  it("stops retrying as soon as a non-transient error follows transient ones", async () => {
    const fn = failing(coded("40001"), coded("23505"), coded("40001"));
    await expect(withRetry(fn, { baseDelayMs: 0 })).rejects.toMatchObject({ code: "23505" });
    expect(fn).toHaveBeenCalledTimes(2);
  });

  /** The delays withRetry waits between attempts, with Math.random fixed and timers faked. */
  async function delays(random: number, options: { attempts?: number; baseDelayMs?: number }) {
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    vi.spyOn(Math, "random").mockReturnValue(random);
    const spy = vi.spyOn(globalThis, "setTimeout");
    const fn = failing(...Array.from({ length: 20 }, () => coded("SQLITE_BUSY")));
    const done = withRetry(fn, options).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    expect(await done).toMatchObject({ code: "SQLITE_BUSY" });
    return { waits: spy.mock.calls.map((c) => c[1]), calls: fn.mock.calls.length };
  }

  it("backs off exponentially between attempts, with jitter between 0.5x and 1.5x", async () => {
    expect(await delays(0.5, {})).toEqual({ waits: [20, 40, 80, 160], calls: 5 });
    expect(await delays(0.5, { attempts: 4, baseDelayMs: 10 })).toEqual({ waits: [10, 20, 40], calls: 4 });
    expect(await delays(0, { baseDelayMs: 100 })).toEqual({ waits: [50, 100, 200, 400], calls: 5 });
    const high = await delays(0.999, { baseDelayMs: 100 });
    expect(high.waits.map((w) => Math.round(Number(w)))).toEqual([150, 300, 600, 1199]);
  });

  it("waits the backoff before the next attempt, not after", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const fn = failing(coded("40P01"), coded("40P01"));
    const done = withRetry(fn, { baseDelayMs: 100 });
    await vi.advanceTimersByTimeAsync(99);
    expect(fn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fn).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(199);
    expect(fn).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    await expect(done).resolves.toBe("done");
    expect(fn).toHaveBeenCalledTimes(3);
  });
});

describe.runIf(TEST_BACKENDS.includes("sqlite"))("withRetry under real SQLite lock contention", () => {
  let dir: string;
  let holder: CaliperDb;
  let contender: CaliperDb;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "caliper-retry-"));
    const file = join(dir, "contention.db");
    holder = await openDatabase(file);
    // No wait for the lock: a locked database fails at once with SQLITE_BUSY, so the retry path runs.
    contender = await openDatabase(file, { migrate: false, lockWaitMs: 0 });
  });
  afterAll(async () => {
    await contender?.close();
    await holder?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (value: string) => () =>
    contender.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("caliper_meta")
        .values({ key: `retry-${value}`, value })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
        .execute();
      return value;
    });

  it("retries SQLITE_BUSY while another connection holds the write lock, then commits", async () => {
    holder.sqlite?.exec("begin immediate");
    const seen: unknown[] = [];
    const result = await withRetry(write("a"), {
      baseDelayMs: 1,
      onRetry: (attempt, err) => {
        seen.push((err as { code?: unknown }).code);
        // The other writer commits after our second failure.
        if (attempt === 2) holder.sqlite?.exec("commit");
      },
    });
    expect(result).toBe("a");
    expect(seen).toEqual(["SQLITE_BUSY", "SQLITE_BUSY"]);
    const row = await holder.db.selectFrom("caliper_meta").selectAll().where("key", "=", "retry-a").executeTakeFirst();
    expect(row?.value).toBe("a");
  });

  it("gives up with SQLITE_BUSY after the limit while the lock is never released", async () => {
    holder.sqlite?.exec("begin immediate");
    try {
      let attempts = 0;
      const err = await withRetry(
        () => {
          attempts++;
          return write("b")();
        },
        { attempts: 4, baseDelayMs: 1 },
      ).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "SQLITE_BUSY" });
      expect(attempts).toBe(4);
    } finally {
      holder.sqlite?.exec("commit");
    }
    const row = await holder.db.selectFrom("caliper_meta").selectAll().where("key", "=", "retry-b").executeTakeFirst();
    expect(row).toBeUndefined();
  });
});

describe.runIf(TEST_BACKENDS.includes("postgres"))("withRetry under real PostgreSQL conflicts", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    await sql`create table counters (id text primary key, n integer not null)`.execute(t.cdb.db);
    await sql`insert into counters values ('a', 0), ('b', 0)`.execute(t.cdb.db);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const read = async (id: string) =>
    Number((await sql<{ n: number }>`select n from counters where id = ${id}`.execute(t.cdb.db)).rows[0]?.n);

  it("retries a serialization failure (40001) and applies the update exactly once", async () => {
    const before = await read("a");
    const codes: unknown[] = [];
    let attempts = 0;
    await withRetry(
      () =>
        t.cdb.db
          .transaction()
          .setIsolationLevel("repeatable read")
          .execute(async (trx) => {
            attempts++;
            const { rows } = await sql<{ n: number }>`select n from counters where id = 'a'`.execute(trx);
            // On the first attempt another connection updates the row and commits in between.
            if (attempts === 1) await sql`update counters set n = n + 100 where id = 'a'`.execute(t.cdb.db);
            await sql`update counters set n = ${Number(rows[0]?.n) + 1} where id = 'a'`.execute(trx);
          }),
      { baseDelayMs: 1, onRetry: (_, err) => codes.push((err as { code?: unknown }).code) },
    );
    expect(codes).toEqual(["40001"]);
    expect(attempts).toBe(2);
    // Neither update is lost: the retry read the committed +100.
    expect(await read("a")).toBe(before + 101);
  });

  it("retries the victim of a real deadlock (40P01); both transactions commit", async () => {
    const [a0, b0] = [await read("a"), await read("b")];
    const codes: unknown[] = [];
    let bothLocked: () => void = () => {};
    const firstLocks = new Promise<void>((r) => {
      let n = 0;
      bothLocked = () => {
        if (++n === 2) r();
      };
    });
    let round = 0;
    const cross = (first: string, second: string) => () =>
      t.cdb.db.transaction().execute(async (trx) => {
        await sql`update counters set n = n + 1 where id = ${first}`.execute(trx);
        // Both transactions hold their first row before either asks for its second: a deadlock.
        if (round < 2) {
          round++;
          bothLocked();
          await firstLocks;
        }
        await sql`update counters set n = n + 1 where id = ${second}`.execute(trx);
      });
    const onRetry = (_: number, err: unknown) => codes.push((err as { code?: unknown }).code);
    await Promise.all([
      withRetry(cross("a", "b"), { attempts: 10, baseDelayMs: 1, onRetry }),
      withRetry(cross("b", "a"), { attempts: 10, baseDelayMs: 1, onRetry }),
    ]);
    // At least one victim, and only deadlocks retried. Under load the victim's retry can deadlock
    // again: it may update its first row before the survivor, woken by the victim's abort, takes it.
    expect(codes.length).toBeGreaterThanOrEqual(1);
    expect(new Set(codes)).toEqual(new Set(["40P01"]));
    expect(await read("a")).toBe(a0 + 2);
    expect(await read("b")).toBe(b0 + 2);
  });
});
