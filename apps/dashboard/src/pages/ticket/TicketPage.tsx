import type { ClockView, TicketDetail } from "@caliper/client";
import { Badge } from "@tremor/react";
import { Link, useParams } from "react-router-dom";
import { useApi } from "../../api/use-api.ts";
import { usePageFilters } from "../../app/page-filters.ts";
import { brandTimeZone } from "../../lib/brand-time-zone.ts";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { type Fact, FactList } from "../../components/FactList.tsx";
import { FlagCard } from "../../components/FlagCard.tsx";
import { PageHeader, Section } from "../../components/PageHeader.tsx";
import { AsyncView, Empty } from "../../components/states.tsx";
import { formatDateTime, formatDuration, humanize } from "../../lib/format.ts";
import { categoryLabel, channelLabel, clockLabel } from "../../lib/labels.ts";
import { ReviewsTable } from "../audits/ReviewsTable.tsx";
import { actorLabel, eventBody, eventLabel, eventSummary } from "./timeline.ts";
import { TicketBrandFinder } from "./TicketBrandFinder.tsx";
import { TicketTimeline } from "./TicketTimeline.tsx";
import { btnPrimary } from "../../components/styles.ts";
import { reviewHref } from "../../lib/links.ts";

const STATUS_COLOUR = { met: "emerald", late: "amber", breached: "rose", running: "blue" } as const;

export function elapsedText(c: ClockView): string {
  if (c.elapsedWorkingDays !== undefined && c.elapsedWorkingDays !== null) {
    return `${c.elapsedWorkingDays} working day${c.elapsedWorkingDays === 1 ? "" : "s"}`;
  }
  return formatDuration(c.elapsedSeconds ?? null);
}

const clockColumns = (timeZone: string): Column<ClockView>[] => [
  { id: "clock", header: "Clock", value: (c) => clockLabel(c.clock) },
  {
    id: "status",
    header: "Status",
    value: (c) => (c.atRisk && c.status === "running" ? "at risk" : c.status),
    render: (c) => (
      <Badge size="xs" color={c.atRisk && c.status === "running" ? "amber" : STATUS_COLOUR[c.status]}>
        {c.atRisk && c.status === "running" ? "Running, at risk" : humanize(c.status)}
      </Badge>
    ),
  },
  { id: "started", header: "Started", value: (c) => c.startedAt, render: (c) => formatDateTime(c.startedAt, timeZone) },
  { id: "stopped", header: "Stopped", value: (c) => c.stoppedAt, render: (c) => formatDateTime(c.stoppedAt, timeZone) },
  {
    id: "elapsed",
    header: "Elapsed",
    value: (c) => c.elapsedSeconds ?? c.elapsedWorkingDays ?? null,
    render: elapsedText,
    align: "right",
  },
  { id: "target", header: "Target / limit", value: (c) => `${c.target} / ${c.limit}` },
  {
    id: "deadline",
    header: "Limit deadline",
    value: (c) => c.limitDeadline,
    render: (c) => formatDateTime(c.limitDeadline, timeZone),
  },
];

interface TimelineRow {
  id: string;
  at: string;
  what: string;
  actor: string;
  text: string;
}

const timelineColumns = (timeZone: string): Column<TimelineRow>[] => [
  { id: "at", header: "Time", value: (r) => r.at, render: (r) => formatDateTime(r.at, timeZone) },
  { id: "what", header: "Event", value: (r) => r.what },
  { id: "actor", header: "Actor", value: (r) => r.actor },
  { id: "text", header: "Details", value: (r) => r.text },
];

/** Ticket page: facts, SLA clocks, timeline with flagged evidence highlighted, flags, feedback and reviews. */
export default function TicketPage() {
  const { ticketId = "" } = useParams();
  // Without a brand in the URL (ids are unique per brand only) the page looks the ticket up in
  // the key's brands rather than in the first one.
  const { brand, brands } = usePageFilters({ firstBrand: false });
  const result = useApi(brand ? `ticket|${brand}|${ticketId}` : null, (client) => client.ticket(brand ?? "", ticketId));

  return (
    <>
      <PageHeader
        title={`Ticket ${ticketId}`}
        actions={
          brand ? (
            <Link className={btnPrimary} to={reviewHref(ticketId, brand)}>
              Review this ticket
            </Link>
          ) : null
        }
      />
      {brand ? (
        <AsyncView result={result} label="ticket">
          {(detail) => <TicketDetailView detail={detail} timeZone={brandTimeZone(brands, detail.ticket.brand)} />}
        </AsyncView>
      ) : (
        <TicketBrandFinder ticketId={ticketId} brands={brands} />
      )}
    </>
  );
}

/** `timeZone`: the ticket's store's, whose clock every time on the page is read on. */
function TicketDetailView({ detail, timeZone }: { detail: TicketDetail; timeZone: string }) {
  const t = detail.ticket;
  const facts: Fact[] = [
    ["Subject", t.subject ?? "—"],
    ["Status", humanize(t.status)],
    ["Channel", channelLabel(t.channel)],
    ["Category", categoryLabel(t.category)],
    ["Priority", humanize(t.priority)],
    ["Agent", t.agent ?? t.assignee ?? "—"],
    ["Created", formatDateTime(t.createdAt, timeZone)],
    [
      "First reply",
      t.firstReplyAt
        ? `${formatDateTime(t.firstReplyAt, timeZone)}${t.firstReplyAgent ? ` by ${t.firstReplyAgent}` : ""}`
        : "—",
    ],
    ["Solved", formatDateTime(t.solvedAt, timeZone)],
    ["Human replies", String(t.humanReplies)],
    ["Reopens", String(t.reopens)],
    ["Customer", t.customerId ?? "—"],
    ["Order", t.orderId ?? "—"],
  ];
  const timelineRows: TimelineRow[] = detail.timeline.map((e) => ({
    id: e.id,
    at: e.at,
    what: eventLabel(e),
    actor: actorLabel(e),
    text: eventBody(e) ?? eventSummary(e) ?? "",
  }));

  return (
    <div className="space-y-6">
      <FactList facts={facts} layout="grid" />

      <Section title="SLA clocks">
        <DataTable
          caption="SLA clocks"
          hideCaption
          columns={clockColumns(timeZone)}
          rows={detail.clocks}
          rowKey={(c) => `${c.clock}|${c.startedAt}`}
          filename={`clocks-${t.ticketId}`}
          emptyMessage="No SLA clock ran on this ticket."
        />
      </Section>

      <Section title="Timeline">
        <TicketTimeline timeline={detail.timeline} flags={detail.flags} timeZone={timeZone} />
        <details>
          <summary className="cursor-pointer text-tremor-default font-medium text-tremor-brand">
            Timeline as a table
          </summary>
          <div className="mt-2">
            <DataTable
              caption="Timeline events"
              columns={timelineColumns(timeZone)}
              rows={timelineRows}
              rowKey={(r) => r.id}
              filename={`timeline-${t.ticketId}`}
            />
          </div>
        </details>
      </Section>

      <Section title={`Message flags (${detail.flags.length})`}>
        {detail.flags.length === 0 ? (
          <Empty title="No message flags">No agent message on this ticket broke a policy rule.</Empty>
        ) : (
          <div className="space-y-3">
            {detail.flags.map((f) => (
              <FlagCard key={`${f.eventId}|${f.rule}|${f.evidence.start}`} flag={f} timeZone={timeZone} />
            ))}
          </div>
        )}
      </Section>

      <Section title="Customer feedback">
        {detail.feedback.length === 0 ? (
          <Empty title="No feedback yet" />
        ) : (
          <ul className="space-y-2">
            {detail.feedback.map((f) => (
              <li
                key={f.at}
                className="rounded-tremor-default border border-tremor-border bg-tremor-background p-3 text-tremor-default"
              >
                <span className="font-semibold text-tremor-content-strong">
                  {f.scale === "binary" ? (f.rating >= 4 ? "Good" : "Bad") : `${f.rating}/5`}
                </span>
                <span className="ml-2 text-tremor-content">{formatDateTime(f.at, timeZone)}</span>
                {f.comment ? <p className="mt-1">“{f.comment}”</p> : null}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="QA reviews">
        <ReviewsTable
          reviews={detail.reviews}
          caption="Reviews of this ticket"
          filename={`reviews-${t.ticketId}`}
          timeZone={timeZone}
        />
      </Section>
    </div>
  );
}
