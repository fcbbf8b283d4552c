import type { ScorecardCategory } from "@caliper/client";
import { Badge } from "@tremor/react";
import { type FormEvent, useRef, useState } from "react";
import { formatScoreOutOf100 } from "../../lib/format.ts";
import { previewScore, type Rating } from "../../lib/scoring.ts";
import { btnPrimary, field, fieldLabel } from "../../components/styles.ts";

export interface ReviewPayload {
  ratings: Record<string, number | null>;
  comments: Record<string, string>;
  comment?: string;
}

/** The form's choice per category: a rating, "na", or nothing yet. */
type Choice = Rating | "na" | undefined;

const OPTIONS: { value: Exclude<Choice, undefined>; label: string; hint: string }[] = [
  { value: 0, label: "0", hint: "Unacceptable" },
  { value: 1, label: "1", hint: "Poor" },
  { value: 2, label: "2", hint: "Fair" },
  { value: 3, label: "3", hint: "Good" },
  { value: 4, label: "4", hint: "Excellent" },
  { value: "na", label: "N/A", hint: "Does not apply" },
];

/** Checks the choices; returns error messages by category id (and "_form" for the whole form). */
export function validateChoices(categories: readonly ScorecardCategory[], choices: Record<string, Choice>) {
  const errors: Record<string, string> = {};
  for (const c of categories) {
    if (choices[c.id] === undefined) errors[c.id] = "Choose a rating from 0 to 4, or N/A.";
  }
  if (Object.keys(errors).length === 0 && categories.every((c) => choices[c.id] === "na")) {
    errors["_form"] = "Rate at least one category: a review cannot be N/A everywhere.";
  }
  return errors;
}

/** The QA scorecard form: every category rated 0..4 or N/A, critical categories marked, comments. */
export function ReviewForm({
  categories,
  passScore,
  onSubmit,
}: {
  categories: readonly ScorecardCategory[];
  passScore: number;
  onSubmit: (payload: ReviewPayload) => Promise<void>;
}) {
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [comments, setComments] = useState<Record<string, string>>({});
  const [overall, setOverall] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  const ratings: Record<string, Rating | undefined> = {};
  for (const c of categories) {
    const v = choices[c.id];
    ratings[c.id] = v === "na" ? null : v;
  }
  const preview = previewScore(categories, ratings, passScore);
  const errorCount = Object.keys(errors).length;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const found = validateChoices(categories, choices);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      summaryRef.current?.focus();
      return;
    }
    const payload: ReviewPayload = { ratings: {}, comments: {} };
    for (const c of categories) {
      const v = choices[c.id];
      payload.ratings[c.id] = v === "na" || v === undefined ? null : v;
      const text = comments[c.id]?.trim();
      if (text) payload.comments[c.id] = text;
    }
    if (overall.trim()) payload.comment = overall.trim();
    setSubmitting(true);
    try {
      await onSubmit(payload);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form aria-label="Scorecard" noValidate onSubmit={submit} className="space-y-4">
      <div ref={summaryRef} tabIndex={-1} className="focus:outline-none">
        {errorCount > 0 ? (
          <div role="alert" className="rounded-tremor-default border border-rose-200 bg-rose-50 p-3 text-rose-900">
            {errors["_form"] ??
              `${errorCount} ${errorCount === 1 ? "category needs" : "categories need"} a rating before you can submit.`}
          </div>
        ) : null}
      </div>
      {categories.map((c) => {
        const error = errors[c.id];
        const errorId = `rating-error-${c.id}`;
        const descId = `rating-desc-${c.id}`;
        return (
          <fieldset
            key={c.id}
            aria-describedby={
              [c.description ? descId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined
            }
            aria-invalid={error ? true : undefined}
            className={`rounded-tremor-default border bg-tremor-background p-4 shadow-tremor-input ${
              error ? "border-rose-400" : c.critical ? "border-rose-200" : "border-tremor-border"
            }`}
          >
            <legend className="flex flex-wrap items-center gap-2 px-1 font-semibold text-tremor-content-strong">
              {c.label}
              {c.critical ? (
                <Badge size="xs" color="rose">
                  Critical
                </Badge>
              ) : null}
            </legend>
            <p id={descId} className="text-tremor-label text-tremor-content">
              {c.description ? `${c.description} ` : ""}
              Weight {c.weight}.{c.critical ? " Critical: a rating below 2 makes the whole review score 0." : ""}
            </p>
            <div className="mt-2 flex flex-wrap gap-2">
              {OPTIONS.map((o) => {
                const id = `rating-${c.id}-${o.label}`;
                const checked = choices[c.id] === o.value;
                return (
                  <label
                    key={o.label}
                    htmlFor={id}
                    title={o.hint}
                    className={`flex cursor-pointer items-center gap-1 rounded-tremor-small border px-3 py-1.5 text-tremor-default has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-tremor-brand ${
                      checked
                        ? "border-tremor-brand bg-tremor-brand-faint text-tremor-brand-emphasis"
                        : "border-tremor-border"
                    }`}
                  >
                    <input
                      id={id}
                      type="radio"
                      name={`rating-${c.id}`}
                      value={o.label}
                      checked={checked}
                      onChange={() => {
                        setChoices((prev) => ({ ...prev, [c.id]: o.value }));
                        setErrors((prev) => {
                          const { [c.id]: _removed, _form: _formError, ...rest } = prev;
                          return rest;
                        });
                      }}
                      className="h-4 w-4"
                    />
                    {o.label}
                  </label>
                );
              })}
            </div>
            {error ? (
              <p id={errorId} className="mt-1 text-tremor-label text-rose-700">
                {error}
              </p>
            ) : null}
            <label htmlFor={`comment-${c.id}`} className={`${fieldLabel} mt-3`}>
              Comment on {c.label} (optional)
            </label>
            <textarea
              id={`comment-${c.id}`}
              rows={2}
              className={field}
              value={comments[c.id] ?? ""}
              onChange={(e) => setComments((prev) => ({ ...prev, [c.id]: e.target.value }))}
            />
          </fieldset>
        );
      })}
      <div>
        <label htmlFor="comment-overall" className={fieldLabel}>
          Overall comment (optional)
        </label>
        <textarea
          id="comment-overall"
          rows={3}
          className={field}
          value={overall}
          onChange={(e) => setOverall(e.target.value)}
        />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-tremor-default border border-tremor-border bg-tremor-background p-3">
        <p aria-live="polite" className="text-tremor-default">
          <span className="text-tremor-content">Score preview: </span>
          <strong className="text-tremor-content-strong">
            {preview.score === null
              ? "rate a category to see the score"
              : `${formatScoreOutOf100(preview.score)} — ${preview.criticalFail ? "critical fail" : preview.pass ? "pass" : "fail"}`}
          </strong>
          <span className="text-tremor-content"> (pass at {passScore} / 100)</span>
        </p>
        <button type="submit" className={btnPrimary} disabled={submitting}>
          {submitting ? "Submitting…" : "Submit review"}
        </button>
      </div>
    </form>
  );
}
