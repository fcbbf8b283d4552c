import { AgentId, BrandId, Category, Channel, Instant } from "@caliper/domain";
import type { MetricQuery } from "@caliper/metrics";
import type { Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context.ts";
import { ApiError, validationError } from "../errors.ts";
import { parseQuery } from "./input.ts";

const DAY = 86_400_000;
/** Longest period a metric read covers. */
export const MAX_PERIOD_DAYS = 5 * 366;

/** Query parameters shared by every metric read (DESIGN.md §5). */
export const MetricFilterParams = z.object({
  brand: BrandId.optional().describe("required unless the key is scoped to one brand"),
  from: Instant.optional().describe("start of the period (ticket creation), inclusive; default: 30 days before `to`"),
  to: Instant.optional().describe("end of the period, exclusive; default: asOf"),
  asOf: Instant.optional().describe("evaluate time-dependent figures at this instant; default: now"),
  agent: AgentId.optional(),
  category: Category.optional(),
  channel: Channel.optional(),
  precision: z
    .enum(["auto", "exact", "sketch"])
    .optional()
    .describe("auto (default): exact for small periods, rollups and sketches otherwise"),
});

/** The brand a request is about: the `brand` parameter, or the key's only brand. */
export function brandFor(c: Context<AppEnv>, requested: string | undefined): string {
  if (requested !== undefined) return requested;
  const brands = c.get("principal")?.brands;
  if (brands && brands.length === 1) return brands[0] as string;
  throw validationError([{ path: "query.brand", message: "is required (this key is not scoped to a single brand)" }]);
}

/** Parses and checks metric filters: a 400 names the bad parameter; from must be before to. */
export function metricQuery(c: Context<AppEnv>, now: Date): MetricQuery & { precision: "auto" | "exact" | "sketch" } {
  const p = parseQuery(c, MetricFilterParams);
  const asOf = p.asOf ?? now.toISOString();
  const to = p.to ?? asOf;
  const from = p.from ?? new Date(Date.parse(to) - 30 * DAY).toISOString();
  if (from >= to) throw validationError([{ path: "query.from", message: "must be before `to`" }]);
  if (Date.parse(asOf) > now.getTime() + 366 * DAY)
    throw validationError([{ path: "query.asOf", message: "must not be more than a year in the future" }]);
  if (Date.parse(to) - Date.parse(from) > MAX_PERIOD_DAYS * DAY)
    throw validationError([{ path: "query.to", message: `the period must not exceed ${MAX_PERIOD_DAYS} days` }]);
  const principal = c.get("principal");
  const agent = principal?.role === "agent" ? (principal.agentId ?? undefined) : p.agent;
  if (principal?.role === "agent" && p.agent !== undefined && p.agent !== principal.agentId)
    throw new ApiError("forbidden", "an agent key may only read its own data");
  return {
    brand: brandFor(c, p.brand),
    from,
    to,
    asOf,
    agent,
    category: p.category,
    channel: p.channel,
    precision: p.precision ?? "auto",
  };
}
