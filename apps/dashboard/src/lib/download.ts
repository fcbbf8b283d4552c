/**
 * Saves text as a file through a Blob and an object URL: nothing (and never the access key)
 * goes into a request URL.
 */
export function downloadText(filename: string, text: string, type = "text/csv;charset=utf-8"): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before releasing the blob.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** A file name safe on every OS: "agents jewelry 2026-03-01" -> "agents-jewelry-2026-03-01.csv". */
export function csvFilename(...parts: (string | null | undefined)[]): string {
  const base = parts
    .filter((p): p is string => Boolean(p))
    .join("-")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
  return `${base || "export"}.csv`;
}
