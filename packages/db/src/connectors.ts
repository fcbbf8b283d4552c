import type { CaliperDb } from "./database.ts";

export interface ConnectorRecord {
  brand: string;
  kind: string;
  secretId: string;
  config: Record<string, unknown>;
  createdAt: string;
}

/** Creates or replaces a brand's connector of a kind (a new secret id invalidates the old secret). */
export async function saveConnector(cdb: CaliperDb, r: Omit<ConnectorRecord, "createdAt">): Promise<ConnectorRecord> {
  const createdAt = new Date().toISOString();
  await cdb.db
    .insertInto("connectors")
    .values({
      brand: r.brand,
      kind: r.kind,
      secret_id: r.secretId,
      config: JSON.stringify(r.config),
      created_at: createdAt,
    })
    .onConflict((oc) =>
      oc
        .columns(["brand", "kind"])
        .doUpdateSet({ secret_id: r.secretId, config: JSON.stringify(r.config), created_at: createdAt }),
    )
    .execute();
  return { ...r, createdAt };
}

export async function findConnector(cdb: CaliperDb, brand: string, kind: string): Promise<ConnectorRecord | null> {
  const row = await cdb.db
    .selectFrom("connectors")
    .selectAll()
    .where("brand", "=", brand)
    .where("kind", "=", kind)
    .executeTakeFirst();
  return row
    ? {
        brand: row.brand,
        kind: row.kind,
        secretId: row.secret_id,
        config: JSON.parse(row.config) as Record<string, unknown>,
        createdAt: row.created_at,
      }
    : null;
}

export async function listConnectors(cdb: CaliperDb): Promise<ConnectorRecord[]> {
  const rows = await cdb.db.selectFrom("connectors").selectAll().orderBy("brand").orderBy("kind").execute();
  return rows.map((row) => ({
    brand: row.brand,
    kind: row.kind,
    secretId: row.secret_id,
    config: JSON.parse(row.config) as Record<string, unknown>,
    createdAt: row.created_at,
  }));
}

/** Keeps a payload that could not be mapped, so nothing a helpdesk sent is lost. */
export async function addDeadLetter(
  cdb: CaliperDb,
  d: { brand: string; source: string; reason: string; payload: string },
): Promise<void> {
  await cdb.db
    .insertInto("dead_letters")
    .values({ ...d, received_at: new Date().toISOString() })
    .execute();
}

export interface DeadLetter {
  id: number;
  brand: string;
  source: string;
  reason: string;
  payload: string;
  receivedAt: string;
}

export async function listDeadLetters(
  cdb: CaliperDb,
  brands: readonly string[] | null,
  limit: number,
): Promise<DeadLetter[]> {
  let q = cdb.db.selectFrom("dead_letters").selectAll().orderBy("id", "desc").limit(limit);
  if (brands !== null) q = q.where("brand", "in", brands.length ? [...brands] : [""]);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    brand: r.brand,
    source: r.source,
    reason: r.reason,
    payload: r.payload,
    receivedAt: r.received_at,
  }));
}
