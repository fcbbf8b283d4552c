import { migrateToLatest, openDatabase, pendingMigrations } from "@caliper/db";
import { dbTarget, parseFlags } from "./args.ts";

export const MIGRATE_USAGE = "caliper migrate [--db …]\n\nApplies pending database migrations (serve does this too).";

export async function migrateCommand(argv: string[]): Promise<void> {
  const { values } = parseFlags(argv, { db: { type: "string" } });
  const cdb = await openDatabase(dbTarget(values.db), { migrate: false });
  try {
    // Said first: on a big store a migration can take a minute (013 on PostgreSQL).
    const pending = await pendingMigrations(cdb.db, cdb.backend);
    if (pending.length > 0) process.stderr.write(`Applying ${pending.join(", ")}…\n`);
    const t0 = performance.now();
    const r = await migrateToLatest(cdb.db, cdb.backend);
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    const applied = (r.results ?? []).filter((m) => m.status === "Success").map((m) => m.migrationName);
    process.stderr.write(
      applied.length > 0
        ? `Applied ${applied.join(", ")} in ${seconds} s\n`
        : pending.length > 0
          ? "Schema is up to date (another process applied them meanwhile)\n"
          : "Schema is up to date\n",
    );
  } finally {
    await cdb.close();
  }
}
