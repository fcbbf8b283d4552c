import { CaliperApiError } from "@caliper/client";
import type { ReactNode } from "react";
import type { ApiResult } from "../api/use-api.ts";
import { btnSecondary } from "./styles.ts";

/** A spinner with a live label: "Loading agents…". */
export function Loading({ label = "data" }: { label?: string }) {
  return (
    <div
      role="status"
      aria-live="polite"
      className="flex items-center gap-2 py-6 text-tremor-default text-tremor-content"
    >
      <span
        aria-hidden="true"
        className="h-4 w-4 animate-spin rounded-full border-2 border-tremor-brand-muted border-t-tremor-brand"
      />
      <span>Loading {label}…</span>
    </div>
  );
}

/** Nothing to show (as opposed to an error). */
export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-tremor-default border border-dashed border-tremor-border bg-tremor-background px-4 py-6 text-center">
      <p className="font-medium text-tremor-content-strong">{title}</p>
      {children ? <div className="mt-1 text-tremor-default text-tremor-content">{children}</div> : null}
    </div>
  );
}

/** What went wrong, in words, with the API's request id when there is one. */
export function describeError(error: unknown): { message: string; detail: string | null } {
  if (error instanceof CaliperApiError) {
    const detail = [`HTTP ${error.status}`, error.code, error.requestId ? `request ${error.requestId}` : null]
      .filter(Boolean)
      .join(" · ");
    if (error.status === 403) return { message: "This key is not allowed to see this.", detail };
    if (error.status === 404) return { message: error.message || "Not found.", detail };
    return { message: error.message, detail };
  }
  if (error instanceof TypeError) return { message: "Could not reach the Caliper API.", detail: error.message };
  return { message: error instanceof Error ? error.message : String(error), detail: null };
}

export function ErrorState({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const { message, detail } = describeError(error);
  return (
    <div role="alert" className="rounded-tremor-default border border-rose-200 bg-rose-50 px-4 py-4 text-rose-900">
      <p className="font-medium">{title ?? "Something went wrong"}</p>
      <p className="mt-1 text-tremor-default">{message}</p>
      {detail ? <p className="mt-1 text-tremor-label text-rose-700">{detail}</p> : null}
      {onRetry ? (
        <button type="button" className={`${btnSecondary} mt-3`} onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}

/** Renders the loading, error, empty or loaded view of an API result. */
export function AsyncView<T>({
  result,
  label,
  isEmpty,
  empty,
  children,
}: {
  result: ApiResult<T>;
  label: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (result.status === "loading") return <Loading label={label} />;
  if (result.status === "error")
    return <ErrorState error={result.error} title={`Could not load ${label}`} onRetry={result.reload} />;
  if (isEmpty?.(result.data)) return <>{empty ?? <Empty title={`No ${label} to show`} />}</>;
  return <>{children(result.data)}</>;
}
