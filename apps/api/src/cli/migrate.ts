import { migrateToLatest, openDatabase } from "@caliper/db";
import { dbTarget, parseFlags } from "./args.ts";

export const MIGRATE_USAGE = "caliper migrate [--db …]\n\nApplies pending database migrations (serve does this too).";

export async function migrateCommand(argv: string[]): Promise<void> {
  const { values } = parseFlags(argv, { db: { type: "string" } });
  const cdb = await openDatabase(dbTarget(values.db), { migrate: false });
  try {
    const r = await migrateToLatest(cdb.db, cdb.backend);
    const applied = (r.results ?? []).filter((m) => m.status === "Success").map((m) => m.migrationName);
    process.stderr.write(applied.length ? `Applied ${applied.join(", ")}\n` : "Schema is up to date\n");
  } finally {
    await cdb.close();
  }
}
