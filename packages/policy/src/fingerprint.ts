import { policyToFile } from "./policy-file.ts";
import type { BrandPolicy } from "./types.ts";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as Json)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * A 64-bit hash of a string's UTF-16 code units, as 16 hex digits: two 32-bit FNV-1a lanes with
 * different offset bases. Not cryptographic; stable across runs and platforms.
 */
export function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (a >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/**
 * A stable hash of a brand's effective policy (brand id and every value of the file format; the
 * `sources` notes are left out): it changes exactly when the policy's behaviour may change, e.g.
 * after a policy file was edited, so derived data computed under another fingerprint is stale.
 */
export const policyFingerprint = (p: BrandPolicy): string =>
  hash64(canonicalJson({ brand: p.brand, policy: policyToFile(p) as unknown as Json }));
