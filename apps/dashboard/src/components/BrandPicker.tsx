import type { BrandSummary } from "@caliper/client";
import { useId } from "react";
import { field, fieldLabel } from "./styles.ts";

/** The brands the key can see; a single brand shows as text. */
export function BrandPicker({
  brands,
  value,
  onChange,
}: {
  brands: readonly BrandSummary[];
  value: string | null;
  onChange: (brand: string) => void;
}) {
  const id = useId();
  if (brands.length === 1 && brands[0]) {
    return (
      <div>
        <span className={fieldLabel}>Brand</span>
        <p className="py-2 text-tremor-default font-medium text-tremor-content-strong">{brands[0].name}</p>
      </div>
    );
  }
  return (
    <div>
      <label htmlFor={id} className={fieldLabel}>
        Brand
      </label>
      <select id={id} className={field} value={value ?? ""} onChange={(e) => onChange(e.target.value)}>
        {value === null ? <option value="">Choose a brand</option> : null}
        {brands.map((b) => (
          <option key={b.brand} value={b.brand}>
            {b.name}
          </option>
        ))}
      </select>
    </div>
  );
}
