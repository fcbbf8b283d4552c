import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BUILTIN_POLICIES, DEFAULT_POLICY, DEFAULT_SOURCE_PREFIX } from "../src/builtins.ts";
import { formatDuration } from "../src/duration.ts";
import { policyToFile } from "../src/policy-file.ts";
import { PolicyFile } from "../src/schema.ts";
import type { BrandPolicy } from "../src/types.ts";

const policyText = (brand: string): string =>
  readFileSync(new URL(`./fixtures/policy-sources/${brand}.txt`, import.meta.url), "utf8");

const range = (p: BrandPolicy, clock: keyof BrandPolicy["clocks"]): string =>
  `${formatDuration(p.clocks[clock].target)}/${formatDuration(p.clocks[clock].limit)}`;

/** The DESIGN.md §3 table, resolved ("default" cells replaced by the default's values). */
const TABLE = {
  default: ["24h/48h", "1wd/3wd", "6wd/12wd", "5wd/10wd", 60, "free", true, false, ["contact_form"]],
  eyewear: ["24h/48h", "1wd/3wd", "6wd/12wd", "5wd/10wd", 60, "free", true, false, ["contact_form"]],
  marketplace: ["24h/48h", "1wd/3wd", "6wd/12wd", "5wd/10wd", 60, "free", true, false, ["contact_form"]],
  "global-goods": ["24h/48h", "1wd/3wd", "6wd/12wd", "5wd/10wd", 60, "free", true, true, ["contact_form"]],
  "clean-beauty": ["24h/48h", "1wd/3wd", "6wd/12wd", "5wd/10wd", 60, "free", true, false, ["contact_form"]],
  jewelry: [
    "24h/48h",
    "1wd/3wd",
    "6wd/12wd",
    "5wd/10wd",
    60,
    "customer_pays_unless_fault",
    true,
    false,
    ["contact_form"],
  ],
} as const;

const ALL: Record<string, BrandPolicy> = { default: DEFAULT_POLICY, ...BUILTIN_POLICIES };

/** Every value a built-in must account for in `sources`. */
const SOURCED_FIELDS = [
  "timezone",
  "workingHours",
  "holidays",
  "peakPeriods",
  "clocks.first_response",
  "clocks.next_response",
  "clocks.dispatch",
  "clocks.delivery",
  "clocks.refund",
  "returns.windowDays",
  "returns.returnShipping",
  "shipping.free",
  "shipping.dutiesPaidByStore",
  "currency",
  "officialChannels",
  "scorecard",
  "privacy.keepOriginalBodies",
] as const;

/** What a quoted sentence must say to support its field. */
const SUPPORTS: Partial<Record<(typeof SOURCED_FIELDS)[number], RegExp>> = {
  "clocks.first_response": /24-48 hours/,
  "clocks.next_response": /24-48 hours/,
  "clocks.dispatch": /1 to 3 working days|1-3 days/,
  "clocks.delivery": /6 to 12 working days|6-12 days/,
  "clocks.refund": /5 to 10 working days|5-10 (working )?days?/,
  "returns.windowDays": /60-day/,
  "returns.returnShipping": /free return|complimentary return|borne by the customer unless/,
  "shipping.free": /free shipping|complimentary shipping/,
  "shipping.dutiesPaidByStore": /tariff expenses .* borne by the platform/,
  currency: /USD/,
  officialChannels: /Contact Us/,
};

const valueAt = (p: BrandPolicy, path: string): unknown =>
  path.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], p);

describe("built-in policies (DESIGN.md §3)", () => {
  it("are the five stores, with their ids", () => {
    expect(Object.keys(BUILTIN_POLICIES).sort()).toEqual([
      "clean-beauty",
      "eyewear",
      "global-goods",
      "jewelry",
      "marketplace",
    ]);
    for (const [id, p] of Object.entries(ALL)) expect(p.brand).toBe(id);
  });

  it.each(Object.entries(TABLE))("%s matches the table", (brand, row) => {
    const p = ALL[brand] as BrandPolicy;
    const [response, dispatch, delivery, refund, windowDays, returnShipping, free, duties, channels] = row;
    expect(range(p, "first_response")).toBe(response);
    expect(range(p, "next_response")).toBe(response);
    expect(range(p, "dispatch")).toBe(dispatch);
    expect(range(p, "delivery")).toBe(delivery);
    expect(range(p, "refund")).toBe(refund);
    expect(p.returns).toEqual({ windowDays, returnShipping });
    expect(p.shipping).toEqual({ free, dutiesPaidByStore: duties });
    expect(p.officialChannels).toEqual(channels);
  });

  it.each(Object.keys(ALL))("%s: UTC, Mon–Fri 09:00–18:00, calendar response clocks, USD, no holidays", (brand) => {
    const p = ALL[brand] as BrandPolicy;
    expect(p.timezone).toBe("UTC");
    const nineToSix = [["09:00", "18:00"]];
    expect(p.workingHours).toEqual({ mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix });
    expect(p.clocks.first_response.calendar).toBe("calendar");
    expect(p.clocks.next_response.calendar).toBe("calendar");
    expect(p.currency).toBe("USD");
    expect(p.holidays).toEqual([]);
    expect(p.peakPeriods).toEqual([]);
    expect(p.privacy.keepOriginalBodies).toBe(false);
    expect(p.scorecard).toBe(DEFAULT_POLICY.scorecard);
  });

  it.each(Object.keys(ALL))("%s is a valid policy-file brand", (brand) => {
    const parsed = PolicyFile.safeParse({ brands: { [brand]: policyToFile(ALL[brand] as BrandPolicy) } });
    expect(parsed.success).toBe(true);
  });
});

describe("sources of the built-ins", () => {
  it.each(Object.keys(ALL))("%s: every value has a source", (brand) => {
    const p = ALL[brand] as BrandPolicy;
    for (const field of SOURCED_FIELDS) expect(p.sources[field], `${brand} ${field}`).toMatch(/\S/);
  });

  it.each(Object.keys(BUILTIN_POLICIES))(
    "%s: quotes are verbatim sentences of its text that say the value",
    (brand) => {
      const p = BUILTIN_POLICIES[brand] as BrandPolicy;
      const text = policyText(brand);
      for (const field of SOURCED_FIELDS) {
        const source = p.sources[field] ?? "";
        if (source.startsWith(DEFAULT_SOURCE_PREFIX)) {
          expect(source, `${brand} ${field}`).toContain(`${brand}.txt`);
          continue;
        }
        expect(text, `${brand} ${field}`).toContain(source);
        const supports = SUPPORTS[field];
        if (supports) expect(source, `${brand} ${field}`).toMatch(supports);
      }
    },
  );

  it.each(Object.keys(BUILTIN_POLICIES))(
    "%s: a value that differs from the default is quoted, not defaulted",
    (brand) => {
      const p = BUILTIN_POLICIES[brand] as BrandPolicy;
      for (const field of SOURCED_FIELDS)
        if (JSON.stringify(valueAt(p, field)) !== JSON.stringify(valueAt(DEFAULT_POLICY, field)))
          expect(p.sources[field], `${brand} ${field}`).not.toMatch(new RegExp(`^${DEFAULT_SOURCE_PREFIX}`));
    },
  );

  it("the stores' explicit statements are quoted", () => {
    expect(BUILTIN_POLICIES["jewelry"]?.sources["returns.returnShipping"]).toContain("borne by the customer");
    expect(BUILTIN_POLICIES["jewelry"]?.sources["officialChannels"]).toContain("The only official way");
    expect(BUILTIN_POLICIES["global-goods"]?.sources["shipping.dutiesPaidByStore"]).toContain("tariff");
    expect(BUILTIN_POLICIES["marketplace"]?.sources["clocks.refund"]).toContain("5-10 day refund timeframe");
    expect(BUILTIN_POLICIES["clean-beauty"]?.sources["clocks.refund"]).toContain("5-10 working days refund");
  });
});

describe("default scorecard (DESIGN.md §6)", () => {
  const { categories, passScore } = DEFAULT_POLICY.scorecard;

  it("has the five weighted categories and passes at 80", () => {
    expect(categories.filter((c) => !c.critical).map((c) => [c.label, c.weight])).toEqual([
      ["Accuracy & policy adherence", 30],
      ["Resolution & ownership", 25],
      ["Tone & empathy", 20],
      ["Process & official channels", 15],
      ["Timeliness", 10],
    ]);
    expect(passScore).toBe(80);
  });

  it("has the two critical categories, with a positive weight so they count", () => {
    expect(categories.filter((c) => c.critical).map((c) => c.label)).toEqual([
      "Misleading information or unauthorised promise",
      "Privacy",
    ]);
    for (const c of categories) expect(c.weight).toBeGreaterThan(0);
    expect(new Set(categories.map((c) => c.id)).size).toBe(categories.length);
  });
});
