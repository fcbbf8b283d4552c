import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Customer feedback tokens: `base64url(payload).base64url(HMAC-SHA256(secret, payload part))`.
 * The payload binds one brand and one ticket and carries an expiry; a token is refused when
 * its signature does not match (tampered or signed with another secret) or it has expired.
 */
export interface FeedbackClaims {
  brand: string;
  ticketId: string;
  /** Expiry, Unix seconds. */
  exp: number;
  /** Random id of this link. */
  nonce: string;
}

interface Payload {
  v: 1;
  b: string;
  t: string;
  e: number;
  n: string;
}

const sign = (secret: string, data: string): Buffer => createHmac("sha256", secret).update(data, "utf8").digest();

export function issueFeedbackToken(
  secret: string,
  claims: Omit<FeedbackClaims, "nonce">,
): { token: string; claims: FeedbackClaims } {
  const nonce = randomBytes(9).toString("base64url");
  const payload: Payload = { v: 1, b: claims.brand, t: claims.ticketId, e: claims.exp, n: nonce };
  const body = Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
  return { token: `${body}.${sign(secret, body).toString("base64url")}`, claims: { ...claims, nonce } };
}

export type TokenCheck =
  | { ok: true; claims: FeedbackClaims }
  | { ok: false; reason: "malformed" | "bad_signature" | "expired" };

export function verifyFeedbackToken(secret: string, token: string, now: Date): TokenCheck {
  const parts = token.split(".");
  if (parts.length !== 2 || !parts[0] || !parts[1] || token.length > 2000) return { ok: false, reason: "malformed" };
  const [body, sig] = parts as [string, string];
  const given = Buffer.from(sig, "base64url");
  const want = sign(secret, body);
  if (given.length !== want.length || !timingSafeEqual(given, want)) return { ok: false, reason: "bad_signature" };
  let p: Partial<Payload>;
  try {
    p = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Partial<Payload>;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (
    p.v !== 1 ||
    typeof p.b !== "string" ||
    typeof p.t !== "string" ||
    typeof p.e !== "number" ||
    typeof p.n !== "string"
  )
    return { ok: false, reason: "malformed" };
  if (p.e * 1000 <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, claims: { brand: p.b, ticketId: p.t, exp: p.e, nonce: p.n } };
}
