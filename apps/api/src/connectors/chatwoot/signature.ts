/**
 * Chatwoot webhook signatures. Chatwoot signs each delivery with the webhook's secret:
 * `X-Chatwoot-Signature: sha256=<hex HMAC-SHA256(secret, "{X-Chatwoot-Timestamp}.{raw body}")>`,
 * the timestamp being Unix seconds. Verification works on the raw bytes of the body (never on
 * re-serialised JSON), compares digests in constant time, and refuses timestamps more than
 * `toleranceSeconds` away from now (replays, and clocks far in the future).
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export type ChatwootSignatureFailure = "missing" | "malformed" | "stale" | "mismatch";

export interface VerifyChatwootSignatureInput {
  /** The per-brand connector secret. */
  secret: string;
  /** The `X-Chatwoot-Timestamp` header (Unix seconds). */
  timestamp: string | undefined;
  /** The `X-Chatwoot-Signature` header (`sha256=<64 hex>`). */
  signature: string | undefined;
  /** The request body exactly as received. A string is taken as its UTF-8 bytes. */
  rawBody: Uint8Array | string;
  /** Defaults to the current time. */
  now?: Date;
  /** Accepted clock difference in seconds; 300 (5 minutes) by default. */
  toleranceSeconds?: number;
}

const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;
const TIMESTAMP = /^\d{1,12}$/;

const bytesOf = (body: Uint8Array | string): Buffer =>
  typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body.buffer, body.byteOffset, body.byteLength);

const digest = (secret: string, timestamp: string, rawBody: Uint8Array | string): Buffer =>
  createHmac("sha256", secret).update(`${timestamp}.`, "utf8").update(bytesOf(rawBody)).digest();

/** The `X-Chatwoot-Signature` value Chatwoot sends for this body and timestamp (for tests and tools). */
export function signChatwootPayload(input: {
  secret: string;
  timestamp: string;
  rawBody: Uint8Array | string;
}): string {
  return `sha256=${digest(input.secret, input.timestamp, input.rawBody).toString("hex")}`;
}

/**
 * Checks a Chatwoot delivery. Order of checks: headers present ("missing"), well-formed
 * ("malformed"), signature matches ("mismatch"), then timestamp fresh ("stale": an authentic
 * delivery replayed or delayed past the tolerance). An empty secret never verifies anything.
 */
export function verifyChatwootSignature(
  input: VerifyChatwootSignatureInput,
): { ok: true } | { ok: false; reason: ChatwootSignatureFailure } {
  const timestamp = input.timestamp?.trim();
  const signature = input.signature?.trim();
  if (!timestamp || !signature) return { ok: false, reason: "missing" };
  const match = SIGNATURE.exec(signature);
  if (!match || !TIMESTAMP.test(timestamp)) return { ok: false, reason: "malformed" };
  if (input.secret === "") return { ok: false, reason: "mismatch" };
  const expected = digest(input.secret, timestamp, input.rawBody);
  const given = Buffer.from(match[1] as string, "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "mismatch" };
  const tolerance = input.toleranceSeconds ?? 300;
  const nowSeconds = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - Number(timestamp)) > tolerance) return { ok: false, reason: "stale" };
  return { ok: true };
}
