import { IANAZone } from "luxon";

/**
 * Conversion between instants and local wall-clock time in an IANA zone, using luxon's zone
 * data (never hand-written offsets). A wall time is encoded as the epoch ms it would be in UTC
 * ("2026-03-08T02:30" local -> Date.UTC(2026, 2, 8, 2, 30)).
 */
export interface WallClock {
  readonly timezone: string;
  /** The zone's offset from UTC in ms at an instant. */
  offsetMs(ms: number): number;
  /**
   * The first instant whose local wall time is at or after `wall`: for a normal time its only
   * instant; for an ambiguous time (autumn fall-back) the earlier of its two instants; for a time
   * that does not exist (spring-forward gap) the instant the clocks jump forward. The mapping is
   * monotonic, so intervals in wall time never turn negative or overlap after conversion.
   */
  instantOf(wall: number): number;
}

const HOUR = 3_600_000;
/** Offsets are compared a day either side of a wall time: enough to see any one transition. */
const SPAN = 24 * HOUR;

export function createWallClock(timezone: string): WallClock {
  const zone = IANAZone.create(timezone);
  if (!zone.isValid) throw new RangeError(`unknown IANA time zone '${timezone}'`);
  const offsetMs = (ms: number): number => zone.offset(ms) * 60_000;

  const instantOf = (wall: number): number => {
    const before = offsetMs(wall - SPAN);
    const after = offsetMs(wall + SPAN);
    const early = wall - before;
    const late = wall - after;
    const earlyValid = offsetMs(early) === before;
    const lateValid = offsetMs(late) === after;
    if (earlyValid && lateValid) return Math.min(early, late);
    if (earlyValid) return early;
    if (lateValid) return late;
    // In a gap: the transition lies in (late, early]; find its first instant with the new offset.
    let lo = Math.min(early, late);
    let hi = Math.max(early, late);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetMs(mid) === before) lo = mid;
      else hi = mid;
    }
    return hi;
  };

  return { timezone, offsetMs, instantOf };
}
