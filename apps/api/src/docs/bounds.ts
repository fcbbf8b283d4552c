/**
 * Bounds of a documented field in words, shared by the /docs page and docs/events.md (each adds
 * its own markup around them).
 */

/** "min–max unit", "at most max unit", "at least min unit" for a length or count; "" when neither bound is set. */
export const lengthBounds = (min: number | undefined, max: number | undefined, unit: string): string =>
  min !== undefined && min > 0 && max !== undefined
    ? `${min}–${max} ${unit}`
    : max !== undefined
      ? `at most ${max} ${unit}`
      : min !== undefined && min > 0
        ? `at least ${min} ${unit}`
        : "";

/** "lo..hi", "≥ lo" or "≤ hi" for a number; zod's safe-integer bounds say nothing and are left out. */
export const numberRange = (min: number | undefined, max: number | undefined): string => {
  const lo = min !== undefined && min > Number.MIN_SAFE_INTEGER ? min : undefined;
  const hi = max !== undefined && max < Number.MAX_SAFE_INTEGER ? max : undefined;
  return lo !== undefined && hi !== undefined
    ? `${lo}..${hi}`
    : lo !== undefined
      ? `≥ ${lo}`
      : hi !== undefined
        ? `≤ ${hi}`
        : "";
};
