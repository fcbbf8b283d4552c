/**
 * The generated part of docs/events.md: the event types with their required ids and `data`
 * fields, the allowed values and the limits, all read from the domain's schemas (EVENT_DOC,
 * enums.ts, LIMITS). `pnpm docs:events` writes it between the markers; a test fails when the
 * file's copy differs, so a field added to EVENT_DATA without regenerating fails CI.
 */
import {
  ACTOR_TYPES,
  CATEGORIES,
  CHANNELS,
  EVENT_DOC,
  EVENT_NOTES,
  EVENT_TYPES,
  ExternalId,
  LIMITS,
  PRIORITIES,
  RETURN_REASONS,
  TICKET_STATUSES,
} from "@caliper/domain";
import { z } from "zod";
import { lengthBounds, numberRange } from "./bounds.ts";

export const GENERATED_START =
  "<!-- events:generated:start (written by `pnpm docs:events` from packages/domain; edit the schemas, not this) -->";
export const GENERATED_END = "<!-- events:generated:end -->";

/** A JSON Schema as z.toJSONSchema writes the parts used here. */
interface JsonSchema {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

const jsonSchema = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;

/** The named lists of enums.ts; a field whose values are one of them links to it. */
const VALUE_LISTS = [
  { title: "Channels", values: CHANNELS },
  { title: "Categories", values: CATEGORIES },
  { title: "Priorities", values: PRIORITIES },
  { title: "Ticket statuses", values: TICKET_STATUSES },
  { title: "Return reasons", values: RETURN_REASONS },
  { title: "Actor types", values: ACTOR_TYPES },
] as const;

const anchor = (title: string): string => title.toLowerCase().replace(/\s+/g, "-");
const code = (s: unknown): string => `\`${String(s)}\``;

/** "one of the [Channels](#channels)", "integer 1..5", "string, at most 500 characters", … */
function typeText(s: JsonSchema): string {
  if (s.enum) {
    const list = VALUE_LISTS.find((l) => l.values.join() === s.enum?.join());
    return list ? `one of the [${list.title.toLowerCase()}](#${anchor(list.title)})` : s.enum.map(code).join(", ");
  }
  if (s.const !== undefined) return code(s.const);
  if (s.type === "integer" || s.type === "number") {
    const range = numberRange(s.minimum, s.maximum);
    return range ? `${s.type} ${range}` : s.type;
  }
  if (s.type === "string") {
    if (s.pattern) return `string matching ${code(s.pattern)}`;
    const length = lengthBounds(s.minLength, s.maxLength, "characters");
    return length ? `string, ${length}` : "string";
  }
  return s.type ?? "any";
}

/** The top-level envelope fields every event has; the others (ids, actor) depend on the type. */
const ALWAYS = new Set(["id", "type", "brand", "at"]);

/** A Markdown table with its columns padded to their widest cell, as the formatter (biome) writes it. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const width = header.map((_, i) => Math.max(3, ...[header, ...rows].map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(width[i] ?? 0)).join(" | ")} |`;
  return [line(header), line(width.map((w) => "-".repeat(w))), ...rows.map(line)];
}

const typesTable = (): string[] => {
  const rows = EVENT_TYPES.map((t) => {
    const s = jsonSchema(EVENT_DOC[t]);
    const requires = (s.required ?? []).filter((k) => !ALWAYS.has(k) && k !== "data");
    const data = s.properties?.data ?? {};
    const fields = Object.entries(data.properties ?? {}).map(
      ([name, f]) => `${code(`${name}${data.required?.includes(name) ? "" : "?"}`)} ${typeText(f)}`,
    );
    return [code(t), requires.map(code).join(", "), fields.join("<br>") || "—", EVENT_NOTES[t]];
  });
  return table(["type", "requires", "`data` fields (`?`: optional)", "meaning"], rows);
};

const fieldLists = (): string[] =>
  EVENT_TYPES.flatMap((t) => {
    const data = jsonSchema(EVENT_DOC[t]).properties?.data ?? {};
    const fields = Object.entries(data.properties ?? {});
    if (fields.length === 0) return [];
    return [
      `- ${code(t)}`,
      ...fields.map(
        ([name, f]) =>
          `  - ${code(name)} (${data.required?.includes(name) ? "required" : "optional"}) ${typeText(f)}${f.description ? `: ${f.description}` : ""}`,
      ),
    ];
  });

const valueLists = (): string[] =>
  VALUE_LISTS.flatMap((l) => [`#### ${l.title}`, "", l.values.map(code).join(", "), ""]);

const limits = (): string[] => {
  const id = jsonSchema(ExternalId);
  return [
    `- A batch (\`{"events": [...]}\` or NDJSON lines): at most ${LIMITS.batch} events.`,
    `- \`data.body\` of messages and notes: at most ${LIMITS.body} characters.`,
    `- \`data.subject\` of \`ticket.created\`: at most ${LIMITS.subject} characters.`,
    `- \`data.comment\` of \`feedback.submitted\`: at most ${LIMITS.comment} characters.`,
    `- \`id\`, \`ticketId\`, \`orderId\`, \`actor.id\` and the other ids: ${id.minLength}–${id.maxLength} characters, no control characters.`,
    "- Free text (bodies, subjects, comments): any Unicode but NUL characters and lone surrogates.",
  ];
};

/** The generated part, markers excluded. */
export function eventsReferenceMarkdown(): string {
  return [
    "### Event types",
    "",
    ...typesTable(),
    "",
    "### `data` fields",
    "",
    ...fieldLists(),
    "",
    "### Allowed values",
    "",
    ...valueLists(),
    "### Limits",
    "",
    ...limits(),
  ].join("\n");
}

/** The text between the markers of a docs/events.md, or null when a marker is missing. */
export function generatedPart(markdown: string): string | null {
  const start = markdown.indexOf(GENERATED_START);
  const end = markdown.indexOf(GENERATED_END);
  if (start < 0 || end < start) return null;
  return markdown.slice(start + GENERATED_START.length, end).trim();
}

/** docs/events.md with its generated part replaced by `generated`. */
export function withGeneratedPart(markdown: string, generated: string): string {
  const start = markdown.indexOf(GENERATED_START);
  const end = markdown.indexOf(GENERATED_END);
  if (start < 0 || end < start) throw new Error(`docs/events.md has no ${GENERATED_START} … ${GENERATED_END} block`);
  return `${markdown.slice(0, start + GENERATED_START.length)}\n\n${generated}\n\n${markdown.slice(end)}`;
}
