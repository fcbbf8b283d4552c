import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Role } from "@caliper/domain";
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

/** The key record for a presented key, or null when unknown. Revoked keys are returned (callers refuse them). */
export async function findApiKey(cdb: CaliperDb, presented: string): Promise<ApiKeyRecord | null> {
  const hash = hashKey(presented);
  const row = await cdb.db.selectFrom("api_keys").selectAll().where("hash", "=", hash).executeTakeFirst();
  if (!row || !sameHash(row.hash, hash)) return null;
  return toRecord(row);
}

export async function listApiKeys(cdb: CaliperDb): Promise<ApiKeyRecord[]> {
  const rows = await cdb.db.selectFrom("api_keys").selectAll().orderBy("created_at").execute();
  return rows.map(toRecord);
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

/** Records use of a key, at most once a minute per key, so reads do not turn into writes. */
export async function touchApiKey(cdb: CaliperDb, id: string, now = new Date()): Promise<void> {
  const cutoff = new Date(now.getTime() - 60_000).toISOString();
  await cdb.db
    .updateTable("api_keys")
    .set({ last_used_at: now.toISOString() })
    .where("id", "=", id)
    .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<", cutoff)]))
    .execute();
}
