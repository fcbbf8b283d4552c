import { existsSync } from "node:fs";
import { isPostgresUrl } from "@caliper/db";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { ConfigError } from "../config.ts";

/** A problem with how a command was called: printed with usage, exit code 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig["options"]>;

export function parseFlags<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

export function intFlag(
  value: string | undefined,
  name: string,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number between ${min} and ${max}`);
  return n;
}

/**
 * A whole number from the environment variable `name` (unset or empty: `fallback`); anything
 * else stops the command with a message naming the variable, not a flag.
 */
export function intEnv(name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const value = process.env[name];
  if (value === undefined || value.trim() === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} must be a whole number between ${min} and ${max}, not '${value}'`);
  return n;
}

/** The port to listen on: --port, else PORT, else 8787. */
export const listenPort = (flag: string | undefined): number =>
  flag !== undefined ? intFlag(flag, "port", 8787, 0, 65535) : intEnv("PORT", 8787, 0, 65535);

/** Database target: --db, else CALIPER_DB, else ./caliper.db. */
export const dbTarget = (flag: string | undefined): string => flag ?? process.env.CALIPER_DB ?? "caliper.db";

/**
 * `dbTarget` for a command that reads a store (export, rebuild, keys list and revoke, connectors
 * list): a SQLite file that does not exist is refused rather than created empty, so a mistyped
 * --db says so instead of answering with nothing. PostgreSQL URLs and :memory: pass as they are.
 */
export function existingDbTarget(flag: string | undefined): string {
  const target = dbTarget(flag);
  if (target === ":memory:" || isPostgresUrl(target) || existsSync(target)) return target;
  const from =
    flag !== undefined ? "--db" : process.env.CALIPER_DB !== undefined ? "CALIPER_DB" : "the default ./caliper.db";
  throw new UsageError(`no database at ${target} (${from}); caliper serve, demo, import and migrate create one`);
}
