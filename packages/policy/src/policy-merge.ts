import type { BrandPolicyInput } from "./schema.ts";
import { type BrandPolicy, CLOCK_NAMES, type ClockName, type ClockPolicy } from "./types.ts";

/** The source note of a value taken from a policy file. */
const fromFile = (brand: string, field: string): string => `Policy file: brands.${brand}.${field}`;

/**
 * A file brand's effective policy: each field given in the file, else the base policy's value.
 * Objects merge one level down (each clock, returns.*, shipping.*); a clock given without
 * `calendar` keeps the base clock's. Lists and workingHours are replaced as a whole, so a file
 * listing only Monday's hours has no hours on other days. `sources` notes which fields came from
 * the file and keeps the base's sources for the rest.
 */
export function mergePolicy(base: BrandPolicy, brand: string, input: BrandPolicyInput): BrandPolicy {
  const sources: Record<string, string> = { ...base.sources };
  const note = (field: string) => {
    sources[field] = fromFile(brand, field);
  };

  const clocks = { ...base.clocks } as Record<ClockName, ClockPolicy>;
  for (const name of CLOCK_NAMES) {
    const given = input.clocks?.[name];
    if (!given) continue;
    clocks[name] = { target: given.target, limit: given.limit, calendar: given.calendar ?? base.clocks[name].calendar };
    note(`clocks.${name}`);
  }

  const simple = [
    "timezone",
    "workingHours",
    "holidays",
    "peakPeriods",
    "currency",
    "officialChannels",
    "scorecard",
  ] as const;
  for (const field of simple) if (input[field] !== undefined) note(field);
  for (const field of ["windowDays", "returnShipping"] as const)
    if (input.returns?.[field] !== undefined) note(`returns.${field}`);
  for (const field of ["free", "dutiesPaidByStore"] as const)
    if (input.shipping?.[field] !== undefined) note(`shipping.${field}`);
  if (input.privacy !== undefined) note("privacy.keepOriginalBodies");

  return {
    brand,
    name: input.name ?? base.name,
    timezone: input.timezone ?? base.timezone,
    workingHours: input.workingHours ?? base.workingHours,
    holidays: input.holidays ?? base.holidays,
    peakPeriods: input.peakPeriods ?? base.peakPeriods,
    clocks,
    returns: {
      windowDays: input.returns?.windowDays ?? base.returns.windowDays,
      returnShipping: input.returns?.returnShipping ?? base.returns.returnShipping,
    },
    shipping: {
      free: input.shipping?.free ?? base.shipping.free,
      dutiesPaidByStore: input.shipping?.dutiesPaidByStore ?? base.shipping.dutiesPaidByStore,
    },
    currency: input.currency ?? base.currency,
    officialChannels: input.officialChannels ?? base.officialChannels,
    scorecard: input.scorecard ?? base.scorecard,
    privacy: input.privacy ?? base.privacy,
    sources,
  };
}
