import type { Selectable } from "kysely";
import type { CaliperDb } from "../database.ts";
import type { ReviewsTable } from "../schema.ts";

export interface ReviewRecord {
  id: string;
  brand: string;
  ticketId: string;
  agent: string | null;
  reviewer: string;
  sampleId: string | null;
  ratings: Record<string, number | null>;
  comments: Record<string, string>;
  comment: string | null;
  score: number | null;
  pass: boolean;
  criticalFail: boolean;
  createdAt: string;
}

const toRecord = (r: Selectable<ReviewsTable>): ReviewRecord => ({
  id: r.id,
  brand: r.brand,
  ticketId: r.ticket_id,
  agent: r.agent,
  reviewer: r.reviewer,
  sampleId: r.sample_id,
  ratings: JSON.parse(r.ratings) as Record<string, number | null>,
  comments: JSON.parse(r.comments) as Record<string, string>,
  comment: r.comment,
  score: r.score,
  pass: r.pass === 1,
  criticalFail: r.critical_fail === 1,
  createdAt: r.created_at,
});

export async function insertReview(cdb: CaliperDb, r: ReviewRecord): Promise<void> {
  await cdb.db
    .insertInto("reviews")
    .values({
      id: r.id,
      brand: r.brand,
      ticket_id: r.ticketId,
      agent: r.agent,
      reviewer: r.reviewer,
      sample_id: r.sampleId,
      ratings: JSON.stringify(r.ratings),
      comments: JSON.stringify(r.comments),
      comment: r.comment,
      score: r.score,
      pass: r.pass ? 1 : 0,
      critical_fail: r.criticalFail ? 1 : 0,
      created_at: r.createdAt,
    })
    .execute();
}

export interface ReviewFilter {
  brand: string;
  ticketId?: string | undefined;
  agent?: string | undefined;
  sampleId?: string | undefined;
  /** Reviews of tickets created in [from, to). */
  from?: string | undefined;
  to?: string | undefined;
  limit?: number;
}

/** Reviews matching the filter, oldest first. */
export async function listReviews(cdb: CaliperDb, f: ReviewFilter): Promise<ReviewRecord[]> {
  let q = cdb.db
    .selectFrom("reviews")
    .innerJoin("tickets", (j) =>
      j.onRef("tickets.brand", "=", "reviews.brand").onRef("tickets.ticket_id", "=", "reviews.ticket_id"),
    )
    .selectAll("reviews")
    .where("reviews.brand", "=", f.brand);
  if (f.ticketId !== undefined) q = q.where("reviews.ticket_id", "=", f.ticketId);
  if (f.agent !== undefined) q = q.where("reviews.agent", "=", f.agent);
  if (f.sampleId !== undefined) q = q.where("reviews.sample_id", "=", f.sampleId);
  if (f.from !== undefined) q = q.where("tickets.created_at", ">=", f.from);
  if (f.to !== undefined) q = q.where("tickets.created_at", "<", f.to);
  const rows = await q
    .orderBy("reviews.created_at")
    .orderBy("reviews.id")
    .limit(f.limit ?? 10_000)
    .execute();
  return rows.map(toRecord);
}
