import { pendingMigrations, pingDatabase } from "@caliper/db";
import { z } from "zod";
import { PUBLIC } from "../../http/access.ts";
import { defineRoute } from "../../http/route.ts";

const Health = z.object({
  status: z.enum(["ok", "unavailable"]),
  live: z.boolean(),
  ready: z.boolean(),
  checks: z.object({ database: z.string(), migrations: z.string() }),
});

/** Liveness: the process answers. */
export const getLive = defineRoute({
  method: "get",
  path: "/healthz/live",
  summary: "Liveness",
  tags: ["system"],
  access: PUBLIC,
  responses: { 200: { description: "the process is up" } },
  handler: (c) => c.json({ status: "ok", live: true }),
});

/** Readiness: the database answers and its schema is current. */
export const getHealthz = defineRoute({
  method: "get",
  path: "/healthz",
  summary: "Health: live and ready (database reachable, migrations current)",
  tags: ["system"],
  access: PUBLIC,
  responses: { 200: { description: "ready", schema: Health }, 503: { description: "not ready", schema: Health } },
  async handler(c) {
    const { db } = c.get("services");
    let database = "ok";
    let migrations = "current";
    try {
      await pingDatabase(db);
      const pending = await pendingMigrations(db.db, db.backend);
      if (pending.length) migrations = `pending: ${pending.join(", ")}`;
    } catch (err) {
      database = `error: ${err instanceof Error ? err.message : String(err)}`;
      migrations = "unknown";
    }
    const ready = database === "ok" && migrations === "current";
    return c.json(
      { status: ready ? "ok" : "unavailable", live: true, ready, checks: { database, migrations } },
      ready ? 200 : 503,
    );
  },
});
