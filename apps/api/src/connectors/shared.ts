/**
 * Helpers shared by the helpdesk connectors (Chatwoot, Zendesk): lenient id and time parsing,
 * text clean-up to the limits of DESIGN.md §2, and validation of produced events with
 * `parseEvent`. Pure functions, no I/O.
 */
import { CATEGORIES, type CaliperEvent, type Category, parseEvent } from "@caliper/domain";
import { z } from "zod";

/** An upstream id: an integer (Zendesk uses -1 for its system user) or a non-empty string; kept as a string. */
export const UpstreamId = z.union([z.number().int(), z.string().trim().min(1).max(150)]).transform((v) => String(v));

/** A plain-object view of an unknown value (empty when it is not an object), for optional attributes. */
export function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** True when an attribute is set to something other than null, undefined, false or "". */
export function present(value: unknown): boolean {
  return value !== null && value !== undefined && value !== false && value !== "";
}

/**
 * Free text made acceptable to the event schema: NUL removed, lone surrogates replaced, cut to
 * `max` UTF-16 units without splitting a surrogate pair. Returns undefined for empty text.
 */
export function cleanText(text: unknown, max: number): string | undefined {
  if (typeof text !== "string") return undefined;
  let s = text.replaceAll("\u0000", "").toWellFormed();
  if (s.length > max) {
    s = s.slice(0, max);
    const last = s.charCodeAt(s.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) s = s.slice(0, -1);
  }
  return s.trim() === "" ? undefined : s;
}

const UTC_SUFFIX = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?) ?UTC$/;
/** 10000-01-01T00:00:00Z: events are limited to the years 1970..9999 (as `parseInstant`). */
const END_OF_9999 = 253402300800;
const inRange = (seconds: number): number | null => (seconds >= 0 && seconds < END_OF_9999 ? seconds : null);

/**
 * A point in time as whole Unix seconds (floored), from Unix seconds (number or numeric string;
 * values above 1e11 are taken as milliseconds), an ISO-8601 string with an offset, or Rails'
 * "2020-03-03 13:05:57 UTC". Null when it is none of those, or outside the years 1970..9999.
 */
export function unixSeconds(value: unknown): number | null {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) return null;
    return inRange(Math.floor(value > 1e11 ? value / 1000 : value));
  }
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return unixSeconds(Number(text));
  const utc = UTC_SUFFIX.exec(text);
  const iso = utc ? `${utc[1]}T${utc[2]}Z` : text;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})$/.test(iso)) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : inRange(Math.floor(ms / 1000));
}

/** Unix seconds as the RFC 3339 UTC instant used in events. */
export const isoFromSeconds = (seconds: number): string => new Date(seconds * 1000).toISOString();

/** Lower-case, with spaces and dashes as underscores: how labels and tags are compared with categories. */
const normaliseLabel = (label: string): string =>
  label
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

/**
 * The category named by a label or tag: an explicit mapping first (keys compared normalised),
 * else the first label that is itself a category name ("return-refund" -> return_refund).
 */
export function categoryFromLabels(
  labels: readonly unknown[],
  mapping: Readonly<Record<string, Category>> = {},
): Category | undefined {
  const names = labels.filter((l): l is string => typeof l === "string").map(normaliseLabel);
  const normalisedMapping = new Map(Object.entries(mapping).map(([k, v]) => [normaliseLabel(k), v]));
  for (const name of names) {
    const mapped = normalisedMapping.get(name);
    if (mapped) return mapped;
  }
  return names.find((n): n is Category => (CATEGORIES as readonly string[]).includes(n));
}

/**
 * Validates event inputs with `parseEvent`; all or nothing. The reason names the event id and
 * every failing field path.
 */
export function validateEvents(
  inputs: readonly unknown[],
): { ok: true; events: CaliperEvent[] } | { ok: false; reason: string } {
  const events: CaliperEvent[] = [];
  const problems: string[] = [];
  for (const input of inputs) {
    const r = parseEvent(input);
    if (r.success) events.push(r.data);
    else {
      const id = typeof record(input)["id"] === "string" ? String(record(input)["id"]) : "?";
      const issues = r.error.issues.map((i) => `${i.path.join(".") || "(event)"}: ${i.message}`).join("; ");
      problems.push(`event ${id} is invalid (${issues})`);
    }
  }
  return problems.length === 0 ? { ok: true, events } : { ok: false, reason: problems.join("; ") };
}

/** A short description of why a zod parse failed, for dead-letter reasons and import errors. */
export function describeIssues(error: z.ZodError, max = 5): string {
  const issues = error.issues.slice(0, max).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  const more = error.issues.length > max ? ` (+${error.issues.length - max} more)` : "";
  return issues.join("; ") + more;
}
