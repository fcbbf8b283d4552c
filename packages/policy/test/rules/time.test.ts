import { describe, expect, it } from "vitest";
import { assess, exprDays, findTimeExpressions, numberValue, policyDays } from "../../src/rules/time.ts";

const one = (text: string) => {
  const all = findTimeExpressions(text);
  expect(all).toHaveLength(1);
  const e = all[0];
  if (!e) throw new Error("none");
  return { ...e, text: text.slice(e.start, e.end) };
};

describe("numbers", () => {
  it.each([
    ["5", 5],
    ["ten", 10],
    ["twenty-four", 24],
    ["forty eight", 48],
    ["a", 1],
    ["an", 1],
    ["a couple of", 2],
    ["sixty", 60],
  ])("%s = %d", (raw, n) => {
    expect(numberValue(raw)).toEqual({ lo: n, hi: n, fuzzy: false });
  });
  it("vague quantities are ranges", () => {
    expect(numberValue("a few")).toEqual({ lo: 2, hi: 4, fuzzy: true });
    expect(numberValue("several")).toEqual({ lo: 3, hi: 7, fuzzy: true });
  });
});

describe("time expressions", () => {
  it("digits, words, ranges and units", () => {
    expect(one("within 48 hours")).toMatchObject({ text: "48 hours", lo: 48, hi: 48, unit: "h" });
    expect(one("in 5-10 business days")).toMatchObject({ text: "5-10 business days", lo: 5, hi: 10, unit: "bd" });
    expect(one("5 to 10 working days")).toMatchObject({ lo: 5, hi: 10, unit: "bd" });
    expect(one("between 5 and 10 days")).toMatchObject({ text: "between 5 and 10 days", lo: 5, hi: 10, unit: "d" });
    expect(one("within ten working days")).toMatchObject({ lo: 10, hi: 10, unit: "bd" });
    expect(one("two weeks")).toMatchObject({ lo: 2, hi: 2, unit: "w" });
    expect(one("a couple of days")).toMatchObject({ lo: 2, hi: 2, unit: "d" });
    expect(one("a day or two")).toMatchObject({ text: "a day or two", lo: 1, hi: 2 });
    expect(one("the 60-day window")).toMatchObject({ text: "60-day", lo: 60, unit: "d" });
    expect(one("24h")).toMatchObject({ lo: 24, unit: "h" });
    expect(one("14 calendar days")).toMatchObject({ unit: "cd" });
    expect(one("three to four weeks")).toMatchObject({ lo: 3, hi: 4, unit: "w" });
    expect(one("5–10 working days")).toMatchObject({ lo: 5, hi: 10 });
  });

  it("named moments", () => {
    expect(one("by tomorrow morning")).toMatchObject({ text: "tomorrow", lo: 1, hi: 1, named: true });
    expect(one("ships same day")).toMatchObject({ text: "same day", lo: 0 });
    expect(one("same-day dispatch")).toMatchObject({ text: "same-day", lo: 0 });
    expect(one("overnight")).toMatchObject({ lo: 1 });
    expect(one("within the hour")).toMatchObject({ lo: 1, unit: "h" });
    expect(one("next week")).toMatchObject({ fuzzy: true, lo: 3, hi: 9 });
    expect(one("today")).toMatchObject({ lo: 0 });
    expect(findTimeExpressions("at today's rate")).toHaveLength(0);
  });

  it("relative and bounded expressions", () => {
    expect(one("3 days ago").relative).toBe(true);
    expect(one("2 more days").relative).toBe(true);
    expect(one("delayed by 2 days").relative).toBe(true);
    expect(one("another 3 days").relative).toBe(true);
    expect(findTimeExpressions("open 7 days a week").every((e) => e.relative)).toBe(true);
    expect(one("a full year").relative).toBe(false);
    expect(one("at least 30 days").atLeast).toBe(true);
    expect(one("won't take more than 10 days").atLeast).toBe(false);
    expect(one("about 20 working days")).toMatchObject({ fuzzy: true, lo: 16, hi: 24 });
  });

  it("is not fooled by amounts, phone numbers and clock times", () => {
    expect(findTimeExpressions("Order 12345678901 costs $45.00, call 555-0100 before 2pm")).toHaveLength(0);
    expect(findTimeExpressions("open 24/7")).toHaveLength(0);
  });
});

describe("conversions and verdicts", () => {
  const wd = (text: string) => exprDays(one(text), true);
  const cal = (text: string) => exprDays(one(text), false);
  it("converts to working days", () => {
    expect(wd("2 weeks")).toEqual({ lo: 10, hi: 10 });
    expect(wd("48 hours")).toEqual({ lo: 2, hi: 2 });
    expect(wd("14 calendar days")).toEqual({ lo: 10, hi: 10 });
    expect(wd("a month")).toEqual({ lo: 21, hi: 21 });
    expect(wd("12 hours").hi).toBeLessThan(1);
  });
  it("converts to calendar days", () => {
    expect(cal("two months")).toEqual({ lo: 60, hi: 60 });
    expect(cal("8 weeks")).toEqual({ lo: 56, hi: 56 });
    expect(cal("a year")).toEqual({ lo: 365, hi: 365 });
  });
  it("policy durations", () => {
    expect(policyDays({ amount: 10, unit: "wd" })).toBe(10);
    expect(policyDays({ amount: 48, unit: "h" })).toBe(2);
  });
  it("a precise range complies only inside [target, limit]", () => {
    const exact = { fuzzy: false, atLeast: false };
    expect(assess({ lo: 5, hi: 10 }, exact, 5, 10)).toBe("ok");
    expect(assess({ lo: 3, hi: 5 }, exact, 5, 10)).toBe("faster");
    expect(assess({ lo: 10, hi: 15 }, exact, 5, 10)).toBe("slower");
    expect(assess({ lo: 2, hi: 4 }, { fuzzy: true, atLeast: false }, 1, 3)).toBe("ok");
    expect(assess({ lo: 2, hi: 4 }, { fuzzy: true, atLeast: false }, 5, 10)).toBe("faster");
    expect(assess({ lo: 30, hi: 30 }, { fuzzy: false, atLeast: true }, 5, 10)).toBe("slower");
    expect(assess({ lo: 5, hi: 5 }, { fuzzy: false, atLeast: true }, 5, 10)).toBe("ok");
  });
});
