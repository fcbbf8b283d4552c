import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Role } from "@caliper/domain";
import type BetterSqlite3 from "better-sqlite3";
import type { CaliperDb } from "./database.ts";

export interface ApiKeyRecord {
  id: string;
  role: Role;
  /** Brands the key may act on; null = every brand. */
  brands: string[] | null;
  agentId: string | null;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const hashKey = (key: string): string => createHash("sha256").update(key, "utf8").digest("hex");

/** Compares two hex SHA-256 digests in constant time. */
export const sameHash = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, "hex"), Buffer.from(b, "hex"));

/** A new random key: "cal_" + 32 random bytes in base64url. Its id is the first 12 characters. */
export function generateKey(): { key: string; id: string } {
  const key = `cal_${randomBytes(32).toString("base64url")}`;
  return { key, id: key.slice(0, 12) };
}

export interface CreateKeyInput {
  role: Role;
  brands: string[] | null;
  agentId: string | null;
  label?: string | null;
}

/** Stores a new key (its hash only) and returns the key itself: the one time it is ever shown. */
export async function createApiKey(
  cdb: CaliperDb,
  input: CreateKeyInput,
): Promise<{ key: string; record: ApiKeyRecord }> {
  const { key, id } = generateKey();
  const createdAt = new Date().toISOString();
  await cdb.db
    .insertInto("api_keys")
    .values({
      id,
      hash: hashKey(key),
      role: input.role,
      brands: input.brands ? JSON.stringify(input.brands) : null,
      agent_id: input.agentId,
      label: input.label ?? null,
      created_at: createdAt,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return {
    key,
    record: {
      id,
      role: input.role,
      brands: input.brands,
      agentId: input.agentId,
      label: input.label ?? null,
      createdAt,
      lastUsedAt: null,
      revokedAt: null,
    },
  };
}

type KeyRow = {
  id: string;
  hash: string;
  role: string;
  brands: string | null;
  agent_id: string | null;
  label: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
};

const toRecord = (r: KeyRow): ApiKeyRecord => ({
  id: r.id,
  role: r.role as Role,
  brands: r.brands ? (JSON.parse(r.brands) as string[]) : null,
  agentId: r.agent_id,
  label: r.label,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

const BY_HASH = `select * from "api_keys" where "hash" = ?`;
const byHash = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement<[string], KeyRow>>();

/**
 * The key record for a presented key, or null when unknown. Revoked keys are returned (callers
 * refuse them). On SQLite the lookup runs straight on the connection, so a request's
 * authentication does not queue behind an ingest transaction that kysely holds the connection
 * for: it reads the api_keys table, which no ingest writes, and sees every committed revocation.
 */
export async function findApiKey(cdb: CaliperDb, presented: string): Promise<ApiKeyRecord | null> {
  const hash = hashKey(presented);
  let row: KeyRow | undefined;
  if (cdb.sqlite) {
    let stmt = byHash.get(cdb.sqlite);
    if (!stmt) {
      stmt = cdb.sqlite.prepare<[string], KeyRow>(BY_HASH);
      byHash.set(cdb.sqlite, stmt);
    }
    row = stmt.get(hash);
  } else row = await cdb.db.selectFrom("api_keys").selectAll().where("hash", "=", hash).executeTakeFirst();
  if (!row || !sameHash(row.hash, hash)) return null;
  return toRecord(row);
}

export async function listApiKeys(cdb: CaliperDb): Promise<ApiKeyRecord[]> {
  const rows = await cdb.db.selectFrom("api_keys").selectAll().orderBy("created_at").execute();
  return rows.map(toRecord);
}

/** Whether the store holds an unrevoked key of `role`. */
export async function hasActiveKey(cdb: CaliperDb, role: ApiKeyRecord["role"]): Promise<boolean> {
  const row = await cdb.db
    .selectFrom("api_keys")
    .select("id")
    .where("role", "=", role)
    .where("revoked_at", "is", null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Marks a key revoked; returns false when no such key id exists. */
export async function revokeApiKey(cdb: CaliperDb, id: string): Promise<boolean> {
  const res = await cdb.db
    .updateTable("api_keys")
    .set({ revoked_at: new Date().toISOString() })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

const TOUCH_EVERY_MS = 60_000;
/** When this process last recorded each key's use, per database. */
const touched = new WeakMap<CaliperDb, Map<string, number>>();

/**
 * Records use of a key, at most once a minute per key, so reads do not turn into writes: the
 * UPDATE's own condition holds across processes, and each process also remembers its last
 * recording so the other requests of that minute send no statement at all. A recording that
 * fails is forgotten, so the key's next use records it.
 */
export async function touchApiKey(cdb: CaliperDb, id: string, now = new Date()): Promise<void> {
  const seen = touched.get(cdb) ?? new Map<string, number>();
  touched.set(cdb, seen);
  const last = seen.get(id);
  if (last !== undefined && now.getTime() - last < TOUCH_EVERY_MS && now.getTime() >= last) return;
  seen.set(id, now.getTime());
  const cutoff = new Date(now.getTime() - TOUCH_EVERY_MS).toISOString();
  try {
    await cdb.db
      .updateTable("api_keys")
      .set({ last_used_at: now.toISOString() })
      .where("id", "=", id)
      .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<", cutoff)]))
      .execute();
  } catch (err) {
    // Not recorded (another process held the write lock throughout, say): the next use tries again.
    if (seen.get(id) === now.getTime()) seen.delete(id);
    throw err;
  }
}
