import { listFlags, type StoredFlag } from "@caliper/db";
import type { Services } from "../services.ts";

export interface FlagView extends StoredFlag {
  /** The message as stored (redacted), so the evidence span can be highlighted. */
  body: string;
}

/** Stored flags with their message bodies. */
export async function withBodies(s: Services, brand: string, flags: StoredFlag[]): Promise<FlagView[]> {
  if (flags.length === 0) return [];
  const ids = [...new Set(flags.map((f) => f.eventId))];
  const bodies = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await s.db.db
      .selectFrom("events")
      .select(["id", "data"])
      .where("brand", "=", brand)
      .where("id", "in", ids.slice(i, i + 500))
      .execute();
    for (const r of rows) bodies.set(r.id, String((JSON.parse(r.data) as { body?: unknown }).body ?? ""));
  }
  return flags.map((f) => ({ ...f, body: bodies.get(f.eventId) ?? "" }));
}

/** Message-rule flags of a ticket's agent messages, with bodies, newest first. */
export async function ticketFlags(s: Services, brand: string, ticketId: string): Promise<FlagView[]> {
  return withBodies(s, brand, await listFlags(s.db, { brand, ticketId }));
}
