/**
 * Reads at scale: the API server in a child process on the big cached store, warmed up, then
 * sequential requests per endpoint (latency p50/p95/p99), and the server's RSS from
 * /proc/<pid>/status while it serves.
 */
import Database from "better-sqlite3";
import { fmtMb, fmtMs, fmtNum, log, summarize } from "./lib/common.ts";
import type { Bench } from "./lib/context.ts";
import { getJson, request } from "./lib/http.ts";
import { type RssSample, RssSampler, startBenchServer } from "./lib/proc.ts";
import { explainEndpoint, loggedApp } from "./lib/plans.ts";
import { type BenchResult, info, target } from "./lib/report.ts";
import { EXACT_LIMIT } from "../packages/db/src/queries/metrics/collect.ts";
import { coverDays, type Span, spanId, spanStart } from "../packages/db/src/spans.ts";
import { periodOf, type StoreOptions } from "./lib/store.ts";

export const BRAND = "eyewear";
export const AGENT = "eyewear/ana";

export interface Endpoint {
  /** Short id (profile file names). */
  key: string;
  name: string;
  path: string;
  /** p95 target in ms, when the issue sets one. */
  p95?: number;
}

const qs = (o: Record<string, string>): string => new URLSearchParams(o).toString();

export function endpoints(so: StoreOptions, brand = BRAND, agent = AGENT): Endpoint[] {
  const p = periodOf(so, 90);
  const period = { brand, from: p.from, to: p.to, asOf: p.asOf };
  // The same 90 days shifted by 6 h: partial days at both edges come from ticket rows.
  const shift = (iso: string) => new Date(Date.parse(iso) - 6 * 3_600_000).toISOString();
  return [
    { key: "overview", name: "overview, 90 days, one brand", path: `/v1/metrics/overview?${qs(period)}`, p95: 100 },
    {
      key: "overview-edges",
      name: "overview, 90 days not on day boundaries",
      path: `/v1/metrics/overview?${qs({ ...period, from: shift(p.from), to: shift(p.to) })}`,
    },
    {
      key: "overview-category",
      name: "overview, 90 days, one category",
      path: `/v1/metrics/overview?${qs({ ...period, category: "shipping" })}`,
    },
    {
      key: "timeseries-tickets",
      name: "timeseries tickets by day, 90 days",
      path: `/v1/metrics/timeseries?${qs({ ...period, metric: "tickets", interval: "day" })}`,
    },
    {
      key: "timeseries-frt",
      name: "timeseries first-response median by day",
      path: `/v1/metrics/timeseries?${qs({ ...period, metric: "frt_median", interval: "day" })}`,
    },
    { key: "agents", name: "agents table, 90 days", path: `/v1/metrics/agents?${qs(period)}` },
    {
      key: "scorecard",
      name: `agent scorecard (${agent}), 90 days`,
      path: `/v1/agents/${encodeURIComponent(agent)}/scorecard?${qs(period)}`,
      p95: 50,
    },
    {
      key: "clocks-breached",
      name: "SLA clocks page: breached, first 100",
      path: `/v1/sla/clocks?${qs({ brand, asOf: p.asOf, status: "breached", limit: "100" })}`,
    },
    {
      key: "clocks-atrisk",
      name: "SLA clocks page: at risk, first 100",
      path: `/v1/sla/clocks?${qs({ brand, asOf: p.asOf, status: "atRisk", limit: "100" })}`,
    },
  ];
}

type Around = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

/**
 * Each endpoint's timed series stops early after this long, and its warm-up after a third of it
 * (the suite's 30-minute budget); the count printed says how many requests were timed.
 */
export const SERIES_BUDGET_MS = 45_000;

/** Sequential latency of each endpoint after `warmup` untimed requests; `around` wraps each timed series (profiling). */
export async function measureEndpoints(
  url: string,
  list: readonly Endpoint[],
  n: number,
  warmup: number,
  around: Around = (_name, fn) => fn(),
) {
  const out: { e: Endpoint; lat: ReturnType<typeof summarize>; bytes: number }[] = [];
  for (const e of list) {
    let bytes = 0;
    const tw = performance.now();
    for (let i = 0; i < warmup && performance.now() - tw < SERIES_BUDGET_MS / 3; i++)
      bytes = JSON.stringify((await getJson<unknown>(url + e.path)).data).length;
    const ms: number[] = [];
    await around(e.key, async () => {
      const t0 = performance.now();
      for (let i = 0; i < n && performance.now() - t0 < SERIES_BUDGET_MS; i++)
        ms.push((await getJson<unknown>(url + e.path)).ms);
    });
    out.push({ e, lat: summarize(ms), bytes });
  }
  return out;
}

export const readsBench: Bench = async (ctx, r) => {
  const store = await ctx.store();
  const so = store.meta.options;
  r.notes.push(
    `Store: ${fmtNum(so.tickets)} tickets, ${fmtNum(store.meta.events)} events over ${so.days} days ending ${so.end} (${fmtNum(store.meta.bytes / 2 ** 30, 2)} GiB SQLite file), seeded by \`caliper demo\`${store.built ? ` in this run: ${fmtNum(store.meta.seconds / 60, 1)} min, ${fmtNum(store.meta.eventsPerSecond)} events/s` : ` on ${store.meta.builtAt.slice(0, 10)} in ${fmtNum(store.meta.seconds / 60, 1)} min (${fmtNum(store.meta.eventsPerSecond)} events/s), cached`}.`,
    `Requests: ${ctx.sizes.reads} sequential requests per endpoint after ${ctx.sizes.readWarmup} warm-up requests, brand ${BRAND}, asOf = the end of the history; one keep-alive connection.`,
  );
  const server = await startBenchServer(store.path);
  const rss = new RssSampler(server.pid, 250, server.child);
  try {
    info(r, "API RSS after start (idle)", fmtMb(rss.maxKb));
    log(`  ${endpoints(so).length} endpoints × ${ctx.sizes.reads} requests`);
    // The largest RSS of each phase, so that a run near the target says which reads took it there.
    const phases: Array<[string, RssSample | undefined]> = [];
    const phase = <T>(name: string, fn: () => Promise<T>): Promise<T> => {
      const t = rss.now();
      return fn().finally(() => {
        rss.sample();
        phases.push([name, rss.largestSince(t)]);
      });
    };
    const results = await phase("endpoints", () =>
      measureEndpoints(server.url, endpoints(so), ctx.sizes.reads, ctx.sizes.readWarmup, (name, fn) =>
        server.profiled(ctx.profileFile(`reads-${name}`), fn),
      ),
    );
    for (const { e, lat, bytes } of results) {
      info(
        r,
        e.name,
        `p50 ${fmtMs(lat.p50)}, p95 ${fmtMs(lat.p95)}, p99 ${fmtMs(lat.p99)} (${fmtNum(bytes / 1024, 1)} KiB${lat.n < ctx.sizes.reads ? `; only ${lat.n} requests fitted in the ${SERIES_BUDGET_MS / 1000} s budget` : ""})`,
      );
      if (e.p95 !== undefined) target(r, `${e.name}: p95`, lat.p95, "<", e.p95, fmtMs);
    }
    await phase("exact at its limit", () =>
      exactAtItsLimit(r, server.url, store.path, so, ctx.sizes.reads, ctx.sizes.readWarmup),
    );
    await phase("a past quarter as of its end", () =>
      asOfItsEnd(r, server.url, store.path, so, Math.max(10, ctx.sizes.reads / 5), ctx.sizes.readWarmup),
    );
    await phase("while spans wait for their refresh", () =>
      whileSpansWaitForRefresh(r, server.url, store.path, so, Math.max(20, ctx.sizes.reads / 4), ctx.sizes.readWarmup),
    );
    await phase("long reads", () => longReadsBeside(r, server.url, so));
    ctx.shared.set("reads", results);
    // The overview as Caliper answers it, for the DuckDB comparison.
    const overview = results[0];
    if (overview) ctx.shared.set("reads.overview.p50", overview.lat.p50);
    rss.stop();
    target(
      r,
      "API RSS while serving (max of VmRSS sampled every 250 ms)",
      rss.maxKb / 1024,
      "<",
      400,
      (mb) => `${fmtNum(mb, 0)} MB`,
    );
    info(r, "API peak RSS (VmHWM, from start)", fmtMb(rss.hwmKb));
    info(
      r,
      "API RSS, the largest sample of each phase (of it: V8's heap, and the rest of the anonymous memory: SQLite's page cache, malloc)",
      phases.map(([name, s]) => `${name} ${s ? rssParts(s) : "no sample"}`).join("; "),
    );
  } finally {
    rss.stop();
    await server.stop();
  }
  sketchRowsRead(r, store.path, so);
  r.extra.push(await explainReads(store.path, so, "SQLite: EXPLAIN QUERY PLAN"));
};

/** "345 MB (V8 heap 184 MB, 151 MB used; native 105 MB; files 57 MB)": an RSS sample and its parts. */
function rssParts(s: RssSample): string {
  if (!s.heap) return `${fmtMb(s.rssKb)} (anonymous ${fmtMb(s.anonKb)}, files ${fmtMb(s.fileKb)})`;
  const native = s.anonKb - s.heap.heapTotalKb;
  return `${fmtMb(s.rssKb)} (V8 heap ${fmtMb(s.heap.heapTotalKb)}, ${fmtMb(s.heap.heapUsedKb)} used; native ${fmtMb(native)}; files ${fmtMb(s.fileKb)})`;
}

/**
 * The overview on the exact path at its largest: the longest period of whole UTC days ending at
 * the store's end that holds at most EXACT_LIMIT tickets of the brand, which `auto` answers from
 * ticket and clock rows (every value) rather than from rollups. Its cost grows with the tickets of
 * the period, so this is the slowest overview a store of any size gives.
 */
async function exactAtItsLimit(
  r: BenchResult,
  url: string,
  path: string,
  so: StoreOptions,
  n: number,
  warmup: number,
): Promise<void> {
  const db = new Database(path, { readonly: true });
  const count = db.prepare<[string, string, string], number>(
    "select count(*) from tickets where brand = ? and created_at >= ? and created_at < ?",
  );
  const end = Date.parse(so.end.slice(0, 10));
  let days = 0;
  let tickets = 0;
  for (let d = 1; d <= so.days; d++) {
    const c = count.pluck().get(BRAND, new Date(end - d * 86_400_000).toISOString(), new Date(end).toISOString()) ?? 0;
    if (c > EXACT_LIMIT) break;
    days = d;
    tickets = c;
  }
  db.close();
  if (days === 0) return;
  const period = {
    brand: BRAND,
    from: new Date(end - days * 86_400_000).toISOString(),
    to: new Date(end).toISOString(),
    asOf: so.end,
  };
  const e: Endpoint = {
    key: "overview-exact-limit",
    name: `overview on the exact path at its limit (${days} days, ${fmtNum(tickets)} tickets)`,
    path: `/v1/metrics/overview?${new URLSearchParams(period).toString()}`,
  };
  const res = await measureOverview(r, url, e, n, warmup, (lat) => `p99 ${fmtMs(lat.p99)}`);
  if (res) target(r, `${e.name}: p95 (the overview's target)`, res.p95, "<", 100, fmtMs);
}

/**
 * One overview endpoint's latency (p50, p95 and what `more` adds), reported with the precision it
 * was answered with.
 */
async function measureOverview(
  r: BenchResult,
  url: string,
  e: Endpoint,
  n: number,
  warmup: number,
  more: (lat: ReturnType<typeof summarize>) => string,
): Promise<ReturnType<typeof summarize> | null> {
  const answer = await getJson<{ precision?: string }>(url + e.path);
  const [res] = await measureEndpoints(url, [e], n, warmup);
  if (!res) return null;
  info(
    r,
    e.name,
    `p50 ${fmtMs(res.lat.p50)}, p95 ${fmtMs(res.lat.p95)}, ${more(res.lat)}; answered ${answer.data.precision ?? "?"}`,
  );
  return res.lat;
}

/**
 * A past period as it stood at its end: the 90 days ending 30 days before the store's end, read
 * with asOf = the period's end (a quarter's report, reproducible later). The tickets and orders of
 * the period with events after asOf are replayed from their events; the rest comes from rollups.
 */
async function asOfItsEnd(
  r: BenchResult,
  url: string,
  path: string,
  so: StoreOptions,
  n: number,
  warmup: number,
): Promise<void> {
  const end = Date.parse(so.end) - 30 * 86_400_000;
  const period = {
    brand: BRAND,
    from: new Date(end - 90 * 86_400_000).toISOString(),
    to: new Date(end).toISOString(),
    asOf: new Date(end).toISOString(),
  };
  const db = new Database(path, { readonly: true });
  const changed = (table: string, column: string) =>
    db
      .prepare<[string, string, string, string], number>(
        `select count(*) from ${table} where brand = ? and last_event_at > ? and ${column} >= ? and ${column} < ?`,
      )
      .pluck()
      .get(BRAND, period.asOf, period.from, period.to) ?? 0;
  const tickets = changed("tickets", "created_at");
  const orders = changed("orders", "period_at");
  db.close();
  const e: Endpoint = {
    key: "overview-as-of-end",
    name: "overview, 90 days as they stood at their end (asOf 30 days before the store's end)",
    path: `/v1/metrics/overview?${new URLSearchParams(period).toString()}`,
  };
  await measureOverview(
    r,
    url,
    e,
    n,
    warmup,
    (lat) =>
      `over ${lat.n} requests; ${fmtNum(tickets)} tickets and ${fmtNum(orders)} orders of the period changed after asOf and are replayed`,
  );
}

/** How far back the weeks and months marked by `whileSpansWaitForRefresh` reach. */
const WAITING_DAYS = 56;

/**
 * The overview and the scorecard while the weeks and months holding the last WAITING_DAYS days of
 * every brand wait for their refresh, as while demo traffic is ingested (a write marks the week
 * and month of each day it changes, and orders and returns reach weeks back; a refresh follows
 * ~5 s later): reads cover those with their days. The marks are written into the store and
 * removed after (the spans are up to date, so removing them changes nothing else).
 */
async function whileSpansWaitForRefresh(
  r: BenchResult,
  url: string,
  path: string,
  so: StoreOptions,
  n: number,
  warmup: number,
): Promise<void> {
  const db = new Database(path);
  const spans = new Map<string, [Span, string]>();
  for (let d = 1; d <= WAITING_DAYS; d++) {
    const day = new Date(Date.parse(so.end) - d * 86_400_000).toISOString().slice(0, 10);
    for (const kind of ["week", "month"] as const)
      spans.set(spanId(kind, spanStart(kind, day)), [kind, spanStart(kind, day)]);
  }
  const brands = db.prepare("select distinct brand from rollup_daily_span").pluck().all() as string[];
  const marks = brands.flatMap((b) => [...spans.values()].map(([kind, start]) => [b, kind, start] as const));
  const mark = db.prepare("insert or ignore into rollup_span_dirty (brand, span, start) values (?, ?, ?)");
  db.transaction(() => {
    for (const m of marks) mark.run(...m);
  })();
  try {
    const list = endpoints(so)
      .filter((x) => x.key === "overview" || x.key === "scorecard")
      .map((e) => ({
        ...e,
        key: `${e.key}-waiting`,
        name: `${e.name}, while the weeks and months of the last ${WAITING_DAYS} days wait for their refresh`,
      }));
    for (const { e, lat } of await measureEndpoints(url, list, n, warmup))
      info(
        r,
        e.name,
        `p50 ${fmtMs(lat.p50)}, p95 ${fmtMs(lat.p95)}, p99 ${fmtMs(lat.p99)} over ${lat.n} requests (${fmtNum(marks.length)} weeks and months of ${brands.length} brands marked, as while ingest goes on)`,
      );
  } finally {
    const unmark = db.prepare("delete from rollup_span_dirty where brand = ? and span = ? and start = ?");
    db.transaction(() => {
      for (const m of marks) unmark.run(...m);
    })();
    db.close();
  }
}

/**
 * Long reads share the server: health checks sent one after another while a year's CSV export,
 * a 90-day `precision=exact` overview and a past quarter as of its end are read. SQLite reads are
 * synchronous, so each takes a turn of the event loop between its chunks; the longest a health
 * check waited is the longest chunk.
 */
async function longReadsBeside(r: BenchResult, url: string, so: StoreOptions): Promise<void> {
  const end = Date.parse(so.end);
  const iso = (days: number) => new Date(end - days * 86_400_000).toISOString();
  const reads: Array<[string, string]> = [
    [
      "CSV export of a year's tickets",
      `/v1/export/tickets.csv?${qs({ brand: BRAND, from: iso(365), to: iso(0), asOf: iso(0) })}`,
    ],
    [
      "overview, 90 days, precision=exact",
      `/v1/metrics/overview?${qs({ brand: BRAND, from: iso(90), to: iso(0), asOf: iso(0), precision: "exact" })}`,
    ],
    [
      "overview, 90 days as of their end",
      `/v1/metrics/overview?${qs({ brand: BRAND, from: iso(120), to: iso(30), asOf: iso(30) })}`,
    ],
  ];
  for (const [name, path] of reads) {
    let done = false;
    const long = request(url + path).then((res) => {
      done = true;
      return res;
    });
    const pings: number[] = [];
    while (!done) pings.push((await request(`${url}/healthz/live`)).ms);
    const res = await long;
    if (res.status !== 200) throw new Error(`GET ${path} -> ${res.status}: ${res.body.slice(0, 300)}`);
    const lat = summarize(pings);
    info(
      r,
      `health checks beside a long read: ${name}`,
      `the read took ${fmtMs(res.ms)} (${fmtNum(res.body.length / 2 ** 20, 1)} MiB); ${lat.n} health checks meanwhile, p50 ${fmtMs(lat.p50)}, max ${fmtMs(lat.max)}`,
    );
  }
}

/**
 * What the overview's sketch percentiles are merged from: the span sketches the unfiltered
 * 90-day overview reads (whole months, weeks and days of the brand), beside the per-day bucket
 * rows that the same period holds (what a category- or channel-filtered read sums instead).
 */
export function sketchRowsRead(r: BenchResult, path: string, so: StoreOptions): void {
  const p = periodOf(so, 90);
  const db = new Database(path, { readonly: true });
  try {
    const firstDay = p.from.slice(0, 10);
    const endDay = p.to.slice(0, 10);
    const fine = db
      .prepare('select count(*) as n from "rollup_sketch" where "brand" = ? and "day" >= ? and "day" < ?')
      .get(BRAND, firstDay, endDay) as { n: number };
    const cover = coverDays(firstDay, endDay);
    let sketches = 0;
    let buckets = 0;
    const one = db.prepare(
      `select "buckets" from "rollup_sketch_span" where "brand" = ? and "span" = ? and "start" = ? and "scope" = 'brand'`,
    );
    for (const span of ["month", "week", "day"] as const)
      for (const start of cover[span])
        for (const row of one.all(BRAND, span, start) as Array<{ buckets: string }>) {
          sketches++;
          buckets += (JSON.parse(row.buckets) as number[]).length / 2;
        }
    info(
      r,
      "sketch data an unfiltered 90-day overview merges: per-day bucket rows of the period → span sketches read",
      `${fmtNum(fine.n)} rows → ${fmtNum(sketches)} sketches (${cover.month.length} months, ${cover.week.length} weeks, ${cover.day.length} days × 3 metrics) holding ${fmtNum(buckets)} buckets`,
    );
  } finally {
    db.close();
  }
}

/** The queries behind the main reads, with their time and plan. */
export async function explainReads(target: string, so: StoreOptions, title: string): Promise<string> {
  log(`  capturing and explaining the queries of each read`);
  const app = await loggedApp(target);
  try {
    const parts = [`**${title}** (each read driven in-process once warm; slowest queries explained)`, ""];
    for (const e of endpoints(so)) {
      if (e.name.includes("not on day") || e.name.includes("median by day") || e.name.includes("at risk")) continue;
      parts.push(await explainEndpoint(app, e.name, e.path, { maxPlans: 4 }), "");
    }
    return parts.join("\n");
  } finally {
    await app.close();
  }
}
