import type { TicketDetail } from "@caliper/client";
import { type Fact, FactList } from "../../components/FactList.tsx";
import { FlagCard } from "../../components/FlagCard.tsx";
import { formatDateTime, humanize } from "../../lib/format.ts";
import { categoryLabel, channelLabel } from "../../lib/labels.ts";
import { TicketTimeline } from "../ticket/TicketTimeline.tsx";

/**
 * What a reviewer scores, beside the scorecard: the ticket's facts, its conversation (the ticket
 * page's timeline, flagged evidence marked) and its message flags with their policy clauses.
 */
export function TicketContext({ detail, timeZone }: { detail: TicketDetail; timeZone: string }) {
  const t = detail.ticket;
  const facts: Fact[] = [
    ["Subject", t.subject ?? "—"],
    ["Agent", t.agent ?? t.assignee ?? "—"],
    ["Category / channel", `${categoryLabel(t.category)} · ${channelLabel(t.channel)}`],
    ["Status", humanize(t.status)],
    ["Created", formatDateTime(t.createdAt, timeZone)],
  ];
  return (
    <div className="space-y-4">
      <FactList facts={facts} layout="stack" />
      <TicketTimeline timeline={detail.timeline} flags={detail.flags} timeZone={timeZone} />
      <h3 className="font-semibold text-tremor-content-strong">Message flags ({detail.flags.length})</h3>
      {detail.flags.length > 0 ? (
        detail.flags.map((f) => (
          <FlagCard key={`${f.eventId}|${f.rule}|${f.evidence.start}`} flag={f} timeZone={timeZone} />
        ))
      ) : (
        <p className="text-tremor-default text-tremor-content">No agent message on this ticket broke a policy rule.</p>
      )}
    </div>
  );
}
