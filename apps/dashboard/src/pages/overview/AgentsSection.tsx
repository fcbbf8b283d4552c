import type { AgentFigures } from "@caliper/client";
import { Link } from "react-router-dom";
import { useClient } from "../../api/ApiProvider.tsx";
import { useApi } from "../../api/use-api.ts";
import { type Column, DataTable, type SortState } from "../../components/DataTable.tsx";
import { ExportButton } from "../../components/ExportButton.tsx";
import { Section } from "../../components/PageHeader.tsx";
import { AsyncView } from "../../components/states.tsx";
import type { Instants, RangeSpec } from "../../lib/date-range.ts";
import { csvFilename } from "../../lib/download.ts";
import { formatCount, formatDuration, formatPercent, formatScore } from "../../lib/format.ts";
import { useUrlState } from "../../lib/use-url-state.ts";
import { filtersQuery, readEnum } from "../../lib/url-state.ts";
import { link } from "../../components/styles.ts";

export function agentColumns(linkQuery: string, businessHours: boolean): Column<AgentFigures>[] {
  const frt = (a: AgentFigures) => (businessHours ? a.frtBusinessMedianSeconds : a.frtMedianSeconds);
  return [
    {
      id: "agent",
      header: "Agent",
      value: (a) => a.agent,
      render: (a) => (
        <Link className={`${link} font-medium`} to={`/agents/${encodeURIComponent(a.agent)}${linkQuery}`}>
          {a.agent}
        </Link>
      ),
    },
    {
      id: "tickets",
      header: "Tickets",
      value: (a) => a.tickets,
      render: (a) => formatCount(a.tickets),
      align: "right",
    },
    { id: "solved", header: "Solved", value: (a) => a.solved, render: (a) => formatCount(a.solved), align: "right" },
    {
      id: "resolutionRate",
      header: "Resolution rate",
      value: (a) => a.resolutionRate,
      render: (a) => formatPercent(a.resolutionRate),
      align: "right",
    },
    {
      id: "frt",
      header: businessHours ? "Median first response (business hours)" : "Median first response",
      csvHeader: businessHours ? "Median first response, business hours (s)" : "Median first response (s)",
      value: frt,
      render: (a) => formatDuration(frt(a)),
      align: "right",
    },
    { id: "fcrRate", header: "FCR", value: (a) => a.fcrRate, render: (a) => formatPercent(a.fcrRate), align: "right" },
    {
      id: "reopenRate",
      header: "Reopened",
      value: (a) => a.reopenRate,
      render: (a) => formatPercent(a.reopenRate),
      align: "right",
    },
    {
      id: "csatScore",
      header: "CSAT",
      value: (a) => a.csatScore,
      render: (a) => formatPercent(a.csatScore),
      align: "right",
    },
    { id: "csatResponses", header: "CSAT responses", value: (a) => a.csatResponses, align: "right" },
    {
      id: "slaBreachRate",
      header: "SLA breach rate",
      value: (a) => a.slaBreachRate,
      render: (a) => formatPercent(a.slaBreachRate),
      align: "right",
    },
    {
      id: "qaAverageScore",
      // Out of 100, as the reviews table's "Score (0–100)"; the CSV keeps its column name.
      header: "QA score (0–100)",
      csvHeader: "QA score",
      value: (a) => a.qaAverageScore,
      render: (a) => formatScore(a.qaAverageScore),
      align: "right",
    },
    { id: "qaReviews", header: "QA reviews", value: (a) => a.qaReviews, align: "right" },
    { id: "flags", header: "Flags", value: (a) => a.flags, align: "right" },
  ];
}

const SORTABLE = [
  "agent",
  "tickets",
  "solved",
  "resolutionRate",
  "frt",
  "fcrRate",
  "reopenRate",
  "csatScore",
  "csatResponses",
  "slaBreachRate",
  "qaAverageScore",
  "qaReviews",
  "flags",
] as const;

/** The agents table: sortable (the sort is in the URL), each agent linking to its scorecard. */
export function AgentsSection({
  brand,
  range,
  instants,
  businessHours,
}: {
  brand: string;
  range: RangeSpec;
  instants: Instants;
  businessHours: boolean;
}) {
  const client = useClient();
  const { params, setParams } = useUrlState();
  const sort: SortState = {
    column: readEnum(params, "sort", SORTABLE, "tickets"),
    dir: readEnum(params, "dir", ["asc", "desc"] as const, "desc"),
  };
  const result = useApi(`agents|${brand}|${instants.from}|${instants.to}`, (c) =>
    c.agents({ brand, from: instants.from, to: instants.to }),
  );
  const linkQuery = filtersQuery({ brand, range });

  return (
    <Section title="Agents">
      <AsyncView result={result} label="agents">
        {(data) => (
          <DataTable
            caption="Agents"
            hideCaption
            columns={agentColumns(linkQuery, businessHours)}
            rows={data.agents}
            rowKey={(a) => a.agent}
            sort={sort}
            onSortChange={(s) => setParams({ sort: s.column, dir: s.dir }, { replace: true })}
            filename={`agents-${brand}-${instants.from.slice(0, 10)}`}
            emptyMessage="No agent handled tickets in this period."
            actions={
              <ExportButton
                label="Export agents (server CSV)"
                filename={csvFilename("agents-export", brand, instants.from.slice(0, 10))}
                load={() => client.exportAgents({ brand, from: instants.from, to: instants.to })}
              />
            }
          />
        )}
      </AsyncView>
    </Section>
  );
}
