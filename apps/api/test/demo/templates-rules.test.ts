import { type Category, FAULT_REASONS, type ReturnReason } from "@caliper/domain";
import { BUILTIN_POLICIES, checkMessage, type RuleId } from "@caliper/policy";
import { describe, expect, it } from "vitest";
import { DEMO_STORES, type DemoStore } from "../../src/demo/stores.ts";
import {
  AGENT_CLOSINGS,
  AGENT_GREETINGS,
  BOT_ACKS,
  BOT_CHAT,
  DEFAULT_ORDER_MODE,
  FOLLOW_UPS,
  fill,
  GENERIC,
  type OrderMode,
  REOPENS,
  STORE_SCENARIOS,
  type Scenario,
  VIOLATIONS,
} from "../../src/demo/templates.ts";
import { redactBody } from "../../src/privacy/redact.ts";

/**
 * Every agent reply template of the demo generator, checked with the real message rules against its store's
 * built-in policy: compliant templates must get no flag, rule-breaking ones (VIOLATIONS) must be flagged with
 * their rule and nothing else. Bodies are checked as written and as stored (redacted: "[redacted email]",
 * "[redacted phone]", "[redacted card]"), in two contexts: the one the generator uses them in (category, and the
 * return reason of return flows), and the one ingest checks them in (the ticket's category only, see
 * packages/policy/src/message-flags.ts), so the demo's stored flags are exactly its rule breaks.
 *
 * The placeholder values mirror src/demo/generate.ts (TicketBuilder: vars and returnShipping).
 */

const CATEGORIES = Object.keys(GENERIC) as Category[];
const FAULT = new Set<ReturnReason>(FAULT_REASONS);

function vars(store: DemoStore, reason: ReturnReason | null): Record<string, string> {
  const returnShipping =
    store.freeReturns || (reason !== null && FAULT.has(reason))
      ? "Return shipping is free — we'll send you a prepaid label."
      : "As this isn't a fault with the item, return postage is covered by you.";
  return {
    name: "Amelia",
    store: store.name,
    order: `${store.prefix}-7Q2K-O1042`,
    ticket: `${store.prefix}-7Q2K-1042`,
    product: store.products[0]?.name ?? "product",
    carrier: store.carriers[0] ?? "UPS",
    amount: "$64.99 USD",
    amountValue: "64.99",
    eur: "59.79",
    gbp: "51.34",
    days: "9",
    domain: store.domain,
    dispatchPolicy: "Orders leave our warehouse within 1-3 working days.",
    deliveryPolicy: "Delivery usually takes 6-12 working days after dispatch.",
    shippingPolicy:
      "Shipping is free: orders leave our warehouse within 1-3 working days and usually arrive within 6-12 working days.",
    refundPolicy:
      "Once your return arrives and passes inspection, we'll process your refund within 5-10 working days, in USD to your original payment method.",
    dutiesPolicy: store.dutiesPaid
      ? "All customs duties, tariffs and import fees are covered by us, so there is nothing extra to pay on delivery."
      : "",
    returnShipping,
    returnPolicy: `You can return it within 60 days of delivery. ${returnShipping}`,
    agent: store.agents[0]?.name ?? "Sam",
    agentLower: (store.agents[0]?.name ?? "Sam").toLowerCase(),
    agent2: store.agents[1]?.name ?? "Alex",
  };
}

/** Fills a template as the generator does (double spaces from empty placeholders collapsed). */
const text = (template: string, v: Record<string, string>): string => fill(template, v).trim().replace(/ {2,}/g, " ");

interface Context {
  store: DemoStore;
  category: Category;
  reason: ReturnReason | null;
}

function rules(ctx: Context, body: string, withReason: boolean): RuleId[] {
  const policy = BUILTIN_POLICIES[ctx.store.brand];
  if (!policy) throw new Error(`no built-in policy for ${ctx.store.brand}`);
  return checkMessage(policy, {
    body,
    category: ctx.category,
    ...(withReason && ctx.reason !== null ? { returnReason: ctx.reason } : {}),
  }).map((f) => f.rule);
}

/** The reply templates an agent can send in a ticket of this category, and the return reasons they go with. */
function agentTexts(store: DemoStore, category: Category): { template: string; reasons: (ReturnReason | null)[] }[] {
  const scenarios: Scenario[] = [...GENERIC[category], ...(STORE_SCENARIOS[store.brand]?.[category] ?? [])];
  const out: { template: string; reasons: (ReturnReason | null)[] }[] = [];
  for (const s of scenarios) {
    const mode: OrderMode = s.order ?? DEFAULT_ORDER_MODE[category];
    const reasons: (ReturnReason | null)[] =
      s.reason !== undefined ? [s.reason] : mode === "return" ? store.returnReasons.map(([r]) => r) : [null];
    const followUps = [
      ...FOLLOW_UPS.general,
      ...(mode === "return" ? FOLLOW_UPS.return : []),
      ...(mode === "recent" ? FOLLOW_UPS.recent : []),
      ...(mode === "shipped" ? FOLLOW_UPS.shipped : []),
    ].map(([, answer]) => answer);
    const reopens = [...REOPENS.general, ...REOPENS.refund, ...REOPENS.shipping, ...REOPENS.quality].map(
      ([, answer]) => answer,
    );
    for (const template of [s.reply, ...(s.reply2 !== undefined ? [s.reply2] : []), ...followUps, ...reopens])
      out.push({ template, reasons });
  }
  return out;
}

/** Greeting, core, closing and sign-off, as TicketBuilder.agentMessage composes them. */
const compose = (core: string, i: number, v: Record<string, string>): string => {
  const greeting = AGENT_GREETINGS[i % AGENT_GREETINGS.length] ?? "";
  const closing = AGENT_CLOSINGS[i % AGENT_CLOSINGS.length] ?? "";
  return text([greeting, closing === "" ? core : `${core} ${closing}`, `— ${v.agent}`].join("\n\n"), v);
};

describe("demo templates against the message rules", () => {
  it("compliant agent replies get no flag (as written and as stored redacted)", () => {
    const failures: string[] = [];
    let checked = 0;
    for (const store of DEMO_STORES)
      for (const category of CATEGORIES)
        for (const [i, { template, reasons }] of agentTexts(store, category).entries())
          for (const reason of reasons) {
            const v = vars(store, reason);
            const ctx = { store, category, reason };
            for (const body of [text(template, v), compose(template, i, v)])
              for (const stored of [body, redactBody(body)])
                for (const withReason of [true, false]) {
                  checked++;
                  const got = rules(ctx, stored, withReason);
                  if (got.length > 0)
                    failures.push(`[${store.brand}/${category}/${reason ?? "-"}] ${got.join(",")}: ${stored}`);
                }
          }
    expect(checked).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  });

  it("bot acknowledgements get no flag", () => {
    const failures: string[] = [];
    for (const store of DEMO_STORES)
      for (const category of CATEGORIES)
        for (const template of [...BOT_ACKS, ...BOT_CHAT]) {
          const body = text(template, vars(store, null));
          const got = rules({ store, category, reason: null }, body, false);
          if (got.length > 0) failures.push(`[${store.brand}/${category}] ${got.join(",")}: ${body}`);
        }
    expect(failures).toEqual([]);
  });

  it("rule-breaking templates are flagged with their rule, and only with it", () => {
    const failures: string[] = [];
    let checked = 0;
    for (const store of DEMO_STORES)
      for (const v of VIOLATIONS) {
        if (v.when === "freeReturns" && !store.freeReturns) continue;
        if (v.when === "customerPaysReturns" && store.freeReturns) continue;
        if (v.when === "dutiesPaid" && !store.dutiesPaid) continue;
        const categories = v.categories === "all" ? CATEGORIES : v.categories;
        for (const category of categories) {
          // The generator uses "customerPaysReturns" breaks only on returns that are not the store's fault.
          const reason: ReturnReason | null =
            v.when === "customerPaysReturns"
              ? "changed_mind"
              : DEFAULT_ORDER_MODE[category] === "return"
                ? "size"
                : null;
          const values = vars(store, reason);
          const cores =
            v.mode === "replace"
              ? [""]
              : agentTexts(store, category)
                  .filter(({ reasons }) => reasons.includes(reason))
                  .map(({ template }) => template)
                  .slice(0, 4);
          for (const sentence of v.texts)
            for (const [i, core] of cores.entries()) {
              const body = compose(core === "" ? sentence : `${core} ${sentence}`, i, values);
              for (const stored of [body, redactBody(body)])
                for (const withReason of [true, false]) {
                  checked++;
                  const got = rules({ store, category, reason }, stored, withReason);
                  if (got.length !== 1 || got[0] !== v.rule)
                    failures.push(
                      `[${store.brand}/${category}] expected ${v.rule}, got ${got.join(",") || "nothing"}: ${stored}`,
                    );
                }
            }
        }
      }
    expect(checked).toBeGreaterThan(300);
    expect(failures).toEqual([]);
  });
});
