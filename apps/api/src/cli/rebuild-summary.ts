import type { RebuildResult } from "@caliper/db";

/**
 * What a rebuild did, as `caliper rebuild` prints it (and `caliper demo` after a bulk load): the
 * subjects, events, seconds and rate on one line, where the time went on the next. Scripts (the
 * benchmark suite among them) read these two lines. `indent` goes before each.
 */
export function rebuildSummary(r: RebuildResult, indent = ""): string {
  const t = r.timings;
  return [
    `Rebuilt ${r.tickets} tickets and ${r.orders} orders from ${r.events} events in ${r.seconds.toFixed(1)} s (${Math.round(r.events / Math.max(r.seconds, 1e-3))} events/s)${r.brands ? `, brands ${r.brands.join(", ")} only` : ""}`,
    `  time: clear ${t.clear.toFixed(1)} s, read ${t.read.toFixed(1)} s, compute ${t.compute.toFixed(1)} s, write ${t.write.toFixed(1)} s, rollups ${t.rollups.toFixed(1)} s, indexes ${t.indexes.toFixed(1)} s, span rollups ${t.spans.toFixed(1)} s`,
  ]
    .map((line) => indent + line)
    .join("\n");
}
