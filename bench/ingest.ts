/**
 * Ingest benchmarks, each measured side by side with its baseline in the same run:
 * - batch: POST /v1/events, batches of 500 demo events, 4 concurrent clients, against the raw
 *   storage limit (better-sqlite3 inserting the same events as JSON rows with a primary key,
 *   one transaction per 500, nothing else);
 * - single: one event per request, 64 connections (autocannon), against a hono hello-world
 *   route on the same server;
 * both into an empty store and into a copy of the big (1M-ticket) store.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { CaliperEvent } from "@caliper/domain";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { ADMIN_KEY, chunks, ensureDir, fmtMs, fmtNum, fmtRatio, fmtSecs, log, median, RESULTS } from "./lib/common.ts";
import type { Bench, BenchContext } from "./lib/context.ts";
import { countTypes, demoEvents } from "./lib/events.ts";
import { request } from "./lib/http.ts";
import { type BenchServer, startBenchServer } from "./lib/proc.ts";
import { agree, type BenchResult, info, target } from "./lib/report.ts";
import { copySqlite, removeSqlite } from "./lib/store.ts";

const BATCH = 500;
const CLIENTS = 4;
const CONNECTIONS = 64;

/** Raw storage limit: the same events as JSON rows with a primary key, one transaction per 500. */
export function rawInsertRate(events: readonly CaliperEvent[], dir: string): number {
  const path = join(dir, "raw.db");
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec("CREATE TABLE events (brand TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (brand, id))");
  const insert = db.prepare("INSERT INTO events (brand, id, body) VALUES (?, ?, ?)");
  const tx = db.transaction((batch: readonly CaliperEvent[]) => {
    for (const e of batch) insert.run(e.brand, e.id, JSON.stringify(e));
  });
  const t0 = performance.now();
  for (const batch of chunks(events, BATCH)) tx(batch);
  const secs = (performance.now() - t0) / 1000;
  db.close();
  removeSqlite(path);
  return events.length / secs;
}

/** Posts pre-serialised batches from `clients` concurrent clients; events per second of wall time. */
export async function httpBatchRate(
  url: string,
  bodies: readonly string[],
  events: number,
  clients = CLIENTS,
  path = "/v1/events",
) {
  let next = 0;
  let accepted = 0;
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (;;) {
        const i = next++;
        const body = bodies[i];
        if (body === undefined) return;
        const r = await request(`${url}${path}`, { method: "POST", body });
        if (r.status !== 200) throw new Error(`POST ${path} -> ${r.status}: ${r.body.slice(0, 500)}`);
        accepted += (JSON.parse(r.body) as { accepted: number }).accepted;
        latencies.push(r.ms);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  return { rate: events / secs, accepted, seconds: secs, latencies };
}

export interface CannonFigures {
  /** 2xx responses per second. */
  rate: number;
  /** Non-2xx responses by class. */
  status: string;
  p50: number;
  p99: number;
  ok: number;
  bad: number;
  errors: number;
}

/** autocannon with 64 connections for `seconds`; each request gets the next body from `bodies` when given. */
export async function cannon(
  url: string,
  path: string,
  seconds: number,
  bodies?: { next(): string },
): Promise<CannonFigures> {
  const base = {
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" },
  };
  const result = bodies
    ? await autocannon({
        ...base,
        requests: [{ method: "POST", path, setupRequest: (req) => ({ ...req, body: bodies.next() }) }],
      })
    : await autocannon({ ...base, requests: [{ method: "GET", path }] });
  return {
    rate: result["2xx"] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result["2xx"],
    bad: result.non2xx,
    status: `4xx ${result["4xx"]}, 5xx ${result["5xx"]}`,
    errors: result.errors,
  };
}

/** Milliseconds the log-only route spent in each step (bench/server.ts), over `events` events. */
interface LogOnlySplit {
  events: number;
  body: number;
  validation: number;
  redaction: number;
  transaction: number;
}

interface Tally {
  events: number;
  seconds: number;
}
const rate = (t: Tally): number => t.events / t.seconds;

interface StoreFigures {
  batch: Tally & { latencies: number[] };
  single: { ok: number; seconds: number; p50: number[]; p99: number[]; bad: number; errors: number; status: string[] };
}

/**
 * Both stores side by side in one server each, measured in alternating rounds (raw baseline,
 * empty store, big store; then hello-world, single events on each store), so that the
 * machine's noise hits every figure alike. Rates are totals over all rounds.
 */
async function measureBoth(
  ctx: BenchContext,
  dbs: { empty: string; big: string },
  workDir: string,
  sets: { warm: string[]; bodies: string[]; events: CaliperEvent[]; single: string[] },
  r: BenchResult,
) {
  const rounds = ctx.quick ? 2 : 4;
  const servers: Partial<Record<"empty" | "big", BenchServer>> = {};
  try {
    servers.empty = await startBenchServer(dbs.empty, {
      env: { CALIPER_BENCH_LOG_ONLY: join(workDir, "log-only.db") },
    });
    servers.big = await startBenchServer(dbs.big);
    const both = [
      ["empty", servers.empty],
      ["big", servers.big],
    ] as const;
    for (const [, srv] of both) await httpBatchRate(srv.url, sets.warm, 0);
    await httpBatchRate(servers.empty.url, sets.warm, 0, CLIENTS, "/log-only");
    await request(`${servers.empty.url}/log-only?reset=1`);
    const raw: Tally = { events: 0, seconds: 0 };
    const logOnly = {
      batch: { events: 0, seconds: 0 } as Tally,
      single: { ok: 0, seconds: 0, p99: [] as number[] },
    };
    const figures: Record<"empty" | "big", StoreFigures> = {
      empty: {
        batch: { events: 0, seconds: 0, latencies: [] },
        single: { ok: 0, seconds: 0, p50: [], p99: [], bad: 0, errors: 0, status: [] },
      },
      big: {
        batch: { events: 0, seconds: 0, latencies: [] },
        single: { ok: 0, seconds: 0, p50: [], p99: [], bad: 0, errors: 0, status: [] },
      },
    };
    const perRound: number[] = [];
    const per = Math.ceil(sets.bodies.length / rounds);
    for (let k = 0; k < rounds; k++) {
      const bodies = sets.bodies.slice(k * per, (k + 1) * per);
      const events = sets.events.slice(k * per * BATCH, (k + 1) * per * BATCH);
      if (bodies.length === 0) break;
      log(
        `  batch round ${k + 1}/${rounds}: raw insert, log only, empty store, big store (${fmtNum(events.length)} events each)`,
      );
      const rr = rawInsertRate(events, workDir);
      raw.events += events.length;
      raw.seconds += events.length / rr;
      const lo = await httpBatchRate(servers.empty.url, bodies, events.length, CLIENTS, "/log-only");
      logOnly.batch.events += events.length;
      logOnly.batch.seconds += lo.seconds;
      const roundRates: number[] = [];
      for (const [key, srv] of both) {
        const b = await srv.profiled(k === 0 ? ctx.profileFile(`ingest-${key}-batch`) : undefined, () =>
          httpBatchRate(srv.url, bodies, events.length),
        );
        const f = figures[key].batch;
        f.events += events.length;
        f.seconds += b.seconds;
        f.latencies.push(...b.latencies);
        roundRates.push(b.rate);
      }
      perRound.push((roundRates[0] as number) / (roundRates[1] as number) - 1);
    }
    const split = JSON.parse((await request(`${servers.empty.url}/log-only?reset=1`)).body) as LogOnlySplit;
    const hello: CannonFigures[] = [];
    const cursors = { empty: 0, big: 0 };
    let logCursor = 0;
    const singlePerRound: number[] = [];
    for (let k = 0; k < rounds; k++) {
      log(
        `  single-event round ${k + 1}/${rounds}: hello-world, log only, empty store, big store (${ctx.sizes.cannonSeconds} s each)`,
      );
      hello.push(await cannon((k % 2 === 0 ? servers.empty : servers.big).url, "/hello", ctx.sizes.cannonSeconds));
      const lp = { next: () => sets.single[logCursor++ % sets.single.length] as string };
      const lc = await cannon(servers.empty.url, "/log-only", ctx.sizes.cannonSeconds, lp);
      logOnly.single.ok += lc.ok;
      logOnly.single.seconds += lc.ok / lc.rate;
      logOnly.single.p99.push(lc.p99);
      const roundRates: number[] = [];
      for (const [key, srv] of both) {
        const pool = { next: () => sets.single[cursors[key]++ % sets.single.length] as string };
        const c = await srv.profiled(k === 0 ? ctx.profileFile(`ingest-${key}-single`) : undefined, () =>
          cannon(srv.url, "/v1/events", ctx.sizes.cannonSeconds, pool),
        );
        const f = figures[key].single;
        f.ok += c.ok;
        f.seconds += c.ok / c.rate;
        f.p50.push(c.p50);
        f.p99.push(c.p99);
        f.bad += c.bad;
        if (c.bad > 0) f.status.push(c.status);
        f.errors += c.errors;
        roundRates.push(c.rate);
      }
      singlePerRound.push((roundRates[0] as number) / (roundRates[1] as number) - 1);
    }
    for (const key of ["empty", "big"] as const) {
      if (cursors[key] > sets.single.length)
        r.notes.push(
          `${key} store: the single-event pool wrapped around (${cursors[key]} requests); later ones were duplicates`,
        );
      const f = figures[key].single;
      if (f.bad > 0 || f.errors > 0)
        r.notes.push(
          `${key} store: single-event runs had ${f.bad} non-2xx responses (${f.status.join("; ")}) and ${f.errors} errors`,
        );
    }
    const helloRate = hello.reduce((s, h) => s + h.ok, 0) / hello.reduce((s, h) => s + h.ok / h.rate, 0);
    return {
      raw: rate(raw),
      figures,
      hello,
      helloRate,
      perRound,
      singlePerRound,
      rounds,
      logOnly: { ...logOnly, split },
    };
  } finally {
    await servers.empty?.stop();
    await servers.big?.stop();
  }
}

/**
 * After the run: every posted event is in the log, every ticket of the batch has its projection
 * row, and clocks, message-rule flags and rollups were written (the ingest path did all of it).
 */
function projectionsWritten(db: string, events: readonly CaliperEvent[]): { ok: boolean; detail: string } {
  const conn = new Database(db, { readonly: true });
  try {
    const tickets = new Set(events.filter((e) => e.ticketId).map((e) => `${e.brand}\u0000${e.ticketId}`));
    const has = conn.prepare("SELECT 1 FROM tickets WHERE brand = ? AND ticket_id = ?");
    let missing = 0;
    for (const k of tickets) {
      const [brand, id] = k.split("\u0000") as [string, string];
      if (!has.get(brand, id)) missing++;
    }
    const inLog = conn.prepare("SELECT 1 FROM events WHERE brand = ? AND id = ?");
    const notLogged = events.filter((e) => !inLog.get(e.brand, e.id)).length;
    const count = (sql: string) => (conn.prepare(sql).get() as { n: number }).n;
    // From the first new ticket on (order events of those tickets may be dated weeks before).
    const since = events.find((e) => e.type === "ticket.created")?.at ?? "";
    const clocks = count(`SELECT count(*) AS n FROM clocks WHERE started_at >= '${since}'`);
    const flags = count(`SELECT count(*) AS n FROM flags WHERE at >= '${since}'`);
    const rollups = count(`SELECT count(*) AS n FROM rollup_daily WHERE day >= '${since.slice(0, 10)}'`);
    const ok = missing === 0 && notLogged === 0 && clocks > 0 && flags > 0 && rollups > 0;
    return {
      ok,
      detail: `${fmtNum(events.length - notLogged)}/${fmtNum(events.length)} events in the log, ${fmtNum(tickets.size - missing)}/${fmtNum(tickets.size)} tickets projected; ${fmtNum(clocks)} clocks, ${fmtNum(flags)} rule flags, ${fmtNum(rollups)} daily rollup rows since the first new ticket`,
    };
  } finally {
    conn.close();
  }
}

export const ingestBench: Bench = async (ctx, r) => {
  const so = ctx.storeOptions;
  // A week of new activity after the stored history; the same events go into both stores.
  const after = { days: 7, end: new Date(Date.parse(so.end) + 7 * 86_400_000).toISOString() };
  const n = ctx.sizes.batchEvents;
  log(`  generating ${fmtNum(n)} batch events, a warm-up set and a single-event pool`);
  const events = demoEvents(n, { ...after, seed: 7001 });
  const warmEvents = demoEvents(BATCH * 6, { ...after, seed: 7003 });
  const singlePoolSize = ctx.quick ? 30_000 : 100_000;
  const single = demoEvents(singlePoolSize, { ...after, seed: 7002 }).map((e) => JSON.stringify(e));
  const sets = {
    events,
    bodies: chunks(events, BATCH).map((b) => JSON.stringify({ events: b })),
    warm: chunks(warmEvents, BATCH).map((b) => JSON.stringify({ events: b })),
    single,
  };
  const bytes = sets.bodies.reduce((s, b) => s + b.length, 0);
  const types = Object.entries(countTypes(events))
    .sort((a, b) => b[1] - a[1])
    .map(([t, c]) => `${t} ${fmtNum((c / events.length) * 100, 0)}%`)
    .join(", ");
  r.notes.push(
    `Events: demo traffic (a week after the stored history), ${fmtNum(n)} events in ${sets.bodies.length} batches of ${BATCH}, ${fmtNum(bytes / n, 0)} bytes of JSON per event on average; mix: ${types}.`,
  );

  const work = mkdtempSync(join(ensureDir(join(RESULTS, "tmp")), "ingest-"));
  try {
    const store = await ctx.store();
    const bigLabel = `${fmtNum(store.meta.options.tickets)}-ticket store`;
    const copy = join(work, "big.db");
    log(
      `  copying the ${bigLabel} (${fmtNum(statSync(store.path).size / 2 ** 30, 1)} GiB) so the cache stays pristine`,
    );
    const tc = performance.now();
    copySqlite(store.path, copy);
    log(`  copied in ${fmtSecs((performance.now() - tc) / 1000)}`);
    const fresh = join(work, "fresh.db");
    const m = await measureBoth(ctx, { empty: fresh, big: copy }, work, sets, r);
    const written = projectionsWritten(fresh, events);
    const writtenBig = projectionsWritten(copy, events);

    const med = (xs: number[]) => median(xs);
    info(r, "raw better-sqlite3 insert (JSON rows, primary key, 500 per transaction)", `${fmtNum(m.raw)} events/s`);
    info(
      r,
      "hello-world (hono, same server)",
      `${fmtNum(m.helloRate)} req/s, p99 ${fmtMs(med(m.hello.map((h) => h.p99)))}`,
    );
    const lo = m.logOnly;
    const loSingle = lo.single.ok / lo.single.seconds;
    info(
      r,
      "log only (validation, redaction, group commit, the log; no projections: the ceiling of projecting off the request path)",
      `batch ${fmtNum(rate(lo.batch))} events/s = ${fmtRatio(rate(lo.batch) / m.raw)} raw; single ${fmtNum(loSingle)} req/s = ${fmtRatio(loSingle / m.helloRate)} hello-world, p99 ${fmtMs(med(lo.single.p99))}`,
    );
    const us = (ms: number) => `${fmtNum((ms * 1000) / lo.split.events, 1)} µs`;
    info(
      r,
      "log only, batches: time per event in each step (one thread; 4 clients overlap them)",
      `reading the body ${us(lo.split.body)}, validation ${us(lo.split.validation)}, redaction ${us(lo.split.redaction)}, the log's transaction ${us(lo.split.transaction)}; the raw insert took ${fmtNum(1e6 / m.raw, 1)} µs`,
    );
    for (const [key, label] of [
      ["empty", "empty store"],
      ["big", bigLabel],
    ] as const) {
      const f = m.figures[key];
      const lat = [...f.batch.latencies].sort((a, b) => a - b);
      info(
        r,
        `${label}: HTTP batch ingest`,
        `${fmtNum(rate(f.batch))} events/s (p50 ${fmtMs(lat[Math.floor(lat.length / 2)] ?? 0)} per 500-event request)`,
      );
      target(r, `${label}: batch ingest ÷ raw insert`, rate(f.batch) / m.raw, ">=", 0.5, fmtRatio);
      const singleRate = f.single.ok / f.single.seconds;
      info(
        r,
        `${label}: single-event POST, 64 connections`,
        `${fmtNum(singleRate)} req/s, p50 ${fmtMs(med(f.single.p50))}, p99 ${fmtMs(med(f.single.p99))}`,
      );
      target(r, `${label}: single events ÷ hello-world`, singleRate / m.helloRate, ">=", 0.5, fmtRatio);
    }
    agree(
      r,
      "empty store: ingest wrote the log, projections, clocks, flags and rollups",
      written.ok,
      written.detail,
      "all present",
    );
    agree(
      r,
      `${bigLabel}: ingest wrote the log, projections, clocks, flags and rollups`,
      writtenBig.ok,
      writtenBig.detail,
      "all present",
    );
    const pct = (x: number) => `${fmtNum(x * 100, 0)}%`;
    const e = m.figures.empty;
    const b = m.figures.big;
    target(r, "batch ingest slowdown, big store vs empty", rate(e.batch) / rate(b.batch) - 1, "<=", 0.2, pct);
    target(
      r,
      "single-event slowdown, big store vs empty",
      e.single.ok / e.single.seconds / (b.single.ok / b.single.seconds) - 1,
      "<=",
      0.2,
      pct,
    );
    r.notes.push(
      `Measured in ${m.rounds} alternating rounds (raw, empty, big; then hello-world, empty, big) so that machine noise hits all alike; per-round slowdown big vs empty: batch ${m.perRound.map(pct).join(", ")}; single ${m.singlePerRound.map(pct).join(", ")}.`,
    );
    ctx.shared.set("ingest", {
      fresh: { batch: { rate: rate(e.batch) }, single: { rate: e.single.ok / e.single.seconds } },
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};
