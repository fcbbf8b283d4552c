import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { type CaliperDb, hashKey, readMeta } from "@caliper/db";
import { loadPolicySet, type PolicySet, parsePolicyFile } from "@caliper/policy";

/** A configuration problem that stops the process with a message (exit code 2). */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

export const isProduction = (): boolean => process.env.NODE_ENV === "production";

/** Loads and validates a policy file; every problem is listed in the error. Without a file: built-ins. */
export function loadPolicies(file: string | undefined): PolicySet {
  if (!file) return loadPolicySet();
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new ConfigError(`cannot read policy file ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = parsePolicyFile(json);
  if (!parsed.ok) throw new ConfigError(`invalid policy file ${file}`, parsed.problems);
  return loadPolicySet(parsed.file);
}

/**
 * CALIPER_PUBLIC_URL, the address customers and webhooks reach this server at (feedback links
 * are built on it): unset or blank gives undefined; an absolute http(s) URL is taken without its
 * trailing slashes (a link built on "https://qa.example.com/" would point at "//feedback"). A
 * query or fragment is refused too, since paths are appended to it. Anything else stops the start
 * (a ConfigError naming `name`: the variable, or a flag given in its place).
 */
export function publicUrlSetting(
  value: string | undefined = process.env.CALIPER_PUBLIC_URL,
  name = "CALIPER_PUBLIC_URL",
): string | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const url = value.trim();
  // The scheme's "//" is required: new URL() would also take "https:qa.example.com".
  if (!/^https?:\/\/[^/?#\s]/i.test(url) || /[?#\s]/.test(url) || !URL.canParse(url))
    throw new ConfigError(
      `${name} must be an absolute http(s) URL such as https://qa.example.com (no query or fragment), not '${value}'`,
    );
  return url.replace(/\/+$/, "");
}

/**
 * The address links point at when CALIPER_PUBLIC_URL is unset: this server's own, as `serve` and
 * `demo --serve` listen. A wildcard address is reached on loopback (0.0.0.0 at 127.0.0.1, :: at
 * [::1]) and an IPv6 address is bracketed, as a URL writes it.
 */
export function listenUrl(host: string, port: number): string {
  const reachable = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
}

/**
 * An on/off setting (CALIPER_TRUST_PROXY, CALIPER_AUTO_REBUILD): unset or empty gives `fallback`,
 * "1" on, "0" off; anything else stops the start ("yes" behind a proxy would otherwise mean off).
 */
export function switchSetting(name: string, fallback: boolean, value: string | undefined = process.env[name]): boolean {
  if (value === undefined || value === "") return fallback;
  if (value === "1") return true;
  if (value === "0") return false;
  throw new ConfigError(`${name} must be 1 or 0, not '${value}'`);
}

const MIN_SECRET = 32;
const MIN_ADMIN_KEY = 24;

/** SHA-256 of CALIPER_ADMIN_KEY; a key shorter than 24 characters is refused. */
export function adminKeyHash(key: string | undefined): string | null {
  if (key === undefined || key === "") return null;
  if (key.length < MIN_ADMIN_KEY)
    throw new ConfigError(`CALIPER_ADMIN_KEY is too short: use at least ${MIN_ADMIN_KEY} random characters`);
  return hashKey(key);
}

/**
 * The token-signing secret: CALIPER_SECRET (at least 32 characters). Outside production a
 * missing secret is generated once and kept in the database, so links survive restarts; in
 * production it must be set.
 */
export async function signingSecret(db: CaliperDb, value: string | undefined): Promise<string> {
  if (value !== undefined && value !== "") {
    if (value.length < MIN_SECRET)
      throw new ConfigError(`CALIPER_SECRET is too short: use at least ${MIN_SECRET} random characters`);
    return value;
  }
  if (isProduction())
    throw new ConfigError(
      "CALIPER_SECRET is not set: in production it must be set (at least 32 random characters); it signs customer feedback links",
    );
  const stored = await readMeta(db.db, "dev_secret");
  if (stored !== undefined) return stored;
  const secret = randomBytes(32).toString("base64url");
  await db.db
    .insertInto("caliper_meta")
    .values({ key: "dev_secret", value: secret })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  // Another process may have stored its own first: the stored one is the secret.
  const again = await readMeta(db.db, "dev_secret");
  if (again === undefined) throw new Error("the development secret could not be stored");
  return again;
}
