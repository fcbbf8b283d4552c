import type { MessageFlag, TimelineEvent } from "@caliper/client";
import { Badge } from "@tremor/react";
import { HighlightedText } from "../../components/HighlightedText.tsx";
import { Empty } from "../../components/states.tsx";
import { locateEvidence } from "../../lib/evidence.ts";
import { formatDateTime } from "../../lib/format.ts";
import { ruleLabel } from "../../lib/labels.ts";
import { actorLabel, eventBody, eventLabel, eventSummary, flagsByEvent } from "./timeline.ts";

/**
 * A ticket's events in time order (`list` "Timeline"): messages with their author and time,
 * status changes and the like, flagged evidence marked in the message it was found in. Times
 * on the clock of `timeZone` (the ticket's store's). Shown by the ticket and review pages.
 */
export function TicketTimeline({
  timeline,
  flags,
  timeZone,
}: {
  timeline: readonly TimelineEvent[];
  flags: readonly MessageFlag[];
  timeZone: string;
}) {
  if (timeline.length === 0) return <Empty title="No events" />;
  const byEvent = flagsByEvent(flags);
  return (
    <ol aria-label="Timeline" className="space-y-2">
      {timeline.map((e) => (
        <TimelineItem key={e.id} event={e} flags={byEvent.get(e.id) ?? []} timeZone={timeZone} />
      ))}
    </ol>
  );
}

function TimelineItem({ event, flags, timeZone }: { event: TimelineEvent; flags: MessageFlag[]; timeZone: string }) {
  const flaggedBody = flags[0]?.body;
  const body = flaggedBody ?? eventBody(event);
  const spans =
    flaggedBody !== undefined
      ? flags.flatMap((f) => {
          const where = locateEvidence(flaggedBody, f.evidence);
          return where ? [{ ...where, label: ruleLabel(f.rule) }] : [];
        })
      : [];
  const summary = eventSummary(event);
  const tone =
    event.type === "message.customer"
      ? "border-l-sky-400"
      : event.type === "message.agent"
        ? "border-l-emerald-400"
        : event.type === "note.internal"
          ? "border-l-amber-300"
          : "border-l-tremor-border";
  return (
    <li
      className={`rounded-tremor-default border border-l-4 border-tremor-border bg-tremor-background p-3 shadow-tremor-input ${tone}`}
    >
      <div className="flex flex-wrap items-baseline gap-x-2 text-tremor-label text-tremor-content">
        <span className="font-semibold text-tremor-content-strong">{eventLabel(event)}</span>
        <span>{actorLabel(event)}</span>
        <time dateTime={event.at}>{formatDateTime(event.at, timeZone)}</time>
        {flags.length > 0 ? (
          <Badge size="xs" color="amber">
            {flags.length} flag{flags.length === 1 ? "" : "s"}
          </Badge>
        ) : null}
      </div>
      {body ? (
        <div className="mt-1">
          <HighlightedText body={body} spans={spans} />
        </div>
      ) : null}
      {summary && !body ? <p className="mt-1 text-tremor-default">{summary}</p> : null}
    </li>
  );
}
