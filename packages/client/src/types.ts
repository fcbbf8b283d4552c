/**
 * Response shapes of the Caliper HTTP API (DESIGN.md §5–§7). The API is the source of truth;
 * these types mirror it for the dashboard, the CLI and tests. Instants are ISO-8601 UTC strings,
 * durations are seconds, rates are fractions in [0, 1], and null means "no data".
 */

export type Role = "admin" | "manager" | "agent" | "ingest";
export type ClockName = "first_response" | "next_response" | "dispatch" | "delivery" | "refund";
export type ClockStatus = "met" | "late" | "breached" | "running";
export type Interval = "day" | "week";

export interface ApiErrorBody {
  error: { code: string; message: string; requestId: string; issues?: { path: string; message: string }[] };
}

/** GET /v1/me */
export interface Me {
  keyId: string;
  role: Role;
  /** null = every brand */
  brands: string[] | null;
  agentId: string | null;
}

/** GET /v1/brands */
export interface BrandSummary {
  brand: string;
  name: string;
  timezone: string;
}

/** Filters shared by every metric read. `from`/`to` bound ticket creation, half-open. */
export interface MetricFilters {
  brand: string;
  from?: string;
  to?: string;
  agent?: string;
  category?: string;
  channel?: string;
  asOf?: string;
}

export interface SlaCounts {
  met: number;
  late: number;
  breached: number;
  running: number;
  atRisk: number;
  breachRate: number | null;
}

/** GET /v1/metrics/overview */
export interface Overview {
  tickets: { created: number; solved: number; open: number };
  firstResponse: {
    count: number;
    awaiting: number;
    medianSeconds: number | null;
    p90Seconds: number | null;
    meanSeconds: number | null;
    businessMedianSeconds: number | null;
    businessP90Seconds: number | null;
    businessMeanSeconds: number | null;
  };
  resolution: {
    solved: number;
    rate: number | null;
    medianSeconds: number | null;
    p90Seconds: number | null;
    fcrRate: number | null;
    reopenRate: number | null;
  };
  csat: {
    responses: number;
    satisfied: number;
    score: number | null;
    ci95: [number, number] | null;
    meanRating: number | null;
  };
  sla: Record<ClockName, SlaCounts>;
  qa: { reviews: number; averageScore: number | null; passRate: number | null; criticalFails: number; flags: number };
  /** "sketch": percentiles from DDSketch rollups (within 1% relative); "exact": computed from every value. */
  precision: "exact" | "sketch";
  period: { from: string; to: string; asOf: string };
}

export const TIMESERIES_METRICS = [
  "tickets",
  "frt_median",
  "frt_p90",
  "resolution_rate",
  "csat_score",
  "sla_breaches",
] as const;
export type TimeseriesMetric = (typeof TIMESERIES_METRICS)[number];

/** GET /v1/metrics/timeseries */
export interface Timeseries {
  metric: TimeseriesMetric;
  interval: Interval;
  /** One point per bucket (local day or ISO week starting Monday in the brand time zone), oldest first. */
  points: { start: string; value: number | null }[];
}

/** One agent's figures for a period (agents table, scorecards). */
export interface AgentFigures {
  agent: string;
  tickets: number;
  solved: number;
  resolutionRate: number | null;
  frtMedianSeconds: number | null;
  frtBusinessMedianSeconds: number | null;
  fcrRate: number | null;
  reopenRate: number | null;
  csatScore: number | null;
  csatResponses: number;
  slaBreachRate: number | null;
  qaAverageScore: number | null;
  qaReviews: number;
  flags: number;
}

/** GET /v1/metrics/agents */
export interface AgentsTable {
  agents: AgentFigures[];
}

/** GET /v1/agents/{id}/scorecard */
export interface Scorecard {
  agent: string;
  brand: string;
  period: { from: string; to: string; asOf: string };
  figures: AgentFigures;
  /** Median of each figure over the brand's agents for the same filters. */
  teamMedian: Omit<AgentFigures, "agent">;
  trend: { start: string; tickets: number; frtMedianSeconds: number | null; csatScore: number | null }[];
  recentFeedback: { ticketId: string; rating: number; comment: string | null; at: string }[];
  reviews: Review[];
  flags: MessageFlag[];
}

/** One SLA clock instance at asOf (DESIGN.md §5). */
export interface ClockView {
  clock: ClockName;
  ticketId: string | null;
  orderId: string | null;
  status: ClockStatus;
  atRisk: boolean;
  startedAt: string;
  stoppedAt: string | null;
  elapsedSeconds?: number | null;
  elapsedWorkingDays?: number | null;
  target: string;
  limit: string;
  /** Instant after which the clock is late / breached. */
  targetDeadline: string;
  limitDeadline: string;
  agent: string | null;
}

/** GET /v1/sla/clocks */
export interface ClocksPage {
  clocks: ClockView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export type RuleId =
  | "promise.refund_timeline"
  | "promise.delivery_timeline"
  | "promise.return_window"
  | "promise.return_shipping"
  | "fees.hidden"
  | "channel.off_platform"
  | "currency.non_usd"
  | "tone.dismissive"
  | "privacy.sensitive_data";

/** A message-rule flag (DESIGN.md §6). */
export interface Flag {
  rule: RuleId;
  severity: "low" | "medium" | "high" | "critical";
  evidence: { start: number; end: number; text: string };
  /** The policy clause the message contradicts. */
  policy: string;
  message: string;
}

/** A flag on a stored agent message. */
export interface MessageFlag extends Flag {
  ticketId: string;
  eventId: string;
  agent: string | null;
  at: string;
  /** The message body (redacted as stored), so the evidence can be highlighted. */
  body: string;
}

export interface TimelineEvent {
  id: string;
  type: string;
  brand: string;
  ticketId?: string;
  orderId?: string;
  at: string;
  actor: { type: "customer" | "agent" | "bot" | "system"; id?: string };
  data: Record<string, unknown>;
}

export interface TicketState {
  brand: string;
  ticketId: string;
  createdAt: string | null;
  channel: string | null;
  category: string | null;
  priority: string | null;
  subject: string | null;
  customerId: string | null;
  orderId: string | null;
  status: string | null;
  assignee: string | null;
  agent: string | null;
  firstReplyAt: string | null;
  firstReplyAgent: string | null;
  humanReplies: number;
  reopens: number;
  solvedAt: string | null;
  lastEventAt: string;
  eventCount: number;
}

/** GET /v1/tickets/{id} */
export interface TicketDetail {
  ticket: TicketState;
  timeline: TimelineEvent[];
  clocks: ClockView[];
  flags: MessageFlag[];
  feedback: { rating: number; comment: string | null; at: string; scale?: string }[];
  reviews: Review[];
}

/** A scorecard category of a brand (policy). */
export interface ScorecardCategory {
  id: string;
  label: string;
  weight: number;
  critical: boolean;
  description?: string;
}

/** GET /v1/policies/{brand} */
export interface PolicyResponse {
  brand: string;
  policy: Record<string, unknown> & { scorecard?: { categories: ScorecardCategory[]; passScore: number } };
  sources: Record<string, string>;
}

/** A QA review of a ticket. */
export interface Review {
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

export interface SampleTicket {
  ticketId: string;
  agent: string | null;
  inclusionProbability: number;
  reviewed: boolean;
}

/** POST /v1/audits/samples, GET /v1/audits/samples/{id} */
export interface AuditSample {
  id: string;
  brand: string;
  from: string;
  to: string;
  perAgent: number;
  seed: string;
  strategy: "uniform" | "risk";
  createdAt: string;
  tickets: SampleTicket[];
}

/** GET /v1/audits/summary */
export interface AuditSummary {
  reviews: number;
  averageScore: number | null;
  passRate: number | null;
  criticalFails: number;
  compliance: { rate: number | null; ci95: [number, number] | null; n: number; estimator: string };
  calibration: {
    /** Tickets reviewed by two or more reviewers. */
    tickets: number;
    /** Krippendorff's alpha (ordinal) per scorecard category; null where it cannot be computed. */
    alpha: Record<string, number | null>;
    overallAlpha: number | null;
    reviewers: { reviewer: string; ratings: number; meanDeviation: number | null }[];
  };
}

/** POST /v1/tickets/{id}/feedback-link */
export interface FeedbackLink {
  token: string;
  url: string;
  expiresAt: string;
}

/** POST /v1/events */
export interface IngestResult {
  accepted: number;
  duplicates: number;
}
