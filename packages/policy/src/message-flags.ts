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
 * Identical replies (bot acknowledgements, saved templates, a ticket re-projected at each new
 * event) are checked once: results are kept per policy object, keyed by body, category and —
 * only when the policy has peak periods, which change the limits — the minute sent.
 */
const CACHE_SIZE = 20_000;
const caches = new WeakMap<BrandPolicy, Map<string, Flag[]>>();

function cachedCheck(policy: BrandPolicy, body: string, at: string, category: Category | undefined): Flag[] {
  const cache = caches.get(policy) ?? new Map<string, Flag[]>();
  caches.set(policy, cache);
  // Local dates change on whole minutes in every zone, so the minute decides any peak period.
  const key = `${category ?? ""}\u001f${policy.peakPeriods.length ? at.slice(0, 16) : ""}\u001f${body}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const flags = checkMessage(policy, { body, at, ...(category ? { category } : {}) });
  cache.set(key, flags);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return flags;
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
    for (const f of cachedCheck(policy, e.data.body, e.at, category))
      out.push({ ...f, ticketId: e.ticketId as string, eventId: e.id, at: e.at, agent: e.actor.id ?? null });
  }
  return out;
}
