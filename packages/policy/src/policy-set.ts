import { BUILTIN_POLICIES, DEFAULT_POLICY } from "./builtins.ts";
import { createCalendar } from "./calendar.ts";
import type { BusinessCalendar } from "./calendar-types.ts";
import { policyFingerprint } from "./fingerprint.ts";
import { mergePolicy } from "./policy-merge.ts";
import type { PolicyFile } from "./schema.ts";
import type { BrandPolicy } from "./types.ts";

/** The brand whose entry in a policy file replaces fields of the built-in default policy. */
export const DEFAULT_BRAND = "default";

/** The effective policies of all brands: the built-ins, overridden and extended by a policy file. */
export interface PolicySet {
  /**
   * A brand's effective policy: a file brand merged over the default policy; else the built-in
   * of that id; else the default policy under the requested id (so unknown brands work).
   */
  get(brand: string): BrandPolicy;
  /** Built-in and file brands, sorted, without "default". */
  brands(): string[];
  /** True for a built-in or file brand, and for "default" itself. */
  isKnown(brand: string): boolean;
  /** The brand's business calendar, created once per brand. */
  calendar(brand: string): BusinessCalendar;
  /** A stable hash of the brand's effective policy (see policyFingerprint). */
  fingerprint(brand: string): string;
  /**
   * The validated policy file the set was loaded from (undefined: built-ins only). Plain data:
   * `loadPolicySet(set.file)` gives an equal set in another thread or process.
   */
  readonly file: PolicyFile | undefined;
}

/**
 * The policy set of an optional, already validated policy file (see parsePolicyFile). A file's
 * "default" entry is merged over the built-in default policy and becomes the base of every
 * other file brand and of unknown brands; built-in brands that the file does not name are used
 * as they are.
 */
export function loadPolicySet(file?: PolicyFile): PolicySet {
  const entries = file?.brands ?? {};
  const defaultInput = entries[DEFAULT_BRAND];
  const base = defaultInput ? mergePolicy(DEFAULT_POLICY, DEFAULT_BRAND, defaultInput) : DEFAULT_POLICY;
  const fileBrands = Object.keys(entries).filter((b) => b !== DEFAULT_BRAND);
  const known = [...new Set([...Object.keys(BUILTIN_POLICIES), ...fileBrands])].sort();
  const knownSet = new Set(known);

  const policies = new Map<string, BrandPolicy>();
  const calendars = new Map<string, BusinessCalendar>();
  const fingerprints = new Map<string, string>();

  const resolve = (brand: string): BrandPolicy => {
    if (brand === DEFAULT_BRAND) return base;
    const input = Object.hasOwn(entries, brand) ? entries[brand] : undefined;
    const builtin = Object.hasOwn(BUILTIN_POLICIES, brand) ? BUILTIN_POLICIES[brand] : undefined;
    // A file brand without a name keeps the built-in's, else its id (not the default policy's "Default").
    if (input) return mergePolicy(base, brand, { ...input, name: input.name ?? builtin?.name ?? brand });
    return builtin ?? { ...base, brand };
  };

  /** Unknown brands are not cached (any id may be asked for): they share the default's calendar. */
  const cacheKey = (brand: string): string => (knownSet.has(brand) ? brand : DEFAULT_BRAND);

  const get = (brand: string): BrandPolicy => {
    if (!knownSet.has(brand) && brand !== DEFAULT_BRAND) return resolve(brand);
    let p = policies.get(brand);
    if (!p) {
      p = resolve(brand);
      policies.set(brand, p);
    }
    return p;
  };

  return {
    file,
    get,
    brands: () => [...known],
    isKnown: (brand) => brand === DEFAULT_BRAND || knownSet.has(brand),
    calendar: (brand) => {
      const key = cacheKey(brand);
      let cal = calendars.get(key);
      if (!cal) {
        cal = createCalendar(get(key));
        calendars.set(key, cal);
      }
      return cal;
    },
    fingerprint: (brand) => {
      if (!knownSet.has(brand) && brand !== DEFAULT_BRAND) return policyFingerprint(get(brand));
      let fp = fingerprints.get(brand);
      if (fp === undefined) {
        fp = policyFingerprint(get(brand));
        fingerprints.set(brand, fp);
      }
      return fp;
    },
  };
}
