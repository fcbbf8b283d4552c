import {
  type ActorType,
  type CaliperEvent,
  type Category,
  type Channel,
  compareEvents,
  isHumanReply,
  isResolvedStatus,
  type Priority,
  type TicketStatus,
} from "@caliper/domain";

/** A ticket's state derived from its events; a function of the event set, not arrival order. */
export interface TicketState {
  brand: string;
  ticketId: string;
  createdAt: string | null;
  createdBy: ActorType | null;
  channel: Channel | null;
  category: Category | null;
  priority: Priority | null;
  subject: string | null;
  customerId: string | null;
  orderId: string | null;
  /** Latest status; "open" from creation until a status event says otherwise. */
  status: TicketStatus | null;
  assignee: string | null;
  /** First reply by a human agent at or after creation (automated replies and notes never count). */
  firstReplyAt: string | null;
  firstReplyAgent: string | null;
  /** Number of human agent replies. */
  humanReplies: number;
  /** Number of times the ticket went from solved/closed back to an unresolved status. */
  reopens: number;
  /** Time of the latest solve, when the ticket is currently solved or closed. */
  solvedAt: string | null;
  /** Latest customer rating (the latest `feedback.submitted` wins). */
  rating: number | null;
  ratingAt: string | null;
  ratingComment: string | null;
  lastEventAt: string;
  eventCount: number;
}

/**
 * Replays a ticket's events in time order (ties broken by event id) and returns its state.
 * `asOf`, when given, ignores events after it. Events of other tickets must not be passed.
 */
export function projectTicket(events: readonly CaliperEvent[], asOf?: string): TicketState | null {
  const sorted = events.filter((e) => asOf === undefined || e.at <= asOf).sort(compareEvents);
  const first = sorted[0];
  if (!first || first.ticketId === undefined) return null;
  const s: TicketState = {
    brand: first.brand,
    ticketId: first.ticketId,
    createdAt: null,
    createdBy: null,
    channel: null,
    category: null,
    priority: null,
    subject: null,
    customerId: null,
    orderId: null,
    status: null,
    assignee: null,
    firstReplyAt: null,
    firstReplyAgent: null,
    humanReplies: 0,
    reopens: 0,
    solvedAt: null,
    rating: null,
    ratingAt: null,
    ratingComment: null,
    lastEventAt: first.at,
    eventCount: 0,
  };
  for (const e of sorted) {
    s.eventCount++;
    s.lastEventAt = e.at;
    switch (e.type) {
      case "ticket.created":
        // A second ticket.created (a different id for the same ticket) does not restart it.
        if (s.createdAt !== null) break;
        s.createdAt = e.at;
        s.createdBy = e.actor.type;
        s.channel = e.data.channel;
        s.category = e.data.category;
        s.priority = e.data.priority ?? "normal";
        s.subject = e.data.subject ?? null;
        s.customerId = e.data.customerId ?? (e.actor.type === "customer" ? (e.actor.id ?? null) : null);
        s.orderId = e.data.orderId ?? null;
        if (s.status === null) s.status = "open";
        break;
      case "message.agent":
        if (!isHumanReply(e)) break;
        s.humanReplies++;
        if (s.firstReplyAt === null && (s.createdAt === null || e.at >= s.createdAt)) {
          s.firstReplyAt = e.at;
          s.firstReplyAgent = e.actor.id ?? null;
        }
        break;
      case "ticket.assigned":
        s.assignee = e.data.agentId;
        break;
      case "ticket.status": {
        const wasResolved = s.status !== null && isResolvedStatus(s.status);
        const isResolved = isResolvedStatus(e.data.status);
        if (wasResolved && !isResolved) s.reopens++;
        // The solve time is the latest move into solved/closed (closing a solved ticket keeps it).
        if (isResolved && !wasResolved) s.solvedAt = e.at;
        if (!isResolved) s.solvedAt = null;
        s.status = e.data.status;
        break;
      }
      case "feedback.submitted":
        s.rating = e.data.rating;
        s.ratingAt = e.at;
        s.ratingComment = e.data.comment ?? null;
        break;
      default:
        break;
    }
  }
  return s;
}

/** The agent a ticket belongs to (DESIGN.md §5): its assignee, else the first human replier. */
export const attributedAgent = (t: Pick<TicketState, "assignee" | "firstReplyAgent">): string | null =>
  t.assignee ?? t.firstReplyAgent;
