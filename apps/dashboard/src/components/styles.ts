/**
 * Shared Tailwind class lists for native controls (kept in TypeScript rather than in CSS with
 * @apply, so the stylesheet holds only standard CSS plus Tailwind's imports).
 */
export const field =
  "block w-full rounded-tremor-default border border-tremor-border bg-tremor-background px-3 py-2 text-tremor-default text-tremor-content-strong shadow-tremor-input";
export const fieldLabel = "mb-1 block text-tremor-label font-medium text-tremor-content-emphasis";
const btn =
  "inline-flex items-center justify-center gap-1 rounded-tremor-default border px-3 py-2 text-tremor-default font-medium shadow-tremor-input disabled:cursor-not-allowed disabled:opacity-50";
export const btnPrimary = `${btn} border-tremor-brand bg-tremor-brand text-tremor-brand-inverted hover:bg-tremor-brand-emphasis`;
export const btnSecondary = `${btn} border-tremor-border bg-tremor-background text-tremor-content-emphasis hover:bg-tremor-background-muted`;
export const link = "text-tremor-brand underline-offset-2 hover:underline";
