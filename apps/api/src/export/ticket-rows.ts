import { clockView, type ClockView } from "@caliper/db";
import type { MetricQuery } from "@caliper/metrics";
import { clockState } from "@caliper/policy";
import type { Services } from "../services.ts";
import { csvLine } from "./csv.ts";

export const TICKET_COLUMNS = [
  "brand",
  "ticket_id",
  "created_at",
  "channel",
  "category",
  "priority",
  "agent",
  "status",
  "first_reply_at",
  "first_response_seconds",
  "first_response_business_seconds",
  "solved_at",
  "resolution_seconds",
  "reopens",
  "human_replies",
  "rating",
  "rating_comment",
  "flags",
  "sla_first_response",
  "sla_next_response",
] as const;

/** The worst status of a ticket's instances of one clock at asOf ("" when it has none). */
function worst(views: readonly ClockView[], clock: string): string {
  const order = ["breached", "late", "running", "met"];
  const statuses = views.filter((v) => v.clock === clock).map((v) => v.status);
  return order.find((s) => statuses.includes(s as ClockView["status"])) ?? "";
}

/**
 * One CSV line per ticket created in the period (filters as the metric reads), streamed page
 * by page (keyset on creation time and id) so memory stays flat for any period.
 */
export async function* ticketCsv(s: Services, q: MetricQuery, pageSize = 1000): AsyncGenerator<string> {
  yield csvLine([...TICKET_COLUMNS]);
  const cal = s.policies.calendar(q.brand);
  let after: { at: string; id: string } | null = null;
  for (;;) {
    let sel = s.db.db
      .selectFrom("tickets")
      .selectAll()
      .where("brand", "=", q.brand)
      .where("created_at", ">=", q.from)
      .where("created_at", "<", q.to);
    if (q.agent !== undefined) sel = sel.where("agent", "=", q.agent);
    if (q.category !== undefined) sel = sel.where("category", "=", q.category);
    if (q.channel !== undefined) sel = sel.where("channel", "=", q.channel);
    const cursor = after;
    if (cursor)
      sel = sel.where((eb) =>
        eb.or([
          eb("created_at", ">", cursor.at),
          eb.and([eb("created_at", "=", cursor.at), eb("ticket_id", ">", cursor.id)]),
        ]),
      );
    const rows = await sel.orderBy("created_at").orderBy("ticket_id").limit(pageSize).execute();
    if (rows.length === 0) return;
    const clocks = await s.db.db
      .selectFrom("clocks")
      .selectAll()
      .where("brand", "=", q.brand)
      .where(
        "ticket_id",
        "in",
        rows.map((r) => r.ticket_id),
      )
      .execute();
    const byTicket = new Map<string, ClockView[]>();
    for (const c of clocks) {
      if (c.started_at > q.asOf) continue;
      const inst = {
        clock: c.clock as ClockView["clock"],
        brand: c.brand,
        ticketId: c.ticket_id,
        orderId: c.order_id,
        seq: c.seq,
        startedAt: c.started_at,
        stoppedAt: c.stopped_at,
        measure: c.measure as "calendar" | "business" | "working_days",
        target: c.target_text,
        limit: c.limit_text,
        targetDeadline: c.target_deadline,
        limitDeadline: c.limit_deadline,
        factor: c.factor,
      };
      const list = byTicket.get(c.subject_id) ?? [];
      list.push(clockView(inst, c.agent || null, q.asOf, clockState(inst, q.asOf, cal)));
      byTicket.set(c.subject_id, list);
    }
    for (const r of rows) {
      const views = byTicket.get(r.ticket_id) ?? [];
      yield csvLine([
        r.brand,
        r.ticket_id,
        r.created_at,
        r.channel,
        r.category,
        r.priority,
        r.agent,
        r.status,
        r.first_reply_at,
        r.frt_seconds,
        r.frt_business_seconds,
        r.solved_at,
        r.resolution_seconds,
        r.reopens,
        r.human_replies,
        r.rating,
        r.rating_comment,
        r.flags,
        worst(views, "first_response"),
        worst(views, "next_response"),
      ]);
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return;
    after = { at: last.created_at as string, id: last.ticket_id };
  }
}
