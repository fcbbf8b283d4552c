import { describe, expect, it } from "vitest";
import { parsePolicyFile } from "../src/policy-file.ts";

/** The problems reported for one brand's policy, or [] when it is valid. */
const problems = (brand: unknown): string[] => {
  const r = parsePolicyFile({ brands: { "my-store": brand } });
  return r.ok ? [] : r.problems;
};

describe("policy file validation: helpful errors (path: reason)", () => {
  it("accepts the DESIGN.md §3 example", () => {
    const r = parsePolicyFile({
      brands: {
        "my-store": {
          name: "My store",
          timezone: "America/New_York",
          workingHours: {
            mon: [["09:00", "17:00"]],
            tue: [["09:00", "17:00"]],
            wed: [["09:00", "17:00"]],
            thu: [["09:00", "17:00"]],
            fri: [["09:00", "17:00"]],
          },
          holidays: ["2026-11-26", "2026-12-25"],
          peakPeriods: [{ from: "2026-11-27", to: "2026-12-01", factor: 1.5 }],
          clocks: {
            first_response: { target: "24h", limit: "48h", calendar: "calendar" },
            next_response: { target: "24h", limit: "48h", calendar: "calendar" },
            dispatch: { target: "1wd", limit: "3wd" },
            delivery: { target: "6wd", limit: "12wd" },
            refund: { target: "5wd", limit: "10wd" },
          },
          returns: { windowDays: 60, returnShipping: "customer_pays_unless_fault" },
          shipping: { free: true, dutiesPaidByStore: false },
          currency: "USD",
          officialChannels: ["contact_form"],
        },
      },
    });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.file.brands["my-store"]?.clocks?.refund?.limit).toEqual({ amount: 10, unit: "wd" });
  });

  it("accepts an empty brand (everything from the default)", () => {
    expect(problems({})).toEqual([]);
  });

  it("bad time zone", () => {
    expect(problems({ timezone: "Mars/Olympus" })).toEqual([
      "brands.my-store.timezone: unknown IANA time zone 'Mars/Olympus'",
    ]);
  });

  it("bad duration", () => {
    expect(problems({ clocks: { refund: { target: "5 days", limit: "10wd" } } })).toEqual([
      `brands.my-store.clocks.refund.target: '5 days' is not a duration; use e.g. "30m", "24h", "2d" or "10wd"`,
    ]);
    expect(problems({ clocks: { refund: { target: "0wd", limit: "10wd" } } })[0]).toMatch(
      /^brands\.my-store\.clocks\.refund\.target: '0wd' is not a duration/,
    );
  });

  it("limit shorter than target, and mixed units", () => {
    expect(problems({ clocks: { dispatch: { target: "3wd", limit: "1wd" } } })).toEqual([
      "brands.my-store.clocks.dispatch.limit: must not be shorter than target",
    ]);
    expect(problems({ clocks: { first_response: { target: "2d", limit: "24h" } } })).toEqual([
      "brands.my-store.clocks.first_response.limit: must not be shorter than target",
    ]);
    expect(problems({ clocks: { refund: { target: "5wd", limit: "240h" } } })).toEqual([
      "brands.my-store.clocks.refund.limit: target and limit must both be working days (wd) or both be time (m, h, d)",
    ]);
  });

  it("unknown clock, reported even when another clock is also wrong", () => {
    expect(problems({ clocks: { resolution: { target: "1h", limit: "2h" } } })).toEqual([
      "brands.my-store.clocks.resolution: unknown clock 'resolution'; clocks are first_response, next_response, dispatch, delivery, refund",
    ]);
    expect(
      problems({ clocks: { refund: { target: "soon", limit: "10wd" }, resolution: { target: "1h", limit: "2h" } } }),
    ).toHaveLength(2);
  });

  it("bad day name", () => {
    expect(problems({ workingHours: { monday: [["09:00", "17:00"]] } })).toEqual([
      "brands.my-store.workingHours.monday: unknown day 'monday'; days are mon, tue, wed, thu, fri, sat, sun",
    ]);
  });

  it("bad local time", () => {
    expect(problems({ workingHours: { mon: [["9:00", "17:00"]] } })).toEqual([
      "brands.my-store.workingHours.mon.0.0: must be a local time HH:MM between 00:00 and 24:00",
    ]);
    expect(problems({ workingHours: { mon: [["09:00", "24:30"]] } })).toEqual([
      "brands.my-store.workingHours.mon.0.1: must be a local time HH:MM between 00:00 and 24:00",
    ]);
  });

  it("overlapping hours on one day", () => {
    expect(
      problems({
        workingHours: {
          mon: [
            ["09:00", "12:00"],
            ["11:00", "13:00"],
          ],
        },
      }),
    ).toEqual(["brands.my-store.workingHours.mon.1: overlaps another interval of the same day"]);
  });

  it("an interval that is not a pair of times", () => {
    const pair = 'must be a pair of local times ["HH:MM", "HH:MM"]: opening, closing';
    expect(problems({ workingHours: { mon: [["09:00"]] } })).toEqual([`brands.my-store.workingHours.mon.0: ${pair}`]);
    expect(problems({ workingHours: { mon: ["09:00-17:00"] } })).toEqual([
      `brands.my-store.workingHours.mon.0: ${pair}`,
    ]);
    expect(problems({ workingHours: { mon: [["09:00", "12:00", "17:00"]] } })).toEqual([
      `brands.my-store.workingHours.mon.0: ${pair}`,
    ]);
  });

  it("hours crossing midnight into the next day's hours", () => {
    expect(problems({ workingHours: { sun: [["22:00", "03:00"]], mon: [["02:00", "05:00"]] } })).toEqual([
      "brands.my-store.workingHours.sun.0: runs past midnight into mon's hours",
    ]);
    // Back to back is fine: Friday night into Saturday morning.
    expect(problems({ workingHours: { fri: [["22:00", "02:00"]], sat: [["02:00", "06:00"]] } })).toEqual([]);
  });

  it("empty intervals", () => {
    expect(problems({ workingHours: { mon: [["09:00", "09:00"]] } })).toEqual([
      "brands.my-store.workingHours.mon.0: start and end must differ",
    ]);
    expect(problems({ workingHours: { mon: [["24:00", "00:00"]] } })).toEqual([
      "brands.my-store.workingHours.mon.0: must not be empty: '24:00' to '00:00' is the same instant",
    ]);
  });

  it("bad dates and peak periods", () => {
    expect(problems({ holidays: ["2026-02-30"] })).toEqual(["brands.my-store.holidays.0: must be a date YYYY-MM-DD"]);
    expect(problems({ peakPeriods: [{ from: "2026-12-01", to: "2026-11-27", factor: 1.5 }] })).toEqual([
      "brands.my-store.peakPeriods.0.to: must not be before from",
    ]);
  });

  it("bad brand key and unknown fields", () => {
    const r = parsePolicyFile({ brands: { "My Store": {} } });
    expect(r.ok ? [] : r.problems).toEqual([
      "brands.My Store: must be 1-64 lower-case letters, digits, '.', '_' or '-'",
    ]);
    expect(problems({ colour: "blue" })[0]).toMatch(/^brands\.my-store: .*colour/);
    expect(problems({ returns: { windowDays: -1 } })[0]).toMatch(/^brands\.my-store\.returns\.windowDays: /);
    expect(problems({ currency: "usd" })).toEqual(["brands.my-store.currency: must be an ISO 4217 code such as USD"]);
    expect(problems({ officialChannels: ["whatsapp"] })[0]).toMatch(/^brands\.my-store\.officialChannels\.0: /);
  });

  it("not a policy file at all", () => {
    const r = parsePolicyFile([1, 2]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatch(/^\(file\): /);
  });
});
