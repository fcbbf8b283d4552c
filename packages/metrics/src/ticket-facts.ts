import type { BusinessCalendar } from "@caliper/policy";
import { attributedAgent, type TicketState } from "./ticket-state.ts";

/**
 * What a ticket contributes to the metrics of DESIGN.md §5, derived from its state. Only
 * tickets with a `ticket.created` have facts: creation time decides which period they count in.
 */
export interface TicketFacts {
  brand: string;
  ticketId: string;
  createdAt: string;
  /** Local date of creation in the brand's time zone: the rollup day. */
  createdDay: string;
  category: string;
  channel: string;
  /** Assignee, else the first human replier. */
  agent: string | null;
  /** First-response time is measured for tickets not opened by an agent (outbound tickets are not). */
  firstResponseApplies: boolean;
  /** Seconds from creation to the first human reply; null while awaiting or not applicable. */
  frtSeconds: number | null;
  frtBusinessSeconds: number | null;
  solved: boolean;
  /** Creation to the latest solve, when solved. */
  resolutionSeconds: number | null;
  /** Solved with exactly one human agent reply and never reopened. */
  fcr: boolean;
  reopened: boolean;
  rating: number | null;
  ratingAt: string | null;
  ratingComment: string | null;
  /** Message-rule flags on the ticket's agent messages. */
  flags: number;
  lastEventAt: string;
}

const seconds = (from: string, to: string): number => Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);

export function ticketFacts(s: TicketState, calendar: BusinessCalendar, flags = 0): TicketFacts | null {
  if (s.createdAt === null || s.category === null || s.channel === null) return null;
  const applies = s.createdBy !== "agent";
  const replied = applies && s.firstReplyAt !== null;
  const solved = s.status === "solved" || s.status === "closed";
  return {
    brand: s.brand,
    ticketId: s.ticketId,
    createdAt: s.createdAt,
    createdDay: calendar.localDate(s.createdAt),
    category: s.category,
    channel: s.channel,
    agent: attributedAgent(s),
    firstResponseApplies: applies,
    frtSeconds: replied ? seconds(s.createdAt, s.firstReplyAt as string) : null,
    frtBusinessSeconds: replied ? calendar.businessSeconds(s.createdAt, s.firstReplyAt as string) : null,
    solved,
    resolutionSeconds: solved && s.solvedAt !== null ? seconds(s.createdAt, s.solvedAt) : null,
    fcr: solved && s.humanReplies === 1 && s.reopens === 0,
    reopened: s.reopens > 0,
    rating: s.rating,
    ratingAt: s.ratingAt,
    ratingComment: s.ratingComment,
    flags,
    lastEventAt: s.lastEventAt,
  };
}
