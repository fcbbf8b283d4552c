import type { Generated } from "kysely";

/** Timestamps are ISO-8601 UTC text with milliseconds ("2026-03-02T09:15:00.000Z") on both backends. */
export type IsoText = string;

/** The append-only event log: the source of truth. */
export interface EventsTable {
  seq: Generated<number>;
  brand: string;
  id: string;
  type: string;
  ticket_id: string | null;
  order_id: string | null;
  at: IsoText;
  actor_type: string;
  actor_id: string | null;
  /** The event's `data` as JSON text. */
  data: string;
  received_at: IsoText;
}

/** Current state of each ticket, derived from its events. */
export interface TicketsTable {
  brand: string;
  ticket_id: string;
  created_at: IsoText | null;
  channel: string | null;
  category: string | null;
  priority: string | null;
  subject: string | null;
  customer_id: string | null;
  order_id: string | null;
  status: string | null;
  assignee: string | null;
  first_reply_at: IsoText | null;
  first_reply_agent: string | null;
  human_replies: number;
  reopens: number;
  solved_at: IsoText | null;
  last_event_at: IsoText;
  event_count: number;
}

export interface ApiKeysTable {
  /** Public key id (the first characters of the key), shown in listings. */
  id: string;
  /** SHA-256 of the whole key, hex. The key itself is never stored. */
  hash: string;
  role: string;
  /** JSON array of brand ids the key is scoped to; null means every brand (admin only). */
  brands: string | null;
  agent_id: string | null;
  label: string | null;
  created_at: IsoText;
  last_used_at: IsoText | null;
  revoked_at: IsoText | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  events: EventsTable;
  tickets: TicketsTable;
  api_keys: ApiKeysTable;
  caliper_meta: MetaTable;
}
