/** A self-contained, script-free HTML reference rendered from the OpenAPI document. */

const esc = (s: unknown): string =>
  String(s ?? "").replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] as string,
  );

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: unknown; description?: string }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
}

export function renderDocs(doc: {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, unknown>;
}): string {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Operation>>;
  const ops = Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  const sections = ops
    .map(({ path, method, op }) => {
      const params = (op.parameters ?? [])
        .map(
          (p) =>
            `<li><code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ", required" : ""})${p.description ? ` — ${esc(p.description)}` : ""}</li>`,
        )
        .join("");
      const body = op.requestBody?.content
        ? `<p>Body: ${Object.keys(op.requestBody.content)
            .map((t) => `<code>${esc(t)}</code>`)
            .join(", ")}</p>`
        : "";
      const responses = Object.entries(op.responses ?? {})
        .map(([s, r]) => `<li><code>${esc(s)}</code> ${esc(r.description)}</li>`)
        .join("");
      return `<section id="${esc(`${method}-${path}`)}"><h2><span class="m">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h2>
<p>${esc(op.summary)}${op.security?.length ? " <em>(bearer key)</em>" : " <em>(no key)</em>"}</p>${op.description ? `<p>${esc(op.description)}</p>` : ""}
${params ? `<ul>${params}</ul>` : ""}${body}<ul>${responses}</ul></section>`;
    })
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(doc.info.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2937}
h2{font-size:1rem;margin:1.5rem 0 .25rem}.m{display:inline-block;min-width:4rem;color:#1d4ed8}code{background:#f3f4f6;padding:0 .25rem;border-radius:3px}
section{border-top:1px solid #e5e7eb}</style></head><body>
<h1>${esc(doc.info.title)} <small>${esc(doc.info.version)}</small></h1><p>${esc(doc.info.description)}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a>. Authenticate with <code>Authorization: Bearer &lt;key&gt;</code>.</p>
${sections}</body></html>`;
}
