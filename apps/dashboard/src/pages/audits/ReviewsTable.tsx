import type { Review } from "@caliper/client";
import type { ReactNode } from "react";
import { Badge } from "@tremor/react";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { formatDateTime, formatScore } from "../../lib/format.ts";

export function verdictText(r: Review): string {
  return r.criticalFail ? "Critical fail" : r.pass ? "Pass" : "Fail";
}

/** Per-category ratings as "accuracy 4, tone N/A". */
export function ratingsText(r: Review): string {
  return Object.entries(r.ratings)
    .map(([k, v]) => `${k} ${v === null ? "N/A" : v}`)
    .join(", ");
}

/** QA reviews: score, verdict, per-category ratings and comments. */
export function ReviewsTable({
  reviews,
  caption,
  filename,
  timeZone,
  ticketLink,
}: {
  reviews: readonly Review[];
  caption: string;
  filename: string;
  /** The store's: review times are read on its clock. */
  timeZone: string;
  /** Turns a ticket id into a link (managers); plain text otherwise. */
  ticketLink?: (ticketId: string) => ReactNode;
}) {
  const columns: Column<Review>[] = [
    {
      id: "createdAt",
      header: "Reviewed",
      value: (r) => r.createdAt,
      render: (r) => formatDateTime(r.createdAt, timeZone),
    },
    {
      id: "ticket",
      header: "Ticket",
      value: (r) => r.ticketId,
      render: (r) => (ticketLink ? ticketLink(r.ticketId) : r.ticketId),
    },
    { id: "agent", header: "Agent", value: (r) => r.agent },
    { id: "reviewer", header: "Reviewer", value: (r) => r.reviewer },
    {
      id: "score",
      header: "Score (0–100)",
      value: (r) => r.score,
      render: (r) => formatScore(r.score),
      align: "right",
    },
    {
      id: "verdict",
      header: "Verdict",
      value: verdictText,
      render: (r) => (
        <Badge size="xs" color={r.criticalFail ? "rose" : r.pass ? "emerald" : "amber"}>
          {verdictText(r)}
        </Badge>
      ),
    },
    { id: "ratings", header: "Ratings", value: ratingsText, sortable: false },
    {
      id: "comments",
      header: "Comments",
      value: (r) =>
        [r.comment, ...Object.entries(r.comments).map(([k, v]) => `${k}: ${v}`)].filter(Boolean).join(" | "),
      render: (r) => (
        <span className="inline-block max-w-md whitespace-normal">
          {[r.comment, ...Object.entries(r.comments).map(([k, v]) => `${k}: ${v}`)].filter(Boolean).join(" · ") || "—"}
        </span>
      ),
      sortable: false,
    },
  ];
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={reviews}
      rowKey={(r) => r.id}
      initialSort={{ column: "createdAt", dir: "desc" }}
      filename={filename}
      emptyMessage="No reviews yet."
    />
  );
}
