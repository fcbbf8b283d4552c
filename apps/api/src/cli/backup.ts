import { existsSync } from "node:fs";
import { backupDatabase, integrityCheck, isPostgresUrl, openDatabase } from "@caliper/db";
import { dbTarget, parseFlags, UsageError } from "./args.ts";
import { progress } from "./progress.ts";

export const BACKUP_USAGE = `caliper backup --to FILE [--db PATH] [--force]

Copies a SQLite database to FILE while Caliper keeps running and ingesting: an online,
consistent snapshot (SQLite's backup API), checked with PRAGMA integrity_check afterwards.
Restore by stopping Caliper and putting a copy of FILE in place of the database (or serve
--db COPY). Serve a copy, not FILE itself: a server writes to the file it opens.
  --to     the backup file to write (refused if it exists, unless --force)
  --db     SQLite file (env CALIPER_DB; default ./caliper.db)
  --force  replace FILE if it exists
PostgreSQL is backed up with pg_dump / pg_restore; for a postgres:// URL this prints how.`;

/** A word as a POSIX shell reads it: quoted unless it is plain. */
const shellWord = (w: string): string => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replaceAll("'", "'\\''")}'`);

/**
 * The pg_dump / pg_restore commands for a PostgreSQL target (password left out). The restore goes
 * into a new database, `<name>_restored`, created first on the same server as the same user: never
 * the source, which pg_restore --exit-on-error would fail on (or, into an emptied one, lose).
 */
export function postgresBackupGuidance(target: string): string {
  const u = new URL(target);
  const schema = u.searchParams.get("schema");
  u.searchParams.delete("schema");
  if (u.password) u.password = "";
  const url = u.toString();
  const n = schema ? ` --schema=${shellWord(schema)}` : "";
  // libpq's default database is the user's name.
  const source = decodeURIComponent(u.pathname.replace(/^\//, "")) || decodeURIComponent(u.username) || "caliper";
  const restored = `${source}_restored`;
  const r = new URL(url);
  r.pathname = `/${encodeURIComponent(restored)}`;
  const createdb = [
    "createdb",
    ...(u.hostname ? ["-h", shellWord(u.hostname.replace(/^\[(.*)\]$/, "$1"))] : []),
    ...(u.port ? ["-p", u.port] : []),
    ...(u.username ? ["-U", shellWord(decodeURIComponent(u.username))] : []),
    shellWord(restored),
  ].join(" ");
  const serveOn = new URL(r.toString());
  if (schema) serveOn.searchParams.set("schema", schema);
  return [
    "caliper backup copies SQLite files only. For PostgreSQL use its own tools, which take a consistent",
    "snapshot while Caliper keeps running (pass the password through PGPASSWORD or ~/.pgpass):",
    "",
    `  pg_dump --format=custom${n} --file=caliper.dump '${url}'`,
    "",
    `Restore into a new, empty database (${restored}), never the one above, then stop the API`,
    "processes and start them on it:",
    "",
    `  ${createdb}`,
    // No --schema here: a dump made with --schema holds that schema alone, and pg_restore --schema
    // would leave out its CREATE SCHEMA, failing on a new database.
    `  pg_restore --no-owner --exit-on-error --dbname='${r.toString()}' caliper.dump`,
    `  caliper serve --db '${serveOn.toString()}'`,
    "",
    "Managed PostgreSQL: point-in-time recovery (WAL archiving) as your provider offers it.",
    "See docs/operations.md.",
  ].join("\n");
}

export async function backupCommand(argv: string[]): Promise<void> {
  const { values } = parseFlags(argv, {
    db: { type: "string" },
    to: { type: "string" },
    force: { type: "boolean" },
  });
  const target = dbTarget(values.db);
  if (isPostgresUrl(target)) throw new Error(`not a SQLite database\n\n${postgresBackupGuidance(target)}`);
  if (!values.to) throw new UsageError("--to FILE is required");
  if (target === ":memory:") throw new UsageError("an in-memory database has nothing to back up");
  if (!existsSync(target)) throw new Error(`no database at ${target}`);
  // Refused here too (backupDatabase refuses it without naming a CLI flag), before opening anything.
  if (existsSync(values.to) && values.force !== true)
    throw new Error(`${values.to} already exists; choose another file, or --force to replace it`);
  // Read only the schema as it is: a backup never migrates the database it copies.
  const cdb = await openDatabase(target, { migrate: false });
  try {
    const bar = progress("backup", "pages");
    const r = await backupDatabase(
      cdb,
      values.to,
      (p) => bar.update(p.totalPages - p.remainingPages, p.totalPages, p.restarts ? `(${p.restarts} restarts)` : ""),
      { overwrite: values.force === true },
    );
    bar.done();
    const copy = await openDatabase(r.file, { migrate: false });
    let problems: string[];
    try {
      problems = integrityCheck(copy);
    } finally {
      await copy.close();
    }
    if (problems.length !== 1 || problems[0] !== "ok")
      throw new Error(`the backup failed its integrity check:\n  ${problems.slice(0, 20).join("\n  ")}`);
    process.stderr.write(
      `Backed up ${target} to ${r.file}: ${r.pages} pages, ${(r.bytes / 1024 / 1024).toFixed(1)} MiB in ${r.seconds.toFixed(1)} s; integrity_check ok\n`,
    );
  } finally {
    await cdb.close();
  }
}
