import type { AuditSample, SampleInput } from "@caliper/client";
import { type FormEvent, useState } from "react";
import { useClient } from "../../api/ApiProvider.tsx";
import { ErrorState } from "../../components/states.tsx";
import type { Instants } from "../../lib/date-range.ts";
import { strategyLabel } from "../../lib/labels.ts";
import { btnPrimary, field, fieldLabel } from "../../components/styles.ts";

/** Draws a reproducible audit sample for the brand and period on screen. */
export function SampleForm({
  brand,
  instants,
  onCreated,
}: {
  brand: string;
  instants: Instants;
  onCreated: (sample: AuditSample) => void;
}) {
  const client = useClient();
  const [perAgent, setPerAgent] = useState("5");
  const [strategy, setStrategy] = useState<SampleInput["strategy"]>("uniform");
  const [seed, setSeed] = useState(() => new Date().toISOString().slice(0, 10));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [invalid, setInvalid] = useState<string | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const n = Number(perAgent);
    if (!Number.isInteger(n) || n < 1 || n > 100) {
      setInvalid("Tickets per agent must be a whole number from 1 to 100.");
      return;
    }
    if (!seed.trim()) {
      setInvalid("Enter a seed: the same seed draws the same sample.");
      return;
    }
    setInvalid(null);
    setBusy(true);
    setError(null);
    try {
      const { sample } = await client.createSample({
        brand,
        from: instants.from,
        to: instants.to,
        perAgent: n,
        seed: seed.trim(),
        strategy,
      });
      onCreated(sample);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      aria-label="Draw a sample"
      onSubmit={submit}
      noValidate
      className="space-y-3 rounded-tremor-default border border-tremor-border bg-tremor-background p-4 shadow-tremor-card"
    >
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="sample-per-agent" className={fieldLabel}>
            Tickets per agent
          </label>
          <input
            id="sample-per-agent"
            type="number"
            min={1}
            max={100}
            inputMode="numeric"
            className={`${field} w-32`}
            value={perAgent}
            onChange={(e) => setPerAgent(e.target.value)}
            aria-invalid={invalid?.startsWith("Tickets") ? true : undefined}
          />
        </div>
        <div>
          <label htmlFor="sample-strategy" className={fieldLabel}>
            Strategy
          </label>
          <select
            id="sample-strategy"
            className={field}
            value={strategy}
            onChange={(e) => setStrategy(e.target.value === "risk" ? "risk" : "uniform")}
          >
            <option value="uniform">{strategyLabel("uniform")}</option>
            <option value="risk">{strategyLabel("risk")} (flags, breaches, low CSAT)</option>
          </select>
        </div>
        <div>
          <label htmlFor="sample-seed" className={fieldLabel}>
            Seed
          </label>
          <input
            id="sample-seed"
            type="text"
            className={`${field} w-40`}
            value={seed}
            onChange={(e) => setSeed(e.target.value)}
            aria-invalid={invalid?.startsWith("Enter a seed") ? true : undefined}
          />
        </div>
        <button type="submit" className={btnPrimary} disabled={busy}>
          {busy ? "Drawing…" : "Draw sample"}
        </button>
      </div>
      <p className="text-tremor-label text-tremor-content">
        Stratified by agent over the date range above; the same brand, period, size, seed and strategy always draw the
        same tickets.
      </p>
      {invalid ? (
        <p role="alert" className="text-tremor-default text-rose-700">
          {invalid}
        </p>
      ) : null}
      {error ? <ErrorState error={error} title="Could not draw the sample" /> : null}
    </form>
  );
}
