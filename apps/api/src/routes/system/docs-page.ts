/** A self-contained, script-free HTML reference rendered from the OpenAPI document. */
import { lengthBounds, numberRange } from "../../docs/bounds.ts";

const esc = (s: unknown): string =>
  String(s ?? "").replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] as string,
  );

/** The parts of an OpenAPI 3.1 (JSON Schema) schema object the page shows. */
interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  additionalProperties?: boolean | Schema;
  discriminator?: { propertyName?: string };
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema; description?: string }>;
  requestBody?: { description?: string; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string }>;
}

const REF_PREFIX = "#/components/schemas/";

/** ", " and the text, or "" for no text. */
const more = (text: string): string => (text ? `, ${text}` : "");

/** Renders schemas of one document; `shown` holds the named schemas already written out on the page. */
class SchemaWriter {
  private readonly shown = new Set<string>();
  constructor(private readonly components: Record<string, Schema>) {}

  private name(s: Schema | undefined): string | undefined {
    return s?.$ref?.startsWith(REF_PREFIX) ? s.$ref.slice(REF_PREFIX.length) : undefined;
  }

  private resolve(s: Schema | undefined): Schema {
    let cur = s ?? {};
    for (let i = 0; i < 8 && cur.$ref; i++) cur = this.components[this.name(cur) ?? ""] ?? {};
    return cur;
  }

  /** The single value a schema allows (a discriminator's), if it allows exactly one. */
  private constant(s: Schema): unknown {
    if (s.const !== undefined) return s.const;
    return s.enum?.length === 1 ? s.enum[0] : undefined;
  }

  /** "string, 1–200 characters", "one of a, b, default a", "array of Event, 1–1000 items", … */
  type(schema: Schema): string {
    const s = this.resolve(schema);
    const fallback = s.default !== undefined ? `, default <code>${esc(JSON.stringify(s.default))}</code>` : "";
    return `${this.bareType(schema)}${fallback}`;
  }

  private bareType(schema: Schema): string {
    const name = this.name(schema);
    const s = this.resolve(schema);
    if (name && (s.properties || s.oneOf || s.anyOf)) return `<code>${esc(name)}</code>`;
    const values = s.enum ?? (s.const !== undefined ? [s.const] : undefined);
    if (values)
      return values.length === 1
        ? `<code>${esc(JSON.stringify(values[0]))}</code>`
        : `one of ${values.map((v) => `<code>${esc(v)}</code>`).join(", ")}`;
    const variants = s.oneOf ?? s.anyOf;
    if (variants) return variants.map((v) => this.type(v)).join(" or ");
    const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
    if (types.includes("array"))
      return `array of ${s.items ? this.type(s.items) : "anything"}${more(lengthBounds(s.minItems, s.maxItems, "items"))}`;
    if (types.includes("object") && !s.properties && typeof s.additionalProperties === "object")
      return `object of ${this.type(s.additionalProperties)} by key`;
    const base = esc(types.join(" or ") || "any");
    if (types.includes("string")) return `${base}${more(lengthBounds(s.minLength, s.maxLength, "characters"))}`;
    if (types.includes("number") || types.includes("integer"))
      return `${base}${more(numberRange(s.minimum, s.maximum))}`;
    return base;
  }

  /** The properties of an object, one per line; objects inside (data, actor) one level deeper. */
  fields(s: Schema, depth = 0): string {
    if (!s.properties) return "";
    const items = Object.entries(s.properties).map(([prop, p]) => {
      const r = this.resolve(p);
      const description = p.description ?? (this.name(p) ? undefined : r.description);
      const inner = r.type === "array" && r.items && !this.name(r.items) ? this.resolve(r.items) : r;
      const nested = depth < 1 && !this.name(p) && inner.properties ? this.fields(inner, depth + 1) : "";
      return `<li><code>${esc(prop)}</code> ${this.type(p)}${s.required?.includes(prop) ? ", <strong>required</strong>" : ""}${description ? ` — ${esc(description)}` : ""}${nested}</li>`;
    });
    return `<ul>${items.join("")}</ul>`;
  }

  /** One choice of a oneOf/anyOf: its discriminating value or name, description and fields. */
  private variant(v: Schema, discriminator: string | undefined): string {
    const r = this.resolve(v);
    if (r.oneOf || r.anyOf) return this.schema(v);
    const key =
      discriminator ??
      Object.keys(r.properties ?? {}).find(
        (k) => r.required?.includes(k) && this.constant(this.resolve(r.properties?.[k])) !== undefined,
      );
    const value = key ? this.constant(this.resolve(r.properties?.[key])) : undefined;
    const name = this.name(v);
    const label =
      value !== undefined
        ? `<strong><code>${esc(key)}</code>: <code>${esc(value)}</code></strong>`
        : name
          ? `<strong><code>${esc(name)}</code></strong>`
          : "";
    const description = r.description ? esc(r.description) : r.properties ? "an object" : this.type(v);
    return `${label}${label && description ? " — " : ""}${description}${this.fields(r)}`;
  }

  /** A whole body schema: a named schema once (later: "as above"), a union as one sub-list per choice. */
  schema(schema: Schema): string {
    const name = this.name(schema);
    if (name && this.shown.has(name)) return `<p><code>${esc(name)}</code>, as above.</p>`;
    if (name) this.shown.add(name);
    const s = this.resolve(schema);
    const head =
      name || s.description
        ? `<p>${name ? `<code>${esc(name)}</code>` : ""}${name && s.description ? " — " : ""}${esc(s.description)}</p>`
        : "";
    const variants = s.oneOf ?? s.anyOf;
    if (variants) {
      const by = s.discriminator?.propertyName;
      return `${head}<p>One of${by ? ` (by <code>${esc(by)}</code>)` : ""}:</p><ol>${variants
        .map((v) => `<li>${this.variant(v, by)}</li>`)
        .join("")}</ol>`;
    }
    if (s.properties) return `${head}${this.fields(s)}`;
    return `${head}<p>${this.type(schema)}</p>`;
  }
}

/** The body of an operation: its description, then each content type's schema (types sharing one, together). */
function bodyHtml(op: Operation, writer: SchemaWriter): string {
  const content = op.requestBody?.content;
  if (!content) return "";
  const groups = new Map<string, { types: string[]; schema: Schema | undefined }>();
  for (const [type, media] of Object.entries(content)) {
    const key = JSON.stringify(media.schema ?? null);
    const group = groups.get(key) ?? { types: [], schema: media.schema };
    group.types.push(type);
    groups.set(key, group);
  }
  const parts = [...groups.values()].map(
    ({ types, schema }) =>
      `<div class="body"><p>Body: ${types.map((t) => `<code>${esc(t)}</code>`).join(", ")}</p>${schema ? writer.schema(schema) : ""}</div>`,
  );
  return `${op.requestBody?.description ? `<p>${esc(op.requestBody.description)}</p>` : ""}${parts.join("")}`;
}

/** The id of an operation's section: "post-/v1/events". */
const sectionId = (method: string, path: string): string => `${method}-${path}`;

/** A list of every operation, grouped by its first tag in the order tags first appear, each linking to its section. */
function contentsHtml(ops: ReadonlyArray<{ path: string; method: string; op: Operation }>): string {
  const byTag = new Map<string, string[]>();
  for (const { path, method, op } of ops) {
    const tag = op.tags?.[0] ?? "other";
    const items = byTag.get(tag) ?? [];
    items.push(
      `<li><span class="m">${esc(method.toUpperCase())}</span> <a href="#${esc(encodeURI(sectionId(method, path)))}"><code>${esc(path)}</code></a> ${esc(op.summary)}</li>`,
    );
    byTag.set(tag, items);
  }
  const groups = [...byTag].map(([tag, items]) => `<h3>${esc(tag)}</h3><ul>${items.join("")}</ul>`).join("");
  return `<nav aria-labelledby="contents"><h2 id="contents">Contents</h2>${groups}</nav>`;
}

export function renderDocs(doc: {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, unknown>;
  components?: { schemas?: Record<string, unknown> };
}): string {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Operation>>;
  const components = (doc.components?.schemas ?? {}) as Record<string, Schema>;
  const ops = Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  const contents = contentsHtml(ops);
  const sections = ops
    .map(({ path, method, op }) => {
      const writer = new SchemaWriter(components);
      const params = (op.parameters ?? [])
        .map(
          (p) =>
            `<li><code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ", required" : ""})${p.schema ? ` ${writer.type(p.schema)}` : ""}${p.description ? ` — ${esc(p.description)}` : ""}</li>`,
        )
        .join("");
      const body = bodyHtml(op, writer);
      const responses = Object.entries(op.responses ?? {})
        .map(([s, r]) => `<li><code>${esc(s)}</code> ${esc(r.description)}</li>`)
        .join("");
      return `<section id="${esc(sectionId(method, path))}"><h2><span class="m">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h2>
<p>${esc(op.summary)}${op.security?.length ? " <em>(bearer key)</em>" : " <em>(no key)</em>"}</p>${op.description ? `<p>${esc(op.description)}</p>` : ""}
${params ? `<ul>${params}</ul>` : ""}${body}<ul>${responses}</ul></section>`;
    })
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(doc.info.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2937}
h2{font-size:1rem;margin:1.5rem 0 .25rem}.m{display:inline-block;min-width:4rem;color:#1d4ed8}code{background:#f3f4f6;padding:0 .25rem;border-radius:3px}
section{border-top:1px solid #e5e7eb}.body{border-left:3px solid #e5e7eb;padding-left:.75rem;margin:.5rem 0}ol>li{margin:.5rem 0}
nav ul{list-style:none;padding-left:0;columns:2 22rem}nav li{break-inside:avoid}nav h3{font-size:.8rem;letter-spacing:.05em;margin:.75rem 0 .25rem;text-transform:uppercase}</style></head><body>
<h1>${esc(doc.info.title)} <small>${esc(doc.info.version)}</small></h1><p>${esc(doc.info.description)}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a>. Authenticate with <code>Authorization: Bearer &lt;key&gt;</code>.</p>
${contents}
${sections}</body></html>`;
}
