import { type FocusEvent, useEffect, useId, useRef, useState } from "react";
import {
  PRESETS,
  type PresetDays,
  parseDate,
  type RangeSpec,
  rangeInstants,
  inclusiveDates,
} from "../lib/date-range.ts";
import { field, fieldLabel } from "./styles.ts";

/** A custom range from two dates in either order ("YYYY-MM-DD" strings compare as dates). */
function orderedRange(a: string, b: string): RangeSpec {
  const [from, to] = [a, b].sort();
  return { kind: "custom", from: from ?? a, to: to ?? b };
}

/**
 * A date the user has finished entering. While a year is typed digit by digit, a date input
 * reports "0002-…", "0020-…", "0202-…": those are not applied.
 */
const isComplete = (s: string): boolean => parseDate(s) !== null && Number(s.slice(0, 4)) >= 1900;

interface Dates {
  from: string;
  to: string;
}

/** Presets (last 7/30/90 days) or a custom range of inclusive dates, in the store's time zone. */
export function DateRangePicker({
  value,
  onChange,
  timeZone = "UTC",
}: {
  value: RangeSpec;
  onChange: (next: RangeSpec) => void;
  timeZone?: string;
}) {
  const id = useId();
  const selected = value.kind === "preset" ? String(value.days) : "custom";
  const custom = value.kind === "custom" ? value : inclusiveDates(rangeInstants(value, new Date(), timeZone), timeZone);

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
      {value.kind === "custom" ? <CustomDates id={id} value={value} onChange={onChange} /> : null}
      {/* Ranges, labels and times are the store's; say whose clock that is when it is not UTC. */}
      {timeZone !== "UTC" ? (
        <p className="pb-2 text-tremor-label text-tremor-content">Days and times in {timeZone}</p>
      ) : null}
    </div>
  );
}

/**
 * The From / To inputs. What is typed is kept here and applied (to the URL) once both dates are
 * complete and in order, so typing a date with the keyboard never sends half-typed years or
 * swaps the two fields mid-entry. When the focus leaves both fields, dates in the wrong order
 * are swapped and an unfinished date is reset to the range in force.
 */
function CustomDates({ id, value, onChange }: { id: string; value: Dates; onChange: (next: RangeSpec) => void }) {
  const [fields, setFields] = useState<Dates>({ from: value.from, to: value.to });
  // The latest fields, read by handlers that run before React re-renders.
  const latest = useRef(fields);

  useEffect(() => {
    latest.current = { from: value.from, to: value.to };
    setFields(latest.current);
  }, [value.from, value.to]);

  const edit = (patch: Partial<Dates>) => {
    const next = { ...latest.current, ...patch };
    latest.current = next;
    setFields(next);
    if (isComplete(next.from) && isComplete(next.to) && next.from <= next.to) {
      onChange({ kind: "custom", ...next });
    }
  };

  const leave = (e: FocusEvent<HTMLInputElement>) => {
    // Moving between From and To is still editing.
    const next = e.relatedTarget;
    if (next instanceof HTMLElement && (next.id === `${id}-from` || next.id === `${id}-to`)) return;
    const { from, to } = latest.current;
    if (isComplete(from) && isComplete(to)) {
      if (from > to) onChange(orderedRange(from, to));
    } else {
      latest.current = { from: value.from, to: value.to };
      setFields(latest.current);
    }
  };

  return (
    <>
      <div>
        <label htmlFor={`${id}-from`} className={fieldLabel}>
          From
        </label>
        <input
          id={`${id}-from`}
          type="date"
          className={field}
          value={fields.from}
          onChange={(e) => edit({ from: e.target.value })}
          onBlur={leave}
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
          value={fields.to}
          onChange={(e) => edit({ to: e.target.value })}
          onBlur={leave}
        />
      </div>
    </>
  );
}
