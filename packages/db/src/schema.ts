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
  created_by: string | null;
  /** Local date of creation in the brand's time zone. */
  created_day: string | null;
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
  /** Attributed agent: assignee, else first human replier. */
  agent: string | null;
  /** 1 when first-response time is measured (the ticket was not opened by an agent). */
  frt_applies: number;
  frt_seconds: number | null;
  frt_business_seconds: number | null;
  resolution_seconds: number | null;
  rating: number | null;
  rating_at: IsoText | null;
  rating_comment: string | null;
  /** Message-rule flags on the ticket's agent messages. */
  flags: number;
  last_event_at: IsoText;
  event_count: number;
}

export interface OrdersTable {
  brand: string;
  order_id: string;
  placed_at: IsoText | null;
  shipped_at: IsoText | null;
  delivered_at: IsoText | null;
  return_requested_at: IsoText | null;
  return_reason: string | null;
  return_received_at: IsoText | null;
  passed_inspection: number | null;
  refunded_at: IsoText | null;
  refund_amount: number | null;
  refund_currency: string | null;
  /** When the order counts: placed_at, else its earliest event. */
  period_at: IsoText;
  period_day: string;
  last_event_at: IsoText;
  event_count: number;
}

/** One SLA clock instance with precomputed deadlines (see @caliper/policy ClockInstance). */
export interface ClocksTable {
  brand: string;
  clock: string;
  /** The ticket id or order id. */
  subject_id: string;
  seq: number;
  ticket_id: string | null;
  order_id: string | null;
  /** The ticket's creation or the order's period: what period filters apply to. */
  period_at: IsoText;
  period_day: string;
  /** Filter attributes copied from the ticket ('' for order clocks and unattributed tickets). */
  agent: string;
  category: string;
  channel: string;
  started_at: IsoText;
  stopped_at: IsoText | null;
  measure: string;
  target_text: string;
  limit_text: string;
  target_deadline: IsoText;
  limit_deadline: IsoText;
  factor: number;
}

/** Rollup key: brand, local day, agent ('' when none), category and channel ('' for orders). */
export interface RollupKeyColumns {
  brand: string;
  day: string;
  agent: string;
  category: string;
  channel: string;
}

export interface RollupDailyTable extends RollupKeyColumns {
  created: number;
  solved: number;
  frt_count: number;
  awaiting: number;
  frt_sum_ms: number;
  frt_business_sum_ms: number;
  resolution_count: number;
  resolution_sum_ms: number;
  fcr: number;
  reopened: number;
  csat_responses: number;
  csat_satisfied: number;
  csat_rating_sum: number;
  flags: number;
}

export interface RollupSketchTable extends RollupKeyColumns {
  metric: string;
  bucket: number;
  n: number;
}

/** Key of a span rollup: a local day, ISO week or month, for a brand or one of its agents. */
export interface SpanKeyColumns {
  brand: string;
  span: "day" | "week" | "month";
  /** First local date of the span. */
  start: string;
  scope: "brand" | "agent";
  /** The agent for scope 'agent' ('' = unattributed); '' for scope 'brand'. */
  agent: string;
}

/** One merged DDSketch of a span, for a brand or one of its agents. */
export interface RollupSketchSpanTable extends SpanKeyColumns {
  metric: string;
  /** JSON [bucket, count, bucket, count, …] in bucket order. */
  buckets: string;
}

/** rollup_daily's counts summed over a span, for a brand or one of its agents. */
export type RollupDailySpanTable = SpanKeyColumns & Omit<RollupDailyTable, keyof RollupKeyColumns>;

/** rollup_sla's counts summed over a span, for a brand or one of its agents. */
export type RollupSlaSpanTable = SpanKeyColumns & Omit<RollupSlaTable, keyof RollupKeyColumns>;

/** A week or month span of a brand waiting to be summed again from its day spans (migration 011). */
export interface RollupSpanDirtyTable {
  brand: string;
  span: "week" | "month";
  /** First local date of the span. */
  start: string;
}

export interface RollupSlaTable extends RollupKeyColumns {
  clock: string;
  met: number;
  late: number;
  breached: number;
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

/** A helpdesk connector of a brand. Its webhook secret is derived from CALIPER_SECRET and secret_id. */
export interface ConnectorsTable {
  brand: string;
  kind: string;
  secret_id: string;
  /** JSON: connector options (e.g. Chatwoot inbox -> channel). */
  config: string;
  created_at: IsoText;
}

/** Connector payloads that could not be mapped, kept with the reason. */
export interface DeadLettersTable {
  id: Generated<number>;
  brand: string;
  source: string;
  reason: string;
  payload: string;
  received_at: IsoText;
}

/** A message-rule flag on a stored agent message (derived). */
export interface FlagsTable {
  brand: string;
  ticket_id: string;
  event_id: string;
  rule: string;
  severity: string;
  span_start: number;
  span_end: number;
  evidence: string;
  policy: string;
  message: string;
  agent: string | null;
  at: IsoText;
}

/** A QA review of a ticket against the brand's scorecard. */
export interface ReviewsTable {
  id: string;
  brand: string;
  ticket_id: string;
  /** The ticket's attributed agent when reviewed. */
  agent: string | null;
  /** Key id of the reviewer. */
  reviewer: string;
  sample_id: string | null;
  /** JSON: category id -> 0..4 or null (N/A). */
  ratings: string;
  /** JSON: category id -> comment. */
  comments: string;
  comment: string | null;
  score: number | null;
  pass: number;
  critical_fail: number;
  created_at: IsoText;
}

export interface AuditSamplesTable {
  id: string;
  brand: string;
  period_from: IsoText;
  period_to: IsoText;
  per_agent: number;
  seed: string;
  strategy: string;
  strata: string;
  created_by: string;
  created_at: IsoText;
}

export interface AuditSampleTicketsTable {
  sample_id: string;
  ticket_id: string;
  agent: string | null;
  stratum: string;
  inclusion_probability: number;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  events: EventsTable;
  tickets: TicketsTable;
  orders: OrdersTable;
  clocks: ClocksTable;
  rollup_daily: RollupDailyTable;
  rollup_sketch: RollupSketchTable;
  rollup_sketch_span: RollupSketchSpanTable;
  rollup_sla: RollupSlaTable;
  rollup_daily_span: RollupDailySpanTable;
  rollup_sla_span: RollupSlaSpanTable;
  rollup_span_dirty: RollupSpanDirtyTable;
  api_keys: ApiKeysTable;
  connectors: ConnectorsTable;
  flags: FlagsTable;
  reviews: ReviewsTable;
  audit_samples: AuditSamplesTable;
  audit_sample_tickets: AuditSampleTicketsTable;
  dead_letters: DeadLettersTable;
  caliper_meta: MetaTable;
}
