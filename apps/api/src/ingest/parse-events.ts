import { type CaliperEvent, type ErrorIssue, parseEvent, LIMITS } from "@caliper/domain";
import { ApiError, validationError, zodIssues } from "../errors.ts";
import { mayHoldUnsafeText, parseJsonText, unsafeTextIssues } from "../http/json.ts";

export type EventsPayloadKind = "single" | "batch" | "ndjson";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const tooMany = (n: number) =>
  new ApiError("payload_too_large", `a batch holds at most ${LIMITS.batch} events; this one has ${n}`, {
    issues: [{ path: "events", message: `must hold at most ${LIMITS.batch} events` }],
  });

/** One event as sent, with the prefix its issues are reported under. */
interface RawItem {
  value: unknown;
  prefix: (string | number)[];
  /** False when its JSON text holds no escape that could make NUL or a lone surrogate. */
  suspect: boolean;
}

/** The raw items of a request to POST /v1/events, with the prefix each one's issues are reported under. */
function rawItems(contentType: string, text: string): { kind: EventsPayloadKind; items: RawItem[] } {
  if (/^application\/(x-)?ndjson\b/i.test(contentType) || /^application\/jsonl\b/i.test(contentType)) {
    const items: RawItem[] = [];
    const issues: ErrorIssue[] = [];
    const lines = text.split(/\r?\n/);
    lines.forEach((line, i) => {
      if (line.trim() === "") return;
      const index = items.length + issues.length;
      const parsed = parseJsonText(line);
      if (parsed.ok) items.push({ value: parsed.value, prefix: ["events", index], suspect: mayHoldUnsafeText(line) });
      else issues.push({ path: `events.${index}`, message: `line ${i + 1} is not valid JSON: ${parsed.reason}` });
    });
    if (items.length + issues.length > LIMITS.batch) throw tooMany(items.length + issues.length);
    if (issues.length) throw new ApiError("invalid_json", "some NDJSON lines are not valid JSON", { issues });
    if (items.length === 0) throw validationError([{ path: "events", message: "no events in the body" }]);
    return { kind: "ndjson", items };
  }
  if (contentType !== "" && !/^application\/json\b/i.test(contentType) && !/\+json\b/i.test(contentType))
    throw new ApiError(
      "unsupported_media_type",
      "send application/json (one event or {events:[…]}) or application/x-ndjson",
    );
  if (text.trim() === "") throw new ApiError("invalid_json", "request body is empty; send JSON");
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new ApiError("invalid_json", `request body is not valid JSON: ${parsed.reason}`);
  const body = parsed.value;
  const suspect = mayHoldUnsafeText(text);
  if (isObject(body) && "events" in body) {
    const events = body.events;
    if (!Array.isArray(events)) throw validationError([{ path: "events", message: "must be an array of events" }]);
    if (events.length > LIMITS.batch) throw tooMany(events.length);
    if (events.length === 0) throw validationError([{ path: "events", message: "must hold at least one event" }]);
    return { kind: "batch", items: events.map((value, i) => ({ value, prefix: ["events", i], suspect })) };
  }
  if (Array.isArray(body)) {
    if (body.length > LIMITS.batch) throw tooMany(body.length);
    if (body.length === 0) throw validationError([{ path: "events", message: "must hold at least one event" }]);
    return { kind: "batch", items: body.map((value, i) => ({ value, prefix: ["events", i], suspect })) };
  }
  if (!isObject(body))
    throw validationError([{ path: "", message: 'must be an event object, {"events": [...]} or NDJSON' }]);
  return { kind: "single", items: [{ value: body, prefix: [], suspect }] };
}

/**
 * Parses and validates the body of POST /v1/events: one event, `{events:[…]}` (or a bare
 * array), or NDJSON. All or nothing: any invalid event fails the whole request with every
 * bad event listed by index and field path ("events.3.data.rating").
 */
export function parseEventsPayload(
  contentType: string,
  text: string,
): { kind: EventsPayloadKind; events: CaliperEvent[] } {
  const { kind, items } = rawItems(contentType, text);
  const events: CaliperEvent[] = [];
  const issues: ErrorIssue[] = [];
  for (const { value, prefix, suspect } of items) {
    const r = parseEvent(value);
    const itemIssues = r.success ? [] : zodIssues(r.error, prefix);
    // Text the schema does not look at (unknown data fields) must be storable too.
    const reported = new Set(itemIssues.map((i) => i.path));
    const unsafe = (suspect ? unsafeTextIssues(value, prefix) : []).filter((i) => !reported.has(i.path));
    if (r.success && unsafe.length === 0) events.push(r.data);
    else issues.push(...itemIssues, ...unsafe);
  }
  if (issues.length) {
    const bad = new Set(issues.map((i) => i.path.split(".").slice(0, 2).join(".")));
    throw validationError(
      issues,
      kind === "single"
        ? "the event is invalid; nothing was stored"
        : `${bad.size} of ${items.length} events are invalid; nothing was stored`,
    );
  }
  return { kind, events };
}
