import { AUTO_WORKERS_FROM, analyzeDatabase, rebuildProjections } from "@caliper/db";
import { bootstrap } from "../bootstrap.ts";
import { silentLogger } from "../logger.ts";
import { clearBulkLoadPending } from "../ingest/bulk-load.ts";
import { saveFingerprints } from "../policy-sync.ts";
import { dbTarget, parseFlags, UsageError } from "./args.ts";
import { phaseBars } from "./phase-bars.ts";
import { progress } from "./progress.ts";
import { rebuildSummary } from "./rebuild-summary.ts";

export const REBUILD_USAGE = `caliper rebuild [--db …] [--policies FILE] [--workers N|auto]

Empties every derived table and replays the event log into it (one transaction).
--workers  threads computing projections (message rules, clocks) beside the one reading and
           writing: a number, or auto (the default: from ${AUTO_WORKERS_FROM} tickets, two on two or three
           cores, one per core but one on more; none for a smaller log or on one core).`;

export async function rebuildCommand(argv: string[]): Promise<void> {
  const { values } = parseFlags(argv, {
    db: { type: "string" },
    policies: { type: "string" },
    workers: { type: "string" },
  });
  const workers = parseWorkers(values.workers);
  const services = await bootstrap({ db: dbTarget(values.db), policiesFile: values.policies, logger: silentLogger });
  try {
    const bars = phaseBars({ tickets: progress("tickets", "tickets"), orders: progress("orders ", "orders") });
    const r = await rebuildProjections(
      services.db,
      services.projection,
      (p) => bars.update(p.phase, p.done, p.total, p.note),
      { workers },
    );
    bars.close();
    await analyzeDatabase(services.db);
    await saveFingerprints(services);
    // Whatever bulk load stopped before its rebuild, the log is now projected in full.
    await clearBulkLoadPending(services);
    process.stderr.write(`${rebuildSummary(r)}\n`);
  } finally {
    await services.db.close();
  }
}

/** `--workers`: "auto" (the default) or a whole number from 0 to 64. */
function parseWorkers(value: string | undefined): number | "auto" {
  if (value === undefined || value === "auto") return "auto";
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64)
    throw new UsageError(`--workers must be auto or a whole number from 0 to 64, got "${value}"`);
  return n;
}
