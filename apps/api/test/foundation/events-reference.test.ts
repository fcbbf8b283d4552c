import { readFileSync } from "node:fs";
import { EVENT_DATA, EVENT_TYPES } from "@caliper/domain";
import { describe, expect, it } from "vitest";
import { eventsReferenceMarkdown, generatedPart, withGeneratedPart } from "../../src/docs/events-markdown.ts";

const file = new URL("../../../../docs/events.md", import.meta.url);

describe("docs/events.md", () => {
  it("holds the event reference the schemas give (else run pnpm docs:events)", () => {
    const markdown = readFileSync(file, "utf8");
    expect(generatedPart(markdown), "docs/events.md is out of date: run pnpm docs:events").toBe(
      eventsReferenceMarkdown(),
    );
  });

  it("generates a row for every event type and a line for every data field", () => {
    const generated = eventsReferenceMarkdown();
    for (const t of EVENT_TYPES) {
      expect(generated).toMatch(new RegExp(`^\\| \`${t.replace(".", "\\.")}\` +\\|`, "m"));
      for (const field of Object.keys(EVENT_DATA[t].shape)) expect(generated, `${t} ${field}`).toContain(`\`${field}`);
    }
  });

  it("rewrites only the part between its markers", () => {
    const markdown = readFileSync(file, "utf8");
    const rewritten = withGeneratedPart(markdown, "NEW");
    expect(generatedPart(rewritten)).toBe("NEW");
    const [before] = markdown.split("<!-- events:generated:start");
    expect(rewritten.startsWith(before as string)).toBe(true);
    expect(rewritten.endsWith(markdown.slice(markdown.indexOf("<!-- events:generated:end")))).toBe(true);
  });
});
