import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LATEST_MIGRATION, openDatabase } from "@caliper/db";
import { dropPostgresSchema, TEST_BACKENDS, TEST_PG_URL } from "@caliper/db/testing";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { bootstrap } from "../../src/bootstrap.ts";
import type { Logger } from "../../src/logger.ts";
import { runCli } from "./run-cli.ts";

/** What a migration run tells before it starts: some take a minute on a big store. */
describe("telling which migrations are about to run", () => {
  const dir = mkdtempSync(join(tmpdir(), "caliper-migrate-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A store on `file` as the release before the latest migration left it. */
  async function oneBehind(file: string): Promise<void> {
    await (await openDatabase(file)).close();
    const raw = new Database(file);
    try {
      raw.prepare("delete from kysely_migration where name = ?").run(LATEST_MIGRATION);
    } finally {
      raw.close();
    }
  }

  it("caliper migrate names the pending migrations first, then what it applied and how long it took", async () => {
    const file = join(dir, "cli.db");
    await oneBehind(file);
    const first = await runCli(["migrate", "--db", file]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(
      new RegExp(`^Applying ${LATEST_MIGRATION}…\\nApplied ${LATEST_MIGRATION} in [\\d.]+ s\\n$`),
    );
    const again = await runCli(["migrate", "--db", file]);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe("Schema is up to date\n");
  });

  it("a starting server logs the migrations it is about to apply, and nothing when there are none", async () => {
    const file = join(dir, "serve.db");
    await oneBehind(file);
    const env = { ...process.env };
    process.env.CALIPER_ADMIN_KEY = "k".repeat(32);
    process.env.CALIPER_SECRET = "s".repeat(40);
    const logged: { msg: string; fields: Record<string, unknown> | undefined }[] = [];
    const logger: Logger = {
      debug: () => {},
      info: (msg, fields) => logged.push({ msg, fields }),
      warn: () => {},
      error: () => {},
    };
    try {
      for (let start = 0; start < 2; start++) {
        const services = await bootstrap({ db: file, logger });
        await services.db.close();
      }
    } finally {
      for (const k of ["CALIPER_ADMIN_KEY", "CALIPER_SECRET"]) {
        if (env[k] === undefined) delete process.env[k];
        else process.env[k] = env[k];
      }
    }
    expect(logged.filter((l) => l.msg === "applying database migrations")).toEqual([
      { msg: "applying database migrations", fields: { migrations: LATEST_MIGRATION } },
    ]);
  });
});

/** `?schema=name` on a PostgreSQL URL naming a schema that does not exist yet: migrating creates it. */
describe.runIf(TEST_BACKENDS.includes("postgres"))("a PostgreSQL ?schema= that does not exist yet", () => {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const db = `${TEST_PG_URL}${TEST_PG_URL.includes("?") ? "&" : "?"}schema=${schema}`;
  afterAll(() => dropPostgresSchema(schema));

  it("caliper migrate creates the schema and migrates it; keys then work on it", async () => {
    const first = await runCli(["migrate", "--db", db]);
    expect(first.stderr).not.toMatch(/no schema has been selected/);
    expect(first.stderr).toMatch(new RegExp(`Applied .*${LATEST_MIGRATION} in [\\d.]+ s\\n$`));
    expect(first.code).toBe(0);
    expect((await runCli(["migrate", "--db", db])).stderr).toBe("Schema is up to date\n");
    const created = await runCli(["keys", "create", "--role", "admin", "--label", "ops", "--db", db]);
    expect(created.code).toBe(0);
    const list = await runCli(["keys", "list", "--json", "--db", db]);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toHaveLength(1);
  });
});
