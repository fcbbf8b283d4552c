import { type CaliperDb, openDatabase } from "@caliper/db";
import type { PolicySet } from "@caliper/policy";
import { adminKeyHash, ConfigError, loadPolicies, publicUrlSetting, signingSecret, switchSetting } from "./config.ts";
import { jsonLogger, type Logger } from "./logger.ts";
import type { Services } from "./services.ts";

export interface BootstrapOptions {
  db: string;
  policiesFile?: string | undefined;
  /** The links' base when CALIPER_PUBLIC_URL is unset (serve and demo: the address they listen on). */
  defaultPublicUrl?: string;
  logger?: Logger;
  /** SQLite: checkpoint the write-ahead log in a background thread (long-running writers: serve, demo, import). */
  backgroundCheckpoints?: boolean;
}

export const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;

/** CALIPER_BODY_LIMIT in bytes (1 KB .. 1 GB); anything else stops the start. */
function bodyLimit(value: string | undefined): number {
  if (value === undefined || value === "") return DEFAULT_BODY_LIMIT;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1024 || n > 1024 ** 3)
    throw new ConfigError(
      `CALIPER_BODY_LIMIT must be a whole number of bytes between 1024 and ${1024 ** 3}, not '${value}'`,
    );
  return n;
}

/** CALIPER_PG_POOL: connections each process keeps to PostgreSQL (1 .. 1000; default 10). */
export function pgPoolSize(value: string | undefined): number {
  if (value === undefined || value === "") return DEFAULT_PG_POOL;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new ConfigError("CALIPER_PG_POOL must be a whole number of connections between 1 and 1000");
  return n;
}
const DEFAULT_PG_POOL = 10;

/** Opens the database (migrating it), loads policies and reads the environment into Services. */
export async function bootstrap(options: BootstrapOptions): Promise<Services> {
  const policies: PolicySet = loadPolicies(options.policiesFile ?? process.env.CALIPER_POLICIES);
  const adminHash = adminKeyHash(process.env.CALIPER_ADMIN_KEY);
  // Checked at start whether or not the command builds links, serves or rebuilds.
  const envPublicUrl = publicUrlSetting();
  // Read where they are used, by the same switchSetting: a bad value fails here, not per request.
  switchSetting("CALIPER_TRUST_PROXY", false);
  switchSetting("CALIPER_AUTO_REBUILD", true);
  const logger = options.logger ?? jsonLogger();
  const db: CaliperDb = await openDatabase(options.db, {
    poolSize: pgPoolSize(process.env.CALIPER_PG_POOL),
    // Said before they run: on a big store some take a minute, and nothing else is logged meanwhile.
    onMigrating: (pending) => logger.info("applying database migrations", { migrations: pending.join(", ") }),
    backgroundCheckpoints: options.backgroundCheckpoints === true,
    // SQLite's own checkpoint still runs as a backstop, so this is a warning, not a failure.
    onCheckpointError: (message) => logger.warn("background checkpoint failed", { error: message }),
    // Reads stay exact meanwhile (they take marked days from the per-day rollups), so a warning too.
    onSpanRefreshError: (message) => logger.warn("span rollup refresh failed", { error: message }),
  });
  try {
    const secret = await signingSecret(db, process.env.CALIPER_SECRET);
    return {
      db,
      policies,
      projection: { backend: db.backend, policies },
      config: {
        adminKeyHash: adminHash,
        secret,
        // Without its trailing slash: a link built on "https://qa.example.com/" would point at
        // "//feedback", which no route answers.
        publicUrl: (envPublicUrl ?? options.defaultPublicUrl ?? "http://127.0.0.1:8787").replace(/\/+$/, ""),
        bodyLimit: bodyLimit(process.env.CALIPER_BODY_LIMIT),
      },
      logger,
      now: () => new Date(),
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}
