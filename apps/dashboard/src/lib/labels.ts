import type { ClockName, RuleId } from "@caliper/client";

/** Ticket categories and channels (DESIGN.md §2), in display order. */
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
export const CHANNELS = ["contact_form", "email", "chat", "phone", "social"] as const;
export const CLOCKS: readonly ClockName[] = ["first_response", "next_response", "dispatch", "delivery", "refund"];

const CATEGORY_LABELS: Record<string, string> = {
  pre_sales: "Pre-sales",
  order: "Order",
  payment: "Payment",
  shipping: "Shipping",
  return_refund: "Return & refund",
  product_quality: "Product quality",
  complaint: "Complaint",
  suggestion: "Suggestion",
  other: "Other",
};
const CHANNEL_LABELS: Record<string, string> = {
  contact_form: "Contact form",
  email: "Email",
  chat: "Chat",
  phone: "Phone",
  social: "Social",
};
const CLOCK_LABELS: Record<ClockName, string> = {
  first_response: "First response",
  next_response: "Next response",
  dispatch: "Dispatch",
  delivery: "Delivery",
  refund: "Refund",
};

export const categoryLabel = (id: string | null): string => (id ? (CATEGORY_LABELS[id] ?? id) : "—");
export const channelLabel = (id: string | null): string => (id ? (CHANNEL_LABELS[id] ?? id) : "—");
export const clockLabel = (id: ClockName): string => CLOCK_LABELS[id] ?? id;

/** Audit sampling strategies (DESIGN.md §6), as the sample form and the samples table name them. */
const STRATEGY_LABELS: Record<string, string> = { uniform: "Uniform", risk: "Risk-weighted" };
export const strategyLabel = (id: string): string => STRATEGY_LABELS[id] ?? id;

/**
 * The audit summary's compliance estimators (apps/api qa/audit-summary.ts): Horvitz-Thompson when
 * one sample is fully reviewed (its strata sizes known), else the Hájek ratio (the same
 * inclusion-probability weights over their estimated total). Both weight each review by
 * 1 / inclusion probability, so risk-weighted samples do not bias the rate.
 */
const ESTIMATOR_LABELS: Record<string, string> = {
  "horvitz-thompson": "Horvitz–Thompson estimate",
  hajek: "Hájek ratio estimate",
};
export const estimatorLabel = (id: string): string => ESTIMATOR_LABELS[id] ?? id;

/** What each message rule (DESIGN.md §6) checks, in words an agent can act on. */
export const RULES: Record<RuleId, { label: string; explanation: string }> = {
  "promise.refund_timeline": {
    label: "Refund timeline",
    explanation: "The refund time quoted must match the store's refund clock — neither faster nor slower.",
  },
  "promise.delivery_timeline": {
    label: "Dispatch or delivery timeline",
    explanation: "Dispatch and delivery times quoted must match the store's dispatch and delivery clocks.",
  },
  "promise.return_window": {
    label: "Return window",
    explanation: "The return window quoted must be the one in the store's policy.",
  },
  "promise.return_shipping": {
    label: "Return shipping",
    explanation:
      "Return shipping must be described as the policy says: free where the store pays, paid by the customer where they pay (unless the store is at fault).",
  },
  "fees.hidden": {
    label: "Fees the store bears",
    explanation: "Never ask the customer to pay shipping, duties or tariffs that the store covers.",
  },
  "channel.off_platform": {
    label: "Official channels",
    explanation:
      "Keep the customer on the store's official channels; don't send them to email, phone, WhatsApp or DMs.",
  },
  "currency.non_usd": {
    label: "Currency",
    explanation: "Quote refunds and prices in the store's currency.",
  },
  "tone.dismissive": {
    label: "Tone",
    explanation: 'Avoid perfunctory, cold or refusing language such as "nothing we can do" or "not our problem".',
  },
  "privacy.sensitive_data": {
    label: "Sensitive data",
    explanation: "Never ask for or repeat card numbers, CVV codes or passwords.",
  },
};

export const ruleLabel = (rule: string): string => RULES[rule as RuleId]?.label ?? rule;
export const ruleExplanation = (rule: string): string => RULES[rule as RuleId]?.explanation ?? "";
