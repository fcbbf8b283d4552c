import { fieldLabel } from "./styles.ts";

/** A small group of toggle buttons (one pressed) — keyboard and screen-reader friendly. */
export function Segmented<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset>
      <legend className={fieldLabel}>{label}</legend>
      <div className="inline-flex rounded-tremor-default border border-tremor-border bg-tremor-background p-0.5">
        {options.map((o) => (
          <button
            key={o.value}
            type="button"
            aria-pressed={o.value === value}
            onClick={() => onChange(o.value)}
            className={`rounded-tremor-small px-3 py-1.5 text-tremor-default font-medium ${
              o.value === value
                ? "bg-tremor-brand text-tremor-brand-inverted"
                : "text-tremor-content-emphasis hover:bg-tremor-background-subtle"
            }`}
          >
            {o.label}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
