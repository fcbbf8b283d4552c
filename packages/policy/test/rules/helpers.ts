import type { Category, ReturnReason } from "@caliper/domain";
import { BUILTIN_POLICIES, DEFAULT_POLICY } from "../../src/builtins.ts";
import { parseDuration } from "../../src/duration.ts";
import { checkMessage, type Flag, type RuleId } from "../../src/rules/index.ts";
import type { BrandPolicy, ClockPolicy } from "../../src/types.ts";

export const BRANDS = ["eyewear", "marketplace", "global-goods", "clean-beauty", "jewelry"] as const;
export type Brand = (typeof BRANDS)[number];

export function builtin(brand: Brand): BrandPolicy {
  const p = BUILTIN_POLICIES[brand];
  if (!p) throw new Error(`no built-in policy ${brand}`);
  return p;
}

export interface Extra {
  category?: Category;
  returnReason?: ReturnReason | null;
  at?: string | Date;
}

export function flagsFor(policy: BrandPolicy | Brand, body: string, extra: Extra = {}): Flag[] {
  const p = typeof policy === "string" ? builtin(policy) : policy;
  return checkMessage(p, { body, ...extra });
}

/** The rules flagged on a message. */
export function rulesOf(policy: BrandPolicy | Brand, body: string, extra: Extra = {}): RuleId[] {
  return flagsFor(policy, body, extra).map((f) => f.rule);
}

export function flagged(policy: BrandPolicy | Brand, body: string, rule: RuleId, extra: Extra = {}): boolean {
  return rulesOf(policy, body, extra).includes(rule);
}

const d = (text: string) => {
  const v = parseDuration(text);
  if (!v) throw new Error(text);
  return v;
};

export const clock = (target: string, limit: string, calendar: "calendar" | "business" = "calendar"): ClockPolicy => ({
  target: d(target),
  limit: d(limit),
  calendar,
});

/** A hand-built policy: the default policy with overrides. */
export function policyWith(overrides: Partial<BrandPolicy>): BrandPolicy {
  return { ...DEFAULT_POLICY, brand: "custom", name: "Custom", ...overrides };
}
