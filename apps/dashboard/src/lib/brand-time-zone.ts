import type { BrandSummary } from "@caliper/client";

/** A brand's time zone from the session's brands ("UTC" when it is not listed). */
export function brandTimeZone(brands: readonly BrandSummary[], brand: string | null | undefined): string {
  return brands.find((b) => b.brand === brand)?.timezone ?? "UTC";
}
