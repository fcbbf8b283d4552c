/**
 * Writes the generated part of docs/events.md (event types, data fields, allowed values, limits)
 * from the domain's schemas: `pnpm docs:events`. With --check it writes nothing and exits 1 when
 * the file is out of date (test/foundation/events-reference.test.ts checks the same in CI).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { eventsReferenceMarkdown, withGeneratedPart } from "../src/docs/events-markdown.ts";

const file = fileURLToPath(new URL("../../../docs/events.md", import.meta.url));
const current = readFileSync(file, "utf8");
const next = withGeneratedPart(current, eventsReferenceMarkdown());
if (process.argv.includes("--check")) {
  if (next !== current) {
    console.error("docs/events.md is out of date: run pnpm docs:events");
    process.exit(1);
  }
} else if (next !== current) {
  writeFileSync(file, next);
  console.log("docs/events.md: generated part rewritten");
} else console.log("docs/events.md: up to date");
