/**
 * What an endpoint asks the database: the app is driven in-process (createApp(...).request())
 * on a Kysely instance that logs every query with its duration, then each query is explained
 * (SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN (ANALYZE, BUFFERS)).
 */
import { type CaliperDb, isPostgresUrl, openDatabase } from "@caliper/db";
import { loadPolicySet } from "@caliper/policy";
import { createApp } from "../../apps/api/src/app.ts";
import { adminKeyHash } from "../../apps/api/src/config.ts";
import { silentLogger } from "../../apps/api/src/logger.ts";
import type { Services } from "../../apps/api/src/services.ts";
import { postgresDialect, sqliteDialect } from "../../packages/db/src/dialect.ts";
import { ADMIN_KEY, fmtNum } from "./common.ts";

export interface LoggedQuery {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
}

type Db = CaliperDb["db"];
type QueryEvent = {
  level: "query" | "error";
  query: { sql: string; parameters: readonly unknown[] };
  queryDurationMillis: number;
};
type KyselyCtor = new (config: { dialect: unknown; log: (e: QueryEvent) => void }) => Db;

export interface LoggedApp {
  captured: LoggedQuery[];
  /** Runs one request through the whole app (routing, auth, handler) and returns the queries it made. */
  queriesOf(path: string, body?: string): Promise<{ status: number; queries: LoggedQuery[]; ms: number }>;
  /** EXPLAIN output of a captured query (plan lines). */
  explain(q: LoggedQuery): Promise<string[]>;
  close(): Promise<void>;
}

/** Opens `target` (SQLite file or postgres:// URL) with query logging and builds the app on it. */
export async function loggedApp(target: string): Promise<LoggedApp> {
  // Migrate (and learn the Kysely class) through the product's own openDatabase.
  const plain = await openDatabase(target);
  const Kysely = plain.db.constructor as KyselyCtor;
  await plain.close();
  const captured: LoggedQuery[] = [];
  let capturing = true;
  const log = (e: QueryEvent) => {
    if (capturing && e.level === "query")
      captured.push({ sql: e.query.sql, parameters: e.query.parameters, ms: e.queryDurationMillis });
  };
  const pg = isPostgresUrl(target);
  const opened = pg ? postgresDialect(target, 2) : null;
  const lite = pg ? null : sqliteDialect(target);
  const db = new Kysely({ dialect: opened?.dialect ?? lite?.dialect, log });
  const cdb: CaliperDb = {
    db,
    backend: pg ? "postgres" : "sqlite",
    target,
    ...(lite ? { sqlite: lite.raw } : {}),
    // Reads only: nothing here marks days for the span refresh.
    refreshSpansSoon: () => {},
    close: () => db.destroy(),
  };
  const policies = loadPolicySet();
  const services: Services = {
    db: cdb,
    policies,
    projection: { backend: cdb.backend, policies },
    config: {
      adminKeyHash: adminKeyHash(ADMIN_KEY),
      secret: "bench-secret-0123456789abcdef-0123456789",
      publicUrl: "http://127.0.0.1",
      bodyLimit: 5 * 2 ** 20,
    },
    logger: silentLogger,
    now: () => new Date(),
  };
  const app = createApp(services);
  return {
    captured,
    async queriesOf(path, body) {
      captured.length = 0;
      capturing = true;
      const t0 = performance.now();
      const res = await app.request(path, {
        headers: { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" },
        ...(body !== undefined ? { method: "POST", body } : {}),
      });
      await res.arrayBuffer();
      const ms = performance.now() - t0;
      capturing = false;
      return { status: res.status, queries: [...captured], ms };
    },
    async explain(q) {
      capturing = false;
      if (lite) {
        const rows = lite.raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as {
          id: number;
          parent: number;
          detail: string;
        }[];
        const depth = new Map<number, number>([[0, 0]]);
        return rows.map((r) => {
          const d = (depth.get(r.parent) ?? 0) + 1;
          depth.set(r.id, d);
          return `${"  ".repeat(d - 1)}${r.detail}`;
        });
      }
      const res = await opened?.pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.parameters as unknown[]);
      return (res?.rows ?? []).map((r: Record<string, string>) => r["QUERY PLAN"] ?? "");
    },
    close: () => db.destroy(),
  };
}

const oneLine = (sql: string): string => sql.replace(/\s+/g, " ").trim();

/**
 * Markdown for one endpoint: each query with its time (in-process, the run that was captured),
 * parameters, and plan. Queries faster than `minMs` are listed without a plan.
 */
export async function explainEndpoint(
  app: LoggedApp,
  title: string,
  path: string,
  o: { minMs?: number; maxPlans?: number } = {},
): Promise<string> {
  // Run twice: the second run is warm (prepared statements, page cache), which is what is shown.
  await app.queriesOf(path);
  const { status, queries, ms } = await app.queriesOf(path);
  const total = queries.reduce((s, q) => s + q.ms, 0);
  const lines = [
    `<details><summary>${title}: ${queries.length} queries, ${fmtNum(total, 1)} ms in the database of ${fmtNum(ms, 1)} ms in-process (HTTP ${status})</summary>`,
    "",
  ];
  const ranked = queries.map((q, i) => ({ q, i })).sort((a, b) => b.q.ms - a.q.ms);
  const explainSet = new Set(
    ranked
      .filter((x) => x.q.ms >= (o.minMs ?? 0))
      .slice(0, o.maxPlans ?? 6)
      .map((x) => x.i),
  );
  for (const [i, q] of queries.entries()) {
    const sql = oneLine(q.sql);
    lines.push(
      `${i + 1}. **${fmtNum(q.ms, 2)} ms** — \`${sql.length > 400 ? `${sql.slice(0, 400)}…` : sql}\` — params ${JSON.stringify(q.parameters).slice(0, 200)}`,
    );
    if (explainSet.has(i)) {
      const plan = await app.explain(q);
      const clip = (l: string) => (l.length > 240 ? `${l.slice(0, 240)}…` : l);
      lines.push("", "   ```", ...plan.map((l) => `   ${clip(l)}`), "   ```", "");
    }
  }
  lines.push("", "</details>");
  return lines.join("\n");
}
