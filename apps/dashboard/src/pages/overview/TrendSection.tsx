import type { Interval } from "@caliper/client";
import { useApi } from "../../api/use-api.ts";
import { ChartCard } from "../../components/charts/ChartCard.tsx";
import { Bars, LineTrend } from "../../components/charts/LazyCharts.tsx";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { Section } from "../../components/PageHeader.tsx";
import { AsyncView, Empty } from "../../components/states.tsx";
import { bucketDate } from "../../lib/buckets.ts";
import type { Instants } from "../../lib/date-range.ts";
import { formatCount, formatDuration, formatPercent, fromHours, hours } from "../../lib/format.ts";
import { hasTrendData, mergeSeries, TREND_METRICS, type TrendRow } from "./trend.ts";

const columns = (timeZone: string, interval: Interval): Column<TrendRow>[] => [
  {
    id: "start",
    header: "Period start",
    value: (r) => r.span.from,
    render: (r) => bucketDate(r.span, interval, timeZone),
    csv: (r) => r.start,
  },
  { id: "tickets", header: "Tickets", value: (r) => r.tickets, render: (r) => formatCount(r.tickets), align: "right" },
  {
    id: "frt_median",
    header: "First response median",
    csvHeader: "First response median (s)",
    value: (r) => r.frt_median,
    render: (r) => formatDuration(r.frt_median),
    align: "right",
  },
  {
    id: "frt_p90",
    header: "First response p90",
    csvHeader: "First response p90 (s)",
    value: (r) => r.frt_p90,
    render: (r) => formatDuration(r.frt_p90),
    align: "right",
  },
  {
    id: "csat_score",
    header: "CSAT",
    value: (r) => r.csat_score,
    render: (r) => formatPercent(r.csat_score),
    align: "right",
  },
  {
    id: "sla_breaches",
    header: "SLA breaches",
    value: (r) => r.sla_breaches,
    render: (r) => formatCount(r.sla_breaches),
    align: "right",
  },
];

const percentAxis = (v: number) => `${v.toFixed(0)}%`;
const countAxis = (v: number) => formatCount(v);

export function TrendSection({
  brand,
  instants,
  interval,
  timeZone,
}: {
  brand: string;
  instants: Instants;
  interval: Interval;
  /** The store's: buckets start at its local midnights. */
  timeZone: string;
}) {
  const result = useApi(`trend|${brand}|${instants.from}|${instants.to}|${interval}|${timeZone}`, async (client) => {
    const series = await Promise.all(
      TREND_METRICS.map((metric) =>
        client.timeseries({ brand, from: instants.from, to: instants.to, metric, interval }),
      ),
    );
    return mergeSeries(series, timeZone, interval, instants);
  });

  return (
    <Section title="Trends">
      <AsyncView
        result={result}
        label="trends"
        isEmpty={(rows) => !hasTrendData(rows)}
        empty={<Empty title="No trend data for this period" />}
      >
        {(rows) => (
          <>
            <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
              <ChartCard title="First response time (median and p90)">
                <LineTrend
                  label={`First response median and p90 per ${interval}`}
                  data={rows.map((r) => ({ period: r.label, Median: hours(r.frt_median), p90: hours(r.frt_p90) }))}
                  index="period"
                  categories={["Median", "p90"]}
                  colors={["blue", "amber"]}
                  valueFormatter={fromHours}
                />
              </ChartCard>
              <ChartCard title="CSAT">
                <LineTrend
                  label={`CSAT per ${interval}`}
                  data={rows.map((r) => ({ period: r.label, CSAT: r.csat_score === null ? null : r.csat_score * 100 }))}
                  index="period"
                  categories={["CSAT"]}
                  colors={["emerald"]}
                  valueFormatter={percentAxis}
                  minValue={0}
                  maxValue={100}
                />
              </ChartCard>
              <ChartCard title="SLA breaches">
                <Bars
                  label={`SLA breaches per ${interval}`}
                  data={rows.map((r) => ({ period: r.label, Breaches: r.sla_breaches }))}
                  index="period"
                  categories={["Breaches"]}
                  colors={["rose"]}
                  valueFormatter={countAxis}
                />
              </ChartCard>
              <ChartCard title="Tickets created">
                <Bars
                  label={`Tickets created per ${interval}`}
                  data={rows.map((r) => ({ period: r.label, Tickets: r.tickets }))}
                  index="period"
                  categories={["Tickets"]}
                  colors={["indigo"]}
                  valueFormatter={countAxis}
                />
              </ChartCard>
            </div>
            <details className="group">
              <summary className="cursor-pointer text-tremor-default font-medium text-tremor-brand">
                Trend figures as a table
              </summary>
              <div className="mt-2">
                <DataTable
                  caption={`Trend per ${interval}`}
                  columns={columns(timeZone, interval)}
                  rows={rows}
                  rowKey={(r) => r.start}
                  filename={`trend-${brand}-${interval}`}
                />
              </div>
            </details>
          </>
        )}
      </AsyncView>
    </Section>
  );
}
