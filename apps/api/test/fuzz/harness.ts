/**
 * Shared machinery of the API fuzz suites (test/fuzz/*.test.ts).
 *
 * Cases are generated from the route table (API_ROUTES): every route, its path parameters and
 * its query parameters (read from the route's zod schemas) are fuzzed, so a route added later
 * is covered without touching these files. Every response is checked against the invariants
 * of DESIGN.md §7:
 *   - never a 5xx;
 *   - every error is exactly `{ error: { code, message, requestId, issues? } }`, JSON, with the
 *     status its code stands for and the request id of the x-request-id header;
 *   - a refused request stores nothing (rows of events, reviews, audit_samples, dead_letters);
 *   - security headers on every response.
 *
 * Reproduce a failure with CALIPER_FUZZ_SEED=<seed printed by fast-check>; scale the number of
 * runs with CALIPER_FUZZ_SCALE (e.g. 10 for a long local run); CALIPER_FUZZ_REPORT=1 prints the
 * number of requests sent per route.
 */
import { saveConnector } from "@caliper/db";
import type { Backend } from "@caliper/db";
import { ERROR_CODES, ERROR_STATUS, type ErrorCode, type Role } from "@caliper/domain";
import fc from "fast-check";
import { expect } from "vitest";
import { issueFeedbackToken } from "../../src/feedback/token.ts";
import type { RouteDef } from "../../src/http/route.ts";
import { API_ROUTES } from "../../src/routes/index.ts";
import { ADMIN_KEY, createTestApi, type TestApi } from "../support.ts";

// ---------------------------------------------------------------------------------------------
// Runs and seeds

const envSeed = process.env.CALIPER_FUZZ_SEED;
/** Fixed seed when CALIPER_FUZZ_SEED is set; otherwise fast-check draws one and prints it on failure. */
export const FUZZ_SEED: number | undefined = envSeed !== undefined && envSeed !== "" ? Number(envSeed) : undefined;
const SCALE = Number(process.env.CALIPER_FUZZ_SCALE ?? 1) || 1;

/** fast-check parameters: `numRuns` scaled by CALIPER_FUZZ_SCALE, seed from CALIPER_FUZZ_SEED. */
export function fuzzParams<T>(numRuns: number, examples: T[] = []): fc.Parameters<T> {
  return {
    numRuns: Math.max(1, Math.round(numRuns * SCALE)),
    ...(FUZZ_SEED !== undefined ? { seed: FUZZ_SEED } : {}),
    ...(examples.length ? { examples } : {}),
    // A failure is shrunk to a small counterexample; a property never runs for more than two
    // minutes (a safety net for CALIPER_FUZZ_SCALE runs, not an assertion).
    interruptAfterTimeLimit: 120_000,
    markInterruptAsFailure: false,
  };
}

// ---------------------------------------------------------------------------------------------
// The route table as fuzz targets

export interface FuzzRoute {
  def: RouteDef;
  /** "GET /v1/tickets/{id}" */
  name: string;
  method: string;
  /** Path parameters, in order. */
  params: string[];
  /** Query parameters the route reads (its query schema, and the brand/agent it authorises by). */
  query: string[];
  /** True for routes that take a request body. */
  takesBody: boolean;
}

const pathParams = (path: string): string[] => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);

function queryNames(def: RouteDef): string[] {
  const names = new Set<string>(Object.keys(def.request?.query?.shape ?? {}));
  const a = def.access;
  if (a.kind !== "public" && a.brand.from === "query") names.add(a.brand.name);
  if (a.kind === "key" && a.agent?.from === "query") names.add(a.agent.name);
  return [...names];
}

export const FUZZ_ROUTES: FuzzRoute[] = API_ROUTES.map((def) => ({
  def,
  name: `${def.method.toUpperCase()} ${def.path}`,
  method: def.method.toUpperCase(),
  params: pathParams(def.path),
  query: queryNames(def),
  takesBody: def.method === "post" || def.method === "put",
}));

export const BODY_ROUTES = FUZZ_ROUTES.filter((r) => r.takesBody);

// ---------------------------------------------------------------------------------------------
// Valid requests (the starting point that mutations change)

/** Values that make a request valid, by parameter name; other parameters are taken from their schema. */
const SAMPLE_VALUES: Record<string, string> = {
  brand: "acme",
  from: "2025-03-01T00:00:00Z",
  to: "2025-03-08T00:00:00Z",
  asOf: "2025-03-10T00:00:00Z",
  agent: "ag-1",
  ticketId: "T1",
  orderId: "O1",
  limit: "10",
  ttlDays: "7",
};
const GENERIC_CANDIDATES = ["acme", "T1", "10", "2025-03-01T00:00:00Z", "true"];

/** A value a query schema accepts for a parameter (its sample, an enum option, or a generic value). */
function validQueryValue(def: RouteDef, name: string): string | undefined {
  const field = def.request?.query?.shape[name] as { safeParse(v: unknown): { success: boolean } } | undefined;
  const options = (field as { options?: unknown[] } | undefined)?.options;
  const candidates = [
    SAMPLE_VALUES[name],
    ...(Array.isArray(options) ? options.map(String) : []),
    ...GENERIC_CANDIDATES,
  ].filter((v): v is string => v !== undefined);
  if (!field) return candidates[0];
  return candidates.find((v) => field.safeParse(v).success);
}

/** The path parameters of a valid request: brand acme, ticket T1, agent ag-1, the seeded sample. */
export function validParams(route: FuzzRoute, world: FuzzWorld): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of route.params) {
    if (p === "brand") out[p] = "acme";
    else if (route.def.path.includes("/agents/")) out[p] = "ag-1";
    else if (route.def.path.includes("/samples/")) out[p] = world.sampleId;
    else out[p] = "T1";
  }
  return out;
}

/** The query of a valid request: the sampled parameters, and every parameter the schema requires. */
export function validQuery(route: FuzzRoute): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of route.query) {
    const field = route.def.request?.query?.shape[name] as { safeParse(v: unknown): { success: boolean } } | undefined;
    const required = field !== undefined && !field.safeParse(undefined).success;
    const v = validQueryValue(route.def, name);
    if (v !== undefined && (name in SAMPLE_VALUES || required)) out[name] = v;
  }
  return out;
}

/**
 * A valid body for each route that takes one; `{}` for a route not listed. queries.test.ts checks
 * that each route answers its valid request: a new route whose `{}` is refused needs a case here.
 */
export function validBody(route: FuzzRoute, world: FuzzWorld): unknown {
  switch (route.name) {
    case "POST /v1/events":
      return {
        id: "valid-1",
        type: "message.customer",
        brand: "acme",
        ticketId: "T1",
        at: "2025-03-03T12:00:00Z",
        actor: { type: "customer", id: "c1" },
        data: { body: "hello" },
      };
    case "POST /v1/checks/message":
      return { brand: "acme", body: "Refunds take 5-10 working days.", category: "return_refund" };
    case "POST /v1/audits/samples":
      return { brand: "acme", from: "2025-03-01T00:00:00Z", to: "2025-03-08T00:00:00Z", perAgent: 2, seed: 1 };
    case "POST /v1/audits/reviews":
      return { brand: "acme", ticketId: "T1", ratings: { accuracy: 4 }, comments: {}, comment: "fine" };
    case "POST /v1/feedback":
      return { token: world.feedbackToken, rating: 4, comment: "thanks" };
    case "POST /v1/connectors/chatwoot/{brand}":
      return { event: "contact_created", id: 1, name: "Ann" };
    default: // POST /v1/tickets/{id}/feedback-link takes {}
      return {};
  }
}

// ---------------------------------------------------------------------------------------------
// Hostile values

/** Opaque tokens (cursors, feedback tokens): base64url JSON with hostile content. */
export const OPAQUE_TOKENS: string[] = [
  { s: "a\u0000", c: "x", i: "y", q: 1.5 },
  { s: "2025-03-01T00:00:00.000Z", c: "first_response", i: "T1", q: 1e300 },
  { s: 1, c: null, i: [], q: "1" },
  { v: 1, b: "acme", t: "T1\u0000", e: 1e300, n: "x" },
].map((v) => Buffer.from(JSON.stringify(v)).toString("base64url"));

/** Strings every filter, query parameter, id and body field gets. */
export const HOSTILE_STRINGS: string[] = [
  "' OR 1=1 --",
  '"; DROP TABLE events; --',
  "1; SELECT pg_sleep(0) --",
  "acme' UNION SELECT hash FROM api_keys --",
  "\x00",
  "a\x00b",
  "%00",
  "\\x00",
  "../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "%2e%2e%2f",
  "..%2f..%2fetc%2fpasswd",
  "%252e%252e%252f",
  "/",
  "\ud800",
  "\udfff",
  "x\ud83dy",
  "😀",
  "\u202eevil",
  "\ufeffbom",
  "\r\n",
  "\t",
  "",
  " ",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "1.5",
  "1e400",
  "9007199254740993",
  "0x1f",
  "true",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "toString",
  "<script>alert(1)</script>",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose.
  "${7*7}",
  "%",
  "%ZZ",
  "%E0%A4%A",
  "%ED%A0%80",
  "?",
  "#",
  "&",
  "=",
  "+",
  "2025-02-30T00:00:00Z",
  "2025-03-01T24:61:00Z",
  "0000-01-01T00:00:00Z",
  "2025-13-01T00:00:00Z",
  "2025-03-01T00:00:00+25:00",
  "2025-03-01",
  "1970-01-01T00:00:00Z",
  "9999-12-31T23:59:59Z",
  "2016-12-31T23:59:60Z",
  "a".repeat(300),
  "é".repeat(5000),
  ...OPAQUE_TOKENS,
];

/** Timestamps that parse, near the edges of what the API takes. */
export const EDGE_INSTANTS = [
  "1970-01-01T00:00:00Z",
  "1970-01-02T00:00:00Z",
  "1999-12-31T23:59:59.999999999+14:00",
  "2024-02-29T12:00:00-12:00",
  "2025-03-30T01:30:00+01:00",
  "9999-12-01T00:00:00Z",
  "9999-12-31T23:59:59Z",
];

export const hostileString = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 1, arbitrary: fc.constantFrom(...EDGE_INSTANTS) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    {
      weight: 1,
      arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
    },
  );

/** JSON values that break naive handlers: hostile strings, odd numbers, wrong shapes. */
export const nastyJson = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 3, arbitrary: hostileString() },
    {
      weight: 2,
      arbitrary: fc.constantFrom<unknown>(
        0,
        -1,
        1.5,
        -0,
        1e308,
        -1e308,
        5e-324,
        2 ** 53 + 2,
        null,
        true,
        false,
        [],
        {},
        [null],
        { __proto__: null, constructor: 1 },
      ),
    },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 100_000 }).map((n) => nested(n % 2 ? "[" : "{", n)) },
  );

/**
 * A placeholder for a value nested `depth` levels deep (arrays, or objects `{"a":…}`):
 * `jsonText` expands it, so generators, shrinking and reports never recurse through it.
 */
export const nested = (open: "[" | "{", depth: number): string => `@@deep${open}${depth}@@`;

/** JSON text nested `depth` levels deep, built as text (JSON.stringify would overflow the stack). */
export function nestedText(open: "[" | "{", depth: number): string {
  return open === "[" ? "[".repeat(depth) + "1" + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

/** Content types a client might send, sensible or not. */
export const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/JSON",
  "application/x-ndjson",
  "application/jsonl",
  "application/ld+json",
  "application/jsonx",
  "text/plain",
  "text/html",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "application/octet-stream",
  "application/xml",
  "*/*",
  "",
  ";",
  "application/json; charset=latin1",
  "application/json; boundary=\u00ff",
];

/**
 * Percent-encodes every UTF-16 unit of a string; a lone surrogate becomes its 3-byte
 * generalised-UTF-8 form (%ED%A0%80), which is not valid UTF-8: what a broken client sends.
 */
export function encodeLoose(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const isHigh = c >= 0xd800 && c <= 0xdbff;
    const next = s.charCodeAt(i + 1);
    if (isHigh && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(s.slice(i, i + 2));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff)
      out +=
        `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`.toUpperCase();
    else out += encodeURIComponent(s[i] as string);
  }
  return out;
}

/** How a value is put into a URL: encoded (what a careful client does) or raw (what a careless one does). */
export type UrlEncoding = "encoded" | "raw";
export const urlEncoding = (): fc.Arbitrary<UrlEncoding> => fc.constantFrom<UrlEncoding>("encoded", "encoded", "raw");
export const inUrl = (s: string, how: UrlEncoding): string => (how === "encoded" ? encodeLoose(s) : s);

/** A path for a route with the given (already URL-ready) parameter values. */
export const pathFor = (route: FuzzRoute, values: Record<string, string>): string =>
  route.def.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? "x");

export const queryString = (pairs: ReadonlyArray<readonly [string, string]>): string =>
  pairs.length ? `?${pairs.map(([k, v]) => (v === "\u0000novalue" ? k : `${k}=${v}`)).join("&")}` : "";

// ---------------------------------------------------------------------------------------------
// The world a fuzz suite runs against

export type Caller = "admin" | "manager" | "agent" | "ingest" | "none" | "unknown";
export const CALLERS: Caller[] = ["admin", "manager", "agent", "ingest", "none", "unknown"];
/** Mostly admin, so requests reach the handlers; sometimes others, so the access checks see garbage too. */
export const caller = (): fc.Arbitrary<Caller> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant<Caller>("admin") },
    { weight: 4, arbitrary: fc.constantFrom(...CALLERS) },
  );

export interface FuzzWorld {
  api: TestApi;
  backend: Backend;
  keys: Record<Caller, string | null>;
  feedbackToken: string;
  sampleId: string;
  /** Requests sent per route name ("GET /v1/…", or "other" for paths no route matches). */
  sent: Map<string, number>;
  close(): Promise<void>;
}

const SEED_EVENTS = [
  {
    id: "seed-1",
    type: "ticket.created",
    brand: "acme",
    ticketId: "T1",
    at: "2025-03-03T10:00:00Z",
    actor: { type: "customer", id: "c1" },
    data: { channel: "email", category: "order" },
  },
  {
    id: "seed-2",
    type: "ticket.assigned",
    brand: "acme",
    ticketId: "T1",
    at: "2025-03-03T10:01:00Z",
    data: { agentId: "ag-1" },
  },
  {
    id: "seed-3",
    type: "message.agent",
    brand: "acme",
    ticketId: "T1",
    at: "2025-03-03T10:05:00Z",
    actor: { type: "agent", id: "ag-1" },
    data: { body: "We are on it." },
  },
  {
    id: "seed-4",
    type: "order.placed",
    brand: "acme",
    orderId: "O1",
    at: "2025-03-02T10:00:00Z",
  },
];

/** A fresh API with a ticket, an order, keys of every role, a feedback token, a sample and a connector. */
export async function createFuzzWorld(backend: Backend): Promise<FuzzWorld> {
  // All requests come from one address in app.request(): the per-address feedback limiter keys
  // on X-Forwarded-For instead, which `send` varies, so fuzzing reaches the handler.
  const trustProxy = process.env.CALIPER_TRUST_PROXY;
  process.env.CALIPER_TRUST_PROXY = "1";
  // The app reads these when it is created: fuzz the defaults (closed CORS), without the per-key
  // limit (tested on its own in test/hardening) so that every request reaches its handler.
  const env = { cors: process.env.CALIPER_CORS_ORIGINS, rate: process.env.CALIPER_RATE_LIMIT };
  delete process.env.CALIPER_CORS_ORIGINS;
  process.env.CALIPER_RATE_LIMIT = "0";
  const api = await createTestApi(backend, { now: () => new Date("2025-03-10T12:00:00Z") }).finally(() => {
    if (env.cors !== undefined) process.env.CALIPER_CORS_ORIGINS = env.cors;
    if (env.rate === undefined) delete process.env.CALIPER_RATE_LIMIT;
    else process.env.CALIPER_RATE_LIMIT = env.rate;
  });
  const seeded = await api.call("POST", "/v1/events", { body: { events: SEED_EVENTS } });
  expect(seeded.status, seeded.text).toBe(200);
  const sample = await api.call("POST", "/v1/audits/samples", {
    body: { brand: "acme", from: "2025-03-01T00:00:00Z", to: "2025-03-08T00:00:00Z", perAgent: 2, seed: 1 },
  });
  expect(sample.status, sample.text).toBe(201);
  await saveConnector(api.services.db, { brand: "acme", kind: "chatwoot", secretId: "fuzz", config: {} });
  const key = (role: Role, agent: string | null = null) => api.key(role, ["acme"], agent);
  const keys: Record<Caller, string | null> = {
    admin: ADMIN_KEY,
    manager: await key("manager"),
    agent: await key("agent", "ag-1"),
    ingest: await key("ingest"),
    none: null,
    unknown: "cal_unknownunknownunknownunknownunknownunknown",
  };
  const exp = Math.floor(Date.parse("2025-03-10T12:00:00Z") / 1000) + 86_400;
  const { token } = issueFeedbackToken(api.services.config.secret, { brand: "acme", ticketId: "T1", exp });
  const sent = new Map<string, number>();
  return {
    api,
    backend,
    keys,
    feedbackToken: token,
    sampleId: sample.json.sample.id as string,
    sent,
    async close() {
      if (process.env.CALIPER_FUZZ_REPORT === "1")
        process.stdout.write(
          `fuzz requests on ${backend}:\n${[...sent]
            .sort()
            .map(([k, n]) => `  ${String(n).padStart(6)}  ${k}`)
            .join("\n")}\n`,
        );
      await api.close();
      if (trustProxy === undefined) delete process.env.CALIPER_TRUST_PROXY;
      else process.env.CALIPER_TRUST_PROXY = trustProxy;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Sending a request and checking the invariants

export interface FuzzRequest {
  /** Counted under this route name. */
  route: string;
  method: string;
  /** Path and query string, as they go on the request line. */
  url: string;
  caller?: Caller;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  contentType?: string;
}

export interface FuzzOutcome {
  status: number;
  text: string;
  json: any;
  headers: Headers;
}

type Counts = { events: number; reviews: number; audit_samples: number; dead_letters: number };

const COUNTED_TABLES = ["events", "reviews", "audit_samples", "dead_letters"] as const;

/** Rows of the tables a request can add to, in one query. */
export async function storedRows(world: FuzzWorld): Promise<Counts> {
  const row = await world.api.services.db.db
    .selectNoFrom((eb) => COUNTED_TABLES.map((t) => eb.selectFrom(t).select(eb.fn.countAll<number>().as("n")).as(t)))
    .executeTakeFirstOrThrow();
  return Object.fromEntries(COUNTED_TABLES.map((t) => [t, Number(row[t])])) as Counts;
}

const ERROR_KEYS = new Set(["code", "message", "requestId", "issues"]);

/** DESIGN.md §7, strictly: nothing more, nothing less, the status its code stands for. */
export function expectErrorShape(out: FuzzOutcome, context: string): void {
  expect(out.headers.get("content-type") ?? "", `${context}: error content type`).toMatch(/^application\/json\b/);
  expect(out.json, `${context}: error body is not JSON: ${out.text.slice(0, 300)}`).not.toBeNull();
  const body = out.json as Record<string, unknown>;
  expect(Object.keys(body), `${context}: top-level keys`).toEqual(["error"]);
  const err = body.error as Record<string, unknown>;
  expect(typeof err === "object" && err !== null && !Array.isArray(err), `${context}: error object`).toBe(true);
  for (const k of Object.keys(err)) expect(ERROR_KEYS.has(k), `${context}: unexpected key error.${k}`).toBe(true);
  expect(ERROR_CODES, `${context}: code`).toContain(err.code);
  expect(ERROR_STATUS[err.code as ErrorCode], `${context}: status of code ${String(err.code)}`).toBe(out.status);
  expect(typeof err.message === "string" && err.message.length > 0, `${context}: message`).toBe(true);
  expect(typeof err.requestId === "string" && err.requestId.length > 0, `${context}: requestId`).toBe(true);
  expect(err.requestId, `${context}: requestId matches x-request-id`).toBe(out.headers.get("x-request-id"));
  if ("issues" in err) {
    expect(Array.isArray(err.issues), `${context}: issues is an array`).toBe(true);
    for (const issue of err.issues as unknown[]) {
      expect(typeof issue === "object" && issue !== null, `${context}: issue object`).toBe(true);
      expect(Object.keys(issue as object).sort(), `${context}: issue keys`).toEqual(["message", "path"]);
      const { path, message } = issue as { path: unknown; message: unknown };
      expect(typeof path, `${context}: issue path`).toBe("string");
      expect(typeof message === "string" && message.length > 0, `${context}: issue message`).toBe(true);
    }
  }
}

/** Builds the Request; null when the platform itself refuses to build it (nothing a server ever sees). */
function buildRequest(world: FuzzWorld, req: FuzzRequest): Request | null {
  const headers = new Headers();
  try {
    for (const [k, v] of Object.entries(req.headers ?? {})) headers.append(k, v);
    const key = world.keys[req.caller ?? "admin"];
    if (key !== null && !headers.has("authorization")) headers.set("authorization", `Bearer ${key}`);
    if (!headers.has("x-forwarded-for")) headers.set("x-forwarded-for", `10.0.${world.sent.size}.${Math.random()}`);
    if (req.body !== undefined && req.contentType !== undefined && !headers.has("content-type"))
      headers.set("content-type", req.contentType);
    return new Request(`http://localhost${req.url}`, {
      method: req.method,
      headers,
      ...(req.body !== undefined ? { body: req.body } : {}),
    });
  } catch (err) {
    if (err instanceof TypeError) return null;
    throw err;
  }
}

/** Sends one request and checks every invariant; returns the outcome for further checks. */
export async function send(world: FuzzWorld, req: FuzzRequest): Promise<FuzzOutcome | null> {
  const request = buildRequest(world, req);
  if (request === null) return null;
  world.sent.set(req.route, (world.sent.get(req.route) ?? 0) + 1);
  const before = await storedRows(world);
  const res = await world.api.app.request(request);
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {}
  const out: FuzzOutcome = { status: res.status, text, json, headers: res.headers };
  const context = `${req.method} ${req.url.slice(0, 200)} as ${req.caller ?? "admin"} -> ${res.status} ${text.slice(0, 300)}`;
  expect(res.status, context).toBeLessThan(500);
  expect(res.headers.get("x-content-type-options"), `${context}: nosniff`).toBe("nosniff");
  expect(res.headers.get("x-request-id"), `${context}: x-request-id`).toBeTruthy();
  if (res.status >= 400 && req.method !== "HEAD") {
    expectErrorShape(out, context);
    expect(await storedRows(world), `${context}: a refused request stored something`).toEqual(before);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Structured mutations of a valid JSON value

export type Mutation =
  | { op: "delete"; at: number }
  | { op: "replace"; at: number; value: unknown }
  | { op: "add"; at: number; key: string; value: unknown }
  | { op: "wrap"; at: number };

export const mutation = (): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.record({ op: fc.constant("delete" as const), at: fc.nat() }),
    { weight: 3, arbitrary: fc.record({ op: fc.constant("replace" as const), at: fc.nat(), value: nastyJson() }) },
    fc.record({
      op: fc.constant("add" as const),
      at: fc.nat(),
      key: fc.oneof(hostileString(), fc.constantFrom("__proto__", "constructor", "events", "data", "id")),
      value: nastyJson(),
    }),
    fc.record({ op: fc.constant("wrap" as const), at: fc.nat() }),
  );

/** Every path into a JSON value (the root is []). */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(v)) for (const [i, x] of v.entries()) out.push(...paths(x, [...prefix, i]));
  else if (v !== null && typeof v === "object")
    for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, k]));
  return out;
}

/** Applies mutations one after the other to a copy of a JSON value. */
export function mutate(value: unknown, mutations: readonly Mutation[]): unknown {
  let root: unknown = structuredClone(value);
  for (const m of mutations) {
    const all = paths(root);
    const path = all[m.at % all.length] as (string | number)[];
    const get = (p: (string | number)[]) =>
      p.reduce<unknown>((o, k) => (o as Record<string | number, unknown> | undefined)?.[k], root);
    const set = (p: (string | number)[], v: unknown) => {
      if (p.length === 0) {
        root = v;
        return;
      }
      const parent = get(p.slice(0, -1)) as Record<string | number, unknown>;
      Object.defineProperty(parent, p[p.length - 1] as string | number, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    };
    const current = get(path);
    // Mutations insert copies: fast-check replays and shrinks the same generated values, which
    // later mutations would otherwise change in place (even into cycles).
    const value = "value" in m ? structuredClone(m.value) : undefined;
    if (m.op === "replace") set(path, value);
    else if (m.op === "wrap") set(path, [current]);
    else if (m.op === "delete") {
      if (path.length === 0) root = undefined;
      else {
        const parent = get(path.slice(0, -1));
        if (Array.isArray(parent)) parent.splice(path[path.length - 1] as number, 1);
        else delete (parent as Record<string, unknown>)[path[path.length - 1] as string];
      }
    } else if (current !== null && typeof current === "object" && !Array.isArray(current))
      Object.defineProperty(current, m.key, { value, enumerable: true, writable: true, configurable: true });
    else set(path, { [m.key]: value });
  }
  return root;
}

/** JSON text of a value; `undefined` (a deleted root) becomes an empty body. */
export const jsonText = (v: unknown): string =>
  v === undefined
    ? ""
    : JSON.stringify(v).replace(/"@@deep([[{])(\d+)@@"/g, (_, open: "[" | "{", depth: string) =>
        nestedText(open, Number(depth)),
      );
