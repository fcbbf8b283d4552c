import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUILTIN_POLICIES, DEFAULT_POLICY } from "../../src/builtins.ts";
import { checkMessage, RULE_IDS, SEVERITY } from "../../src/rules/index.ts";
import { BRANDS, flagsFor } from "./helpers.ts";
import { loadLabelled } from "./labelled.ts";

describe("checkMessage API", () => {
  it("rule ids are the DESIGN.md §6 contract", () => {
    expect(RULE_IDS).toEqual([
      "promise.refund_timeline",
      "promise.delivery_timeline",
      "promise.return_window",
      "promise.return_shipping",
      "fees.hidden",
      "channel.off_platform",
      "currency.non_usd",
      "tone.dismissive",
      "privacy.sensitive_data",
    ]);
    for (const r of RULE_IDS) expect(["low", "medium", "high", "critical"]).toContain(SEVERITY[r]);
  });

  it("a compliant or empty message gets no flag", () => {
    expect(checkMessage(DEFAULT_POLICY, { body: "" })).toEqual([]);
    expect(checkMessage(DEFAULT_POLICY, { body: "   " })).toEqual([]);
    expect(
      checkMessage(DEFAULT_POLICY, { body: "Thank you for your suggestion — I've passed it to our product team." }),
    ).toEqual([]);
  });

  it("flags several rules in one message, each once, with its strongest evidence", () => {
    const body =
      "Send your card number to billing@eyewear.example and we'll refund you within 48 hours, maybe even today.";
    const flags = flagsFor("eyewear", body);
    const rules = flags.map((f) => f.rule);
    expect(new Set(rules).size).toBe(rules.length);
    expect(rules).toEqual(
      expect.arrayContaining(["privacy.sensitive_data", "channel.off_platform", "promise.refund_timeline"]),
    );
    expect(flags.find((f) => f.rule === "promise.refund_timeline")?.evidence.text).toBe("today");
    for (const f of flags) {
      expect(f.policy.length).toBeGreaterThan(10);
      expect(f.message.length).toBeGreaterThan(10);
    }
  });

  it("evidence offsets are UTF-16 offsets into the body as sent (emoji, curly quotes, no-break spaces)", () => {
    const body =
      "🙏 Sorry! We’ll refund you within 48 hours — that’s\u00a0not our problem though 😅, email me at a@b.example";
    const flags = flagsFor("marketplace", body);
    expect(flags.map((f) => f.rule).sort()).toEqual([
      "channel.off_platform",
      "promise.refund_timeline",
      "tone.dismissive",
    ]);
    for (const f of flags) expect(body.slice(f.evidence.start, f.evidence.end)).toBe(f.evidence.text);
    expect(flags.find((f) => f.rule === "promise.refund_timeline")?.evidence.start).toBe(body.indexOf("48 hours"));
  });

  it("evidence is always a slice of the body, on labelled and random messages (property)", () => {
    const labelled = [...loadLabelled("qa-messages.jsonl"), ...loadLabelled("qa-holdout.jsonl")].map((r) => r.body);
    const fragments = [
      ...labelled,
      "€",
      "’",
      "\u00a0",
      "🙂",
      "5-10",
      "between 5 and",
      "4111 1111 1111 1111",
      "\n",
      "?",
      ";",
    ];
    const bodies = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 200 }),
      fc.array(fc.constantFrom(...fragments), { maxLength: 6 }).map((parts) => parts.join(" ")),
    );
    fc.assert(
      fc.property(bodies, fc.constantFrom(...BRANDS), (body, brand) => {
        const policy = BUILTIN_POLICIES[brand] ?? DEFAULT_POLICY;
        const flags = checkMessage(policy, { body });
        const seen = new Set<string>();
        for (const f of flags) {
          if (seen.has(f.rule)) return false;
          seen.add(f.rule);
          if (f.evidence.start < 0 || f.evidence.end > body.length || f.evidence.start >= f.evidence.end) return false;
          if (body.slice(f.evidence.start, f.evidence.end) !== f.evidence.text) return false;
        }
        return true;
      }),
      { numRuns: 500 },
    );
  });

  it("is deterministic and keeps no state between calls", () => {
    const body = "Refund in 24 hours, and you can also email me directly at anna@eyewear.example.";
    const a = flagsFor("eyewear", body);
    flagsFor("eyewear", "Your refund of €45.00 has been issued.");
    expect(flagsFor("eyewear", body)).toEqual(a);
  });

  it("survives pathological input", () => {
    const long = "within 5 days and ".repeat(2000);
    const t0 = performance.now();
    checkMessage(DEFAULT_POLICY, { body: long });
    checkMessage(DEFAULT_POLICY, { body: "a".repeat(50_000) });
    checkMessage(DEFAULT_POLICY, { body: "1-".repeat(10_000) });
    checkMessage(DEFAULT_POLICY, { body: `${"$".repeat(5000)}€` });
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
