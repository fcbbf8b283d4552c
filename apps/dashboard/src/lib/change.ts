/** The "change against the previous period" shown on KPI cards. */

export type Better = "higher" | "lower" | "neutral";

export interface Change {
  /** What the user reads: "+12.5%", "-3.2 pp", "+1.5 pts", "no change". */
  text: string;
  direction: "up" | "down" | "flat";
  /** true: an improvement; false: worse; null: neither (neutral figure or no change). */
  good: boolean | null;
}

function judge(delta: number, better: Better): Change["good"] {
  if (delta === 0 || better === "neutral") return null;
  return better === "higher" ? delta > 0 : delta < 0;
}

function signed(n: number, digits: number): string {
  const s = Math.abs(n).toFixed(digits);
  return `${n > 0 ? "+" : "-"}${s}`;
}

/**
 * Relative change of a count or duration: 110 vs 100 -> "+10.0%". Null when either side has no
 * data or the previous value is zero (no meaningful ratio).
 */
export function relativeChange(current: number | null, previous: number | null, better: Better): Change | null {
  if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous)) return null;
  if (previous === 0) return current === 0 ? { text: "no change", direction: "flat", good: null } : null;
  const ratio = (current - previous) / Math.abs(previous);
  if (Math.abs(ratio) < 0.0005) return { text: "no change", direction: "flat", good: null };
  return { text: `${signed(ratio * 100, 1)}%`, direction: ratio > 0 ? "up" : "down", good: judge(ratio, better) };
}

/**
 * Absolute change of a rate in [0, 1] in percentage points (0.82 vs 0.79 -> "+3.0 pp"), or of a
 * score out of 100 in points (84 vs 82.5 -> "+1.5 pts").
 */
export function pointChange(
  current: number | null,
  previous: number | null,
  better: Better,
  kind: "rate" | "score",
): Change | null {
  if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous)) return null;
  const delta = kind === "rate" ? (current - previous) * 100 : current - previous;
  if (Math.abs(delta) < 0.05) return { text: "no change", direction: "flat", good: null };
  const unit = kind === "rate" ? "pp" : "pts";
  return { text: `${signed(delta, 1)} ${unit}`, direction: delta > 0 ? "up" : "down", good: judge(delta, better) };
}
