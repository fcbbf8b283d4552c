import type { Channel } from "@caliper/domain";
import { formatDuration } from "./duration.ts";
import { formatPolicyIssues, PolicyFile } from "./schema.ts";
import type { BrandPolicy, CalendarKind, ClockName, Interval, ReturnShipping, Weekday } from "./types.ts";

/** One clock in the policy file format. */
export interface ClockPolicyJson {
  target: string;
  limit: string;
  calendar: CalendarKind;
}

/** A brand's effective policy in the policy file format (DESIGN.md §3), every field present. */
export interface BrandPolicyJson {
  name: string;
  timezone: string;
  workingHours: Partial<Record<Weekday, Array<[string, string]>>>;
  holidays: string[];
  peakPeriods: Array<{ from: string; to: string; factor: number }>;
  clocks: Record<ClockName, ClockPolicyJson>;
  returns: { windowDays: number; returnShipping: ReturnShipping };
  shipping: { free: boolean; dutiesPaidByStore: boolean };
  currency: string;
  officialChannels: Channel[];
  scorecard: {
    categories: Array<{ id: string; label: string; weight: number; critical: boolean; description?: string }>;
    passScore: number;
  };
  privacy: { keepOriginalBodies: boolean };
}

export type ParsePolicyFileResult = { ok: true; file: PolicyFile } | { ok: false; problems: string[] };

/** Validates a parsed JSON policy file; problems are "path: reason" lines. */
export function parsePolicyFile(json: unknown): ParsePolicyFileResult {
  const parsed = PolicyFile.safeParse(json);
  return parsed.success ? { ok: true, file: parsed.data } : { ok: false, problems: formatPolicyIssues(parsed.error) };
}

const copyInterval = ([a, b]: Interval): [string, string] => [a, b];

/**
 * A brand's effective policy in the policy file format, for `GET /v1/policies/{brand}`: durations
 * as text ("48h", "10wd"), every field present. Parsing it back as a brand of a policy file gives
 * the same policy (the `sources` notes are not part of the format).
 */
export function policyToFile(p: BrandPolicy): BrandPolicyJson {
  const clock = (name: ClockName): ClockPolicyJson => {
    const c = p.clocks[name];
    return { target: formatDuration(c.target), limit: formatDuration(c.limit), calendar: c.calendar };
  };
  const workingHours: BrandPolicyJson["workingHours"] = {};
  for (const [day, intervals] of Object.entries(p.workingHours) as Array<[Weekday, readonly Interval[]]>)
    workingHours[day] = intervals.map(copyInterval);
  return {
    name: p.name,
    timezone: p.timezone,
    workingHours,
    holidays: [...p.holidays],
    peakPeriods: p.peakPeriods.map(({ from, to, factor }) => ({ from, to, factor })),
    clocks: {
      first_response: clock("first_response"),
      next_response: clock("next_response"),
      dispatch: clock("dispatch"),
      delivery: clock("delivery"),
      refund: clock("refund"),
    },
    returns: { windowDays: p.returns.windowDays, returnShipping: p.returns.returnShipping },
    shipping: { free: p.shipping.free, dutiesPaidByStore: p.shipping.dutiesPaidByStore },
    currency: p.currency,
    officialChannels: [...p.officialChannels],
    scorecard: {
      categories: p.scorecard.categories.map((c) => ({
        id: c.id,
        label: c.label,
        weight: c.weight,
        critical: c.critical,
        ...(c.description === undefined ? {} : { description: c.description }),
      })),
      passScore: p.scorecard.passScore,
    },
    privacy: { keepOriginalBodies: p.privacy.keepOriginalBodies },
  };
}
