/** Filters of every metric read (DESIGN.md §5): tickets created in [from, to), evaluated at asOf. */
export interface MetricQuery {
  brand: string;
  from: string;
  to: string;
  asOf: string;
  agent?: string | undefined;
  category?: string | undefined;
  channel?: string | undefined;
}

/** True when a query narrows to an agent, category or channel: order clocks (which have none) drop out. */
export const hasTicketFilter = (q: MetricQuery): boolean =>
  q.agent !== undefined || q.category !== undefined || q.channel !== undefined;

export const inPeriod = (q: Pick<MetricQuery, "from" | "to">, at: string): boolean => at >= q.from && at < q.to;
