import { Badge, BadgeDelta, Card } from "@tremor/react";
import type { ReactNode } from "react";
import type { Change } from "../lib/change.ts";

export interface KpiCardProps {
  title: string;
  value: string;
  /** Secondary figures under the value (interval, counts). */
  detail?: ReactNode;
  change: Change | null;
  /** Describes the comparison period: "vs previous 30 days". */
  comparedTo: string;
  /** Controls inside the card (e.g. the business-hours toggle). */
  children?: ReactNode;
}

/** One headline figure with its change against the previous period. */
export function KpiCard({ title, value, detail, change, comparedTo, children }: KpiCardProps) {
  return (
    <Card role="group" aria-label={title} className="flex flex-col gap-1 p-4">
      <p className="text-tremor-default text-tremor-content">{title}</p>
      <p className="text-tremor-metric font-semibold text-tremor-content-strong tabular-nums">{value}</p>
      {detail ? <div className="text-tremor-label text-tremor-content">{detail}</div> : null}
      <div className="mt-1 flex flex-wrap items-center gap-2 text-tremor-label text-tremor-content">
        <ChangeBadge change={change} />
        <span>{comparedTo}</span>
      </div>
      {children}
    </Card>
  );
}

export function ChangeBadge({ change }: { change: Change | null }) {
  if (!change) {
    return (
      <Badge color="gray" size="xs">
        no comparison
      </Badge>
    );
  }
  const verdict = change.good === null ? "" : change.good ? " (better)" : " (worse)";
  if (change.direction === "flat" || change.good === null) {
    return (
      <Badge color="gray" size="xs" title={`${change.text}${verdict}`}>
        {change.text}
      </Badge>
    );
  }
  // BadgeDelta colours by direction and by whether an increase is good.
  const increasing = change.direction === "up";
  return (
    <BadgeDelta
      size="xs"
      deltaType={increasing ? "increase" : "decrease"}
      isIncreasePositive={increasing ? change.good : !change.good}
      aria-label={`${change.text}${verdict}`}
    >
      {change.text}
      <span className="sr-only">{verdict}</span>
    </BadgeDelta>
  );
}
