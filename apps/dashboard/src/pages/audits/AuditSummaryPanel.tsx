import type { AuditSummary } from "@caliper/client";
import { Card } from "@tremor/react";
import { useApi } from "../../api/use-api.ts";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { Section } from "../../components/PageHeader.tsx";
import { AsyncView, Empty } from "../../components/states.tsx";
import type { Instants } from "../../lib/date-range.ts";
import {
  formatCount,
  formatDecimal,
  formatInterval,
  formatPercent,
  formatScoreOutOf100,
  humanize,
} from "../../lib/format.ts";
import { estimatorLabel } from "../../lib/labels.ts";

type Reviewer = AuditSummary["calibration"]["reviewers"][number];
interface AlphaRow {
  category: string;
  alpha: number | null;
}

const REVIEWER_COLUMNS: Column<Reviewer>[] = [
  { id: "reviewer", header: "Reviewer", value: (r) => r.reviewer },
  { id: "ratings", header: "Ratings", value: (r) => r.ratings, align: "right" },
  {
    id: "meanDeviation",
    header: "Mean deviation from others",
    value: (r) => r.meanDeviation,
    render: (r) => formatDecimal(r.meanDeviation),
    align: "right",
  },
];
const ALPHA_COLUMNS: Column<AlphaRow>[] = [
  { id: "category", header: "Category", value: (r) => r.category, render: (r) => humanize(r.category) },
  {
    id: "alpha",
    header: "Krippendorff's alpha (ordinal)",
    value: (r) => r.alpha,
    render: (r) => formatDecimal(r.alpha),
    align: "right",
  },
];

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <Card role="group" aria-label={label} className="p-4">
      <p className="text-tremor-default text-tremor-content">{label}</p>
      <p className="text-tremor-metric font-semibold text-tremor-content-strong tabular-nums">{value}</p>
      {detail ? <p className="text-tremor-label text-tremor-content">{detail}</p> : null}
    </Card>
  );
}

/** Audit summary: scores, the population compliance estimate with its interval, and calibration. */
export function AuditSummaryPanel({
  brand,
  instants,
  sampleId,
}: {
  brand: string;
  instants: Instants;
  sampleId: string | null;
}) {
  const result = useApi(`audit-summary|${brand}|${instants.from}|${instants.to}|${sampleId ?? ""}`, (c) =>
    c.auditSummary({ brand, ...(sampleId ? { sampleId } : { from: instants.from, to: instants.to }) }),
  );
  return (
    <Section title={sampleId ? `Summary of sample ${sampleId}` : "Summary of the period"}>
      <AsyncView
        result={result}
        label="audit summary"
        isEmpty={(s) => s.reviews === 0}
        empty={
          <Empty title="No reviews yet">Review tickets from a sample to see scores, compliance and calibration.</Empty>
        }
      >
        {(s) => (
          <div className="space-y-4">
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-5">
              <Stat label="Reviews" value={formatCount(s.reviews)} />
              <Stat label="Average score" value={formatScoreOutOf100(s.averageScore)} />
              <Stat label="Pass rate" value={formatPercent(s.passRate)} />
              <Stat label="Critical fails" value={formatCount(s.criticalFails)} />
              <Stat
                label="Compliance estimate"
                value={formatPercent(s.compliance.rate)}
                detail={`95% CI ${formatInterval(s.compliance.ci95)} · n = ${formatCount(s.compliance.n)} · ${estimatorLabel(s.compliance.estimator)}`}
              />
            </div>
            <div className="space-y-3">
              <h3 className="font-semibold text-tremor-content-strong">Calibration</h3>
              {s.calibration.tickets === 0 ? (
                <Empty title="No calibration yet">Calibration needs tickets reviewed by two or more reviewers.</Empty>
              ) : (
                <>
                  <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
                    <Stat label="Tickets reviewed twice or more" value={formatCount(s.calibration.tickets)} />
                    <Stat
                      label="Agreement (overall alpha)"
                      value={formatDecimal(s.calibration.overallAlpha)}
                      detail="Krippendorff's alpha, ordinal: 1 is perfect agreement, 0 is chance."
                    />
                  </div>
                  <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
                    <DataTable
                      caption="Agreement by category"
                      columns={ALPHA_COLUMNS}
                      rows={Object.entries(s.calibration.alpha).map(([category, alpha]) => ({ category, alpha }))}
                      rowKey={(r) => r.category}
                      filename={`calibration-categories-${brand}`}
                    />
                    <DataTable
                      caption="Reviewers"
                      columns={REVIEWER_COLUMNS}
                      rows={s.calibration.reviewers}
                      rowKey={(r) => r.reviewer}
                      filename={`calibration-reviewers-${brand}`}
                    />
                  </div>
                </>
              )}
            </div>
          </div>
        )}
      </AsyncView>
    </Section>
  );
}
