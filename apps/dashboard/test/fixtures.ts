/**
 * API answers conforming to packages/client types: the data a real server would send.
 */
import type {
  AgentsTable,
  AuditSample,
  AuditSummary,
  BrandSummary,
  ClockView,
  ClocksPage,
  Me,
  MessageFlag,
  Overview,
  PolicyResponse,
  Review,
  Scorecard,
  SlaCounts,
  TicketDetail,
  Timeseries,
  TimeseriesMetric,
} from "@caliper/client";

export const MANAGER_KEY = "cal_mgr_4f9c2e7d1b";
export const AGENT_KEY = "cal_agt_8a1b3c5d7e";

export const managerMe: Me = { keyId: "key-mgr", role: "manager", brands: null, agentId: null };
export const agentMe: Me = { keyId: "key-agt", role: "agent", brands: ["jewelry"], agentId: "ag-42" };

export const brands: { brands: BrandSummary[] } = {
  brands: [
    { brand: "jewelry", name: "Jewelry", timezone: "UTC" },
    { brand: "eyewear", name: "Eyewear", timezone: "UTC" },
  ],
};

const zeroSla: SlaCounts = { met: 0, late: 0, breached: 0, running: 0, atRisk: 0, breachRate: null };

export function overview(over: {
  created: number;
  solved: number;
  open: number;
  frtMedian: number | null;
  frtBusinessMedian: number | null;
  frtP90: number | null;
  resolutionRate: number | null;
  csatScore: number | null;
  ci95: [number, number] | null;
  responses: number;
  sla: { met: number; late: number; breached: number; atRisk: number };
  qaScore: number | null;
  reviews: number;
  from: string;
  to: string;
}): Overview {
  const decided = over.sla.met + over.sla.late + over.sla.breached;
  return {
    tickets: { created: over.created, solved: over.solved, open: over.open },
    firstResponse: {
      count: over.solved,
      awaiting: 12,
      medianSeconds: over.frtMedian,
      p90Seconds: over.frtP90,
      meanSeconds: over.frtMedian,
      businessMedianSeconds: over.frtBusinessMedian,
      businessP90Seconds: over.frtP90,
      businessMeanSeconds: over.frtBusinessMedian,
    },
    resolution: {
      solved: over.solved,
      rate: over.resolutionRate,
      medianSeconds: 90_000,
      p90Seconds: 300_000,
      fcrRate: 0.6,
      reopenRate: 0.05,
    },
    csat: {
      responses: over.responses,
      satisfied: Math.round((over.csatScore ?? 0) * over.responses),
      score: over.csatScore,
      ci95: over.ci95,
      meanRating: 4.2,
    },
    sla: {
      first_response: {
        ...over.sla,
        running: over.sla.atRisk,
        breachRate: decided > 0 ? over.sla.breached / decided : null,
      },
      next_response: zeroSla,
      dispatch: zeroSla,
      delivery: zeroSla,
      refund: zeroSla,
    },
    qa: { reviews: over.reviews, averageScore: over.qaScore, passRate: 0.75, criticalFails: 2, flags: 7 },
    precision: "exact",
    period: { from: over.from, to: over.to, asOf: "2026-03-31T12:00:00.000Z" },
  };
}

/** The current period: 1,234 tickets, median first response 3h 12m, CSAT 85%... */
export const currentOverview = overview({
  created: 1234,
  solved: 1000,
  open: 234,
  frtMedian: 11_520,
  frtBusinessMedian: 5_400,
  frtP90: 187_200,
  resolutionRate: 0.81,
  csatScore: 0.85,
  ci95: [0.8, 0.89],
  responses: 412,
  sla: { met: 800, late: 100, breached: 100, atRisk: 9 },
  qaScore: 84.2,
  reviews: 40,
  from: "2026-03-02T00:00:00.000Z",
  to: "2026-04-01T00:00:00.000Z",
});

/** The previous period of the same length. */
export const previousOverview = overview({
  created: 1100,
  solved: 858,
  open: 242,
  frtMedian: 12_800,
  frtBusinessMedian: 6_000,
  frtP90: 200_000,
  resolutionRate: 0.78,
  csatScore: 0.8,
  ci95: [0.75, 0.84],
  responses: 390,
  sla: { met: 600, late: 100, breached: 100, atRisk: 4 },
  qaScore: 82.7,
  reviews: 35,
  from: "2026-01-31T00:00:00.000Z",
  to: "2026-03-02T00:00:00.000Z",
});

export const emptyOverview = overview({
  created: 0,
  solved: 0,
  open: 0,
  frtMedian: null,
  frtBusinessMedian: null,
  frtP90: null,
  resolutionRate: null,
  csatScore: null,
  ci95: null,
  responses: 0,
  sla: { met: 0, late: 0, breached: 0, atRisk: 0 },
  qaScore: null,
  reviews: 0,
  from: "2026-03-02T00:00:00.000Z",
  to: "2026-04-01T00:00:00.000Z",
});

export function timeseries(metric: TimeseriesMetric): Timeseries {
  const values: Record<TimeseriesMetric, (number | null)[]> = {
    tickets: [40, 52, 38],
    frt_median: [10_000, 12_000, null],
    frt_p90: [80_000, 90_000, null],
    resolution_rate: [0.8, 0.82, 0.79],
    csat_score: [0.84, 0.86, null],
    sla_breaches: [3, 5, 1],
  };
  return {
    metric,
    interval: "day",
    points: values[metric].map((value, i) => ({ start: `2026-03-0${i + 2}T00:00:00.000Z`, value })),
  };
}

export const agentsTable: AgentsTable = {
  agents: [
    {
      agent: "ag-7",
      tickets: 120,
      solved: 100,
      resolutionRate: 0.833,
      frtMedianSeconds: 7_200,
      frtBusinessMedianSeconds: 3_600,
      fcrRate: 0.6,
      reopenRate: 0.04,
      csatScore: 0.9,
      csatResponses: 40,
      slaBreachRate: 0.05,
      qaAverageScore: 88,
      qaReviews: 5,
      flags: 1,
    },
    {
      agent: "ag-42",
      tickets: 300,
      solved: 240,
      resolutionRate: 0.8,
      frtMedianSeconds: 14_400,
      frtBusinessMedianSeconds: 9_000,
      fcrRate: 0.55,
      reopenRate: 0.06,
      csatScore: 0.81,
      csatResponses: 95,
      slaBreachRate: 0.12,
      qaAverageScore: 79.5,
      qaReviews: 8,
      flags: 4,
    },
    {
      agent: 'ag, "quoted"',
      tickets: 45,
      solved: 30,
      resolutionRate: 0.667,
      frtMedianSeconds: null,
      frtBusinessMedianSeconds: null,
      fcrRate: null,
      reopenRate: null,
      csatScore: null,
      csatResponses: 0,
      slaBreachRate: null,
      qaAverageScore: null,
      qaReviews: 0,
      flags: 0,
    },
  ],
};

function clock(
  over: Partial<ClockView> & Pick<ClockView, "ticketId" | "status" | "startedAt" | "limitDeadline">,
): ClockView {
  return {
    clock: "first_response",
    orderId: null,
    atRisk: false,
    stoppedAt: null,
    elapsedSeconds: 0,
    target: "24h",
    limit: "48h",
    targetDeadline: over.limitDeadline,
    agent: "ag-42",
    ...over,
  };
}

/** asOf for the SLA queue tests. */
export const SLA_NOW = "2026-03-10T12:00:00.000Z";

export const breachedClocks: ClocksPage = {
  clocks: [
    // Breached 3h 30m ago (limit 2026-03-10T08:30).
    clock({
      ticketId: "T-2002",
      status: "breached",
      startedAt: "2026-03-08T08:30:00.000Z",
      limitDeadline: "2026-03-10T08:30:00.000Z",
    }),
    // Breached and stopped: history, not the queue.
    clock({
      ticketId: "T-1999",
      status: "breached",
      startedAt: "2026-03-01T08:00:00.000Z",
      stoppedAt: "2026-03-04T08:00:00.000Z",
      limitDeadline: "2026-03-03T08:00:00.000Z",
    }),
    // The oldest: breached 2 days ago.
    clock({
      ticketId: "T-2001",
      status: "breached",
      startedAt: "2026-03-06T12:00:00.000Z",
      limitDeadline: "2026-03-08T12:00:00.000Z",
    }),
  ],
  nextCursor: null,
};

export const atRiskClocks: ClocksPage = {
  clocks: [
    // At risk, 2h 15m left.
    clock({
      ticketId: "T-2003",
      status: "running",
      atRisk: true,
      startedAt: "2026-03-08T14:15:00.000Z",
      limitDeadline: "2026-03-10T14:15:00.000Z",
    }),
    // A refund clock on an order: no ticket to link.
    clock({
      clock: "refund",
      ticketId: null,
      orderId: "O-77",
      status: "running",
      atRisk: true,
      startedAt: "2026-03-09T00:00:00.000Z",
      limitDeadline: "2026-03-12T00:00:00.000Z",
      target: "5wd",
      limit: "10wd",
      elapsedSeconds: null,
      elapsedWorkingDays: 6,
    }),
  ],
  nextCursor: null,
};

const flaggedBody = "Sorry, there is nothing we can do. Please email us at help@example.com instead.";

export const ticketFlags: MessageFlag[] = [
  {
    rule: "tone.dismissive",
    severity: "medium",
    evidence: { start: 16, end: 33, text: "nothing we can do" },
    policy: "Agents must be polite, patient and respectful.",
    message: "Dismissive phrasing.",
    ticketId: "T-1001",
    eventId: "evt-3",
    agent: "ag-42",
    at: "2026-03-02T10:00:00.000Z",
    body: flaggedBody,
  },
  {
    rule: "channel.off_platform",
    severity: "high",
    evidence: { start: 42, end: 50, text: "email us" },
    policy: "Customer service happens through the contact form only.",
    message: "Sends the customer to email.",
    ticketId: "T-1001",
    eventId: "evt-3",
    agent: "ag-42",
    at: "2026-03-02T10:00:00.000Z",
    body: flaggedBody,
  },
];

export const review: Review = {
  id: "rev-1",
  brand: "jewelry",
  ticketId: "T-1001",
  agent: "ag-42",
  reviewer: "key-mgr",
  sampleId: "smp-1",
  ratings: { accuracy: 3, privacy: 4, tone: 1 },
  comments: { tone: "Cold reply" },
  comment: "Needs coaching on tone.",
  score: 68.8,
  pass: false,
  criticalFail: false,
  createdAt: "2026-03-05T09:00:00.000Z",
};

export const ticketDetail: TicketDetail = {
  ticket: {
    brand: "jewelry",
    ticketId: "T-1001",
    createdAt: "2026-03-02T09:00:00.000Z",
    channel: "contact_form",
    category: "return_refund",
    priority: "normal",
    subject: "Ring arrived scratched",
    customerId: "cu-9",
    orderId: "O-552",
    status: "solved",
    assignee: "ag-42",
    agent: "ag-42",
    firstReplyAt: "2026-03-02T10:00:00.000Z",
    firstReplyAgent: "ag-42",
    humanReplies: 1,
    reopens: 0,
    solvedAt: "2026-03-02T11:00:00.000Z",
    lastEventAt: "2026-03-03T08:00:00.000Z",
    eventCount: 5,
  },
  timeline: [
    {
      id: "evt-1",
      type: "ticket.created",
      brand: "jewelry",
      ticketId: "T-1001",
      at: "2026-03-02T09:00:00.000Z",
      actor: { type: "customer", id: "cu-9" },
      data: { channel: "contact_form", category: "return_refund", subject: "Ring arrived scratched" },
    },
    {
      id: "evt-2",
      type: "message.customer",
      brand: "jewelry",
      ticketId: "T-1001",
      at: "2026-03-02T09:00:30.000Z",
      actor: { type: "customer", id: "cu-9" },
      data: { body: "My ring arrived scratched. Can I return it?" },
    },
    {
      id: "evt-3",
      type: "message.agent",
      brand: "jewelry",
      ticketId: "T-1001",
      at: "2026-03-02T10:00:00.000Z",
      actor: { type: "agent", id: "ag-42" },
      data: { body: flaggedBody },
    },
    {
      id: "evt-4",
      type: "ticket.status",
      brand: "jewelry",
      ticketId: "T-1001",
      at: "2026-03-02T11:00:00.000Z",
      actor: { type: "agent", id: "ag-42" },
      data: { status: "solved" },
    },
    {
      id: "evt-5",
      type: "feedback.submitted",
      brand: "jewelry",
      ticketId: "T-1001",
      at: "2026-03-03T08:00:00.000Z",
      actor: { type: "customer", id: "cu-9" },
      data: { rating: 2, comment: "Not helpful" },
    },
  ],
  clocks: [
    {
      clock: "first_response",
      ticketId: "T-1001",
      orderId: null,
      status: "met",
      atRisk: false,
      startedAt: "2026-03-02T09:00:00.000Z",
      stoppedAt: "2026-03-02T10:00:00.000Z",
      elapsedSeconds: 3_600,
      target: "24h",
      limit: "48h",
      targetDeadline: "2026-03-03T09:00:00.000Z",
      limitDeadline: "2026-03-04T09:00:00.000Z",
      agent: "ag-42",
    },
  ],
  flags: ticketFlags,
  feedback: [{ rating: 2, comment: "Not helpful", at: "2026-03-03T08:00:00.000Z" }],
  reviews: [review],
};

export const policy: PolicyResponse = {
  brand: "jewelry",
  policy: {
    name: "Jewelry",
    scorecard: {
      passScore: 80,
      categories: [
        { id: "accuracy", label: "Accuracy & policy adherence", weight: 30, critical: false },
        { id: "tone", label: "Tone & empathy", weight: 20, critical: false },
        {
          id: "privacy",
          label: "Privacy",
          weight: 10,
          critical: true,
          description: "Never asks for or repeats card numbers, CVV or passwords.",
        },
      ],
    },
  },
  sources: {},
};

export const sample: AuditSample = {
  id: "smp-1",
  brand: "jewelry",
  from: "2026-03-02T00:00:00.000Z",
  to: "2026-04-01T00:00:00.000Z",
  perAgent: 2,
  seed: "2026-03-31",
  strategy: "risk",
  createdAt: "2026-03-31T10:00:00.000Z",
  tickets: [
    { ticketId: "T-1001", agent: "ag-42", inclusionProbability: 0.25, reviewed: true },
    { ticketId: "T-1005", agent: "ag-42", inclusionProbability: 0.5, reviewed: false },
    { ticketId: "T-1003", agent: "ag-7", inclusionProbability: 0.125, reviewed: false },
  ],
};

export const auditSummary: AuditSummary = {
  reviews: 12,
  averageScore: 81.4,
  passRate: 0.667,
  criticalFails: 1,
  compliance: { rate: 0.72, ci95: [0.55, 0.86], n: 12, estimator: "horvitz-thompson" },
  calibration: {
    tickets: 3,
    alpha: { accuracy: 0.81, tone: 0.64, privacy: null },
    overallAlpha: 0.74,
    reviewers: [
      { reviewer: "key-mgr", ratings: 9, meanDeviation: 0.2 },
      { reviewer: "key-lead", ratings: 9, meanDeviation: 0.35 },
    ],
  },
};

export const scorecard: Scorecard = {
  agent: "ag-42",
  brand: "jewelry",
  period: { from: "2026-03-02T00:00:00.000Z", to: "2026-04-01T00:00:00.000Z", asOf: "2026-03-31T12:00:00.000Z" },
  figures: { ...agentsTable.agents[1]!, agent: "ag-42" },
  teamMedian: {
    tickets: 120,
    solved: 100,
    resolutionRate: 0.75,
    frtMedianSeconds: 7_200,
    frtBusinessMedianSeconds: 3_600,
    fcrRate: 0.6,
    reopenRate: 0.05,
    csatScore: 0.88,
    csatResponses: 40,
    slaBreachRate: 0.08,
    qaAverageScore: 85,
    qaReviews: 5,
    flags: 1,
  },
  trend: [
    { start: "2026-03-02T00:00:00.000Z", tickets: 70, frtMedianSeconds: 14_000, csatScore: 0.8 },
    { start: "2026-03-09T00:00:00.000Z", tickets: 80, frtMedianSeconds: 13_000, csatScore: 0.82 },
  ],
  recentFeedback: [
    { ticketId: "T-1001", rating: 2, comment: "Not helpful", at: "2026-03-03T08:00:00.000Z" },
    { ticketId: "T-1010", rating: 5, comment: "Quick and kind, thank you!", at: "2026-03-20T08:00:00.000Z" },
  ],
  reviews: [review],
  flags: [ticketFlags[0]!],
};
