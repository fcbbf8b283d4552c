import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { PUBLIC } from "../../http/access.ts";
import { defineRoute, type RouteDef } from "../../http/route.ts";
import { renderDocs } from "./docs-page.ts";

type OpenApiDocument = ReturnType<OpenAPIHono<AppEnv>["getOpenAPI31Document"]>;

/** The OpenAPI 3.1 document, generated once from the registered routes' zod schemas. */
export function openApiDocument(app: OpenAPIHono<AppEnv>): () => OpenApiDocument {
  let doc: OpenApiDocument | null = null;
  return () => {
    if (doc === null) {
      app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
      doc = app.getOpenAPI31Document({
        openapi: "3.1.0",
        info: {
          title: "Caliper API",
          version: "0.1.0",
          description:
            "Customer-service quality: event ingestion, SLA clocks, metrics, QA audits. The event format: POST /v1/events below (every type with its data fields), and docs/events.md in the Caliper repository.",
        },
      });
    }
    return doc;
  };
}

export function systemDocRoutes(document: () => OpenApiDocument): RouteDef[] {
  return [
    defineRoute({
      method: "get",
      path: "/openapi.json",
      summary: "OpenAPI 3.1 document",
      tags: ["system"],
      access: PUBLIC,
      responses: { 200: { description: "the document" } },
      handler: (c) => c.json(document()),
    }),
    defineRoute({
      method: "get",
      path: "/docs",
      summary: "API reference (HTML)",
      tags: ["system"],
      access: PUBLIC,
      responses: { 200: { description: "HTML page", contentType: "text/html" } },
      handler: (c) => c.html(renderDocs(document())),
    }),
  ];
}
