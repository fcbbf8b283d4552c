/**
 * The ingest and read benchmarks against the local PostgreSQL (a fresh schema per run for
 * ingest; a cached demo store in its own schema for reads), reported beside SQLite, with the
 * queries and EXPLAIN (ANALYZE, BUFFERS) plans of the main reads.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { LATEST_MIGRATION } from "@caliper/db";
import type { CaliperEvent } from "@caliper/domain";
import pg from "pg";
import { chunks, ensureDir, fmtMs, fmtNum, fmtRatio, fmtSecs, gitCommit, log, PG_URL, RESULTS } from "./lib/common.ts";
import type { Bench } from "./lib/context.ts";
import { demoEvents } from "./lib/events.ts";
import { runCli, startBenchServer } from "./lib/proc.ts";
import { info, target } from "./lib/report.ts";
import { demoStore, type StoreOptions } from "./lib/store.ts";
import { cannon, httpBatchRate, rawInsertRate } from "./ingest.ts";
import { endpoints, explainReads, measureEndpoints } from "./reads.ts";

/** application_name of the API's connections (node-postgres reads PGAPPNAME), to find them in pg_stat_activity. */
const APP = "caliper-bench";

/** Samples what the API's PostgreSQL sessions are doing (state and wait event) every 50 ms. */
class WaitSampler {
  private readonly counts = new Map<string, number>();
  private samples = 0;
  private readonly client = new pg.Client({ connectionString: PG_URL });
  private readonly done: Promise<void>;
  private running = true;
  constructor() {
    this.done = (async () => {
      await this.client.connect();
      while (this.running) {
        const res = await this.client.query(
          "SELECT state, wait_event_type, wait_event FROM pg_stat_activity WHERE application_name = $1",
          [APP],
        );
        this.samples++;
        for (const row of res.rows as {
          state: string | null;
          wait_event_type: string | null;
          wait_event: string | null;
        }[]) {
          const k =
            row.state !== "active"
              ? `${row.state ?? "?"}`
              : row.wait_event
                ? `active, waiting on ${row.wait_event_type}:${row.wait_event}`
                : "active on CPU";
          this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      await this.client.end();
    })();
  }
  /** "idle in transaction 40%, active, waiting on Lock:advisory 30%, …" (share of session samples). */
  async stop(): Promise<string> {
    this.running = false;
    await this.done;
    const total = [...this.counts.values()].reduce((a, b) => a + b, 0);
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([k, n]) => `${k} ${fmtNum((n / Math.max(total, 1)) * 100, 0)}%`)
      .join(", ")
      .concat(` (${fmtNum(total / Math.max(this.samples, 1), 1)} sessions on average)`);
  }
}

const withSchema = (schema: string): string => `${PG_URL}${PG_URL.includes("?") ? "&" : "?"}schema=${schema}`;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Raw PostgreSQL limit: the same events as JSON text rows with a primary key, one transaction (one INSERT) per 500. */
async function pgRawRate(events: readonly CaliperEvent[], schema: string): Promise<number> {
  return admin(async (c) => {
    await c.query(
      `CREATE TABLE ${schema}.raw_events (brand text NOT NULL, id text NOT NULL, body text NOT NULL, PRIMARY KEY (brand, id))`,
    );
    const t0 = performance.now();
    for (const batch of chunks(events, 500)) {
      const values: string[] = [];
      const params: string[] = [];
      for (const e of batch) {
        values.push(`($${params.length + 1}, $${params.length + 2}, $${params.length + 3})`);
        params.push(e.brand, e.id, JSON.stringify(e));
      }
      await c.query("BEGIN");
      await c.query(`INSERT INTO ${schema}.raw_events (brand, id, body) VALUES ${values.join(", ")}`, params);
      await c.query("COMMIT");
    }
    const secs = (performance.now() - t0) / 1000;
    await c.query(`DROP TABLE ${schema}.raw_events`);
    return events.length / secs;
  });
}

/** A demo store seeded by `caliper demo` into its own schema, reused while the schema and its marker exist. */
async function pgStore(
  o: StoreOptions,
  fresh: boolean,
): Promise<{ schema: string; events: number; seconds: number; built: boolean }> {
  const schema =
    `bench_store_t${o.tickets}_d${o.days}_s${o.seed}_${o.end.replace(/[^0-9]/g, "").slice(0, 8)}_m${LATEST_MIGRATION.replace(/[^A-Za-z0-9]/g, "").slice(0, 12)}`.toLowerCase();
  const existing = await admin(async (c) => {
    const has = await c.query(
      "SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'caliper_meta'",
      [schema],
    );
    if (has.rowCount === 0) return null;
    const m = await c.query(`SELECT value FROM ${schema}.caliper_meta WHERE key = 'bench_store'`);
    return m.rows[0]
      ? (JSON.parse((m.rows[0] as { value: string }).value) as { events: number; seconds: number })
      : null;
  });
  if (existing && !fresh) {
    log(`  PostgreSQL store ${schema}: cached (${fmtNum(existing.events)} events)`);
    return { schema, ...existing, built: false };
  }
  await admin(async (c) => {
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.query(`CREATE SCHEMA ${schema}`);
  });
  log(`  PostgreSQL store ${schema}: seeding ${fmtNum(o.tickets)} tickets with caliper demo (cached for later runs)`);
  const args = ["demo", "--db", withSchema(schema), "--tickets", String(o.tickets), "--days", String(o.days)];
  const res = await runCli([...args, "--seed", String(o.seed), "--end", o.end]);
  const m = /Demo: (\d+) tickets, (\d+) events stored \((\d+) already there\) in ([\d.]+) s/.exec(res.stderr);
  if (res.code !== 0 || !m)
    throw new Error(`caliper demo (PostgreSQL) failed (${res.code}): ${res.stderr.slice(-2000)}`);
  const meta = { events: Number(m[2]), seconds: Number(m[4]), builtAt: new Date().toISOString(), commit: gitCommit() };
  await admin(async (c) => {
    // Planner statistics as autovacuum would leave them some time after a bulk load.
    const tables = await c.query("SELECT table_name FROM information_schema.tables WHERE table_schema = $1", [schema]);
    for (const t of tables.rows as { table_name: string }[]) await c.query(`ANALYZE ${schema}."${t.table_name}"`);
    await c.query(`INSERT INTO ${schema}.caliper_meta (key, value) VALUES ('bench_store', $1)`, [JSON.stringify(meta)]);
  });
  log(
    `  seeded ${fmtNum(meta.events)} events in ${fmtSecs(meta.seconds)} (${fmtNum(meta.events / meta.seconds)} events/s)`,
  );
  return { schema, events: meta.events, seconds: meta.seconds, built: true };
}

/** The URL of the PostgreSQL store of the big store's options (`--pg-big`), seeded if missing. */
export async function bigPgStore(o: StoreOptions): Promise<string> {
  return withSchema((await pgStore(o, false)).schema);
}

export const postgresBench: Bench = async (ctx, r) => {
  const version = await admin(
    async (c) => (await c.query("SHOW server_version")).rows[0] as { server_version: string },
  );
  const settings = await admin(async (c) => {
    const rows = await c.query(
      "SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'synchronous_commit', 'max_connections')",
    );
    return (rows.rows as { name: string; setting: string; unit: string | null }[])
      .map((s) => `${s.name}=${s.setting}${s.unit ?? ""}`)
      .join(", ");
  });
  r.notes.push(
    `PostgreSQL ${version.server_version} on this machine (${PG_URL.replace(/\/\/[^@]*@/, "//…@")}); ${settings}. The API uses a pool of 10 connections.`,
  );

  // Ingest: the same events as the SQLite ingest benchmark, into an empty schema.
  const so = ctx.storeOptions;
  const after = { days: 7, end: new Date(Date.parse(so.end) + 7 * 86_400_000).toISOString() };
  const n = Math.min(ctx.sizes.batchEvents, ctx.quick ? 10_000 : 50_000);
  const events = demoEvents(n, { ...after, seed: 7001 });
  const bodies = chunks(events, 500).map((b) => JSON.stringify({ events: b }));
  const warm = chunks(demoEvents(3000, { ...after, seed: 7003 }), 500).map((b) => JSON.stringify({ events: b }));
  const single = demoEvents(ctx.quick ? 30_000 : 100_000, { ...after, seed: 7002 }).map((e) => JSON.stringify(e));
  const schema = `bench_ingest_${process.pid}`;
  await admin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`));
  const work = mkdtempSync(join(ensureDir(join(RESULTS, "tmp")), "pg-"));
  try {
    log(`  raw baselines (better-sqlite3 and PostgreSQL), ${fmtNum(n)} events`);
    const rawLite = rawInsertRate(events, work);
    const rawPg = await pgRawRate(events, schema);
    const server = await startBenchServer(withSchema(schema), { env: { PGAPPNAME: APP } });
    try {
      await httpBatchRate(server.url, warm, 0);
      log(`  batch ingest into PostgreSQL, ${fmtNum(n)} events, 4 clients`);
      const batchWaits = new WaitSampler();
      const batch = await server.profiled(ctx.profileFile("postgres-batch"), () =>
        httpBatchRate(server.url, bodies, events.length),
      );
      const batchSessions = await batchWaits.stop();
      log(`  autocannon hello-world and single events, ${ctx.sizes.cannonSeconds} s each`);
      const hello = await cannon(server.url, "/hello", ctx.sizes.cannonSeconds);
      let i = 0;
      const waits = new WaitSampler();
      const one = await server.profiled(ctx.profileFile("postgres-single"), () =>
        cannon(server.url, "/v1/events", ctx.sizes.cannonSeconds, {
          next: () => single[i++ % single.length] as string,
        }),
      );
      const sessions = await waits.stop();
      info(
        r,
        "raw insert: better-sqlite3 / PostgreSQL (500 rows per transaction)",
        `${fmtNum(rawLite)} / ${fmtNum(rawPg)} events/s`,
      );
      info(r, "HTTP batch ingest into PostgreSQL", `${fmtNum(batch.rate)} events/s`);
      target(
        r,
        "batch ingest ÷ raw better-sqlite3 insert (the issue's baseline)",
        batch.rate / rawLite,
        ">=",
        0.5,
        fmtRatio,
      );
      info(r, "batch ingest ÷ raw PostgreSQL insert", fmtRatio(batch.rate / rawPg));
      info(r, "hello-world", `${fmtNum(hello.rate)} req/s, p99 ${fmtMs(hello.p99)}`);
      info(
        r,
        "single-event POST into PostgreSQL",
        `${fmtNum(one.rate)} req/s, p50 ${fmtMs(one.p50)}, p99 ${fmtMs(one.p99)}`,
      );
      target(r, "single events ÷ hello-world", one.rate / hello.rate, ">=", 0.5, fmtRatio);
      if (one.bad > 0 || one.errors > 0)
        r.notes.push(`single-event run: ${one.bad} non-2xx (${one.status}), ${one.errors} errors`);
      info(r, "API's PostgreSQL sessions during the batch run (pg_stat_activity, sampled)", batchSessions);
      info(r, "API's PostgreSQL sessions during the single-event run (pg_stat_activity, sampled)", sessions);
      const lite = ctx.shared.get("ingest") as
        | { fresh: { batch: { rate: number }; single: { rate: number } } }
        | undefined;
      if (lite)
        info(
          r,
          "PostgreSQL ÷ SQLite (empty store, this run)",
          `batch ${fmtRatio(batch.rate / lite.fresh.batch.rate)}, single ${fmtRatio(one.rate / lite.fresh.single.rate)}`,
        );
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
    await admin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  }

  // Reads on a cached PostgreSQL demo store: by default smaller than the SQLite one (seeding it
  // takes most of a minute; the big one 7-15), with --pg-big the big store's size.
  const po: StoreOptions = ctx.pgBig ? so : { ...so, tickets: ctx.sizes.pgTickets, days: 90 };
  const store = await pgStore(po, false);
  const seeded = `seeded by \`caliper demo\` into PostgreSQL ${store.built ? "in this run" : "earlier (cached)"} in ${fmtSecs(store.seconds)} (${fmtNum(store.events / store.seconds)} events/s)`;
  r.notes.push(
    ctx.pgBig
      ? `Reads (\`--pg-big\`): the big store's options, ${fmtNum(po.tickets)} tickets over ${po.days} days (${fmtNum(store.events)} events) in schema \`${store.schema}\`, ${seeded}. The big SQLite store is read the same way right after, for a like-for-like comparison.`
      : `Reads: a ${fmtNum(po.tickets)}-ticket demo store over ${po.days} days (${fmtNum(store.events)} events) in schema \`${store.schema}\`, ${seeded} — not the ${fmtNum(so.tickets)}-ticket store, which would take ~${fmtSecs((so.tickets / po.tickets) * store.seconds)} to seed at this rate, beyond the suite's 30-minute budget with the rest (\`--pg-big\` reads a store of that size, seeded once and cached). The same demo store in SQLite is read the same way right after, for a like-for-like comparison.`,
  );
  const url = withSchema(store.schema);
  // The same store in SQLite (same demo options, also seeded by caliper demo and cached), read the same way.
  const lite = ctx.pgBig ? await ctx.store() : await demoStore(po);
  const measure = async (target: string, label: string) => {
    const server = await startBenchServer(target);
    try {
      log(`  reads on ${label}`);
      return await measureEndpoints(server.url, endpoints(po), ctx.sizes.reads, ctx.sizes.readWarmup, (name, fn) =>
        server.profiled(ctx.profileFile(`postgres-reads-${label === "PostgreSQL" ? "pg" : "sqlite"}-${name}`), fn),
      );
    } finally {
      await server.stop();
    }
  };
  const onPg = await measure(url, "PostgreSQL");
  const onLite = await measure(lite.path, "SQLite");
  for (const { e, lat } of onPg) {
    const beside = onLite.find((x) => x.e.key === e.key);
    info(
      r,
      e.name,
      `PostgreSQL p50 ${fmtMs(lat.p50)}, p95 ${fmtMs(lat.p95)}, p99 ${fmtMs(lat.p99)}${beside ? ` — SQLite, same store: p50 ${fmtMs(beside.lat.p50)}, p95 ${fmtMs(beside.lat.p95)} (PostgreSQL ÷ SQLite p50 ${fmtRatio(lat.p50 / beside.lat.p50)})` : ""}`,
    );
    if (e.p95 !== undefined) target(r, `${e.name}: PostgreSQL p95`, lat.p95, "<", e.p95, fmtMs);
  }
  r.extra.push(await explainReads(url, po, "PostgreSQL: EXPLAIN (ANALYZE, BUFFERS)"));
};
