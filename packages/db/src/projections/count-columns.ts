import { ROLLUP_COUNT_FIELDS, type RollupCounts } from "@caliper/metrics";

/** Column of each count field; duration sums are stored in whole milliseconds. */
export const COUNT_COLUMNS = {
  created: "created",
  solved: "solved",
  frtCount: "frt_count",
  awaiting: "awaiting",
  frtSum: "frt_sum_ms",
  frtBusinessSum: "frt_business_sum_ms",
  resolutionCount: "resolution_count",
  resolutionSum: "resolution_sum_ms",
  fcr: "fcr",
  reopened: "reopened",
  csatResponses: "csat_responses",
  csatSatisfied: "csat_satisfied",
  csatRatingSum: "csat_rating_sum",
  flags: "flags",
} as const satisfies Record<keyof RollupCounts, string>;

const MS_FIELDS: ReadonlySet<keyof RollupCounts> = new Set(["frtSum", "frtBusinessSum", "resolutionSum"]);

/** A count field as stored: durations in whole milliseconds. */
export const toColumnValue = (field: keyof RollupCounts, v: number): number =>
  MS_FIELDS.has(field) ? Math.round(v * 1000) : v;
/** A stored column value back as a count field (seconds for durations). */
export const fromColumnValue = (field: keyof RollupCounts, v: number): number => (MS_FIELDS.has(field) ? v / 1000 : v);

/** Every stored count column of rollup_daily (and rollup_daily_span), in COUNT_COLUMNS' order. */
export const COUNT_COLUMN_NAMES = Object.values(COUNT_COLUMNS);

/** The count fields of a stored rollup row (rollup_daily or rollup_daily_span, or sums of their columns). */
export function countsOfRow(row: Readonly<Record<string, unknown>>): RollupCounts {
  return Object.fromEntries(
    ROLLUP_COUNT_FIELDS.map((f) => [f, fromColumnValue(f, Number(row[COUNT_COLUMNS[f]] ?? 0))]),
  ) as unknown as RollupCounts;
}
