/**
 * Before/after: the product at a baseline commit (`--baseline REV`) against this checkout, side
 * by side in one run — one server each, measured in alternating rounds on the same events and
 * the same store — so a change's effect is a ratio rather than two figures from different days.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { chunks, ensureDir, fmtMs, fmtNum, fmtRatio, log, median, RESULTS, summarize } from "./lib/common.ts";
import type { Bench, BenchContext } from "./lib/context.ts";
import { demoEvents } from "./lib/events.ts";
import { getJson } from "./lib/http.ts";
import { type BenchServer, cpuSecondsOf, startBenchServer } from "./lib/proc.ts";
import { type BenchResult, info } from "./lib/report.ts";
import type { StoreOptions } from "./lib/store.ts";
import { bigPgStore } from "./postgres.ts";
import { migrationsOf } from "./lib/baseline.ts";
import { cannon, httpBatchRate } from "./ingest.ts";
import { endpoints } from "./reads.ts";
import { ROOT } from "./lib/common.ts";

export const abBench: Bench = async (ctx, r) => {
  const base = ctx.baseline;
  if (!base) throw new Error("the ab benchmark needs --baseline REV");
  r.title = `Before/after: ${base.sha} (${base.subject}) → this checkout`;
  const so = ctx.storeOptions;
  const after = { days: 7, end: new Date(Date.parse(so.end) + 7 * 86_400_000).toISOString() };
  const n = ctx.quick ? 10_000 : 40_000;
  const events = demoEvents(n, { ...after, seed: 7101 });
  const bodies = chunks(events, 500).map((b) => JSON.stringify({ events: b }));
  const warm = chunks(demoEvents(3000, { ...after, seed: 7103 }), 500).map((b) => JSON.stringify({ events: b }));
  const single = demoEvents(ctx.quick ? 30_000 : 60_000, { ...after, seed: 7102 }).map((e) => JSON.stringify(e));
  const rounds = ctx.quick ? 2 : 4;
  const work = mkdtempSync(join(ensureDir(join(RESULTS, "tmp")), "ab-"));
  const servers: { before?: BenchServer; after?: BenchServer } = {};
  try {
    servers.before = await startBenchServer(join(work, "before.db"), { root: base.dir });
    servers.after = await startBenchServer(join(work, "after.db"));
    const pair = [
      ["before", servers.before],
      ["after", servers.after],
    ] as const;
    for (const [, s] of pair) await httpBatchRate(s.url, warm, 0);
    const batch = { before: { events: 0, seconds: 0, cpu: 0 }, after: { events: 0, seconds: 0, cpu: 0 } };
    /** Runs `fn` and returns it with the CPU seconds the server used meanwhile. */
    const cpuOf = async <T>(s: BenchServer, fn: () => Promise<T>): Promise<[T, number]> => {
      const c0 = cpuSecondsOf(s.pid) ?? 0;
      const out = await fn();
      return [out, (cpuSecondsOf(s.pid) ?? 0) - c0];
    };
    const per = Math.ceil(bodies.length / rounds);
    for (let k = 0; k < rounds; k++) {
      const part = bodies.slice(k * per, (k + 1) * per);
      const count = events.slice(k * per * 500, (k + 1) * per * 500).length;
      log(`  batch round ${k + 1}/${rounds} (${fmtNum(count)} events each)`);
      // Alternate which goes first, so neither always runs on a warmer machine.
      for (const [key, s] of k % 2 === 0 ? pair : [...pair].reverse()) {
        const [res, cpu] = await cpuOf(s, () => httpBatchRate(s.url, part, count));
        batch[key].events += count;
        batch[key].seconds += res.seconds;
        batch[key].cpu += cpu;
      }
    }
    const one = {
      before: { ok: 0, seconds: 0, cpu: 0, p99: [] as number[] },
      after: { ok: 0, seconds: 0, cpu: 0, p99: [] as number[] },
    };
    const cursor = { before: 0, after: 0 };
    for (let k = 0; k < rounds; k++) {
      log(`  single-event round ${k + 1}/${rounds} (${ctx.sizes.cannonSeconds} s each)`);
      for (const [key, s] of k % 2 === 0 ? pair : [...pair].reverse()) {
        const [c, cpu] = await cpuOf(s, () =>
          cannon(s.url, "/v1/events", ctx.sizes.cannonSeconds, {
            next: () => single[cursor[key]++ % single.length] as string,
          }),
        );
        one[key].ok += c.ok;
        one[key].cpu += cpu;
        one[key].seconds += c.ok / c.rate;
        one[key].p99.push(c.p99);
      }
    }
    const rate = (t: { events: number; seconds: number }) => t.events / t.seconds;
    info(
      r,
      "batch ingest (500 per request, 4 clients), before → after",
      `${fmtNum(rate(batch.before))} → ${fmtNum(rate(batch.after))} events/s (${fmtRatio(rate(batch.after) / rate(batch.before))})`,
    );
    // Server CPU per event: what a change costs or saves, whatever else the machine was doing.
    const us = (cpu: number, n: number) => (cpu / n) * 1e6;
    const cpuLine = (b: number, a: number) => `${fmtNum(b)} → ${fmtNum(a)} µs (${fmtRatio(a / b)})`;
    info(
      r,
      "batch ingest: server CPU per event, before → after",
      cpuLine(us(batch.before.cpu, batch.before.events), us(batch.after.cpu, batch.after.events)),
    );
    const sr = (t: { ok: number; seconds: number }) => t.ok / t.seconds;
    info(
      r,
      "single events (64 connections), before → after",
      `${fmtNum(sr(one.before))} → ${fmtNum(sr(one.after))} req/s (${fmtRatio(sr(one.after) / sr(one.before))}); p99 ${fmtMs(median(one.before.p99))} → ${fmtMs(median(one.after.p99))}`,
    );
    info(
      r,
      "single events: server CPU per request, before → after",
      cpuLine(us(one.before.cpu, one.before.ok), us(one.after.cpu, one.after.ok)),
    );
  } finally {
    await servers.before?.stop();
    await servers.after?.stop();
    rmSync(work, { recursive: true, force: true });
  }

  // Reads on the big store, when both trees have the same migrations (so both can open it).
  if (migrationsOf(base.dir).join() !== migrationsOf(ROOT).join()) {
    r.notes.push("Reads not compared: the baseline has different migrations, so it cannot open the same store.");
    return;
  }
  const store = await ctx.store();
  await compareReads(ctx, r, base.dir, store.path, store.meta.options, "SQLite");
  if (ctx.pgBig) {
    await compareReads(ctx, r, base.dir, await bigPgStore(ctx.storeOptions), ctx.storeOptions, "PostgreSQL");
  }
  r.notes.push(
    `Baseline: \`${base.rev}\` = ${base.sha} "${base.subject}", run from bench/results/baseline/${base.sha} (git archive, this checkout's dependencies). Same events, same store, alternating rounds.`,
  );
};

/** The overview and the scorecard on one store, the baseline's server and this checkout's interleaved. */
async function compareReads(
  ctx: BenchContext,
  r: BenchResult,
  baseDir: string,
  target: string,
  options: StoreOptions,
  label: string,
): Promise<void> {
  const reads = { before: undefined as BenchServer | undefined, after: undefined as BenchServer | undefined };
  try {
    reads.before = await startBenchServer(target, { root: baseDir });
    reads.after = await startBenchServer(target);
    const list = endpoints(options).filter((e) => e.key === "overview" || e.key === "scorecard");
    const reps = ctx.quick ? 10 : 30;
    log(`  reads on ${label}, before and after interleaved`);
    for (const e of list) {
      const ms = { before: [] as number[], after: [] as number[] };
      for (const s of [reads.before, reads.after]) for (let i = 0; i < 3; i++) await getJson(s.url + e.path);
      for (let i = 0; i < reps; i++) {
        ms.before.push((await getJson(reads.before.url + e.path)).ms);
        ms.after.push((await getJson(reads.after.url + e.path)).ms);
      }
      const b = summarize(ms.before);
      const a = summarize(ms.after);
      info(
        r,
        `${label}: ${e.name}, before → after (${reps} interleaved requests each)`,
        `p50 ${fmtMs(b.p50)} → ${fmtMs(a.p50)} (${fmtRatio(b.p50 / a.p50)} faster), p95 ${fmtMs(b.p95)} → ${fmtMs(a.p95)}`,
      );
    }
  } finally {
    await reads.before?.stop();
    await reads.after?.stop();
  }
}
