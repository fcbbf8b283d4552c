/**
 * Message rules (DESIGN.md §6): policy-as-code QA checks on agent messages.
 *
 * `checkMessage(policy, input)` runs every rule on one message and returns at most one flag
 * per rule (its strongest evidence), in RULE_IDS order. Everything a rule compares against —
 * clocks, return window, who pays return shipping, free shipping, duties, official channels,
 * currency, peak periods — comes from the brand's `BrandPolicy`; nothing is specific to a
 * store. All regular expressions are compiled once, at module load; a typical 300-character
 * message takes a few tens of microseconds.
 *
 * Decisions on ambiguous wording (details in each module):
 *  - time.ts: plain "days" are read as the clock's own days (the store texts say "5-10 days"
 *    for the 5-10 working-day clock); 1 week = 5 working days (so "2 weeks" is a compliant
 *    10-working-day refund), 1 month = 21; hours / 24 (under 24 h is under one working day).
 *    A precise promise must lie inside [target, limit]; faster than the target is an
 *    unauthorised promise ("ships same day" against a 1-3 working-day dispatch clock is
 *    flagged; "ships tomorrow" / "within 24 hours" are not). Vague promises ("a few days",
 *    "next week", "about a week") are flagged only when entirely outside.
 *  - timeline.ts: return windows in calendar days with a tolerance of max(2, 5%) — "two
 *    months" is a 60-day window, "8 weeks" (56 days) is not; "any time" / "no deadline"
 *    is an unlimited window. Times about replies, follow-ups, escalations, calls, tracking
 *    status updates ("out for delivery, arrives today"), the past, negations, hedges,
 *    conditions and questions are not promises.
 *  - costs.ts: a fault (defect, damage, wrong item, our mistake) stated in the message, a
 *    fault `returnReason`, or a product_quality ticket makes free return shipping legitimate
 *    where the customer normally pays — and makes charging for it a violation.
 *  - channel.ts: the store emailing or notifying the customer is fine ("we'll email you the
 *    label", "reply to this email"); the agent calling or texting the customer ("I'll call
 *    you") moves the conversation off-platform and is flagged; marketing mentions ("follow us
 *    on Instagram") are not redirects.
 *  - currency.ts: a courtesy conversion ("$45 (about €41)") is quoting another currency.
 *  - privacy.ts: the last four digits of a card are not sensitive; Luhn-valid 13-19 digit
 *    numbers are, unless introduced as a tracking/order/reference number.
 *  - CheckInput.at (optional): inside a peak period the clock limits are multiplied by its factor.
 *  - CheckInput.category (optional): a message that only says "you'll have it by Monday" takes
 *    its topic from the ticket (shipping, order, pre_sales: delivery; return_refund: refund).
 *  - Stored bodies are redacted ("[redacted email]", "[redacted phone]", "[redacted card]"):
 *    a placeholder the customer is sent to is an off-platform channel, an echoed card
 *    placeholder is sensitive data (channel.ts, privacy.ts).
 *  - Cheap prefilters: most patterns declare the words one of which every match contains, and
 *    are skipped when the message has none (`mentions` in text.ts, over the words `scanWords` finds).
 */
import type { BrandPolicy } from "../types.ts";
import { checkChannel } from "./channel.ts";
import { checkCosts } from "./costs.ts";
import { checkCurrency } from "./currency.ts";
import { checkPrivacy } from "./privacy.ts";
import { buildDoc, normalise, scanWords } from "./text.ts";
import { findTimeExpressions } from "./time.ts";
import { checkTimelines } from "./timeline.ts";
import { checkTone } from "./tone.ts";
import type { CheckInput, Flag } from "./types.ts";

export { SEVERITY } from "./flag.ts";
export { RULE_IDS } from "./types.ts";
export type { CheckInput, Evidence, Flag, RuleId, Severity } from "./types.ts";

export function checkMessage(policy: BrandPolicy, input: CheckInput): Flag[] {
  const body = input.body;
  if (!body || body.trim() === "") return [];
  const text = normalise(body);
  const words = scanWords(text);
  const times = findTimeExpressions(text, words);
  const doc = buildDoc(body, text, times, words);
  const flags: Flag[] = [];
  const timelines = checkTimelines(doc, times, policy, input.at, input.category);
  const costs = checkCosts(doc, policy, input);
  if (timelines.refund) flags.push(timelines.refund);
  if (timelines.delivery) flags.push(timelines.delivery);
  if (timelines.window) flags.push(timelines.window);
  if (costs.returnShipping) flags.push(costs.returnShipping);
  if (costs.fees) flags.push(costs.fees);
  const channel = checkChannel(doc, policy);
  if (channel) flags.push(channel);
  const currency = checkCurrency(doc, policy);
  if (currency) flags.push(currency);
  const tone = checkTone(doc);
  if (tone) flags.push(tone);
  const privacy = checkPrivacy(doc);
  if (privacy) flags.push(privacy);
  return flags;
}
