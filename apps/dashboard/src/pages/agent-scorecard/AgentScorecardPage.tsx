import type { Scorecard } from "@caliper/client";
import type { ReactNode } from "react";
import { Link, useLocation, useParams } from "react-router-dom";
import { useApi } from "../../api/use-api.ts";
import { usePageFilters } from "../../app/page-filters.ts";
import { isManagerRole } from "../../auth/session.ts";
import { ChartCard } from "../../components/charts/ChartCard.tsx";
import { Bars, LineTrend } from "../../components/charts/LazyCharts.tsx";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { FilterBar } from "../../components/FilterBar.tsx";
import { FlagCard } from "../../components/FlagCard.tsx";
import { PageHeader, Section } from "../../components/PageHeader.tsx";
import { AsyncView, Empty } from "../../components/states.tsx";
import { bucketDate } from "../../lib/buckets.ts";
import { describeRange } from "../../lib/date-range.ts";
import { formatCount, formatDateTime, formatDuration, formatPercent, fromHours, hours } from "../../lib/format.ts";
import { ReviewsTable } from "../audits/ReviewsTable.tsx";
import { comparison, type FigureRow, figureRows } from "./figures.ts";
import { type TrendWeek, trendWeeks } from "./trend.ts";
import { link } from "../../components/styles.ts";
import { ticketHref } from "../../lib/links.ts";

type FeedbackItem = Scorecard["recentFeedback"][number];

const figureColumns = (own: boolean): Column<FigureRow>[] => [
  { id: "label", header: "Figure", value: (r) => r.label, sortable: false },
  {
    id: "agent",
    header: own ? "You" : "Agent",
    value: (r) => r.agent,
    render: (r) => r.format(r.agent),
    align: "right",
    sortable: false,
  },
  {
    id: "team",
    header: "Team median",
    value: (r) => r.team,
    render: (r) => r.format(r.team),
    align: "right",
    sortable: false,
  },
  {
    id: "comparison",
    header: "Compared with team",
    value: (r) => comparison(r),
    render: (r) => {
      const c = comparison(r);
      return (
        <span className={c.startsWith("better") ? "text-emerald-700" : c.startsWith("worse") ? "text-rose-700" : ""}>
          {c || "—"}
        </span>
      );
    },
    sortable: false,
  },
];

const trendColumns = (timeZone: string): Column<TrendWeek>[] => [
  {
    id: "start",
    header: "Week from",
    value: (p) => p.span.from,
    render: (p) => bucketDate(p.span, "week", timeZone),
    csv: (p) => p.start,
  },
  { id: "tickets", header: "Tickets", value: (p) => p.tickets, align: "right" },
  {
    id: "frt",
    header: "Median first response",
    csvHeader: "Median first response (s)",
    value: (p) => p.frtMedianSeconds,
    render: (p) => formatDuration(p.frtMedianSeconds),
    align: "right",
  },
  { id: "csat", header: "CSAT", value: (p) => p.csatScore, render: (p) => formatPercent(p.csatScore), align: "right" },
];

/**
 * An agent's scorecard. `own`: the signed-in agent's (agent keys see nothing else); otherwise
 * the agent in the URL, for managers.
 */
export default function AgentScorecardPage({ own = false }: { own?: boolean }) {
  const params = useParams();
  const location = useLocation();
  const { brand, brands, timeZone, range, instants, session, setFilters } = usePageFilters();
  const agentId = own ? session.me.agentId : (params.agentId ?? null);
  const manager = isManagerRole(session.me.role);
  const denied = (location.state as { denied?: unknown } | null)?.denied;

  const result = useApi(
    brand && agentId ? `scorecard|${agentId}|${brand}|${instants.from}|${instants.to}` : null,
    (c) => c.scorecard(agentId ?? "", { brand: brand ?? "", from: instants.from, to: instants.to }),
  );
  const ticketLink = manager
    ? (ticketId: string) => (
        <Link className={link} to={ticketHref(ticketId, brand ?? "")}>
          {ticketId}
        </Link>
      )
    : undefined;

  return (
    <>
      {typeof denied === "string" ? (
        <p role="status" className="rounded-tremor-default bg-amber-50 p-3 text-tremor-default text-amber-900">
          That page is for managers. Agent keys see their own scorecard only.
        </p>
      ) : null}
      <PageHeader
        title={own ? "My scorecard" : `Agent ${agentId ?? ""}`}
        subtitle={`${own && agentId ? `Agent ${agentId} · ` : ""}${describeRange(range)}`}
      />
      <FilterBar
        brands={brands}
        brand={brand}
        onBrandChange={(b) => setFilters({ brand: b })}
        range={range}
        onRangeChange={(r) => setFilters({ range: r })}
      />
      {!agentId ? (
        <Empty title="No agent" />
      ) : (
        <AsyncView result={result} label="scorecard">
          {(s) => (
            <div className="space-y-6">
              <Section title="Figures">
                <DataTable
                  caption={own ? "My figures and the team median" : `Figures of ${s.agent} and the team median`}
                  columns={figureColumns(own)}
                  rows={figureRows(s)}
                  rowKey={(r) => r.id}
                  rowHeader
                  filename={`scorecard-${s.agent}-${s.brand}`}
                />
              </Section>

              <Section title="Trends">
                {s.trend.length === 0 || s.trend.every((p) => p.tickets === 0) ? (
                  <Empty title="No tickets in this period" />
                ) : (
                  <>
                    <div className="grid grid-cols-1 gap-3 lg:grid-cols-3">
                      <ChartCard title="Tickets">
                        <Bars
                          label="Tickets per period"
                          data={trendWeeks(s, timeZone).map((p) => ({ period: p.label, Tickets: p.tickets }))}
                          index="period"
                          categories={["Tickets"]}
                          colors={["indigo"]}
                          valueFormatter={(v) => formatCount(v)}
                        />
                      </ChartCard>
                      <ChartCard title="Median first response">
                        <LineTrend
                          label="Median first response per period"
                          data={trendWeeks(s, timeZone).map((p) => ({
                            period: p.label,
                            Median: hours(p.frtMedianSeconds),
                          }))}
                          index="period"
                          categories={["Median"]}
                          colors={["blue"]}
                          valueFormatter={fromHours}
                        />
                      </ChartCard>
                      <ChartCard title="CSAT">
                        <LineTrend
                          label="CSAT per period"
                          data={trendWeeks(s, timeZone).map((p) => ({
                            period: p.label,
                            CSAT: p.csatScore === null ? null : p.csatScore * 100,
                          }))}
                          index="period"
                          categories={["CSAT"]}
                          colors={["emerald"]}
                          valueFormatter={(v) => `${v.toFixed(0)}%`}
                          minValue={0}
                          maxValue={100}
                        />
                      </ChartCard>
                    </div>
                    <details>
                      <summary className="cursor-pointer text-tremor-default font-medium text-tremor-brand">
                        Trend figures as a table
                      </summary>
                      <div className="mt-2">
                        <DataTable
                          caption="Trend"
                          columns={trendColumns(timeZone)}
                          rows={trendWeeks(s, timeZone)}
                          rowKey={(p) => p.start}
                          filename={`scorecard-trend-${s.agent}`}
                        />
                      </div>
                    </details>
                  </>
                )}
              </Section>

              <Section title="Recent customer comments">
                <FeedbackList items={s.recentFeedback} timeZone={timeZone} ticketLink={ticketLink} />
              </Section>

              <Section title={own ? "Reviews of my tickets" : "Reviews of this agent's tickets"}>
                <ReviewsTable
                  reviews={s.reviews}
                  caption="Reviews"
                  filename={`scorecard-reviews-${s.agent}`}
                  timeZone={timeZone}
                  {...(ticketLink ? { ticketLink } : {})}
                />
              </Section>

              <Section
                title={
                  own
                    ? `Flags on my messages (${s.flags.length})`
                    : `Flags on this agent's messages (${s.flags.length})`
                }
              >
                {s.flags.length === 0 ? (
                  <Empty title="No message flags">
                    {own ? "No message of yours" : "No message of this agent"} broke a policy rule in this period.
                  </Empty>
                ) : (
                  <div className="space-y-3">
                    {s.flags.map((f) => (
                      <FlagCard
                        key={`${f.eventId}|${f.rule}|${f.evidence.start}`}
                        flag={f}
                        timeZone={timeZone}
                        ticketLink={
                          <span className="text-tremor-label text-tremor-content">
                            Ticket {ticketLink ? ticketLink(f.ticketId) : f.ticketId}
                          </span>
                        }
                      />
                    ))}
                  </div>
                )}
              </Section>
            </div>
          )}
        </AsyncView>
      )}
    </>
  );
}

function FeedbackList({
  items,
  timeZone,
  ticketLink,
}: {
  items: readonly FeedbackItem[];
  timeZone: string;
  ticketLink: ((ticketId: string) => ReactNode) | undefined;
}) {
  if (items.length === 0) return <Empty title="No customer feedback in this period" />;
  const columns: Column<FeedbackItem>[] = [
    { id: "at", header: "Date", value: (f) => f.at, render: (f) => formatDateTime(f.at, timeZone) },
    {
      id: "ticket",
      header: "Ticket",
      value: (f) => f.ticketId,
      render: (f) => (ticketLink ? ticketLink(f.ticketId) : f.ticketId),
    },
    { id: "rating", header: "Rating", value: (f) => f.rating, render: (f) => `${f.rating}/5`, align: "right" },
    {
      id: "comment",
      header: "Comment",
      value: (f) => f.comment,
      render: (f) => (
        <span className="inline-block max-w-xl whitespace-normal">{f.comment ? `“${f.comment}”` : "—"}</span>
      ),
      sortable: false,
    },
  ];
  return (
    <DataTable
      caption="Recent customer comments"
      hideCaption
      columns={columns}
      rows={items}
      rowKey={(f) => `${f.ticketId}|${f.at}`}
      initialSort={{ column: "at", dir: "desc" }}
      filename="customer-comments"
    />
  );
}
