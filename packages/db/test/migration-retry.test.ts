import type { MigrationResultSet } from "kysely";
import { describe, expect, it } from "vitest";
import { listingRaced } from "../src/migrations/index.ts";

const failure = (code: string, ran: "none" | "failed"): MigrationResultSet => ({
  error: Object.assign(new Error("relation does not exist"), { code }),
  results: ran === "none" ? [] : [{ migrationName: "008_count_spans", direction: "Up", status: "Error" }],
});

describe("PostgreSQL migration retries", () => {
  it("look again when another schema's table or the schema vanished while tables were listed", () => {
    expect(listingRaced(failure("42P01", "none"))).toBe(true);
    expect(listingRaced(failure("3F000", "none"))).toBe(true);
  });

  it("never retry a migration that failed, nor other errors", () => {
    expect(listingRaced(failure("42P01", "failed"))).toBe(false);
    expect(listingRaced(failure("42601", "none"))).toBe(false);
  });
});
