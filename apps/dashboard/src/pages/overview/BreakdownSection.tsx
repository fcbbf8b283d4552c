import { useApi } from "../../api/use-api.ts";
import { ChartCard } from "../../components/charts/ChartCard.tsx";
import { Bars } from "../../components/charts/LazyCharts.tsx";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { Section } from "../../components/PageHeader.tsx";
import { Segmented } from "../../components/Segmented.tsx";
import { AsyncView, Empty } from "../../components/states.tsx";
import type { Instants } from "../../lib/date-range.ts";
import { formatCount, formatDuration, formatPercent } from "../../lib/format.ts";
import { CATEGORIES, CHANNELS, categoryLabel, channelLabel } from "../../lib/labels.ts";
import { frtMedian, slaTotals } from "./kpis.ts";

export type Dimension = "category" | "channel";

export interface BreakdownRow {
  id: string;
  label: string;
  tickets: number;
  solved: number;
  frtMedianSeconds: number | null;
  resolutionRate: number | null;
  csatScore: number | null;
  csatResponses: number;
  slaBreachRate: number | null;
}

/** The table's columns: the first names the dimension, the first response says which clock it is on. */
export const breakdownColumns = (dimension: Dimension, businessHours: boolean): Column<BreakdownRow>[] => [
  { id: "label", header: dimension === "category" ? "Category" : "Channel", value: (r) => r.label },
  { id: "tickets", header: "Tickets", value: (r) => r.tickets, render: (r) => formatCount(r.tickets), align: "right" },
  {
    id: "frt",
    header: businessHours ? "Median first response (business hours)" : "Median first response",
    csvHeader: businessHours ? "Median first response, business hours (s)" : "Median first response (s)",
    value: (r) => r.frtMedianSeconds,
    render: (r) => formatDuration(r.frtMedianSeconds),
    align: "right",
  },
  {
    id: "resolution",
    header: "Resolution rate",
    value: (r) => r.resolutionRate,
    render: (r) => formatPercent(r.resolutionRate),
    align: "right",
  },
  {
    id: "csat",
    header: "CSAT",
    value: (r) => r.csatScore,
    render: (r) => formatPercent(r.csatScore),
    align: "right",
  },
  { id: "csatResponses", header: "CSAT responses", value: (r) => r.csatResponses, align: "right" },
  {
    id: "sla",
    header: "SLA breach rate",
    value: (r) => r.slaBreachRate,
    render: (r) => formatPercent(r.slaBreachRate),
    align: "right",
  },
];

/**
 * Breakdowns by ticket category or channel: one overview read per value (the API has no
 * grouped read), only for the dimension on screen.
 */
export function BreakdownSection({
  brand,
  instants,
  dimension,
  onDimensionChange,
  businessHours,
}: {
  brand: string;
  instants: Instants;
  dimension: Dimension;
  onDimensionChange: (d: Dimension) => void;
  businessHours: boolean;
}) {
  const result = useApi(`breakdown|${brand}|${instants.from}|${instants.to}|${dimension}`, async (client) => {
    const values = dimension === "category" ? CATEGORIES : CHANNELS;
    const label = dimension === "category" ? categoryLabel : channelLabel;
    const answers = await Promise.all(
      values.map((v) => client.overview({ brand, from: instants.from, to: instants.to, [dimension]: v })),
    );
    return answers.map((o, i) => ({ id: values[i] ?? String(i), label: label(values[i] ?? null), overview: o }));
  });

  return (
    <Section
      title="Breakdowns"
      actions={
        <Segmented
          label="Break down by"
          options={[
            { value: "category", label: "Category" },
            { value: "channel", label: "Channel" },
          ]}
          value={dimension}
          onChange={onDimensionChange}
        />
      }
    >
      <AsyncView
        result={result}
        label={`breakdown by ${dimension}`}
        isEmpty={(rows) => rows.every((r) => r.overview.tickets.created === 0)}
        empty={<Empty title={`No tickets by ${dimension} in this period`} />}
      >
        {(answers) => {
          const rows: BreakdownRow[] = answers.map(({ id, label, overview: o }) => ({
            id,
            label,
            tickets: o.tickets.created,
            solved: o.tickets.solved,
            frtMedianSeconds: frtMedian(o, businessHours),
            resolutionRate: o.resolution.rate,
            csatScore: o.csat.score,
            csatResponses: o.csat.responses,
            slaBreachRate: slaTotals(o.sla).rate,
          }));
          const caption = dimension === "category" ? "Tickets by category" : "Tickets by channel";
          return (
            <div className="grid grid-cols-1 gap-3 xl:grid-cols-5">
              <div className="xl:col-span-2">
                <ChartCard title={caption}>
                  <Bars
                    label={caption}
                    data={rows.map((r) => ({ value: r.label, Tickets: r.tickets }))}
                    index="value"
                    categories={["Tickets"]}
                    colors={["blue"]}
                    valueFormatter={(v) => formatCount(v)}
                    layout="vertical"
                  />
                </ChartCard>
              </div>
              <div className="xl:col-span-3">
                <DataTable
                  caption={caption}
                  columns={breakdownColumns(dimension, businessHours)}
                  rows={rows}
                  rowKey={(r) => r.id}
                  initialSort={{ column: "tickets", dir: "desc" }}
                  filename={`breakdown-${dimension}-${brand}`}
                />
              </div>
            </div>
          );
        }}
      </AsyncView>
    </Section>
  );
}
