import type { Category, ReturnReason } from "@caliper/domain";

/** Message-rule ids (DESIGN.md §6, contract). */
export const RULE_IDS = [
  "promise.refund_timeline",
  "promise.delivery_timeline",
  "promise.return_window",
  "promise.return_shipping",
  "fees.hidden",
  "channel.off_platform",
  "currency.non_usd",
  "tone.dismissive",
  "privacy.sensitive_data",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type Severity = "low" | "medium" | "high" | "critical";

/** A span of the checked body: UTF-16 offsets, `body.slice(start, end) === text`. */
export interface Evidence {
  start: number;
  end: number;
  text: string;
}

export interface Flag {
  rule: RuleId;
  severity: Severity;
  evidence: Evidence;
  /** The policy clause contradicted, human readable. */
  policy: string;
  /** One-line explanation for the agent. */
  message: string;
}

export interface CheckInput {
  body: string;
  category?: Category;
  /** The return reason when known from the order (return.requested); fault reasons make free return shipping legitimate. */
  returnReason?: ReturnReason | null;
  /**
   * When the message was sent (RFC 3339 or a Date). Inside one of the policy's peak periods
   * (local dates in the brand timezone) the clock limits are multiplied by the period's
   * factor, so a longer promise made during peak is compliant.
   */
  at?: string | Date;
}
