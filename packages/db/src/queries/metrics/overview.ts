import { type MetricQuery, type Overview, OverviewAccumulator, type QaSummary } from "@caliper/metrics";
import type { CaliperDb } from "../../database.ts";
import type { ProjectionContext } from "../../projections/projector.ts";
import { collect, type Precision } from "./collect.ts";

/** GET /v1/metrics/overview. */
export async function queryOverview(
  cdb: CaliperDb,
  ctx: ProjectionContext,
  q: MetricQuery,
  precision: Precision = "auto",
  reviews?: Omit<QaSummary, "flags">,
): Promise<Overview> {
  const accs = await collect(cdb, ctx, q, "none", precision);
  return (accs.groups.get("") ?? new OverviewAccumulator(accs.precision)).finalize(reviews);
}
