import { findApiKey, hashKey, isTransient, sameHash, touchApiKey } from "@caliper/db";
import type { Principal } from "../context.ts";
import type { Services } from "../services.ts";

/** The bearer key in an Authorization header, or null. */
export function bearerKey(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? (m[1] as string) : null;
}

/**
 * Resolves a presented key to a principal: CALIPER_ADMIN_KEY (compared as hashes, in
 * constant time), else a stored key by its SHA-256. Unknown or revoked keys give null.
 */
export async function resolvePrincipal(services: Services, key: string): Promise<Principal | null> {
  const hash = hashKey(key);
  const admin = services.config.adminKeyHash;
  if (admin !== null && sameHash(admin, hash))
    return { keyId: "env-admin", role: "admin", brands: null, agentId: null };
  const record = await findApiKey(services.db, key);
  if (!record || record.revokedAt !== null) return null;
  // In the background. A busy database (another process holding the write lock for longer than
  // the wait) is not worth a warning: the key's next use records it.
  void touchApiKey(services.db, record.id).catch((err: unknown) => {
    if (!isTransient(err)) services.logger.warn("could not record key use", { keyId: record.id, error: String(err) });
  });
  return { keyId: record.id, role: record.role, brands: record.brands, agentId: record.agentId };
}
