import type { AuditSample, SampleTicket } from "@caliper/client";
import { Badge } from "@tremor/react";
import { Link } from "react-router-dom";
import { useApi } from "../../api/use-api.ts";
import { usePageFilters } from "../../app/page-filters.ts";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { FilterBar } from "../../components/FilterBar.tsx";
import { PageHeader, Section } from "../../components/PageHeader.tsx";
import { AsyncView, Empty } from "../../components/states.tsx";
import { formatDateTime, formatPercent, formatPeriod } from "../../lib/format.ts";
import { strategyLabel } from "../../lib/labels.ts";
import { AuditSummaryPanel } from "./AuditSummaryPanel.tsx";
import { SampleForm } from "./SampleForm.tsx";
import { btnSecondary, link } from "../../components/styles.ts";
import { reviewHref, ticketHref } from "../../lib/links.ts";

type SampleListItem = Omit<AuditSample, "tickets">;

/** Audits: draw a sample, pick one, work its review queue, read the summary and calibration. */
export default function AuditsPage() {
  const { brand, brands, timeZone, range, instants, params, setFilters, setParams } = usePageFilters();
  const sampleId = params.get("sample");

  const samples = useApi(brand ? `samples|${brand}` : null, (c) => c.samples(brand ?? ""));
  // The brand is required for keys that see several brands (the API answers 400 without it).
  const sample = useApi(brand && sampleId ? `sample|${brand}|${sampleId}` : null, (c) =>
    c.sample(sampleId ?? "", brand ?? undefined),
  );

  const sampleColumns: Column<SampleListItem>[] = [
    {
      id: "id",
      header: "Sample",
      value: (s) => s.id,
      render: (s) => (
        <button
          type="button"
          className={`${link} font-medium`}
          aria-pressed={s.id === sampleId}
          onClick={() => setParams({ sample: s.id })}
        >
          {s.id}
        </button>
      ),
    },
    {
      id: "createdAt",
      header: "Drawn",
      value: (s) => s.createdAt,
      render: (s) => formatDateTime(s.createdAt, timeZone),
    },
    {
      id: "period",
      header: "Period",
      value: (s) => formatPeriod(s.from, s.to, timeZone),
      csv: (s) => `${s.from}/${s.to}`,
    },
    { id: "strategy", header: "Strategy", value: (s) => strategyLabel(s.strategy) },
    { id: "perAgent", header: "Per agent", value: (s) => s.perAgent, align: "right" },
    { id: "seed", header: "Seed", value: (s) => s.seed },
  ];

  return (
    <>
      <PageHeader
        title="Audits"
        subtitle="Draw reproducible samples, review them, and follow compliance and calibration."
      />
      <FilterBar
        brands={brands}
        brand={brand}
        onBrandChange={(b) => setFilters({ brand: b })}
        range={range}
        onRangeChange={(r) => setFilters({ range: r })}
      />
      {brand ? (
        <>
          <Section title="Draw a sample">
            <SampleForm
              brand={brand}
              instants={instants}
              onCreated={(s) => {
                setParams({ sample: s.id });
                samples.reload();
              }}
            />
          </Section>
          <Section title="Samples">
            <AsyncView result={samples} label="samples">
              {(data) => (
                <DataTable
                  caption="Samples"
                  hideCaption
                  columns={sampleColumns}
                  rows={data.samples}
                  rowKey={(s) => s.id}
                  initialSort={{ column: "createdAt", dir: "desc" }}
                  filename={`samples-${brand}`}
                  emptyMessage="No sample drawn yet for this brand."
                />
              )}
            </AsyncView>
          </Section>
          {sampleId ? (
            <Section title="Review queue">
              <AsyncView result={sample} label="review queue">
                {({ sample: s }) => <ReviewQueue sample={s} />}
              </AsyncView>
            </Section>
          ) : (
            <Section title="Review queue">
              <Empty title="No sample selected">Draw a sample or choose one above to see its review queue.</Empty>
            </Section>
          )}
          <AuditSummaryPanel brand={brand} instants={instants} sampleId={sampleId} />
        </>
      ) : (
        <Empty title="No brand to show" />
      )}
    </>
  );
}

function ReviewQueue({ sample }: { sample: AuditSample }) {
  const reviewed = sample.tickets.filter((t) => t.reviewed).length;
  const columns: Column<SampleTicket>[] = [
    {
      id: "status",
      header: "Status",
      value: (t) => (t.reviewed ? "Reviewed" : "To review"),
      render: (t) => (
        <Badge size="xs" color={t.reviewed ? "emerald" : "amber"}>
          {t.reviewed ? "Reviewed" : "To review"}
        </Badge>
      ),
    },
    {
      id: "ticket",
      header: "Ticket",
      value: (t) => t.ticketId,
      render: (t) => (
        <Link className={link} to={ticketHref(t.ticketId, sample.brand)}>
          {t.ticketId}
        </Link>
      ),
    },
    { id: "agent", header: "Agent", value: (t) => t.agent },
    {
      id: "probability",
      header: "Inclusion probability",
      value: (t) => t.inclusionProbability,
      render: (t) => formatPercent(t.inclusionProbability, 1),
      align: "right",
    },
    {
      id: "action",
      header: "Action",
      value: () => null,
      csv: () => "",
      sortable: false,
      render: (t) => (
        <Link className={`${btnSecondary} py-1`} to={reviewHref(t.ticketId, sample.brand, sample.id)}>
          {t.reviewed ? "Review again" : "Review"}
          <span className="sr-only"> ticket {t.ticketId}</span>
        </Link>
      ),
    },
  ];
  // To review first, then by ticket id.
  const rows = [...sample.tickets].sort(
    (a, b) => Number(a.reviewed) - Number(b.reviewed) || a.ticketId.localeCompare(b.ticketId),
  );
  return (
    <DataTable
      caption={`Review queue of sample ${sample.id}`}
      description={`${reviewed} of ${sample.tickets.length} reviewed · ${strategyLabel(sample.strategy)} · ${sample.perAgent} per agent · seed ${sample.seed}`}
      columns={columns}
      rows={rows}
      rowKey={(t) => t.ticketId}
      filename={`sample-${sample.id}`}
      emptyMessage="This sample drew no tickets (no ticket in its period)."
    />
  );
}
