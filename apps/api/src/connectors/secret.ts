import { createHmac, randomBytes } from "node:crypto";

/**
 * A connector's webhook secret is derived from CALIPER_SECRET and a random id stored with the
 * connector, so the database alone never holds it; `caliper connectors add` prints it once.
 * Re-adding a connector draws a new id, which revokes the old secret.
 */
export const newSecretId = (): string => randomBytes(12).toString("base64url");

export const connectorSecret = (masterSecret: string, kind: string, brand: string, secretId: string): string =>
  createHmac("sha256", masterSecret).update(`connector:${kind}:${brand}:${secretId}`, "utf8").digest("base64url");
