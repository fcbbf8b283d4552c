import { describe, expect, it } from "vitest";
import { BRANDS, clock, flagged, flagsFor, policyWith } from "./helpers.ts";

const R = "promise.refund_timeline";
const D = "promise.delivery_timeline";
const W = "promise.return_window";

describe("promise.refund_timeline (refund clock 5-10 working days in every built-in)", () => {
  for (const brand of BRANDS) {
    it.each([
      "Good news, your refund will be back on your card within 48 hours!",
      "You will have your refund tomorrow.",
      "Your refund will be processed today.",
      "Refunds usually take 30 business days to appear.",
      "Refunds take three weeks.",
      "Your refund will be processed within a couple of days.",
      "The refund will be credited instantly.",
      "Expect the refund in 3-5 business days.",
      "The refund can take up to a month.",
      "Your refund has been approved. It will be in your account within 48 hours.",
    ])(`${brand}: flags %s`, (body) => {
      expect(flagged(brand, body, R)).toBe(true);
    });
    it.each([
      "Your refund will be processed within 5-10 days after inspection.",
      "Refunds take 5 to 10 business days.",
      "Expect your refund within ten working days.",
      "Refunds take between 5 and 10 working days once the return is inspected.",
      "Your refund will arrive within two weeks.",
      "The refund should appear within a week.",
      "I'll follow up within 48 hours about your refund.",
      "We'll reply within 24 hours; the refund itself follows within 5-10 working days.",
      "Your refund was issued 3 days ago.",
      "Your refund was processed in 2 days last time, but this time it takes 5-10 working days.",
      "I can't promise a refund within 48 hours.",
      "Did your last refund take 2 days?",
      "If the refund hasn't arrived within 10 working days, let us know.",
    ])(`${brand}: does not flag %s`, (body) => {
      expect(flagged(brand, body, R)).toBe(false);
    });
  }

  it("reads the clock from the policy: a 2-3 working-day refund store", () => {
    const fast = policyWith({ clocks: { ...policyWith({}).clocks, refund: clock("2wd", "3wd") } });
    expect(flagged(fast, "Your refund will be issued within 48 hours.", R)).toBe(false);
    expect(flagged(fast, "Your refund will be issued within 5-10 working days.", R)).toBe(true);
  });

  it("reads the clock from the policy: a calendar-hours refund clock", () => {
    const hours = policyWith({ clocks: { ...policyWith({}).clocks, refund: clock("24h", "72h") } });
    expect(flagged(hours, "Your refund will be issued within 2 days.", R)).toBe(false);
    expect(flagged(hours, "Your refund will be issued within a week.", R)).toBe(true);
    expect(flagged(hours, "Your refund will be issued within the hour.", R)).toBe(true);
  });

  it("reports the evidence, the clause and an explanation", () => {
    const body = "Hi! Good news, your refund will be back on your card within 48 hours!";
    const [flag] = flagsFor("jewelry", body);
    expect(flag).toMatchObject({
      rule: R,
      severity: "high",
      evidence: { text: "48 hours", start: body.indexOf("48 hours"), end: body.indexOf("48 hours") + 8 },
    });
    expect(flag?.policy).toContain("5-10 working days");
    expect(flag?.policy).toContain("clocks.refund 5wd/10wd");
    expect(flag?.message).toContain("faster");
  });
});

describe("promise.delivery_timeline (dispatch 1-3, delivery 6-12 working days)", () => {
  for (const brand of BRANDS) {
    it.each([
      "Don't worry, it will arrive in 2 days.",
      "We guarantee delivery by tomorrow morning.",
      "Your order will be delivered within 3 days.",
      "We ship all orders the same day.",
      "Orders placed before 2pm go out the same day.",
      "Express delivery gets it to you overnight.",
      "We'll have it at your door within the hour.",
      "Delivery usually takes three to four weeks.",
      "Your frames will be dispatched in 5 working days.",
      "Your order will ship within 10 business days.",
      "Transit time is about 20 working days.",
      "Your parcel will be with you in a few days.",
      "Your order was shipped today and should arrive in 2 days.",
    ])(`${brand}: flags %s`, (body) => {
      expect(flagged(brand, body, D)).toBe(true);
    });
    it.each([
      "Orders ship within 1-3 working days and usually arrive within 6-12 working days.",
      "Your order will go out tomorrow.",
      "Your glasses will ship within 24 hours and arrive within 6-12 working days.",
      "It will take 2 weeks to arrive.",
      "Delivery normally takes 6 to 12 working days after dispatch.",
      "Your necklace will be delivered within 6 to 12 days of shipping.",
      "You can return any item within 60 days of delivery.",
      "Your package is delayed by 2 days; I've asked the carrier for an update.",
      "Your order was delivered 2 days ago.",
      "Your frames shipped this morning.",
      "I can't guarantee delivery in 2 days.",
      "Tracking shows it's out for delivery and will arrive today.",
      "I'll update you within 48 hours once the carrier replies.",
      "Prescription lenses take 1-3 working days to prepare before dispatch.",
    ])(`${brand}: does not flag %s`, (body) => {
      expect(flagged(brand, body, D)).toBe(false);
    });
  }

  it("'delivered in 60 days' is a delivery promise, 'returns within 60 days of delivery' is not", () => {
    expect(flagged("eyewear", "Your order will be delivered in 60 days.", D)).toBe(true);
    expect(flagged("eyewear", "Returns are accepted within 60 days of delivery.", D)).toBe(false);
  });

  it("reads the clocks from the policy: an express store (dispatch 0-1, delivery 1-2 working days)", () => {
    const base = policyWith({});
    const express = policyWith({
      clocks: { ...base.clocks, dispatch: clock("1wd", "1wd"), delivery: clock("1wd", "2wd") },
    });
    expect(flagged(express, "It will arrive in 2 days.", D)).toBe(false);
    expect(flagged(express, "It will arrive within 6-12 working days.", D)).toBe(true);
    expect(flagged(express, "Your order ships tomorrow.", D)).toBe(false);
  });
});

describe("promise.return_window (60 days in every built-in)", () => {
  for (const brand of BRANDS) {
    it.each([
      "You have 90 days to send it back.",
      "Returns are accepted within 30 days only.",
      "We offer a 30-day return policy.",
      "You have eight weeks to return it.",
      "You have a full year to return it.",
      "You can return it any time, there's no deadline.",
      "Items can be sent back within 14 days of delivery.",
    ])(`${brand}: flags %s`, (body) => {
      expect(flagged(brand, body, W)).toBe(true);
    });
    it.each([
      "You can return any frame within 60 days of delivery, free of charge.",
      "You have two months from delivery to send the items back.",
      "Items can be sent back within sixty days of delivery.",
      "Our 60-day return window starts on the day of delivery.",
      "The return window closes in 5 days, so please send it soon.",
      "Your order arrived 65 days ago, so it's outside our 60-day return window.",
      "Your warranty covers manufacturing defects for 12 months.",
      "Contact us any time through the Contact Us form.",
    ])(`${brand}: does not flag %s`, (body) => {
      expect(flagged(brand, body, W)).toBe(false);
    });
  }

  it("reads the window from the policy", () => {
    const thirty = policyWith({ returns: { windowDays: 30, returnShipping: "free" } });
    expect(flagged(thirty, "Returns are accepted within 30 days.", W)).toBe(false);
    expect(flagged(thirty, "Returns are accepted within 60 days.", W)).toBe(true);
    expect(flagged(thirty, "You have a month to return it.", W)).toBe(false);
  });
});

describe("peak periods (CheckInput.at)", () => {
  const peak = policyWith({ peakPeriods: [{ from: "2026-11-27", to: "2026-12-01", factor: 1.5 }] });
  const body = "Delivery can take up to 18 working days right now.";
  it("stretches the clock limit by the factor inside a peak period (local date)", () => {
    expect(flagged(peak, body, D)).toBe(true);
    expect(flagged(peak, body, D, { at: "2026-11-28T10:00:00Z" })).toBe(false);
    expect(flagged(peak, body, D, { at: new Date("2026-11-28T10:00:00Z") })).toBe(false);
    expect(flagged(peak, body, D, { at: "2026-12-05T10:00:00Z" })).toBe(true);
    expect(flagged(peak, "Delivery can take up to 19 working days right now.", D, { at: "2026-11-28T10:00:00Z" })).toBe(
      true,
    );
  });
  it("keeps the target: normal promises stay compliant during peak", () => {
    expect(flagged(peak, "Delivery takes 6-12 working days.", D, { at: "2026-11-28T10:00:00Z" })).toBe(false);
  });
  it("uses the brand timezone for the local date", () => {
    const ny = policyWith({
      timezone: "America/New_York",
      peakPeriods: [{ from: "2026-11-27", to: "2026-12-01", factor: 1.5 }],
    });
    // 03:00Z on Nov 27 is still Nov 26 in New York.
    expect(flagged(ny, body, D, { at: "2026-11-27T03:00:00Z" })).toBe(true);
    expect(flagged(ny, body, D, { at: "2026-11-27T15:00:00Z" })).toBe(false);
  });
});
