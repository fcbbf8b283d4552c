import type { SpanKeyColumns } from "../schema.ts";
import { SPANS, type Span, spanStart } from "../spans.ts";

/**
 * The span keys a ticket created on `day` by `agent` counts in: day, week, month (or only the
 * `kinds` given) × brand, agent.
 */
export function spanKeysOf(
  brand: string,
  day: string,
  agent: string,
  kinds: readonly Span[] = SPANS,
): SpanKeyColumns[] {
  const out: SpanKeyColumns[] = [];
  for (const span of kinds)
    for (const scope of ["brand", "agent"] as const)
      out.push({ brand, span, start: spanStart(span, day), scope, agent: scope === "agent" ? agent : "" });
  return out;
}

/**
 * Spreads changes kept per (brand, day, agent) over the spans each counts in (six, or two per
 * kind given): one entry per `id` (a span key, plus a clock or metric where the table has one),
 * made by `create` the first time and given every day's change by `merge`.
 */
export function spreadOverSpans<D extends { brand: string; day: string; agent: string }, S>(
  days: Iterable<D>,
  id: (key: SpanKeyColumns, d: D) => string,
  create: (key: SpanKeyColumns, d: D) => S,
  merge: (into: S, d: D) => void,
  kinds: readonly Span[] = SPANS,
): Map<string, S> {
  const out = new Map<string, S>();
  for (const d of days)
    for (const key of spanKeysOf(d.brand, d.day, d.agent, kinds)) {
      const k = id(key, d);
      let entry = out.get(k);
      if (entry === undefined) {
        entry = create(key, d);
        out.set(k, entry);
      }
      merge(entry, d);
    }
  return out;
}

/** Adds every value of `from` to the same key of `into`. */
export function addAll<K>(into: Map<K, number>, from: Iterable<[K, number]>): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
}

/** A span key as text, for maps. */
export const spanKeyText = (k: SpanKeyColumns): string => [k.brand, k.span, k.start, k.scope, k.agent].join("\u001f");

/** WHERE the row has a span key: the condition, with `spanKeyParams(k)` bound in this order. */
export const SAME_SPAN_KEY = `"brand" = ? and "span" = ? and "start" = ? and "scope" = ? and "agent" = ?`;
export const spanKeyParams = (k: SpanKeyColumns): string[] => [k.brand, k.span, k.start, k.scope, k.agent];
