import type { ExpressionBuilder } from "kysely";
import type { Database, SpanKeyColumns } from "../schema.ts";
import { SPANS, spanStart } from "../spans.ts";

type SpanTable = "rollup_daily_span" | "rollup_sla_span" | "rollup_sketch_span";

/** The six span keys a ticket created on `day` by `agent` counts in: day, week, month × brand, agent. */
export function spanKeysOf(brand: string, day: string, agent: string): SpanKeyColumns[] {
  const out: SpanKeyColumns[] = [];
  for (const span of SPANS)
    for (const scope of ["brand", "agent"] as const)
      out.push({ brand, span, start: spanStart(span, day), scope, agent: scope === "agent" ? agent : "" });
  return out;
}

/** A span key as text, for maps. */
export const spanKeyText = (k: SpanKeyColumns): string => [k.brand, k.span, k.start, k.scope, k.agent].join("\u001f");

/** WHERE the row has this span key. */
export const sameSpanKey = (k: SpanKeyColumns) => (eb: ExpressionBuilder<Database, SpanTable>) =>
  eb.and([
    eb("brand", "=", k.brand),
    eb("span", "=", k.span),
    eb("start", "=", k.start),
    eb("scope", "=", k.scope),
    eb("agent", "=", k.agent),
  ]);
