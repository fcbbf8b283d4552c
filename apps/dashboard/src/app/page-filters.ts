import type { BrandSummary } from "@caliper/client";
import { useEffect, useMemo } from "react";
import { useSession } from "../auth/AuthProvider.tsx";
import { brandTimeZone } from "../lib/brand-time-zone.ts";
import { type Instants, localDate, previousPeriod, rangeInstants } from "../lib/date-range.ts";
import { useUrlState } from "../lib/use-url-state.ts";

/**
 * The brand and date range of a page, from the URL. When the URL names no brand (or one the
 * key cannot see) the first visible brand is written into it, so the link stays shareable.
 * `firstBrand: false` (a page about one record, such as a ticket, that belongs to one brand):
 * only the key's one brand is filled in; with several, `brand` is null and the page decides.
 */
export function usePageFilters({ firstBrand = true }: { firstBrand?: boolean } = {}) {
  const session = useSession();
  const url = useUrlState();
  const { filters, setFilters } = url;

  const brands: BrandSummary[] = useMemo(() => {
    const list = [...session.brands];
    // An unscoped key may open a brand that is not listed (imports from unknown brands).
    if (filters.brand && session.me.brands === null && !list.some((b) => b.brand === filters.brand)) {
      list.push({ brand: filters.brand, name: filters.brand, timezone: "UTC" });
    }
    return list;
  }, [session, filters.brand]);

  const brand = useMemo(() => {
    if (filters.brand && brands.some((b) => b.brand === filters.brand)) return filters.brand;
    if (!firstBrand && brands.length !== 1) return null;
    return brands[0]?.brand ?? null;
  }, [filters.brand, brands, firstBrand]);

  useEffect(() => {
    if (brand && brand !== filters.brand) setFilters({ brand }, { replace: true });
  }, [brand, filters.brand, setFilters]);

  // Ranges are on the store's local midnights, as the API's days are; dates and instants are
  // shown in the same zone.
  const timeZone = brandTimeZone(brands, brand);
  const rangeKey = JSON.stringify(filters.range);
  const day = localDate(new Date(), timeZone);
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed per range, time zone and calendar day only
  const instants: Instants = useMemo(
    () => rangeInstants(filters.range, new Date(), timeZone),
    [rangeKey, day, timeZone],
  );
  const previous = useMemo(() => previousPeriod(instants, timeZone), [instants, timeZone]);

  return { ...url, brand, brands, timeZone, range: filters.range, instants, previous, session };
}
