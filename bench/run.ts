/**
 * Caliper's benchmark suite (`pnpm bench`): runs every benchmark in sequence, prints each
 * figure and ratio as it goes, and writes a dated section to docs/benchmarks.md.
 *
 *   pnpm bench [--only ingest,reads,duckdb,rebuild,rules,pages,postgres,twcs,contention,ab] [--quick] [--scale N]
 *              [--profile] [--fresh-store] [--big-rebuild] [--pg-big] [--no-docs | --docs] [--baseline REV]
 *
 * --quick        small scales (a smoke run in a few minutes; writes docs only with --docs)
 * --scale N      tickets in the big store (default 1,000,000; 30,000 with --quick)
 * --profile      start servers and CLI children with --cpu-prof and summarise the top functions
 * --fresh-store  re-seed the cached stores instead of reusing them
 * --big-rebuild  rebuild a copy of the cached big store, then one brand of it (~7-10 min at 1M tickets;
 *                without it the rebuild benchmark reports the big store's seeding rebuild, kept with the cache)
 * --pg-big       PostgreSQL reads on a store the big store's size (seeded into PostgreSQL once and cached:
 *                7-15 min at 1M tickets) beside the big SQLite store, instead of a 50,000-ticket one;
 *                with --baseline, the before/after reads also on that store
 * --no-docs      do not touch docs/benchmarks.md (results still go to bench/results/)
 * --twcs-mb A,B  sizes in MiB of the two files the twcs importer runs over (default 256,1024: the issue's 1 GiB file)
 * --baseline REV also run "ab": the product at commit REV against this checkout, side by side
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { duckdbBench } from "./duckdb.ts";
import { ingestBench } from "./ingest.ts";
import { ensureDir, fmtNum, gitCommit, loadAverage, log, machine, RESULTS } from "./lib/common.ts";
import { type Bench, type BenchContext, FULL_SIZES, profileRoot, QUICK_SIZES } from "./lib/context.ts";
import { summariseProfiles } from "./lib/cpuprofile.ts";
import { closeAgent } from "./lib/http.ts";
import { type BenchResult, newResult, renderRun, writeRunToDocs } from "./lib/report.ts";
import { demoStore, type Store, type StoreOptions } from "./lib/store.ts";
import { postgresBench } from "./postgres.ts";
import { readsBench } from "./reads.ts";
import { rebuildBench } from "./rebuild.ts";
import { pagesBench } from "./pages.ts";
import { rulesBench } from "./rules.ts";
import { twcsBench } from "./twcs.ts";
import { abBench } from "./ab.ts";
import { contentionBench } from "./contention.ts";
import { baselineTree } from "./lib/baseline.ts";

const BENCHES: { name: string; title: string; run: Bench }[] = [
  { name: "reads", title: "Reads at scale (SQLite) and API memory", run: readsBench },
  { name: "duckdb", title: "Overview: Caliper vs DuckDB on the same raw events", run: duckdbBench },
  { name: "ingest", title: "Ingest (SQLite): batch and single events, empty vs big store", run: ingestBench },
  { name: "rebuild", title: "caliper rebuild (SQLite)", run: rebuildBench },
  { name: "rules", title: "Message rules: checkMessage per agent message", run: rulesBench },
  { name: "pages", title: "SQLite pages written per commit, by table and index", run: pagesBench },
  { name: "postgres", title: "PostgreSQL: ingest and reads", run: postgresBench },
  { name: "twcs", title: "twcs importer memory", run: twcsBench },
  { name: "contention", title: "Reads while another process holds the write lock (SQLite)", run: contentionBench },
  { name: "ab", title: "Before/after against a baseline commit", run: abBench },
];

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    quick: { type: "boolean", default: false },
    scale: { type: "string" },
    profile: { type: "boolean", default: false },
    "fresh-store": { type: "boolean", default: false },
    "big-rebuild": { type: "boolean", default: false },
    "pg-big": { type: "boolean", default: false },
    docs: { type: "boolean" },
    "no-docs": { type: "boolean", default: false },
    "twcs-mb": { type: "string" },
    baseline: { type: "string" },
  },
  allowPositionals: false,
  strict: true,
});

const quick = values.quick === true;
const only = values.only
  ?.split(",")
  .map((s) => s.trim())
  .filter(Boolean);
const unknown = only?.filter((n) => !BENCHES.some((b) => b.name === n)) ?? [];
if (unknown.length > 0) {
  process.stderr.write(
    `unknown benchmark(s): ${unknown.join(", ")}; known: ${BENCHES.map((b) => b.name).join(", ")}\n`,
  );
  process.exit(2);
}
const scale = values.scale !== undefined ? Number(values.scale) : quick ? 30_000 : 1_000_000;
if (!Number.isInteger(scale) || scale < 1000) {
  process.stderr.write("--scale must be a whole number >= 1000\n");
  process.exit(2);
}
const twcsBytes = values["twcs-mb"]?.split(",").map((s) => Math.round(Number(s) * 2 ** 20));
if (twcsBytes && (twcsBytes.length !== 2 || twcsBytes.some((b) => !(b > 0)))) {
  process.stderr.write("--twcs-mb takes two sizes in MiB, e.g. 256,1024\n");
  process.exit(2);
}
const writeDocs = values["no-docs"] ? false : (values.docs ?? !quick);

const storeOptions: StoreOptions = {
  tickets: scale,
  // A year of history (a 90-day period is a quarter of it); quick runs keep 90 days so that
  // one brand's period still holds more than 5000 tickets (the sketched read path).
  days: quick ? 90 : 365,
  seed: 1,
  end: "2026-12-01T00:00:00.000Z",
};

const runStamp = new Date().toISOString();
const profileDir = join(profileRoot, runStamp.replace(/[:.]/g, "-"));
let storePromise: Promise<Store> | undefined;
const ctx: BenchContext = {
  quick,
  profile: values.profile === true,
  bigRebuild: values["big-rebuild"] === true,
  pgBig: values["pg-big"] === true,
  sizes: { ...(quick ? QUICK_SIZES : FULL_SIZES), ...(twcsBytes ? { twcsBytes } : {}) },
  storeOptions,
  store: () => {
    storePromise ??= demoStore(storeOptions, { fresh: values["fresh-store"] === true });
    return storePromise;
  },
  profileDir: (name) => (values.profile ? join(profileDir, name) : undefined),
  profileFile: (name) => (values.profile ? join(ensureDir(profileDir), `${name}.cpuprofile`) : undefined),
  shared: new Map(),
  ...(values.baseline ? { baseline: baselineTree(values.baseline) } : {}),
};
if (only?.includes("ab") && !ctx.baseline) {
  process.stderr.write("--only ab needs --baseline REV\n");
  process.exit(2);
}

const command = `pnpm bench${process.argv.length > 2 ? ` ${process.argv.slice(2).join(" ")}` : ""}`;
const m = machine();
const loadBefore = loadAverage();
log(`${command} — ${m.cpu}, ${m.cores} cores, ${m.ramGb} GB, Node ${m.node}, load ${m.load}`);
if (loadBefore >= 1.5) log(`the machine is busy (load ${loadBefore.toFixed(2)}): absolute figures will be noisy`);
const t0 = performance.now();
const results: BenchResult[] = [];
for (const b of BENCHES) {
  if (only && !only.includes(b.name)) continue;
  if (b.name === "ab" && !ctx.baseline) continue;
  const r = newResult(b.name, b.title);
  log(`== ${b.title}`);
  const tb = performance.now();
  try {
    await b.run(ctx, r);
  } catch (err) {
    r.error = err instanceof Error ? err.message : String(err);
    log(`   FAILED: ${r.error}`);
    if (err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  }
  r.seconds = (performance.now() - tb) / 1000;
  if (ctx.profile) {
    const summary = summariseProfiles(profileDir, b.name);
    if (summary) r.extra.push(summary);
  }
  results.push(r);
  log(`   ${b.name} done in ${fmtNum(r.seconds, 0)} s`);
}
closeAgent();
const seconds = (performance.now() - t0) / 1000;
const run = {
  date: runStamp,
  machine: m,
  commit: gitCommit(),
  command,
  mode: `${quick ? "quick (smoke-test sizes)" : "full"}, big store ${fmtNum(scale)} tickets${ctx.profile ? ", profiled (--cpu-prof slows the profiled processes)" : ""}`,
  seconds,
  loadBefore,
  loadAfter: loadAverage(),
};
const section = renderRun(run, results);
ensureDir(RESULTS);
const stamp = runStamp.replace(/[:.]/g, "-");
writeFileSync(join(RESULTS, `run-${stamp}.json`), `${JSON.stringify({ run, results }, null, 2)}\n`);
writeFileSync(join(RESULTS, `run-${stamp}.md`), `${section}\n`);
if (writeDocs) writeRunToDocs(run, results);
process.stdout.write(`\n${section}\n`);
log(
  `done in ${fmtNum(seconds / 60, 1)} min; ${writeDocs ? "docs/benchmarks.md updated" : `docs untouched (bench/results/run-${stamp}.md)`}`,
);
const missed = results.flatMap((r) => r.figures.filter((f) => f.status === "missed" || f.status === "mismatch"));
const failed = results.filter((r) => r.error);
log(`${missed.length} target(s) missed or figures disagreeing, ${failed.length} benchmark(s) failed`);
process.exit(failed.length > 0 ? 1 : 0);
