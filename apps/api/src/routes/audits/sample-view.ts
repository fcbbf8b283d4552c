import type { SampleRecord, SampleTicketRecord } from "@caliper/db";

/** The API shape of a sample (packages/client AuditSample). */
export const sampleView = (s: { sample: SampleRecord; tickets: SampleTicketRecord[] }) => ({
  ...sampleSummary(s.sample),
  tickets: s.tickets.map((t) => ({
    ticketId: t.ticketId,
    agent: t.agent,
    inclusionProbability: t.inclusionProbability,
    reviewed: t.reviewed,
  })),
});

export const sampleSummary = (s: SampleRecord) => ({
  id: s.id,
  brand: s.brand,
  from: s.from,
  to: s.to,
  perAgent: s.perAgent,
  seed: s.seed,
  strategy: s.strategy,
  createdAt: s.createdAt,
});
