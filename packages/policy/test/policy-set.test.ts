import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUILTIN_POLICIES, DEFAULT_POLICY } from "../src/builtins.ts";
import { formatDuration } from "../src/duration.ts";
import { parsePolicyFile, policyToFile } from "../src/policy-file.ts";
import { loadPolicySet } from "../src/policy-set.ts";
import type { PolicyFile } from "../src/schema.ts";
import type { BrandPolicy } from "../src/types.ts";
import { workingHours, ZONES } from "./helpers/arbitraries.ts";

const fileOf = (json: unknown): PolicyFile => {
  const r = parsePolicyFile(json);
  if (!r.ok) throw new Error(r.problems.join("\n"));
  return r.file;
};

/** A policy without its `sources` notes, for comparing values. */
const values = ({ sources: _, ...rest }: BrandPolicy) => rest;

describe("loadPolicySet without a file", () => {
  const set = loadPolicySet();

  it("serves the built-ins and the default", () => {
    expect(set.get("jewelry")).toBe(BUILTIN_POLICIES["jewelry"]);
    expect(set.get("default")).toBe(DEFAULT_POLICY);
    expect(set.brands()).toEqual(["clean-beauty", "eyewear", "global-goods", "jewelry", "marketplace"]);
  });

  it("gives unknown brands the default policy under their own id", () => {
    const p = set.get("acme");
    expect(p.brand).toBe("acme");
    expect(values(p)).toEqual({ ...values(DEFAULT_POLICY), brand: "acme" });
    expect(set.isKnown("acme")).toBe(false);
    expect(set.isKnown("jewelry")).toBe(true);
    expect(set.isKnown("default")).toBe(true);
  });

  it("memoizes calendars per brand", () => {
    expect(set.calendar("eyewear")).toBe(set.calendar("eyewear"));
    expect(set.calendar("eyewear").timezone).toBe("UTC");
  });
});

describe("loadPolicySet with a file", () => {
  const file = fileOf({
    brands: {
      "my-store": {
        name: "My store",
        timezone: "America/New_York",
        clocks: { refund: { target: "3wd", limit: "7wd" }, first_response: { target: "4h", limit: "8h" } },
        returns: { returnShipping: "customer_pays_unless_fault" },
      },
      jewelry: { currency: "EUR" },
    },
  });
  const set = loadPolicySet(file);

  it("merges a file brand over the default policy, field by field", () => {
    const p = set.get("my-store");
    expect(p.brand).toBe("my-store");
    expect(p.name).toBe("My store");
    expect(p.timezone).toBe("America/New_York");
    expect(formatDuration(p.clocks.refund.limit)).toBe("7wd");
    expect(p.clocks.first_response).toEqual({
      target: { amount: 4, unit: "h" },
      limit: { amount: 8, unit: "h" },
      calendar: "calendar",
    });
    expect(p.clocks.dispatch).toEqual(DEFAULT_POLICY.clocks.dispatch);
    expect(p.returns).toEqual({ windowDays: 60, returnShipping: "customer_pays_unless_fault" });
    expect(p.workingHours).toEqual(DEFAULT_POLICY.workingHours);
    expect(p.scorecard).toEqual(DEFAULT_POLICY.scorecard);
  });

  it("notes which values came from the file", () => {
    const { sources } = set.get("my-store");
    expect(sources["clocks.refund"]).toBe("Policy file: brands.my-store.clocks.refund");
    expect(sources["returns.returnShipping"]).toBe("Policy file: brands.my-store.returns.returnShipping");
    expect(sources["returns.windowDays"]).toBe(DEFAULT_POLICY.sources["returns.windowDays"]);
  });

  it("a built-in named in the file is replaced by the file's brand over the default", () => {
    const p = set.get("jewelry");
    expect(p.currency).toBe("EUR");
    expect(p.returns.returnShipping).toBe("free");
  });

  it("names a file brand without a name after the built-in it replaces, else after its id", () => {
    expect(set.get("jewelry").name).toBe(BUILTIN_POLICIES["jewelry"]?.name);
    expect(set.get("jewelry").name).not.toBe(DEFAULT_POLICY.name);
    expect(loadPolicySet(fileOf({ brands: { "new-store": { currency: "EUR" } } })).get("new-store").name).toBe(
      "new-store",
    );
    // The file's `default` entry keeps the default's name.
    expect(loadPolicySet(fileOf({ brands: { default: { currency: "EUR" } } })).get("default").name).toBe(
      DEFAULT_POLICY.name,
    );
  });

  it("lists built-in and file brands", () => {
    expect(set.brands()).toEqual(["clean-beauty", "eyewear", "global-goods", "jewelry", "marketplace", "my-store"]);
    expect(set.isKnown("my-store")).toBe(true);
  });

  it("builds each brand's calendar in its own zone", () => {
    expect(set.calendar("my-store").timezone).toBe("America/New_York");
    expect(set.calendar("my-store").localDate("2026-03-07T02:00:00Z")).toBe("2026-03-06");
  });
});

describe("a file's default entry", () => {
  const set = loadPolicySet(
    fileOf({
      brands: {
        default: { timezone: "Europe/Berlin", currency: "EUR" },
        "my-store": { name: "Mine", currency: "GBP" },
      },
    }),
  );

  it("overrides the built-in default for unknown and file brands", () => {
    expect(set.get("default")).toMatchObject({ brand: "default", timezone: "Europe/Berlin", currency: "EUR" });
    expect(set.get("unknown-shop")).toMatchObject({
      brand: "unknown-shop",
      timezone: "Europe/Berlin",
      currency: "EUR",
    });
    expect(set.get("my-store")).toMatchObject({ timezone: "Europe/Berlin", currency: "GBP" });
    expect(set.calendar("unknown-shop").timezone).toBe("Europe/Berlin");
  });

  it("leaves built-ins the file does not name as they are", () => {
    expect(set.get("eyewear")).toBe(BUILTIN_POLICIES["eyewear"]);
  });

  it("is not listed as a brand", () => {
    expect(set.brands()).not.toContain("default");
  });
});

describe("fingerprint", () => {
  it("is stable across loads and differs between brands", () => {
    const a = loadPolicySet();
    const b = loadPolicySet();
    expect(a.fingerprint("jewelry")).toBe(b.fingerprint("jewelry"));
    expect(a.fingerprint("jewelry")).toMatch(/^[0-9a-f]{16}$/);
    expect(a.fingerprint("jewelry")).not.toBe(a.fingerprint("eyewear"));
    expect(a.fingerprint("acme")).not.toBe(a.fingerprint("other"));
  });

  it("changes when the policy file changes the brand, not when it changes another brand", () => {
    const before = loadPolicySet(fileOf({ brands: { "my-store": { holidays: ["2026-12-25"] } } }));
    const changed = loadPolicySet(fileOf({ brands: { "my-store": { holidays: ["2026-12-24"] } } }));
    const other = loadPolicySet(
      fileOf({ brands: { "my-store": { holidays: ["2026-12-25"] }, "new-store": { currency: "EUR" } } }),
    );
    expect(changed.fingerprint("my-store")).not.toBe(before.fingerprint("my-store"));
    expect(other.fingerprint("my-store")).toBe(before.fingerprint("my-store"));
  });

  it("does not depend on key order in the file", () => {
    const x = loadPolicySet(fileOf({ brands: { s: { currency: "EUR", timezone: "Asia/Tokyo" } } }));
    const y = loadPolicySet(fileOf({ brands: { s: { timezone: "Asia/Tokyo", currency: "EUR" } } }));
    expect(x.fingerprint("s")).toBe(y.fingerprint("s"));
  });
});

describe("policyToFile (GET /v1/policies/{brand})", () => {
  it("writes durations as text and includes every field", () => {
    const json = policyToFile(BUILTIN_POLICIES["jewelry"] as BrandPolicy);
    expect(json.clocks.refund).toEqual({ target: "5wd", limit: "10wd", calendar: "calendar" });
    expect(json.clocks.first_response).toEqual({ target: "24h", limit: "48h", calendar: "calendar" });
    expect(Object.keys(json).sort()).toEqual(
      [
        "name",
        "timezone",
        "workingHours",
        "holidays",
        "peakPeriods",
        "clocks",
        "returns",
        "shipping",
        "currency",
        "officialChannels",
        "scorecard",
        "privacy",
      ].sort(),
    );
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it("round-trips: the file form of any effective policy loads back as the same policy", () => {
    const brandInput = fc.record(
      {
        timezone: fc.constantFrom(...ZONES),
        workingHours: workingHours(),
        holidays: fc.uniqueArray(
          fc
            .date({ min: new Date("2020-01-01"), max: new Date("2030-12-31"), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10)),
          { maxLength: 3 },
        ),
        currency: fc.constantFrom("USD", "EUR", "JPY"),
        clocks: fc.record(
          {
            refund: fc.constantFrom({ target: "2wd", limit: "4.5wd" }),
            first_response: fc.constantFrom({ target: "90m", limit: "2d", calendar: "business" }),
          },
          { requiredKeys: [] },
        ),
        returns: fc.record({ windowDays: fc.integer({ min: 0, max: 365 }) }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(brandInput, (input) => {
        const parsed = parsePolicyFile({ brands: { s: input } });
        fc.pre(parsed.ok); // random working hours may overlap, which the schema rejects
        if (!parsed.ok) return;
        const p = loadPolicySet(parsed.file).get("s");
        const again = loadPolicySet(fileOf({ brands: { s: policyToFile(p) } })).get("s");
        expect(values(again)).toEqual(values(p));
        expect(loadPolicySet(fileOf({ brands: { s: policyToFile(p) } })).fingerprint("s")).toBe(
          loadPolicySet(parsed.file).fingerprint("s"),
        );
      }),
      { numRuns: 60 },
    );
  });
});
