import { type CaliperEvent, type Category, compareEvents, type EventOf } from "@caliper/domain";
import { checkMessage, type Flag } from "./rules/index.ts";
import type { BrandPolicy } from "./types.ts";

/** A message-rule flag on one stored agent message. */
export interface MessageFlag extends Flag {
  ticketId: string;
  eventId: string;
  at: string;
  /** The sender: the agent (or bot) id. */
  agent: string | null;
}

/**
 * Checks every agent message of a ticket (human or automated: both speak for the store) against
 * the brand's rules, with the ticket's category as context. A function of the ticket's events
 * and the policy only, so projections and the reference agree and a rebuild gives the same flags.
 */
export function ticketMessageFlags(events: readonly CaliperEvent[], policy: BrandPolicy): MessageFlag[] {
  const sorted = [...events].sort(compareEvents);
  const created = sorted.find((e): e is EventOf<"ticket.created"> => e.type === "ticket.created");
  const category: Category | undefined = created?.data.category;
  const out: MessageFlag[] = [];
  for (const e of sorted) {
    if (e.type !== "message.agent" || !e.data.body) continue;
    for (const f of checkMessage(policy, { body: e.data.body, at: e.at, ...(category ? { category } : {}) }))
      out.push({ ...f, ticketId: e.ticketId as string, eventId: e.id, at: e.at, agent: e.actor.id ?? null });
  }
  return out;
}
