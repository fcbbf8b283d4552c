import type { ErrorIssue } from "@caliper/domain";

/**
 * Request input the API refuses wherever it appears (bodies, query values, path segments):
 *
 * - JSON nested deeper than MAX_JSON_DEPTH. JSON.parse takes any depth, but storing or
 *   re-serialising such a value (JSON.stringify, zod, the database driver) recurses and
 *   overflows the stack: a 500 for a 200 kB body of brackets.
 * - Text with NUL characters or lone surrogates. PostgreSQL text cannot hold NUL (the query
 *   fails), and a lone surrogate is not Unicode: it would be stored as U+FFFD on one backend
 *   and kept on the other. The domain's own id and free-text rules refuse both already; this
 *   covers every other string (filters, opaque ids, unknown fields kept in event data).
 */
export const MAX_JSON_DEPTH = 64;

/** At most this many issues are listed for bad text in one request. */
const MAX_TEXT_ISSUES = 20;

/** True when brackets and braces outside strings nest deeper than `max` (a linear scan, no recursion). */
export function jsonNestingExceeds(text: string, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

export type JsonText = { ok: true; value: unknown } | { ok: false; reason: string };

/** Parses JSON from a request: a syntax error or excessive nesting is a reason, never a throw. */
export function parseJsonText(text: string): JsonText {
  if (jsonNestingExceeds(text)) return { ok: false, reason: `nested deeper than ${MAX_JSON_DEPTH} levels` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, reason: err instanceof SyntaxError ? err.message : "unreadable" };
  }
}

/** Why a string cannot be taken as input text, or null when it can. */
export function unsafeTextReason(s: string): string | null {
  if (s.includes("\u0000")) return "must not contain NUL characters";
  if (!s.isWellFormed()) return "must not contain lone surrogates";
  return null;
}

/** Escapes in JSON text that can decode to NUL or a surrogate. */
const SUSPECT_ESCAPE = /\\u(0000|d[89a-f])/i;

/** False when JSON text cannot hold a NUL or a lone surrogate in any string, so no walk is needed. */
export const mayHoldUnsafeText = (jsonText: string): boolean =>
  SUSPECT_ESCAPE.test(jsonText) || !jsonText.isWellFormed();

/**
 * Issues for every string (object keys included) in a parsed JSON value that holds NUL or a
 * lone surrogate, with its path under `prefix` (at most 20).
 */
export function unsafeTextIssues(value: unknown, prefix: readonly (string | number)[]): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  // Depth-first in document order; `key` marks an object member whose name is checked too.
  const stack: Array<{ v: unknown; path: (string | number)[]; key?: string }> = [{ v: value, path: [...prefix] }];
  while (stack.length > 0 && issues.length < MAX_TEXT_ISSUES) {
    const { v, path, key } = stack.pop() as { v: unknown; path: (string | number)[]; key?: string };
    const keyReason = key === undefined ? null : unsafeTextReason(key);
    if (keyReason) issues.push({ path: path.join("."), message: `key ${keyReason}` });
    if (typeof v === "string") {
      const reason = unsafeTextReason(v);
      if (reason) issues.push({ path: path.join("."), message: reason });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
    } else if (v !== null && typeof v === "object") {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i] as [string, unknown];
        stack.push({ v: child, path: [...path, k], key: k });
      }
    }
  }
  return issues.slice(0, MAX_TEXT_ISSUES);
}
