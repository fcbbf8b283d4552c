import type { BrandSummary } from "@caliper/client";
import type { ReactNode } from "react";
import { brandTimeZone } from "../lib/brand-time-zone.ts";
import type { RangeSpec } from "../lib/date-range.ts";
import { BrandPicker } from "./BrandPicker.tsx";
import { DateRangePicker } from "./DateRangePicker.tsx";

/** The brand and date-range pickers (and page-specific controls) above a view. */
export function FilterBar({
  brands,
  brand,
  onBrandChange,
  range,
  onRangeChange,
  children,
}: {
  brands: readonly BrandSummary[];
  brand: string | null;
  onBrandChange: (brand: string) => void;
  range?: RangeSpec;
  onRangeChange?: (range: RangeSpec) => void;
  children?: ReactNode;
}) {
  return (
    <form
      aria-label="Filters"
      className="flex flex-wrap items-end gap-3 rounded-tremor-default border border-tremor-border bg-tremor-background p-3 shadow-tremor-input"
      onSubmit={(e) => e.preventDefault()}
    >
      <BrandPicker brands={brands} value={brand} onChange={onBrandChange} />
      {range && onRangeChange ? (
        <DateRangePicker value={range} onChange={onRangeChange} timeZone={brandTimeZone(brands, brand)} />
      ) : null}
      {children}
    </form>
  );
}
