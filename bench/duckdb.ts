/**
 * The analyst's alternative: DuckDB (@duckdb/node-api) computing the same 90-day overview for
 * one brand from the same raw events, exported once from the big store's event log to Parquet
 * (cached). Both are timed the same way (sequential runs after a warm-up, median) side by side,
 * and their figures are compared: counts exactly, percentiles within the sketch bound (1%).
 */
import { existsSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import Database from "better-sqlite3";
import { ensureDir, fmtBytes, fmtMs, fmtNum, fmtRatio, fmtSecs, log, RESULTS, summarize } from "./lib/common.ts";
import type { Bench } from "./lib/context.ts";
import { getJson } from "./lib/http.ts";
import { startBenchServer } from "./lib/proc.ts";
import { agree, type BenchResult, info, target } from "./lib/report.ts";
import { periodOf, type Store } from "./lib/store.ts";
import { BRAND } from "./reads.ts";

const EXPORTS = join(RESULTS, "exports");

/**
 * Exports the event log to Parquet: the envelope columns, `at` as a UTC TIMESTAMP, the raw
 * `data` JSON, and the data fields an analyst would flatten (status, rating, automated).
 */
export async function exportParquet(store: Store): Promise<{ path: string; seconds: number; built: boolean }> {
  ensureDir(EXPORTS);
  const path = join(EXPORTS, `${basename(store.path, ".db")}-${store.meta.builtAt.replace(/[^0-9]/g, "")}.parquet`);
  if (existsSync(path)) return { path, seconds: 0, built: false };
  const t0 = performance.now();
  const tmpDuck = `${path}.duckdb`;
  rmSync(tmpDuck, { force: true });
  const inst = await DuckDBInstance.create(tmpDuck);
  const con = await inst.connect();
  try {
    await con.run(`CREATE TABLE events (seq BIGINT, brand VARCHAR, id VARCHAR, type VARCHAR, ticket_id VARCHAR,
      order_id VARCHAR, "at" VARCHAR, actor_type VARCHAR, actor_id VARCHAR, data VARCHAR)`);
    const app = await con.createAppender("events");
    const src = new Database(store.path, { readonly: true });
    const rows = src
      .prepare(
        "SELECT seq, brand, id, type, ticket_id, order_id, at, actor_type, actor_id, data FROM events ORDER BY seq",
      )
      .raw()
      .iterate() as IterableIterator<
      [number, string, string, string, string | null, string | null, string, string, string | null, string]
    >;
    let n = 0;
    const text = (v: string | null) => (v === null ? app.appendNull() : app.appendVarchar(v));
    for (const [seq, brand, id, type, ticketId, orderId, at, actorType, actorId, data] of rows) {
      app.appendBigInt(BigInt(seq));
      app.appendVarchar(brand);
      app.appendVarchar(id);
      app.appendVarchar(type);
      text(ticketId);
      text(orderId);
      app.appendVarchar(at);
      app.appendVarchar(actorType);
      text(actorId);
      app.appendVarchar(data);
      app.endRow();
      if (++n % 1_000_000 === 0) log(`    exported ${fmtNum(n)} events`);
    }
    app.closeSync();
    src.close();
    const tmpParquet = `${path}.tmp`;
    await con.run(`COPY (
        SELECT seq, brand, id, type, ticket_id, order_id, CAST("at" AS TIMESTAMP) AS "at", actor_type, actor_id, data,
               json_extract_string(data, '$.status') AS status,
               CAST(json_extract(data, '$.rating') AS TINYINT) AS rating,
               coalesce(CAST(json_extract(data, '$.automated') AS BOOLEAN), false) AS automated
        FROM events ORDER BY seq
      ) TO '${tmpParquet}' (FORMAT parquet, COMPRESSION zstd)`);
    renameSync(tmpParquet, path);
  } finally {
    con.closeSync();
    inst.closeSync();
    rmSync(tmpDuck, { force: true });
    rmSync(`${tmpDuck}.wal`, { force: true });
  }
  return { path, seconds: (performance.now() - t0) / 1000, built: true };
}

/**
 * DESIGN §5 overview figures in SQL over raw events (what packages/metrics/src/ticket-state.ts
 * derives per ticket): created in [from, to), latest status as of asOf, first human reply
 * (actor agent and not automated) minus creation for tickets not opened by an agent,
 * resolution = creation to the latest move into solved/closed, FCR, reopens, latest rating.
 */
export const overviewSql = (file: string): string => `
WITH ev AS (
  SELECT ticket_id, id, type, "at", actor_type, automated, status, rating
  FROM read_parquet('${file}')
  WHERE brand = $brand AND "at" <= $asOf AND ticket_id IS NOT NULL
    AND type IN ('ticket.created', 'message.agent', 'ticket.status', 'feedback.submitted')
),
created AS (
  SELECT ticket_id, arg_min("at", ("at", id)) AS created_at, arg_min(actor_type, ("at", id)) AS created_by
  FROM ev WHERE type = 'ticket.created' GROUP BY ticket_id
  HAVING created_at >= $from AND created_at < $to
),
replies AS (
  SELECT ticket_id, min("at") AS first_reply, count(*) AS human_replies
  FROM ev WHERE type = 'message.agent' AND actor_type = 'agent' AND NOT automated GROUP BY ticket_id
),
st AS (
  SELECT ticket_id, "at", id, status,
         lag(status, 1, 'open') OVER (PARTITION BY ticket_id ORDER BY "at", id) AS prev
  FROM ev WHERE type = 'ticket.status'
),
status AS (
  SELECT ticket_id,
         arg_max(status, ("at", id)) AS last_status,
         count(*) FILTER (WHERE prev IN ('solved', 'closed') AND status NOT IN ('solved', 'closed')) AS reopens,
         max("at") FILTER (WHERE status IN ('solved', 'closed') AND prev NOT IN ('solved', 'closed')) AS solved_at
  FROM st GROUP BY ticket_id
),
ratings AS (
  SELECT ticket_id, arg_max(rating, ("at", id)) AS rating FROM ev WHERE type = 'feedback.submitted' GROUP BY ticket_id
),
t AS (
  SELECT c.ticket_id,
         c.created_by <> 'agent' AS applies,
         coalesce(s.last_status IN ('solved', 'closed'), false) AS solved,
         CASE WHEN c.created_by <> 'agent' AND r.first_reply IS NOT NULL
              THEN greatest(0, epoch_ms(r.first_reply) - epoch_ms(c.created_at)) / 1000.0 END AS frt,
         CASE WHEN s.last_status IN ('solved', 'closed') AND s.solved_at IS NOT NULL
              THEN greatest(0, epoch_ms(s.solved_at) - epoch_ms(c.created_at)) / 1000.0 END AS res,
         coalesce(r.human_replies, 0) AS human_replies,
         coalesce(s.reopens, 0) AS reopens,
         f.rating
  FROM created c
  LEFT JOIN replies r USING (ticket_id)
  LEFT JOIN status s USING (ticket_id)
  LEFT JOIN ratings f USING (ticket_id)
)
SELECT count(*)::INTEGER AS created,
       count(*) FILTER (WHERE solved)::INTEGER AS solved,
       count(frt)::INTEGER AS frt_count,
       count(*) FILTER (WHERE applies AND frt IS NULL)::INTEGER AS awaiting,
       quantile_cont(frt, 0.5) AS frt_median,
       quantile_cont(frt, 0.9) AS frt_p90,
       avg(frt) AS frt_mean,
       quantile_cont(res, 0.5) AS res_median,
       quantile_cont(res, 0.9) AS res_p90,
       count(*) FILTER (WHERE solved AND human_replies = 1 AND reopens = 0)::INTEGER AS fcr,
       count(*) FILTER (WHERE solved AND reopens > 0)::INTEGER AS reopened,
       count(rating)::INTEGER AS responses,
       count(*) FILTER (WHERE rating >= 4)::INTEGER AS satisfied,
       avg(rating) AS mean_rating
FROM t`;

export interface DuckOverview {
  created: number;
  solved: number;
  frt_count: number;
  awaiting: number;
  frt_median: number | null;
  frt_p90: number | null;
  frt_mean: number | null;
  res_median: number | null;
  res_p90: number | null;
  fcr: number;
  reopened: number;
  responses: number;
  satisfied: number;
  mean_rating: number | null;
}

export async function duckOverview(
  con: DuckDBConnection,
  file: string,
  q: { brand: string; from: string; to: string; asOf: string },
): Promise<{ figures: DuckOverview; ms: number }> {
  const ts = (iso: string) => iso.replace("T", " ").replace("Z", "");
  const t0 = performance.now();
  const reader = await con.runAndReadAll(overviewSql(file), {
    brand: q.brand,
    from: ts(q.from),
    to: ts(q.to),
    asOf: ts(q.asOf),
  });
  const ms = performance.now() - t0;
  const row = reader.getRowObjectsJS()[0] as Record<string, unknown>;
  const num = (k: string) => (row[k] === null || row[k] === undefined ? null : Number(row[k]));
  const figures = Object.fromEntries(Object.keys(row).map((k) => [k, num(k)])) as unknown as DuckOverview;
  return { figures, ms };
}

interface CaliperOverview {
  tickets: { created: number; solved: number; open: number };
  firstResponse: {
    count: number;
    awaiting: number;
    medianSeconds: number | null;
    p90Seconds: number | null;
    meanSeconds: number | null;
  };
  resolution: {
    rate: number | null;
    medianSeconds: number | null;
    p90Seconds: number | null;
    fcrRate: number | null;
    reopenRate: number | null;
  };
  csat: { responses: number; satisfied: number; score: number | null; meanRating: number | null };
  precision: "exact" | "sketch";
}

const relDiff = (a: number | null, b: number | null): number =>
  a === null || b === null ? (a === b ? 0 : Number.POSITIVE_INFINITY) : Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);

/** Compares Caliper's overview with DuckDB's: counts exactly, rates/means to 1e-9, percentiles within `pctTol`. */
export function compareOverview(r: BenchResult, label: string, c: CaliperOverview, d: DuckOverview, pctTol: number) {
  const counts: [string, number, number][] = [
    ["tickets.created", c.tickets.created, d.created],
    ["tickets.solved", c.tickets.solved, d.solved],
    ["tickets.open", c.tickets.open, d.created - d.solved],
    ["firstResponse.count", c.firstResponse.count, d.frt_count],
    ["firstResponse.awaiting", c.firstResponse.awaiting, d.awaiting],
    ["csat.responses", c.csat.responses, d.responses],
    ["csat.satisfied", c.csat.satisfied, d.satisfied],
  ];
  const bad = counts.filter(([, a, b]) => a !== b);
  agree(
    r,
    `${label}: counts`,
    bad.length === 0,
    bad.length === 0
      ? counts.map(([k, a]) => `${k.split(".")[1]} ${fmtNum(a)}`).join(", ")
      : bad.map(([k, a, b]) => `${k} Caliper ${a} vs DuckDB ${b}`).join("; "),
    "exactly equal",
  );
  const ratios: [string, number | null, number | null][] = [
    ["resolution.rate", c.resolution.rate, d.created > 0 ? d.solved / d.created : null],
    ["resolution.fcrRate", c.resolution.fcrRate, d.solved > 0 ? d.fcr / d.solved : null],
    ["resolution.reopenRate", c.resolution.reopenRate, d.solved > 0 ? d.reopened / d.solved : null],
    ["csat.score", c.csat.score, d.responses > 0 ? d.satisfied / d.responses : null],
    ["csat.meanRating", c.csat.meanRating, d.mean_rating],
    ["firstResponse.meanSeconds", c.firstResponse.meanSeconds, d.frt_mean],
  ];
  const badR = ratios.filter(([, a, b]) => relDiff(a, b) > 1e-6);
  agree(
    r,
    `${label}: rates and means`,
    badR.length === 0,
    badR.length === 0
      ? `resolution rate ${fmtNum((c.resolution.rate ?? 0) * 100, 2)}%, CSAT ${fmtNum((c.csat.score ?? 0) * 100, 2)}%, FRT mean ${fmtNum(c.firstResponse.meanSeconds ?? 0, 0)} s`
      : badR.map(([k, a, b]) => `${k} Caliper ${a} vs DuckDB ${b}`).join("; "),
    "equal (to 1e-6 relative)",
  );
  const pcts: [string, number | null, number | null][] = [
    ["FRT median", c.firstResponse.medianSeconds, d.frt_median],
    ["FRT p90", c.firstResponse.p90Seconds, d.frt_p90],
    ["resolution median", c.resolution.medianSeconds, d.res_median],
    ["resolution p90", c.resolution.p90Seconds, d.res_p90],
  ];
  const worst = Math.max(...pcts.map(([, a, b]) => relDiff(a, b)));
  agree(
    r,
    `${label}: percentiles (${c.precision})`,
    worst <= pctTol,
    `${pcts.map(([k, a, b]) => `${k} ${fmtNum(a ?? Number.NaN, 0)} s vs ${fmtNum(b ?? Number.NaN, 0)} s`).join(", ")}; worst ${fmtNum(worst * 100, 3)}%`,
    pctTol >= 0.01 ? "within 1% relative (sketch bound)" : "equal (exact path)",
  );
}

export const duckdbBench: Bench = async (ctx, r) => {
  const store = await ctx.store();
  const so = store.meta.options;
  log(`  exporting the event log to Parquet (cached)`);
  const exp = await exportParquet(store);
  const size = statSync(exp.path).size;
  const p = periodOf(so, 90);
  const q = { brand: BRAND, ...p };
  const inst = await DuckDBInstance.create(":memory:");
  const con = await inst.connect();
  const threads = String((await con.runAndReadAll("SELECT current_setting('threads') AS t")).getRowObjectsJS()[0]?.t);
  r.notes.push(
    `Input: the ${fmtNum(store.meta.events)} events of the ${fmtNum(so.tickets)}-ticket store exported once to Parquet (zstd, ${fmtBytes(size)}; envelope columns, \`at\` as TIMESTAMP, raw \`data\` JSON plus the flattened status, rating and automated)${exp.built ? `, exported in this run in ${fmtSecs(exp.seconds)}` : " (cached)"}. DuckDB ${ctx.sizes.duckRuns} timed runs after one warm-up, default threads (${threads} on this machine); Caliper five sequential HTTP requests after each DuckDB run (interleaved; one Node.js thread, over HTTP).`,
    "DuckDB computes the event-derived overview figures (tickets, first response, resolution, FCR, reopens, CSAT); business-hours figures, SLA clocks and QA flags need the policy calendar and message rules, which an analyst would have to re-implement, and are left out of its query (so DuckDB does less work than Caliper's overview here).",
  );
  const server = await startBenchServer(store.path);
  try {
    const qs = new URLSearchParams({ brand: q.brand, from: q.from, to: q.to, asOf: q.asOf }).toString();
    const url = `${server.url}/v1/metrics/overview?${qs}`;
    const duck = await duckOverview(con, exp.path, q);
    const cal = await getJson<CaliperOverview>(url);
    const duckMs: number[] = [];
    const calMs: number[] = [];
    // Interleaved, so both see the same machine noise.
    for (let i = 0; i < ctx.sizes.duckRuns; i++) {
      duckMs.push((await duckOverview(con, exp.path, q)).ms);
      for (let k = 0; k < 5; k++) calMs.push((await getJson<CaliperOverview>(url)).ms);
    }
    const d = summarize(duckMs);
    const c = summarize(calMs);
    info(r, "DuckDB overview (Parquet, 90 days, one brand)", `p50 ${fmtMs(d.p50)}, p95 ${fmtMs(d.p95)}`);
    info(r, "Caliper overview (HTTP)", `p50 ${fmtMs(c.p50)}, p95 ${fmtMs(c.p95)}`);
    target(r, "DuckDB time ÷ Caliper time (median; > 1 = Caliper faster)", d.p50 / c.p50, ">=", 1, fmtRatio);
    compareOverview(r, "Caliper (auto: sketch) vs DuckDB", cal.data, duck.figures, 0.01);
    const exact = await getJson<CaliperOverview>(`${url}&precision=exact`);
    info(r, "Caliper overview with precision=exact (one request)", fmtMs(exact.ms));
    compareOverview(r, "Caliper (exact) vs DuckDB", exact.data, duck.figures, 1e-6);
  } finally {
    await server.stop();
    con.closeSync();
    inst.closeSync();
  }
};
