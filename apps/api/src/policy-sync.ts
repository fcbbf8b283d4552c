import { type RebuildProgress, type RebuildResult, readMeta, rebuildProjections, writeMeta } from "@caliper/db";
import type { Logger } from "./logger.ts";
import type { Services } from "./services.ts";

const KEY = "policy_fingerprints";

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
  const fingerprints = only
    ? { ...(await storedFingerprints(s)), ...Object.fromEntries(only.map((b) => [b, s.policies.fingerprint(b)])) }
    : Object.fromEntries((await brandsWithData(s)).map((b) => [b, s.policies.fingerprint(b)]));
  await writeMeta(s.db.db, KEY, JSON.stringify(fingerprints));
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
  const changed = brands.filter(
    (b) => stored !== null && stored[b] !== undefined && stored[b] !== s.policies.fingerprint(b),
  );
  if (changed.length === 0) {
    await saveFingerprints(s);
    return { changed, rebuilt: false };
  }
  if (process.env.CALIPER_AUTO_REBUILD === "0") {
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
