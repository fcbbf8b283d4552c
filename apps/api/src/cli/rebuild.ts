import { analyzeDatabase, rebuildProjections } from "@caliper/db";
import { bootstrap } from "../bootstrap.ts";
import { silentLogger } from "../logger.ts";
import { saveFingerprints } from "../policy-sync.ts";
import { dbTarget, parseFlags } from "./args.ts";
import { progress } from "./progress.ts";

export const REBUILD_USAGE = `caliper rebuild [--db …] [--policies FILE]

Empties every derived table and replays the event log into it (one transaction).`;

export async function rebuildCommand(argv: string[]): Promise<void> {
  const { values } = parseFlags(argv, { db: { type: "string" }, policies: { type: "string" } });
  const services = await bootstrap({ db: dbTarget(values.db), policiesFile: values.policies, logger: silentLogger });
  try {
    const bars = { tickets: progress("tickets", "tickets"), orders: progress("orders ", "orders") };
    const seen = new Set<"tickets" | "orders">();
    const r = await rebuildProjections(services.db, services.projection, (p) => {
      if (!seen.has(p.phase) && p.phase === "orders" && seen.has("tickets")) bars.tickets.done();
      seen.add(p.phase);
      bars[p.phase].update(p.done, p.total);
    });
    for (const phase of ["tickets", "orders"] as const)
      if (seen.has(phase) && (phase === "orders" || !seen.has("orders"))) bars[phase].done();
    await analyzeDatabase(services.db);
    await saveFingerprints(services);
    process.stderr.write(
      `Rebuilt ${r.tickets} tickets and ${r.orders} orders from ${r.events} events in ${r.seconds.toFixed(1)} s (${Math.round(r.events / Math.max(r.seconds, 1e-3))} events/s)\n`,
    );
  } finally {
    await services.db.close();
  }
}
