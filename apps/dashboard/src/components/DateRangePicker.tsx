import { useId } from "react";
import { PRESETS, type PresetDays, type RangeSpec, rangeInstants, inclusiveDates } from "../lib/date-range.ts";
import { field, fieldLabel } from "./styles.ts";

/** A custom range from two dates in either order ("YYYY-MM-DD" strings compare as dates). */
function orderedRange(a: string, b: string): RangeSpec {
  const [from, to] = [a, b].sort();
  return { kind: "custom", from: from ?? a, to: to ?? b };
}

/** Presets (last 7/30/90 days) or a custom range of inclusive dates. */
export function DateRangePicker({ value, onChange }: { value: RangeSpec; onChange: (next: RangeSpec) => void }) {
  const id = useId();
  const selected = value.kind === "preset" ? String(value.days) : "custom";
  const custom = value.kind === "custom" ? value : inclusiveDates(rangeInstants(value));

  return (
    <div className="flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor={`${id}-preset`} className={fieldLabel}>
          Date range
        </label>
        <select
          id={`${id}-preset`}
          className={field}
          value={selected}
          onChange={(e) => {
            const v = e.target.value;
            if (v === "custom") onChange({ kind: "custom", from: custom.from, to: custom.to });
            else onChange({ kind: "preset", days: Number(v) as PresetDays });
          }}
        >
          {PRESETS.map((d) => (
            <option key={d} value={d}>
              Last {d} days
            </option>
          ))}
          <option value="custom">Custom range</option>
        </select>
      </div>
      {value.kind === "custom" ? (
        <>
          <div>
            <label htmlFor={`${id}-from`} className={fieldLabel}>
              From
            </label>
            <input
              id={`${id}-from`}
              type="date"
              className={field}
              value={value.from}
              max={value.to}
              onChange={(e) => {
                if (e.target.value) onChange(orderedRange(e.target.value, value.to));
              }}
            />
          </div>
          <div>
            <label htmlFor={`${id}-to`} className={fieldLabel}>
              To (inclusive)
            </label>
            <input
              id={`${id}-to`}
              type="date"
              className={field}
              value={value.to}
              min={value.from}
              onChange={(e) => {
                if (e.target.value) onChange(orderedRange(value.from, e.target.value));
              }}
            />
          </div>
        </>
      ) : null}
    </div>
  );
}
