import { AUTO_WORKERS_FROM, analyzeDatabase, brandHasEvents, rebuildProjections } from "@caliper/db";
import { bootstrap } from "../bootstrap.ts";
import { silentLogger } from "../logger.ts";
import { BrandId } from "@caliper/domain";
import { bulkLoadPending, clearBulkLoadPending } from "../ingest/bulk-load.ts";
import type { Services } from "../services.ts";
import { saveFingerprints } from "../policy-sync.ts";
import { existingDbTarget, parseFlags, UsageError } from "./args.ts";
import { phaseBars } from "./phase-bars.ts";
import { progress } from "./progress.ts";
import { rebuildSummary } from "./rebuild-summary.ts";

export const REBUILD_USAGE = `caliper rebuild [--db …] [--policies FILE] [--workers N|auto] [--brand B[,C…]]

Empties every derived table and replays the event log into it (one transaction).
--brand    only these brands (say, the one whose policy you changed): their rows are replaced,
           every other brand's stay as they are. \`caliper serve\` does this by itself at start
           for the brands whose policy changed.
--workers  threads computing projections (message rules, clocks) beside the one reading and
           writing: a number, or auto (the default: from ${AUTO_WORKERS_FROM} tickets, two on two or three
           cores, one per core but one on more; none for a smaller log or on one core).`;

export async function rebuildCommand(argv: string[]): Promise<void> {
  const { values } = parseFlags(argv, {
    db: { type: "string" },
    policies: { type: "string" },
    workers: { type: "string" },
    brand: { type: "string" },
  });
  const workers = parseWorkers(values.workers);
  const brands = parseBrands(values.brand);
  const services = await bootstrap({
    db: existingDbTarget(values.db),
    policiesFile: values.policies,
    logger: silentLogger,
  });
  try {
    if (brands) await checkBrands(services, brands);
    const bars = phaseBars({ tickets: progress("tickets", "tickets"), orders: progress("orders ", "orders") });
    const r = await rebuildProjections(
      services.db,
      services.projection,
      (p) => bars.update(p.phase, p.done, p.total, p.note),
      { workers, ...(brands ? { brands } : {}) },
    );
    bars.close();
    await analyzeDatabase(services.db);
    await saveFingerprints(services, brands);
    // Whatever bulk load stopped before its rebuild, the log is now projected in full.
    if (!brands) await clearBulkLoadPending(services);
    process.stderr.write(`${rebuildSummary(r)}\n`);
  } finally {
    await services.db.close();
  }
}

/** `--brand`: a comma-separated list of brand ids, or undefined (every brand). */
function parseBrands(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const brands = value.split(",").map((b) => b.trim());
  for (const b of brands)
    if (!BrandId.safeParse(b).success)
      throw new UsageError(`--brand: "${b}" is not a brand id (1-64 lower-case letters, digits, '.', '_' or '-')`);
  return brands;
}

/**
 * Refuses brands the log has no event of (a typo would rebuild nothing), and a rebuild of some
 * brands while a bulk load waits for its rebuild (the whole log must be projected first).
 */
async function checkBrands(services: Services, brands: readonly string[]): Promise<void> {
  if (await bulkLoadPending(services))
    throw new UsageError("a bulk load stopped before its rebuild: run `caliper rebuild` without --brand first");
  const unknown: string[] = [];
  for (const b of brands) if (!(await brandHasEvents(services.db, b))) unknown.push(b);
  if (unknown.length === 0) return;
  const known = (await services.db.db.selectFrom("events").select("brand").distinct().orderBy("brand").execute()).map(
    (r) => r.brand,
  );
  throw new UsageError(
    `--brand: no events of ${unknown.join(", ")} in the log (brands with events: ${known.join(", ") || "none"})`,
  );
}

/** `--workers`: "auto" (the default) or a whole number from 0 to 64. */
function parseWorkers(value: string | undefined): number | "auto" {
  if (value === undefined || value === "auto") return "auto";
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64)
    throw new UsageError(`--workers must be auto or a whole number from 0 to 64, got "${value}"`);
  return n;
}
