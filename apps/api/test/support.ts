import { type Backend, createApiKey, hashKey } from "@caliper/db";
import { createTestDatabase, type TestDatabase } from "@caliper/db/testing";
import type { Role } from "@caliper/domain";
import { loadPolicySet, type PolicySet } from "@caliper/policy";
import { createApp } from "../src/app.ts";
import { silentLogger } from "../src/logger.ts";
import type { Services } from "../src/services.ts";

export const ADMIN_KEY = "test-admin-key-0123456789abcdef";

export interface TestApi {
  services: Services;
  app: ReturnType<typeof createApp>;
  db: TestDatabase;
  /** A request as an integration would send it; JSON bodies are serialised. */
  call(
    method: string,
    path: string,
    options?: { key?: string | null; body?: unknown; contentType?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; json: any; text: string; headers: Headers }>;
  key(role: Role, brands: string[] | null, agentId?: string | null): Promise<string>;
  close(): Promise<void>;
}

/** A full API over a fresh database of the given backend, driven through app.request(). */
export async function createTestApi(
  backend: Backend,
  options: { policies?: PolicySet; now?: () => Date; sqlitePath?: string } = {},
): Promise<TestApi> {
  const db = await createTestDatabase(backend, options.sqlitePath ? { sqlitePath: options.sqlitePath } : {});
  const policies = options.policies ?? loadPolicySet();
  const services: Services = {
    db: db.cdb,
    policies,
    projection: { backend, policies },
    config: {
      adminKeyHash: hashKey(ADMIN_KEY),
      secret: "test-secret-0123456789abcdef0123456789",
      publicUrl: "http://caliper.test",
      bodyLimit: 5 * 1024 * 1024,
    },
    logger: silentLogger,
    now: options.now ?? (() => new Date()),
  };
  const app = createApp(services);
  return {
    services,
    app,
    db,
    async call(method, path, o = {}) {
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      const key = o.key === undefined ? ADMIN_KEY : o.key;
      if (key !== null) headers.authorization = `Bearer ${key}`;
      let body: string | undefined;
      if (o.body !== undefined) {
        body = typeof o.body === "string" ? o.body : JSON.stringify(o.body);
        headers["content-type"] = o.contentType ?? "application/json";
      }
      const res = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await res.text();
      let json: any = null;
      try {
        json = JSON.parse(text);
      } catch {}
      return { status: res.status, json, text, headers: res.headers };
    },
    async key(role, brands, agentId = null) {
      return (await createApiKey(db.cdb, { role, brands, agentId })).key;
    },
    close: () => db.drop(),
  };
}

/** Number of rows in the event log. */
export async function countEvents(api: TestApi): Promise<number> {
  const r = await api.services.db.db
    .selectFrom("events")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
