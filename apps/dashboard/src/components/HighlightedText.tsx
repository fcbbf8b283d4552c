import { type Segment, segmentBody, type Span } from "../lib/evidence.ts";

/** A message body with flagged evidence marked (<mark>), each mark naming its rule. */
export function HighlightedText({ body, spans }: { body: string; spans: readonly Span[] }) {
  const segments: Segment[] = segmentBody(body, spans);
  return (
    <p className="whitespace-pre-wrap break-words text-tremor-default text-tremor-content-strong">
      {segments.map((s, i) =>
        s.labels.length > 0 ? (
          <mark
            // Segments never reorder: the index is a stable key here.
            // biome-ignore lint/suspicious/noArrayIndexKey: positional pieces of one string
            key={i}
            title={`Flagged: ${s.labels.join(", ")}`}
            className="rounded-sm bg-amber-200 px-0.5 text-amber-950 ring-1 ring-amber-400"
          >
            {s.text}
            <span className="sr-only"> (flagged: {s.labels.join(", ")})</span>
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: positional pieces of one string
          <span key={i}>{s.text}</span>
        ),
      )}
    </p>
  );
}
