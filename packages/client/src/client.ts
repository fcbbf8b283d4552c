import type {
  AgentsTable,
  ApiErrorBody,
  AuditSample,
  AuditSummary,
  BrandSummary,
  ClockName,
  ClocksPage,
  FeedbackLink,
  Flag,
  IngestResult,
  Interval,
  Me,
  MetricFilters,
  Overview,
  PolicyResponse,
  Review,
  Scorecard,
  TicketDetail,
  Timeseries,
  TimeseriesMetric,
} from "./types.ts";

/** An error answer from the API, with its DESIGN.md §7 fields. */
export class CaliperApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = "CaliperApiError";
  }
}

export interface ClientOptions {
  /** e.g. "http://127.0.0.1:8787"; "" for same-origin requests from the dashboard. */
  baseUrl: string;
  /** The bearer key; null for public routes only. */
  key: string | null;
  fetch?: typeof fetch;
}

type Query = Record<string, string | number | boolean | undefined | null>;

const queryString = (q: Query): string => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : "";
};

export interface ReviewInput {
  brand: string;
  ticketId: string;
  sampleId?: string;
  ratings: Record<string, number | null>;
  comments?: Record<string, string>;
  comment?: string;
}

export interface SampleInput {
  brand: string;
  from: string;
  to: string;
  perAgent: number;
  seed: string | number;
  strategy: "uniform" | "risk";
}

/** A typed client for every Caliper route the dashboard, CLI and tests use. */
export function createClient(options: ClientOptions) {
  const doFetch = options.fetch ?? fetch;
  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await doFetch(`${options.baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!res.ok) {
      const err = (json as ApiErrorBody | null)?.error;
      throw new CaliperApiError(
        res.status,
        err?.code ?? "http_error",
        err?.message ?? `HTTP ${res.status}`,
        err?.requestId ?? null,
        err?.issues ?? [],
      );
    }
    return json as T;
  }

  /** Downloads a CSV export as text (the key goes in a header, never in the URL). */
  async function csv(path: string): Promise<string> {
    const headers: Record<string, string> = { accept: "text/csv" };
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    const res = await doFetch(`${options.baseUrl}${path}`, { headers });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as ApiErrorBody | null;
      throw new CaliperApiError(
        res.status,
        body?.error.code ?? "http_error",
        body?.error.message ?? `HTTP ${res.status}`,
        body?.error.requestId ?? null,
      );
    }
    return res.text();
  }

  const filters = (f: MetricFilters): Query => ({ ...f });

  return {
    me: () => request<Me>("GET", "/v1/me"),
    brands: () => request<{ brands: BrandSummary[] }>("GET", "/v1/brands"),
    policy: (brand: string) => request<PolicyResponse>("GET", `/v1/policies/${encodeURIComponent(brand)}`),
    overview: (f: MetricFilters) => request<Overview>("GET", `/v1/metrics/overview${queryString(filters(f))}`),
    timeseries: (f: MetricFilters & { metric: TimeseriesMetric; interval: Interval }) =>
      request<Timeseries>("GET", `/v1/metrics/timeseries${queryString(filters(f))}`),
    agents: (f: MetricFilters & { sort?: string; order?: "asc" | "desc" }) =>
      request<AgentsTable>("GET", `/v1/metrics/agents${queryString(filters(f))}`),
    scorecard: (agentId: string, f: MetricFilters) =>
      request<Scorecard>("GET", `/v1/agents/${encodeURIComponent(agentId)}/scorecard${queryString(filters(f))}`),
    clocks: (q: {
      brand: string;
      clock?: ClockName;
      status?: string;
      asOf?: string;
      from?: string;
      to?: string;
      agent?: string;
      cursor?: string;
      limit?: number;
    }) => request<ClocksPage>("GET", `/v1/sla/clocks${queryString(q)}`),
    ticket: (brand: string, ticketId: string, asOf?: string) =>
      request<TicketDetail>("GET", `/v1/tickets/${encodeURIComponent(ticketId)}${queryString({ brand, asOf })}`),
    checkMessage: (input: { brand: string; body: string; category?: string }) =>
      request<{ flags: Flag[] }>("POST", "/v1/checks/message", input),
    createSample: (input: SampleInput) => request<{ sample: AuditSample }>("POST", "/v1/audits/samples", input),
    samples: (brand: string) =>
      request<{ samples: Omit<AuditSample, "tickets">[] }>("GET", `/v1/audits/samples${queryString({ brand })}`),
    /** `brand` is required unless the key is scoped to a single brand (the API answers 400 without it). */
    sample: (id: string, brand?: string) =>
      request<{ sample: AuditSample }>("GET", `/v1/audits/samples/${encodeURIComponent(id)}${queryString({ brand })}`),
    createReview: (input: ReviewInput) => request<{ review: Review }>("POST", "/v1/audits/reviews", input),
    reviews: (q: { brand: string; ticketId?: string; agent?: string; sampleId?: string }) =>
      request<{ reviews: Review[] }>("GET", `/v1/audits/reviews${queryString(q)}`),
    auditSummary: (q: { brand: string; from?: string; to?: string; sampleId?: string }) =>
      request<AuditSummary>("GET", `/v1/audits/summary${queryString(q)}`),
    feedbackLink: (brand: string, ticketId: string) =>
      request<FeedbackLink>(
        "POST",
        `/v1/tickets/${encodeURIComponent(ticketId)}/feedback-link${queryString({ brand })}`,
        {},
      ),
    submitFeedback: (input: { token: string; rating: number; comment?: string }) =>
      request<{ accepted: boolean }>("POST", "/v1/feedback", input),
    postEvents: (events: unknown[]) => request<IngestResult>("POST", "/v1/events", { events }),
    exportTickets: (f: MetricFilters) => csv(`/v1/export/tickets.csv${queryString(filters(f))}`),
    exportAgents: (f: MetricFilters) => csv(`/v1/export/agents.csv${queryString(filters(f))}`),
  };
}

export type CaliperClient = ReturnType<typeof createClient>;
