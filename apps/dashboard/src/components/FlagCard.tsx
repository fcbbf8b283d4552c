import type { MessageFlag } from "@caliper/client";
import { Badge } from "@tremor/react";
import type { ReactNode } from "react";
import { locateEvidence } from "../lib/evidence.ts";
import { formatDateTime } from "../lib/format.ts";
import { ruleExplanation, ruleLabel } from "../lib/labels.ts";
import { HighlightedText } from "./HighlightedText.tsx";

const SEVERITY_COLOUR = { low: "gray", medium: "amber", high: "orange", critical: "rose" } as const;

export function SeverityBadge({ severity }: { severity: MessageFlag["severity"] }) {
  return (
    <Badge size="xs" color={SEVERITY_COLOUR[severity] ?? "gray"}>
      {severity}
    </Badge>
  );
}

/**
 * One message flag: the message with its evidence highlighted, the rule, and the policy clause;
 * its time on the clock of `timeZone` (the store's).
 */
export function FlagCard({
  flag,
  timeZone,
  ticketLink,
}: {
  flag: MessageFlag;
  timeZone: string;
  ticketLink?: ReactNode;
}) {
  const where = locateEvidence(flag.body, flag.evidence);
  const label = ruleLabel(flag.rule);
  return (
    <article
      aria-label={`${label} flag`}
      className="space-y-2 rounded-tremor-default border border-tremor-border bg-tremor-background p-4 shadow-tremor-card"
    >
      <header className="flex flex-wrap items-center gap-2">
        <h3 className="font-semibold text-tremor-content-strong">{label}</h3>
        <SeverityBadge severity={flag.severity} />
        <code className="text-tremor-label text-tremor-content">{flag.rule}</code>
        <span className="text-tremor-label text-tremor-content">
          {formatDateTime(flag.at, timeZone)}
          {flag.agent ? ` · ${flag.agent}` : ""}
        </span>
        {ticketLink}
      </header>
      <blockquote className="border-l-4 border-amber-300 pl-3">
        <HighlightedText body={flag.body} spans={where ? [{ ...where, label }] : []} />
      </blockquote>
      {!where && flag.evidence.text ? (
        <p className="text-tremor-label text-tremor-content">Evidence: “{flag.evidence.text}”</p>
      ) : null}
      {flag.message ? <p className="text-tremor-default text-tremor-content-emphasis">{flag.message}</p> : null}
      <div className="rounded-tremor-small bg-tremor-background-muted p-2 text-tremor-default">
        <p>
          <span className="font-medium text-tremor-content-strong">Policy: </span>
          {flag.policy}
        </p>
        <p className="mt-1 text-tremor-content">{ruleExplanation(flag.rule)}</p>
      </div>
    </article>
  );
}
