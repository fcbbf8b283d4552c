import { z } from "zod";

export const CHANNELS = ["contact_form", "email", "chat", "phone", "social"] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const CATEGORIES = [
  "pre_sales",
  "order",
  "payment",
  "shipping",
  "return_refund",
  "product_quality",
  "complaint",
  "suggestion",
  "other",
] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

export const TICKET_STATUSES = ["open", "pending", "on_hold", "solved", "closed"] as const;
export const TicketStatus = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** solved and closed both count as resolved (DESIGN.md §5). */
export const isResolvedStatus = (s: TicketStatus): boolean => s === "solved" || s === "closed";

export const ACTOR_TYPES = ["customer", "agent", "bot", "system"] as const;
export const ActorType = z.enum(ACTOR_TYPES);
export type ActorType = z.infer<typeof ActorType>;

export const RETURN_REASONS = ["defect", "wrong_item", "damaged", "changed_mind", "size", "other"] as const;
export const ReturnReason = z.enum(RETURN_REASONS);
export type ReturnReason = z.infer<typeof ReturnReason>;

/** Return reasons that make the return the store's fault (DESIGN.md §3 returnShipping). */
export const FAULT_REASONS: readonly ReturnReason[] = ["defect", "wrong_item", "damaged"];

export const ROLES = ["admin", "manager", "agent", "ingest"] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;
