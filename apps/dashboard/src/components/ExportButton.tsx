import { useState } from "react";
import { downloadText } from "../lib/download.ts";
import { describeError } from "./states.tsx";
import { btnSecondary } from "./styles.ts";

/** Downloads a server-side CSV export (fetched with the key in a header, saved through a Blob). */
export function ExportButton({
  label,
  filename,
  load,
}: {
  label: string;
  filename: string;
  load: () => Promise<string>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <button
        type="button"
        className={btnSecondary}
        disabled={busy}
        aria-busy={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            downloadText(filename, await load());
          } catch (err) {
            setError(describeError(err).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? "Preparing…" : label}
      </button>
      {error ? (
        <span role="alert" className="text-tremor-label text-rose-700">
          Export failed: {error}
        </span>
      ) : null}
    </span>
  );
}
