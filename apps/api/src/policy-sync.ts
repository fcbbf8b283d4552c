import { type RebuildProgress, type RebuildResult, readMeta, rebuildProjections, writeMeta } from "@caliper/db";
import { policyFingerprint } from "@caliper/policy";
import { ConfigError, switchSetting } from "./config.ts";
import type { Logger } from "./logger.ts";
import type { Services } from "./services.ts";

const KEY = "policy_fingerprints";

/**
 * The entry under which the policy of a brand the policies do not name (the default policy under
 * its id) is recorded: a brand whose first events come while the server runs is projected with
 * it, and has no entry of its own until the next start records one.
 */
const UNNAMED = "*";

/** The fingerprint of `brand`'s policy as if it were the unnamed brand's: comparable with the UNNAMED entry. */
const asUnnamed = (s: Services, brand: string): string =>
  policyFingerprint({ ...s.policies.get(brand), brand: UNNAMED });

async function storedFingerprints(s: Services): Promise<Record<string, string> | null> {
  const value = await readMeta(s.db.db, KEY);
  return value === undefined ? null : (JSON.parse(value) as Record<string, string>);
}

async function brandsWithData(s: Services): Promise<string[]> {
  const t = await s.db.db.selectFrom("tickets").select("brand").distinct().execute();
  const o = await s.db.db.selectFrom("orders").select("brand").distinct().execute();
  return [...new Set([...t, ...o].map((r) => r.brand))].sort();
}

/**
 * Records the effective policy of every brand that has data, so a later start can tell a change;
 * with `only`, of those brands alone (the others keep what was recorded: a rebuild of some brands
 * must not mark another brand's changed policy as applied).
 */
export async function saveFingerprints(s: Services, only?: readonly string[]): Promise<void> {
  // Every brand the policies name, with data or not (its first events may come before the next
  // start), and the policy of the brands they do not name.
  const brands = only ?? [...new Set([...(await brandsWithData(s)), ...s.policies.brands()]), UNNAMED];
  const recorded = only ? await storedFingerprints(s) : null;
  const fingerprints = { ...recorded, ...Object.fromEntries(brands.map((b) => [b, s.policies.fingerprint(b)])) };
  await writeMeta(s.db.db, KEY, JSON.stringify(fingerprints));
}

/**
 * Whether `brand`'s projections were computed with another policy than its current one: the one
 * recorded for it, or, for a brand without an entry (unnamed by the policies when they were
 * recorded, its first events since), the unnamed brands' policy recorded then. False when
 * nothing tells (nothing recorded, or recorded before the unnamed brands' entry existed).
 */
function policyChanged(s: Services, stored: Record<string, string>, brand: string): boolean {
  const own = stored[brand];
  if (own !== undefined) return own !== s.policies.fingerprint(brand);
  const unnamed = stored[UNNAMED];
  return unnamed !== undefined && unnamed !== asUnnamed(s, brand);
}

/**
 * A command that projects events (`caliper import`, `caliper demo`) was run with another policy
 * for these brands than the one their projections were computed with (recorded by `caliper serve`
 * or `caliper rebuild`): storing their events would leave the brand's tickets projected with two
 * policies, which no start would notice. Exit 2, like a bad setting.
 */
export class PolicyMismatchError extends ConfigError {
  constructor(readonly brands: readonly string[]) {
    const list = brands.join(", ");
    super(
      `the policy of ${list} differs from the one ${brands.length === 1 ? "its" : "their"} projections were computed with (recorded by caliper serve or caliper rebuild); nothing of ${list} was stored`,
      [
        "pass the same --policies FILE (or CALIPER_POLICIES) as caliper serve uses for this store",
        `or, to apply this command's policy instead, run \`caliper rebuild --brand ${brands.join(",")} --policies FILE\` with it first (and serve with the same file after)`,
      ],
    );
  }
}

/**
 * For a command that projects events into a store a server may also project into: `check` throws
 * PolicyMismatchError, before anything of theirs is stored, when events come of a brand whose
 * recorded policy is not this process's (as `syncPolicies` would tell, except that no start would
 * ever rebuild them: the record still says the server's policy); `record` then records the
 * policies of the brands it stored, so a server started with another policy rebuilds them (on a
 * store nothing was recorded for yet, too). Without `enforce`, `check` refuses nothing.
 */
export async function policyGuard(
  s: Services,
  enforce = true,
): Promise<{ check(events: readonly { brand: string }[]): void; record(): Promise<void> }> {
  const stored = enforce ? await storedFingerprints(s) : null;
  const seen = new Set<string>();
  return {
    check(events) {
      const changed = new Set<string>();
      for (const { brand } of events) {
        if (seen.has(brand)) continue;
        if (stored !== null && policyChanged(s, stored, brand)) changed.add(brand);
        else seen.add(brand);
      }
      if (changed.size > 0) throw new PolicyMismatchError([...changed].sort());
    },
    async record() {
      if (seen.size > 0) await saveFingerprints(s, [...seen].sort());
    },
  };
}

/**
 * Projections (clocks, business times, local days, flags) are computed with the brand
 * policies. When the policies of brands with data changed since the last start, the derived
 * tables are rebuilt from the log so every figure uses the current policies (disable with
 * CALIPER_AUTO_REBUILD=0: then a warning says to run `caliper rebuild`).
 */
export async function syncPolicies(s: Services): Promise<{ changed: string[]; rebuilt: boolean }> {
  const stored = await storedFingerprints(s);
  const brands = await brandsWithData(s);
  const changed = stored === null ? [] : brands.filter((b) => policyChanged(s, stored, b));
  if (changed.length === 0) {
    await saveFingerprints(s);
    return { changed, rebuilt: false };
  }
  if (!switchSetting("CALIPER_AUTO_REBUILD", true)) {
    s.logger.warn("brand policies changed since the projections were computed; run `caliper rebuild`", {
      brands: changed,
    });
    return { changed, rebuilt: false };
  }
  // Only those brands: nothing a brand projects depends on another brand's events.
  await rebuildAtStart(s, "brand policies changed: rebuilding their projections from the event log", changed);
  return { changed, rebuilt: true };
}

/**
 * A rebuild before the server listens, logged (why, its progress, how long), then records the
 * policies the projections were computed with: of every brand, or of `brands` only.
 */
export async function rebuildAtStart(s: Services, why: string, brands?: readonly string[]): Promise<RebuildResult> {
  s.logger.info(why, brands ? { brands } : undefined);
  const r = await rebuildProjections(s.db, s.projection, loggedProgress(s.logger), {
    workers: "auto",
    ...(brands ? { brands } : {}),
  });
  s.logger.info("projections rebuilt", { events: r.events, seconds: Math.round(r.seconds * 10) / 10 });
  await saveFingerprints(s);
  return r;
}

/**
 * A rebuild's progress in the log, for a server that rebuilds before it listens (minutes on a
 * big store): a line each time a phase passes a tenth of its subjects, and when it starts.
 */
function loggedProgress(logger: Logger): (p: RebuildProgress) => void {
  const logged = new Map<RebuildProgress["phase"], number>();
  return (p) => {
    if (p.note !== undefined) return;
    const tenths = p.total > 0 ? Math.floor((10 * p.done) / p.total) : 10;
    if ((logged.get(p.phase) ?? -1) >= tenths) return;
    logged.set(p.phase, tenths);
    logger.info("rebuilding projections", { phase: p.phase, done: p.done, total: p.total, percent: tenths * 10 });
  };
}
