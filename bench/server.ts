/**
 * Child process started by the benchmarks: Caliper's HTTP API (createApp on bootstrap's
 * services, exactly what `caliper serve` runs) and, on the same server and port, a plain hono
 * hello-world route at GET /hello — the baseline of the single-event ingest benchmark.
 *
 * With CALIPER_BENCH_LOG_ONLY=<another SQLite file>, also POST /log-only: the part of the request
 * path a design with projections off it would keep (body, validation, redaction, group commit),
 * storing the events in that file's log and nothing else — no projection, clock, rule or rollup.
 * It shows how close such a design could come to the ingest targets. It has no authentication
 * or request-log middleware (the product route has both). GET /log-only answers the time spent
 * in each step since the last GET /log-only?reset=1 (body, validation, redaction, transaction).
 *
 *   node --import tsx bench/server.ts <sqlite file | postgres:// URL>
 *
 * Listens on 127.0.0.1 on a free port and sends { url } to the parent over IPC. SIGTERM closes
 * the server and the database and exits (so --cpu-prof profiles get written).
 *
 * IPC { profile: "start" } starts the V8 CPU profiler in this process; { profile: "stop", file }
 * stops it, writes the .cpuprofile to `file` and answers { profiled: file } — so a benchmark
 * profiles exactly one phase (e.g. only the single-event run). IPC { memory: true } answers
 * { memory: { heapTotal, heapUsed } } (process.memoryUsage(), bytes).
 */
import { writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { Session } from "node:inspector/promises";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { appendToLog, openDatabase } from "@caliper/db";
import { createApp } from "../apps/api/src/app.ts";
import { bootstrap } from "../apps/api/src/bootstrap.ts";
import { GroupCommit } from "../apps/api/src/ingest/group-commit.ts";
import { forStorage } from "../apps/api/src/ingest/ingest-events.ts";
import { parseEventsPayload } from "../apps/api/src/ingest/parse-events.ts";

const target = process.argv[2];
if (!target) {
  process.stderr.write("usage: bench/server.ts <db>\n");
  process.exit(2);
}

// As `caliper serve` opens it (background checkpoints; a baseline tree without them ignores the option).
const services = await bootstrap({ db: target, backgroundCheckpoints: true });
const app = createApp(services);
const hello = new Hono();
hello.get("/hello", (c) => c.text("Hello Hono!"));
// Opened as the product's store is above, so the two paths differ only in what they store.
const logDb = process.env.CALIPER_BENCH_LOG_ONLY
  ? await openDatabase(process.env.CALIPER_BENCH_LOG_ONLY, { backgroundCheckpoints: true })
  : null;
if (logDb) {
  /** Milliseconds spent in each step of the log-only path since the last GET /log-only?reset=1. */
  const nothingSpent = () => ({ events: 0, body: 0, validation: 0, redaction: 0, transaction: 0 });
  let spent = nothingSpent();
  // The bench's events are all new, so every event of a group counts as stored.
  const logOnly = new GroupCommit(async (events) => {
    const t = performance.now();
    const accepted = await appendToLog(logDb, events);
    spent.transaction += performance.now() - t;
    return { accepted, duplicates: events.length - accepted, stored: events.map(() => true) };
  });
  hello.post("/log-only", async (c) => {
    const t0 = performance.now();
    const text = await c.req.text();
    const t1 = performance.now();
    const { events } = parseEventsPayload(c.req.header("content-type") ?? "", text);
    const t2 = performance.now();
    const stored = events.map((e) => forStorage(services, e));
    const t3 = performance.now();
    spent.events += events.length;
    spent.body += t1 - t0;
    spent.validation += t2 - t1;
    spent.redaction += t3 - t2;
    const r = await logOnly.submit(stored);
    return c.json({ accepted: r.accepted, duplicates: r.duplicates });
  });
  hello.get("/log-only", (c) => {
    const out = spent;
    if (c.req.query("reset")) spent = nothingSpent();
    return c.json(out);
  });
}

const server = serve(
  {
    fetch: (req, env) =>
      req.url.endsWith("/hello") || req.url.includes("/log-only") ? hello.fetch(req, env) : app.fetch(req, env),
    port: 0,
    hostname: "127.0.0.1",
  },
  (info) => {
    process.send?.({ url: `http://127.0.0.1:${info.port}` });
  },
) as Server;
// Long keep-alive: the benchmark clients pause between rounds; a socket closed under a reused request would fail it.
server.keepAliveTimeout = 600_000;
server.requestTimeout = 120_000;

let session: Session | null = null;
process.on("message", async (m: { profile?: "start" | "stop"; file?: string; memory?: true }) => {
  if (m.memory) {
    // What the V8 heap holds of the RSS the benchmark samples (IPC { memory: true }).
    const { heapTotal, heapUsed } = process.memoryUsage();
    process.send?.({ memory: { heapTotal, heapUsed } });
  } else if (m.profile === "start") {
    session = new Session();
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 500 });
    await session.post("Profiler.start");
    process.send?.({ profiling: true });
  } else if (m.profile === "stop" && session && m.file) {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(m.file, JSON.stringify(profile));
    session.disconnect();
    session = null;
    process.send?.({ profiled: m.file });
  }
});

let stopping = false;
process.on("SIGTERM", () => {
  if (stopping) return;
  stopping = true;
  server.close(() => {
    Promise.all([services.db.close(), logDb?.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  server.closeAllConnections();
});
process.on("disconnect", () => process.kill(process.pid, "SIGTERM"));
