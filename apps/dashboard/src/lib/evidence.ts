/** Cutting a message body into plain and highlighted pieces from flag evidence spans. */

export interface Evidence {
  start: number;
  end: number;
  text: string;
}

export interface Span {
  start: number;
  end: number;
  /** What the highlight is for (a rule label), announced with it. */
  label: string;
}

export interface Segment {
  text: string;
  /** Labels of every span covering this piece; empty for plain text. */
  labels: string[];
}

/**
 * Where the evidence sits in `body`: its offsets when they match its text, else the first
 * occurrence of its text (bodies can be redacted after the offsets were taken), else null.
 */
export function locateEvidence(body: string, evidence: Evidence): { start: number; end: number } | null {
  const { start, end, text } = evidence;
  if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= body.length) {
    if (!text || body.slice(start, end) === text) return { start, end };
  }
  if (text) {
    const at = body.indexOf(text);
    if (at >= 0) return { start: at, end: at + text.length };
    const lower = body.toLowerCase().indexOf(text.toLowerCase());
    if (lower >= 0) return { start: lower, end: lower + text.length };
  }
  return null;
}

/** Splits `body` at every span boundary; overlapping spans share the overlapping piece. */
export function segmentBody(body: string, spans: readonly Span[]): Segment[] {
  const valid = spans.filter((s) => s.start < s.end && s.start >= 0 && s.end <= body.length);
  const cuts = new Set<number>([0, body.length]);
  for (const s of valid) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    if (to <= from) continue;
    const labels = valid.filter((s) => s.start <= from && s.end >= to).map((s) => s.label);
    const text = body.slice(from, to);
    const last = out[out.length - 1];
    if (last && last.labels.join("|") === labels.join("|")) last.text += text;
    else out.push({ text, labels: [...new Set(labels)] });
  }
  return out;
}
