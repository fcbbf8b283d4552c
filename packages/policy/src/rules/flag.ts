import type { Doc } from "./text.ts";
import type { Flag, RuleId, Severity } from "./types.ts";

/**
 * Severity of each rule. Promises that contradict the policy and fees the store bears are
 * "misleading information or unauthorised promise" (a critical scorecard category, DESIGN.md §6)
 * but one wrong sentence is not always a critical fail, so they are high; privacy is critical.
 */
export const SEVERITY: Readonly<Record<RuleId, Severity>> = {
  "promise.refund_timeline": "high",
  "promise.delivery_timeline": "high",
  "promise.return_window": "high",
  "promise.return_shipping": "high",
  "fees.hidden": "high",
  "channel.off_platform": "medium",
  "currency.non_usd": "medium",
  "tone.dismissive": "medium",
  "privacy.sensitive_data": "critical",
};

export function makeFlag(rule: RuleId, doc: Doc, start: number, end: number, policy: string, message: string): Flag {
  return {
    rule,
    severity: SEVERITY[rule],
    evidence: { start, end, text: doc.body.slice(start, end) },
    policy,
    message,
  };
}

/** A candidate flag with a strength, so a rule keeps its strongest evidence. */
export interface Candidate {
  readonly flag: Flag;
  readonly strength: number;
}

export function strongest(cands: readonly Candidate[]): Flag | undefined {
  let best: Candidate | undefined;
  for (const c of cands) if (!best || c.strength > best.strength) best = c;
  return best?.flag;
}
