/**
 * Soak test: a steady mix of writes and reads against a running Caliper for a long time (10 minutes
 * by default), to see whether memory stays flat and latency stays stable.
 *
 *   node --import tsx bench/soak.ts [--minutes N] [--db PATH|postgres://URL] [--write-rate EVENTS_PER_S]
 *                                   [--readers N] [--seed-tickets N] [--url URL --key ADMIN_KEY] [--no-docs]
 *
 * Without --url it starts `caliper serve` (its own process group) on a new temporary SQLite file
 * (or --db), seeds it with demo history, and stops it at the end. With --url it drives that
 * server (the key must be an admin key: it also scrapes /metrics for the server's memory).
 *
 * Load: writers post batches of 100 realistic demo events (tickets, messages, notes, statuses,
 * ratings, orders, returns, refunds; 5% of batches re-sent, i.e. duplicates) at a fixed rate, dated
 * in the last 30 days; readers (closed loop) cycle through the overview, timeseries, agents, SLA
 * clocks of the seeded 30 days before (a fixed amount of data, so latency trends are the server's,
 * not a growing query), a recently written ticket, and /metrics. Each minute it records request counts, latency percentiles (client side) and the
 * server's RSS and heap (from /metrics). It prints a table and appends it to docs/benchmarks.md
 * with the machine, date and command (unless --no-docs).
 */
import { type ChildProcess, execSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { CaliperEvent } from "@caliper/domain";
import { demoOptions, generateDemo } from "../apps/api/src/demo/index.ts";
import { serveNodeFlags } from "./lib/proc.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BRANDS = ["eyewear", "marketplace", "global-goods", "clean-beauty", "jewelry"];

const { values: flags } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    db: { type: "string" },
    url: { type: "string" },
    key: { type: "string" },
    "write-rate": { type: "string", default: "400" },
    readers: { type: "string", default: "4" },
    "seed-tickets": { type: "string", default: "2000" },
    "no-docs": { type: "boolean", default: false },
  },
});
const minutes = Number(flags.minutes);
const writeRate = Number(flags["write-rate"]);
const readers = Number(flags.readers);
const seedTickets = Number(flags["seed-tickets"]);
if (!(minutes > 0) || !(writeRate > 0) || !(readers >= 0) || !(seedTickets >= 0)) {
  process.stderr.write(
    "bench/soak.ts: --minutes, --write-rate, --readers and --seed-tickets must be positive numbers\n",
  );
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// The server

interface Target {
  url: string;
  key: string;
  child: ChildProcess | null;
  stop(): Promise<void>;
}

async function startServer(): Promise<Target> {
  const key = `soak-${randomBytes(18).toString("hex")}`;
  const tmp = flags.db ? null : mkdtempSync(join(tmpdir(), "caliper-soak-"));
  const db = flags.db ?? join(tmp as string, "soak.db");
  const child = spawn(
    process.execPath,
    [...serveNodeFlags(ROOT), "--import", "tsx", "apps/api/src/cli/main.ts", "serve", "--db", db, "--port", "0"],
    {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, CALIPER_ADMIN_KEY: key, CALIPER_SECRET: randomBytes(24).toString("hex") },
    },
  );
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const url = await new Promise<string>((resolve, reject) => {
    let err = "";
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString();
      const m = /Caliper is running at (http:\/\/\S+)/.exec(err);
      if (m?.[1]) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`caliper serve exited (${code}):\n${err}`)));
  });
  const kill = (sig: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), sig);
    } catch {}
  };
  process.on("exit", () => kill("SIGKILL"));
  return {
    url,
    key,
    child,
    async stop() {
      kill("SIGTERM");
      await exited;
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Measurements

interface Window {
  writes: number[];
  reads: number[];
  events: number;
  duplicates: number;
  errors: number;
  rss: number[];
  heap: number[];
}

const newWindow = (): Window => ({ writes: [], reads: [], events: 0, duplicates: 0, errors: 0, rss: [], heap: [] });
let current = newWindow();

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (rank - lo);
}

async function timed(
  url: string,
  init: RequestInit,
): Promise<{ ms: number; status: number; body: string } | { ms: number; status: 0; body: string }> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, init);
    const body = await res.text();
    return { ms: performance.now() - t0, status: res.status, body };
  } catch (err) {
    return { ms: performance.now() - t0, status: 0, body: String(err) };
  }
}

/** A sample's value in Prometheus text (`name` may include its labels), or NaN. */
const grab = (text: string, name: string): number => {
  const escaped = name.replace(/[{}]/g, "\\$&");
  const m = new RegExp(`^${escaped} (\\S+)$`, "m").exec(text);
  return m ? Number(m[1]) : Number.NaN;
};

async function scrape(t: Target): Promise<string | null> {
  const r = await timed(`${t.url}/metrics`, { headers: { authorization: `Bearer ${t.key}` } });
  return r.status === 200 ? r.body : null;
}

/** process_resident_memory_bytes and nodejs_heap_size_used_bytes from the server's /metrics. */
async function sampleMemory(t: Target): Promise<void> {
  const text = await scrape(t);
  if (text === null) return;
  current.rss.push(grab(text, "process_resident_memory_bytes"));
  current.heap.push(grab(text, "nodejs_heap_size_used_bytes"));
}

/** Server-side counters: CPU seconds, and the ingest transactions' total time and count. */
interface Counters {
  cpu: number;
  txSum: number;
  txCount: number;
}

async function counters(t: Target): Promise<Counters> {
  const text = (await scrape(t)) ?? "";
  return {
    cpu: grab(text, "process_cpu_seconds_total"),
    txSum: grab(text, 'caliper_db_ingest_transaction_seconds_sum{outcome="committed"}'),
    txCount: grab(text, 'caliper_db_ingest_transaction_seconds_count{outcome="committed"}'),
  };
}

// ---------------------------------------------------------------------------------------------
// Load

/** An endless supply of 100-event batches of fresh demo events (a new seed each round). */
function* eventBatches(seed: number, end: string): Generator<CaliperEvent[]> {
  for (let round = 0; ; round++) {
    let pending: CaliperEvent[] = [];
    for (const batch of generateDemo(demoOptions({ tickets: 20_000, days: 30, seed: seed * 1000 + round, end }))) {
      pending.push(...batch);
      while (pending.length >= 100) {
        yield pending.slice(0, 100);
        pending = pending.slice(100);
      }
    }
    if (pending.length) yield pending;
  }
}

const recentTickets: Array<{ brand: string; id: string }> = [];

async function post(t: Target, batch: CaliperEvent[]) {
  return timed(`${t.url}/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${t.key}`, "content-type": "application/json" },
    body: JSON.stringify({ events: batch }),
  });
}

async function seed(t: Target, end: string): Promise<number> {
  let n = 0;
  // The seeded history is the 30 days before the writers' period, and the period readers query:
  // what they read stays the same size while the database grows, so a latency trend means the
  // server got slower, not that it was asked for more.
  const seedEnd = new Date(Date.parse(end) - 30 * 86_400_000).toISOString();
  const supply = generateDemo(demoOptions({ tickets: seedTickets, days: 30, seed: 7, end: seedEnd }));
  const clients = Array.from({ length: 4 }, async () => {
    for (const batch of supply) {
      const r = await post(t, batch);
      if (r.status !== 200) throw new Error(`seeding failed: HTTP ${r.status} ${r.body.slice(0, 200)}`);
      n += batch.length;
    }
  });
  await Promise.all(clients);
  return n;
}

async function writer(t: Target, supply: Generator<CaliperEvent[]>, perSecond: number, until: number) {
  const sent: CaliperEvent[][] = [];
  let next = performance.now();
  while (performance.now() < until) {
    const wait = next - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    next += 1000 / perSecond;
    const again = sent.length > 0 && Math.random() < 0.05;
    let batch: CaliperEvent[] | undefined;
    if (again) batch = sent[Math.floor(Math.random() * sent.length)];
    else {
      const n = supply.next();
      batch = n.done ? undefined : n.value;
    }
    if (!batch) return;
    if (!again) {
      sent.push(batch);
      if (sent.length > 200) sent.shift();
    }
    const r = await post(t, batch);
    const w = current;
    w.writes.push(r.ms);
    if (r.status !== 200) w.errors++;
    else {
      const body = JSON.parse(r.body) as { accepted: number; duplicates: number };
      w.events += body.accepted;
      w.duplicates += body.duplicates;
      const e = batch.find((x) => x.ticketId);
      if (e?.ticketId) {
        recentTickets.push({ brand: e.brand, id: e.ticketId });
        if (recentTickets.length > 500) recentTickets.shift();
      }
    }
  }
}

function readPaths(end: string): Array<() => string> {
  // The seeded period (see seed()); writers add events after it.
  const from = new Date(Date.parse(end) - 60 * 86_400_000).toISOString();
  const to = new Date(Date.parse(end) - 30 * 86_400_000).toISOString();
  const q = (brand: string, extra: Record<string, string> = {}) =>
    new URLSearchParams({ brand, from, to, asOf: end, ...extra }).toString();
  const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;
  return [
    () => `/v1/metrics/overview?${q(pick(BRANDS))}`,
    () => `/v1/metrics/timeseries?${q(pick(BRANDS), { metric: "tickets", interval: "day" })}`,
    () => `/v1/metrics/agents?${q(pick(BRANDS))}`,
    () => `/v1/sla/clocks?${q(pick(BRANDS), { status: "breached" })}`,
    () => {
      const tk = recentTickets.length ? pick(recentTickets) : { brand: "jewelry", id: "none" };
      return `/v1/tickets/${encodeURIComponent(tk.id)}?brand=${tk.brand}`;
    },
    () => "/metrics",
  ];
}

async function reader(t: Target, paths: Array<() => string>, offset: number, until: number) {
  for (let i = offset; performance.now() < until; i++) {
    const path = (paths[i % paths.length] as () => string)();
    const r = await timed(`${t.url}${path}`, { headers: { authorization: `Bearer ${t.key}` } });
    const w = current;
    w.reads.push(r.ms);
    // A ticket written a moment ago may not be found by the brand asked; 404 is a valid answer.
    if (r.status !== 200 && r.status !== 404) w.errors++;
    await new Promise((res) => setTimeout(res, 50));
  }
}

// ---------------------------------------------------------------------------------------------
// Run

interface Row {
  minute: number;
  writes: number;
  eventsPerS: number;
  w50: number;
  w95: number;
  w99: number;
  reads: number;
  r50: number;
  r95: number;
  r99: number;
  errors: number;
  rssMb: number;
  heapMb: number;
  /** Server CPU used, in % of one core, and mean ingest transaction time (server side). */
  cpuPct: number;
  txMs: number;
  /** 1-minute load average of the machine (everything on it, this benchmark included). */
  load: number;
}

function summarize(minute: number, w: Window, a: Counters, b: Counters): Row {
  const ws = [...w.writes].sort((a, b) => a - b);
  const rs = [...w.reads].sort((a, b) => a - b);
  const mb = (xs: number[]) => Math.max(...xs.filter((x) => Number.isFinite(x)), 0) / 1024 / 1024;
  return {
    minute,
    writes: ws.length,
    eventsPerS: w.events / 60,
    w50: percentile(ws, 50),
    w95: percentile(ws, 95),
    w99: percentile(ws, 99),
    reads: rs.length,
    r50: percentile(rs, 50),
    r95: percentile(rs, 95),
    r99: percentile(rs, 99),
    errors: w.errors,
    rssMb: mb(w.rss.slice(-1)),
    heapMb: mb(w.heap.slice(-1)),
    cpuPct: ((b.cpu - a.cpu) / 60) * 100,
    txMs: ((b.txSum - a.txSum) / (b.txCount - a.txCount)) * 1000,
    load: loadavg()[0] ?? Number.NaN,
  };
}

const f = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : "–");

/** A Markdown table laid out the way the repository's formatter (biome) writes it. */
function markdownTable(header: string[], right: boolean[], body: string[][]): string {
  const widths = header.map((h, c) => Math.max(3, h.length, ...body.map((r) => (r[c] ?? "").length)));
  const cell = (text: string, c: number) =>
    right[c] ? text.padStart(widths[c] as number) : text.padEnd(widths[c] as number);
  const line = (cells: string[]) => `| ${cells.map(cell).join(" | ")} |`;
  const rule = `| ${widths.map((w, c) => (right[c] ? `${"-".repeat(w - 1)}:` : "-".repeat(w))).join(" | ")} |`;
  return [line(header), rule, ...body.map(line)].join("\n");
}

function table(rows: Row[]): string {
  const header = [
    "minute",
    "writes",
    "events/s",
    "write p50 / p95 / p99 ms",
    "reads",
    "read p50 / p95 / p99 ms",
    "errors",
    "RSS MB",
    "heap MB",
    "server CPU",
    "ingest tx ms",
    "load",
  ];
  const right = [true, true, true, false, true, false, true, true, true, true, true, true];
  const body = rows.map((r) => [
    String(r.minute),
    String(r.writes),
    f(r.eventsPerS),
    `${f(r.w50, 1)} / ${f(r.w95, 1)} / ${f(r.w99, 1)}`,
    String(r.reads),
    `${f(r.r50, 1)} / ${f(r.r95, 1)} / ${f(r.r99, 1)}`,
    String(r.errors),
    f(r.rssMb),
    f(r.heapMb),
    `${f(r.cpuPct)}%`,
    f(r.txMs, 1),
    f(r.load, 1),
  ]);
  return markdownTable(header, right, body);
}

function verdict(rows: Row[]): string[] {
  // Minute 1 is warm-up (caches, JIT); compare the second minute with the last.
  const base = rows[1] ?? rows[0];
  const last = rows.at(-1);
  if (!base || !last || rows.length < 3) return ["(too short for a trend: run at least 3 minutes)"];
  const pct = (a: number, b: number) => `${a >= b ? "+" : ""}${f(((a - b) / b) * 100)}%`;
  const maxRss = Math.max(...rows.slice(1).map((r) => r.rssMb));
  return [
    `RSS: ${f(base.rssMb)} MB at minute ${base.minute}, ${f(last.rssMb)} MB at minute ${last.minute} (${pct(last.rssMb, base.rssMb)}), peak after warm-up ${f(maxRss)} MB.`,
    `Heap used: ${f(base.heapMb)} → ${f(last.heapMb)} MB (${pct(last.heapMb, base.heapMb)}).`,
    `Write p95: ${f(base.w95, 1)} → ${f(last.w95, 1)} ms (${pct(last.w95, base.w95)}); read p95: ${f(base.r95, 1)} → ${f(last.r95, 1)} ms (${pct(last.r95, base.r95)}).`,
    `Server CPU: ${f(base.cpuPct)}% → ${f(last.cpuPct)}% of a core; mean ingest transaction ${f(base.txMs, 1)} → ${f(last.txMs, 1)} ms; machine load ${f(base.load, 1)} → ${f(last.load, 1)} on ${cpus().length} cores.`,
    `Errors: ${rows.reduce((n, r) => n + r.errors, 0)} in ${rows.reduce((n, r) => n + r.writes + r.reads, 0)} requests.`,
  ];
}

async function main(): Promise<void> {
  const command = `node --import tsx bench/soak.ts ${process.argv.slice(2).join(" ")}`.trim();
  const end = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString();
  const t: Target = flags.url
    ? { url: flags.url, key: flags.key ?? "", child: null, stop: async () => {} }
    : await startServer();
  try {
    process.stderr.write(`soak: server ${t.url}; seeding ${seedTickets} demo tickets…\n`);
    const seeded = seedTickets > 0 ? await seed(t, end) : 0;
    process.stderr.write(
      `soak: ${seeded} events seeded; ${minutes} min of ${writeRate} events/s writes + ${readers} readers\n`,
    );
    const t0 = performance.now();
    const until = t0 + minutes * 60_000;
    const writers = 2;
    const paths = readPaths(end);
    const rows: Row[] = [];
    const sampler = setInterval(() => void sampleMemory(t), 5_000);
    let mark = await counters(t);
    const closeMinute = async () => {
      const w = current;
      current = newWindow();
      const now = await counters(t);
      const row = summarize(rows.length + 1, w, mark, now);
      mark = now;
      rows.push(row);
      process.stderr.write(`${table([row]).split("\n").at(-1)}\n`);
    };
    const ticker = setInterval(() => void closeMinute(), 60_000);
    await Promise.all([
      ...Array.from({ length: writers }, (_, i) =>
        writer(t, eventBatches(i + 1, end), writeRate / 100 / writers, until),
      ),
      ...Array.from({ length: readers }, (_, i) => reader(t, paths, i, until)),
    ]);
    clearInterval(ticker);
    clearInterval(sampler);
    await sampleMemory(t);
    if (rows.length < minutes) await closeMinute();

    const cpu = cpus();
    const machine = `${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}, ${f(totalmem() / 1024 ** 3, 1)} GB RAM, ${process.platform} ${process.arch}, Node ${process.version}`;
    let commit = "unknown";
    try {
      commit = execSync("git rev-parse --short HEAD", { cwd: ROOT }).toString().trim();
    } catch {}
    const backend = flags.url ? "server at --url" : flags.db?.startsWith("postgres") ? "PostgreSQL" : "SQLite";
    const report = [
      `### Soak ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
      "",
      `- Machine: ${machine}`,
      `- Commit: ${commit}; backend: ${backend}; seeded ${seeded} events (${seedTickets} demo tickets)`,
      `- Command: \`${command}\``,
      `- Load: ${writeRate} events/s offered in 100-event batches by 2 writers (5% re-sent batches), ${readers} readers (overview, timeseries, agents, SLA clocks over the seeded 30 days; a recent ticket; /metrics; 50 ms pause)`,
      "",
      table(rows),
      "",
      ...verdict(rows).map((v) => `- ${v}`),
      "",
    ].join("\n");
    process.stdout.write(`\n${report}\n`);
    if (!flags["no-docs"]) {
      appendFileSync(join(ROOT, "docs/benchmarks.md"), `\n${report}`);
      process.stderr.write("soak: appended to docs/benchmarks.md\n");
    }
  } finally {
    await t.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`soak: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
