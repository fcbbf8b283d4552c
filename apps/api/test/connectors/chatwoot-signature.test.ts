import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signChatwootPayload, verifyChatwootSignature } from "../../src/connectors/chatwoot/index.ts";
import { chatwootBody } from "./fixtures.ts";

const secret = "cw-connector-secret-eyewear-5f2b";
const body = chatwootBody("message_created.agent_reply");
const timestamp = "1772442401";
const now = new Date(1772442401_000 + 10_000);
const signature = signChatwootPayload({ secret, timestamp, rawBody: body });

const verify = (overrides: Partial<Parameters<typeof verifyChatwootSignature>[0]> = {}) =>
  verifyChatwootSignature({ secret, timestamp, signature, rawBody: body, now, ...overrides });

describe("verifyChatwootSignature", () => {
  it("accepts a delivery signed as Chatwoot signs it", () => {
    const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
    expect(signature).toBe(expected);
    expect(verify()).toEqual({ ok: true });
  });

  it("works on the raw bytes, whether given as a string or as bytes", () => {
    expect(verify({ rawBody: new TextEncoder().encode(body) })).toEqual({ ok: true });
    const bytes = Buffer.from(`xx${body}`, "utf8").subarray(2);
    expect(verify({ rawBody: bytes })).toEqual({ ok: true });
  });

  it("rejects a signature made with another secret", () => {
    const other = signChatwootPayload({ secret: "another-brand-secret", timestamp, rawBody: body });
    expect(verify({ signature: other })).toEqual({ ok: false, reason: "mismatch" });
    expect(verify({ secret: "" })).toEqual({ ok: false, reason: "mismatch" });
  });

  it("rejects a body signed without the timestamp", () => {
    const bodyOnly = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
    expect(verify({ signature: bodyOnly })).toEqual({ ok: false, reason: "mismatch" });
  });

  it("rejects a changed body, a changed timestamp, and re-serialised JSON", () => {
    expect(verify({ rawBody: body.replace("Sorry for the wait", "Sorry for the wail") })).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(verify({ timestamp: "1772442402" })).toEqual({ ok: false, reason: "mismatch" });
    expect(verify({ rawBody: JSON.stringify(JSON.parse(body)) })).toEqual({ ok: false, reason: "mismatch" });
  });

  it("rejects a stale timestamp (older than 5 minutes) and one too far in the future", () => {
    const at = (secondsAfter: number) => new Date((Number(timestamp) + secondsAfter) * 1000);
    expect(verify({ now: at(300) })).toEqual({ ok: true });
    expect(verify({ now: at(301) })).toEqual({ ok: false, reason: "stale" });
    expect(verify({ now: at(-301) })).toEqual({ ok: false, reason: "stale" });
    expect(verify({ now: at(3600), toleranceSeconds: 7200 })).toEqual({ ok: true });
    const staleTs = String(Number(timestamp) - 3600);
    expect(
      verify({ timestamp: staleTs, signature: signChatwootPayload({ secret, timestamp: staleTs, rawBody: body }) }),
    ).toEqual({
      ok: false,
      reason: "stale",
    });
  });

  it("tells missing headers from malformed ones", () => {
    expect(verify({ signature: undefined })).toEqual({ ok: false, reason: "missing" });
    expect(verify({ timestamp: undefined })).toEqual({ ok: false, reason: "missing" });
    expect(verify({ signature: "  " })).toEqual({ ok: false, reason: "missing" });
    for (const bad of [
      signature.slice("sha256=".length),
      `sha1=${signature.slice("sha256=".length)}`,
      "sha256=xyz",
      `${signature}00`,
      `sha256=${"g".repeat(64)}`,
    ]) {
      expect(verify({ signature: bad })).toEqual({ ok: false, reason: "malformed" });
    }
    for (const bad of ["12a", "-1772442401", "1772442401.5", "2026-03-02T09:06:41Z"]) {
      expect(verify({ timestamp: bad })).toEqual({ ok: false, reason: "malformed" });
    }
  });

  it("accepts upper-case hex", () => {
    expect(verify({ signature: `sha256=${signature.slice(7).toUpperCase()}` })).toEqual({ ok: true });
  });

  it("only accepts the exact signature of the exact body", () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), (other, otherSecret) => {
        const sig = signChatwootPayload({ secret, timestamp, rawBody: other });
        expect(verify({ rawBody: other, signature: sig })).toEqual({ ok: true });
        if (other !== body) expect(verify({ signature: sig }).ok).toBe(false);
        if (otherSecret !== secret)
          expect(verify({ rawBody: other, signature: sig, secret: otherSecret })).toEqual({
            ok: false,
            reason: "mismatch",
          });
      }),
    );
  });
});
