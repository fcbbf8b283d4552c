import type { TicketFacts } from "../src/ticket-facts.ts";

/** A solved ticket of brand acme created 2026-11-02, with no reply, rating or flag, but for `overrides`. */
export const ticketFacts = (overrides: Partial<TicketFacts>): TicketFacts => ({
  brand: "acme",
  ticketId: "t-1",
  createdAt: "2026-11-02T10:00:00.000Z",
  createdDay: "2026-11-02",
  category: "order",
  channel: "email",
  agent: null,
  firstResponseApplies: true,
  frtSeconds: null,
  frtBusinessSeconds: null,
  solved: false,
  resolutionSeconds: null,
  fcr: false,
  reopened: false,
  rating: null,
  ratingAt: null,
  ratingComment: null,
  flags: 0,
  lastEventAt: "2026-11-06T10:00:00.000Z",
  ...overrides,
});
