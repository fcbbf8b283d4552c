/**
 * twcs importer memory: synthetic "Customer Support on Twitter" CSV files of two sizes, each
 * processed in a child process while its RSS is sampled every second:
 * - the importer itself (importTwcs: index pass + events pass, events not stored) on two large
 *   files, with the live heap after a forced GC as well as RSS;
 * - `caliper import --format twcs` end to end into a temporary SQLite db on two small files
 *   (end-to-end import runs at the ingest rate, far too slow for a 1 GB file in this suite),
 *   then the larger one again with `--bulk` (the log, then one rebuild): the same events, faster.
 * Flat = the larger file's peak is within 20% of the smaller one's.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { ensureDir, fmtBytes, fmtMb, fmtNum, fmtRatio, fmtSecs, log, RESULTS, ROOT } from "./lib/common.ts";
import type { Bench } from "./lib/context.ts";
import { runCli, runNode } from "./lib/proc.ts";
import { agree, info, target } from "./lib/report.ts";
import { twcsFile } from "./lib/twcs-gen.ts";

interface ChildSummary {
  events: number;
  skipped: number;
  errors: number;
  indexSeconds: number;
  seconds: number;
  liveHeapMaxMb: number;
}

export const twcsBench: Bench = async (ctx, r) => {
  const [small, large] = ctx.sizes.twcsBytes as [number, number];
  // Both stores bigger than SQLite's 64 MiB page cache (a 4 MiB file's store, 35 MB, is not: its peak measured the cache filling).
  const e2e = ctx.quick ? [1 << 20, 4 << 20] : [16 << 20, 32 << 20];
  log(`  generating synthetic twcs files (cached): ${[small, large, ...e2e].map(fmtBytes).join(", ")}`);
  const files = new Map<number, string>();
  for (const b of new Set([small, large, ...e2e])) files.set(b, twcsFile(b));

  const importer: { bytes: number; rssKb: number; heapMb: number; s: ChildSummary }[] = [];
  for (const bytes of [small, large]) {
    const file = files.get(bytes) as string;
    log(`  importTwcs over ${fmtBytes(statSync(file).size)} (index + events, not stored)`);
    const res = await runNode(join(ROOT, "bench", "twcs-child.ts"), [file], {
      nodeFlags: ["--expose-gc"],
      profileDir: ctx.profileDir(`twcs-importer-${bytes}`),
    });
    if (res.code !== 0) throw new Error(`twcs child failed (${res.code}): ${res.stderr.slice(-2000)}`);
    const s = JSON.parse(res.stdout.trim().split("\n").at(-1) as string) as ChildSummary;
    importer.push({ bytes: statSync(file).size, rssKb: res.rss.hwmKb, heapMb: s.liveHeapMaxMb, s });
    info(
      r,
      `importer, ${fmtBytes(statSync(file).size)} file`,
      `${fmtNum(s.events)} events in ${fmtSecs(s.seconds)} (index ${fmtSecs(s.indexSeconds)}, ${fmtNum(statSync(file).size / 2 ** 20 / s.seconds, 1)} MiB/s); peak RSS ${fmtMb(res.rss.hwmKb)}, live heap after GC ≤ ${fmtNum(s.liveHeapMaxMb, 0)} MB`,
    );
  }
  const [a, b] = importer as [(typeof importer)[0], (typeof importer)[0]];
  target(
    r,
    `importer peak RSS, ${fmtBytes(b.bytes)} ÷ ${fmtBytes(a.bytes)} file`,
    b.rssKb / a.rssKb,
    "<=",
    1.2,
    fmtRatio,
  );
  target(
    r,
    `importer live heap, ${fmtBytes(b.bytes)} ÷ ${fmtBytes(a.bytes)} file`,
    b.heapMb / a.heapMb,
    "<=",
    1.2,
    fmtRatio,
  );

  const work = mkdtempSync(join(ensureDir(join(RESULTS, "tmp")), "twcs-"));
  try {
    const ends: { bytes: number; rssKb: number; seconds: number; stored: number; heap: number }[] = [];
    for (const bytes of e2e) {
      const file = files.get(bytes) as string;
      const db = join(work, `import-${bytes}.db`);
      log(`  caliper import --format twcs, ${fmtBytes(statSync(file).size)}`);
      const { res, stored } = await importFile(file, db, [], ctx.profileDir(`twcs-import-${bytes}`));
      rmSync(db, { force: true });
      // The same import loop in the bench child, with a forced GC every 0.5 s: the live heap.
      const heapDb = join(work, `heap-${bytes}.db`);
      const child = await runNode(join(ROOT, "bench", "twcs-child.ts"), [file, "--store", heapDb], {
        nodeFlags: ["--expose-gc"],
      });
      if (child.code !== 0)
        throw new Error(`twcs child (--store) failed (${child.code}): ${child.stderr.slice(-2000)}`);
      const heap = (JSON.parse(child.stdout.trim().split("\n").at(-1) as string) as ChildSummary).liveHeapMaxMb;
      rmSync(heapDb, { force: true });
      ends.push({ bytes: statSync(file).size, rssKb: res.rss.hwmKb, seconds: res.seconds, stored, heap });
      info(
        r,
        `caliper import end to end, ${fmtBytes(statSync(file).size)} file`,
        `${fmtNum(stored)} events stored in ${fmtSecs(res.seconds)} (${fmtNum(stored / res.seconds)} events/s); peak RSS ${fmtMb(res.rss.hwmKb)}; the same import loop with a GC every 0.5 s: live heap ≤ ${fmtNum(heap, 0)} MB`,
      );
    }
    const [x, y] = ends as [(typeof ends)[0], (typeof ends)[0]];
    target(
      r,
      `import live heap, ${fmtBytes(y.bytes)} ÷ ${fmtBytes(x.bytes)} file`,
      y.heap / x.heap,
      "<=",
      1.2,
      fmtRatio,
    );
    target(
      r,
      `caliper import peak RSS, ${fmtBytes(y.bytes)} ÷ ${fmtBytes(x.bytes)} file`,
      y.rssKb / x.rssKb,
      "<=",
      1.2,
      fmtRatio,
    );
    info(
      r,
      "caliper import rate, larger ÷ smaller file",
      `${fmtRatio(y.stored / y.seconds / (x.stored / x.seconds))} (1.00× = no slowdown as the store grows)`,
    );
    // The larger file again with --bulk, into an empty store: the log, then one rebuild.
    const bulkFile = files.get(e2e[1] as number) as string;
    log(`  caliper import --format twcs --bulk, ${fmtBytes(y.bytes)}`);
    const { res: bulk, stored: bulkStored } = await importFile(
      bulkFile,
      join(work, "bulk.db"),
      ["--bulk"],
      ctx.profileDir("twcs-import-bulk"),
    );
    info(
      r,
      `caliper import --bulk end to end, ${fmtBytes(y.bytes)} file (an empty store: the log, then one rebuild)`,
      `${fmtNum(bulkStored)} events stored in ${fmtSecs(bulk.seconds)} (${fmtNum(bulkStored / bulk.seconds)} events/s), **${fmtRatio(y.seconds / bulk.seconds)}** the speed of the import without it above; peak RSS ${fmtMb(bulk.rss.hwmKb)}`,
    );
    agree(
      r,
      `events stored with and without --bulk, ${fmtBytes(y.bytes)} file`,
      bulkStored === y.stored,
      `${fmtNum(bulkStored)} and ${fmtNum(y.stored)}`,
      "equal",
    );
    r.notes.push(
      `A 1 GiB file: the importer alone runs at ~${fmtNum(b.bytes / 2 ** 20 / b.s.seconds, 1)} MiB/s here (${fmtSecs(2 ** 30 / (b.bytes / b.s.seconds))} for 1 GiB); end to end, \`caliper import\` stores ~${fmtNum(y.stored / y.seconds)} events/s, so 1 GiB (~${fmtNum(((2 ** 30 / y.bytes) * y.stored) / 1e6, 1)}M events) would take ~${fmtSecs(((2 ** 30 / y.bytes) * y.stored) / (y.stored / y.seconds))}, and ~${fmtSecs(((2 ** 30 / y.bytes) * bulkStored) / (bulkStored / bulk.seconds))} with \`--bulk\` into an empty store.${large < 2 ** 30 ? " Run `pnpm bench --only twcs --twcs-mb 256,1024` for the 1 GiB importer figure." : ""}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

/** `caliper import --format twcs` of `file` into `db` (with `flags`), as a user runs it: the process and the events it stored. */
async function importFile(file: string, db: string, flags: readonly string[], profileDir: string | undefined) {
  const res = await runCli(["import", "--format", "twcs", ...flags, "--db", db, file], { profileDir });
  const m = /events stored: (\d+)/.exec(res.stderr);
  if (res.code !== 0 || !m)
    throw new Error(`caliper import ${flags.join(" ")} failed (${res.code}): ${res.stderr.slice(-2000)}`);
  return { res, stored: Number(m[1]) };
}
