import type { CaliperDb } from "../database.ts";

export interface StoredFlag {
  ticketId: string;
  eventId: string;
  rule: string;
  severity: string;
  evidence: { start: number; end: number; text: string };
  policy: string;
  message: string;
  agent: string | null;
  at: string;
}

/** Flags of a brand's agent messages: of one ticket, or of one agent in [from, to), newest first. */
export async function listFlags(
  cdb: CaliperDb,
  f: { brand: string; ticketId?: string; agent?: string; from?: string; to?: string; limit?: number },
): Promise<StoredFlag[]> {
  let q = cdb.db.selectFrom("flags").selectAll().where("brand", "=", f.brand);
  if (f.ticketId !== undefined) q = q.where("ticket_id", "=", f.ticketId);
  if (f.agent !== undefined) q = q.where("agent", "=", f.agent);
  if (f.from !== undefined) q = q.where("at", ">=", f.from);
  if (f.to !== undefined) q = q.where("at", "<", f.to);
  const rows = await q
    .orderBy("at", "desc")
    .orderBy("event_id")
    .orderBy("rule")
    .limit(f.limit ?? 1000)
    .execute();
  return rows.map((r) => ({
    ticketId: r.ticket_id,
    eventId: r.event_id,
    rule: r.rule,
    severity: r.severity,
    evidence: { start: r.span_start, end: r.span_end, text: r.evidence },
    policy: r.policy,
    message: r.message,
    agent: r.agent,
    at: r.at,
  }));
}
