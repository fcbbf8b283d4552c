/**
 * Filters live in the URL so every view is a shareable link:
 *   ?brand=jewelry&range=30d                      (preset: last 7/30/90 days)
 *   ?brand=jewelry&from=2026-03-01&to=2026-03-31  (custom, inclusive dates)
 * Page-specific parameters (interval, sort, clock, sample...) sit beside them.
 */
import { DEFAULT_RANGE, PRESETS, type PresetDays, parseDate, type RangeSpec } from "./date-range.ts";

export interface Filters {
  brand: string | null;
  range: RangeSpec;
}

export type ParamPatch = Record<string, string | null | undefined>;

function readRange(params: URLSearchParams): RangeSpec {
  const from = params.get("from");
  const to = params.get("to");
  if (from && to) {
    const f = parseDate(from);
    const t = parseDate(to);
    if (f && t && f.getTime() <= t.getTime()) return { kind: "custom", from, to };
  }
  const range = params.get("range");
  const match = range ? /^(\d+)d$/.exec(range) : null;
  const days = match ? Number(match[1]) : Number.NaN;
  if ((PRESETS as readonly number[]).includes(days)) return { kind: "preset", days: days as PresetDays };
  return DEFAULT_RANGE;
}

/** The filters a URL's query string describes (invalid values fall back to the defaults). */
export function readFilters(params: URLSearchParams): Filters {
  const brand = params.get("brand");
  return { brand: brand && brand.trim() !== "" ? brand : null, range: readRange(params) };
}

/** The parameters that encode `filters` (to merge into a query string). */
export function filtersToPatch(filters: Partial<Filters>): ParamPatch {
  const patch: ParamPatch = {};
  if ("brand" in filters) patch.brand = filters.brand ?? null;
  if (filters.range) {
    if (filters.range.kind === "preset") {
      patch.range = `${filters.range.days}d`;
      patch.from = null;
      patch.to = null;
    } else {
      patch.range = null;
      patch.from = filters.range.from;
      patch.to = filters.range.to;
    }
  }
  return patch;
}

/** A copy of `params` with `patch` applied (null/undefined/"" deletes a parameter). */
export function applyPatch(params: URLSearchParams, patch: ParamPatch): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(patch)) {
    if (value === null || value === undefined || value === "") next.delete(name);
    else next.set(name, value);
  }
  return next;
}

/** The query string for `filters` plus extra parameters, with a leading "?" (or ""). */
export function filtersQuery(filters: Partial<Filters>, extra: ParamPatch = {}): string {
  const s = applyPatch(new URLSearchParams(), { ...filtersToPatch(filters), ...extra }).toString();
  return s ? `?${s}` : "";
}

/** One of `allowed`, or `fallback` when the parameter is missing or unknown. */
export function readEnum<T extends string>(
  params: URLSearchParams,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = params.get(name);
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** "1"/"true" -> true; anything else -> false. */
export function readBool(params: URLSearchParams, name: string): boolean {
  const value = params.get(name);
  return value === "1" || value === "true";
}
