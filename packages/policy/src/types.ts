import type { Channel } from "@caliper/domain";
import type { Duration } from "./duration.ts";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local "HH:MM" start and end. An end at or before the start crosses midnight into the next day. */
export type Interval = readonly [string, string];

export const CLOCK_NAMES = ["first_response", "next_response", "dispatch", "delivery", "refund"] as const;
export type ClockName = (typeof CLOCK_NAMES)[number];

/** How a time-based clock counts: wall-clock time, or working hours minus holidays. */
export type CalendarKind = "calendar" | "business";

export interface ClockPolicy {
  readonly target: Duration;
  readonly limit: Duration;
  /** Ignored for working-day durations, which always count working days. */
  readonly calendar: CalendarKind;
}

export interface PeakPeriod {
  /** Local dates, inclusive. */
  readonly from: string;
  readonly to: string;
  /** Multiplies target and limit of clocks that start inside the period. */
  readonly factor: number;
}

export type ReturnShipping = "free" | "customer_pays_unless_fault";

export interface ScorecardCategory {
  readonly id: string;
  readonly label: string;
  readonly weight: number;
  /** Rated below 2 makes the whole review score 0 (a critical fail). */
  readonly critical: boolean;
  readonly description?: string;
}

export interface Scorecard {
  readonly categories: readonly ScorecardCategory[];
  /** Review score at or above which a review passes (default 80). */
  readonly passScore: number;
}

export interface PrivacyPolicy {
  /** Keep message bodies as sent; by default emails, phone and card numbers are redacted. */
  readonly keepOriginalBodies: boolean;
}

/** A brand's effective policy: every field resolved (file value, else the default policy's). */
export interface BrandPolicy {
  readonly brand: string;
  readonly name: string;
  /** IANA time zone. */
  readonly timezone: string;
  readonly workingHours: Readonly<Partial<Record<Weekday, readonly Interval[]>>>;
  /** Local dates "YYYY-MM-DD" that are not working days. */
  readonly holidays: readonly string[];
  readonly peakPeriods: readonly PeakPeriod[];
  readonly clocks: Readonly<Record<ClockName, ClockPolicy>>;
  readonly returns: { readonly windowDays: number; readonly returnShipping: ReturnShipping };
  readonly shipping: { readonly free: boolean; readonly dutiesPaidByStore: boolean };
  /** ISO 4217 code refunds and prices are quoted in. */
  readonly currency: string;
  readonly officialChannels: readonly Channel[];
  readonly scorecard: Scorecard;
  readonly privacy: PrivacyPolicy;
  /** Where each value comes from: field path -> the sentence of the store's policy text. */
  readonly sources: Readonly<Record<string, string>>;
}
