/**
 * A fake `fetch` answering like the Caliper API: routes match "METHOD /path" (path without the
 * query); each handler gets the parsed URL and request, and returns a JSON body or a Response.
 */
import { vi } from "vitest";

export interface Call {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: unknown;
}

export type Handler = (req: { url: URL; body: unknown; headers: Record<string, string> }) => unknown;

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

export function apiError(status: number, code: string, message: string): Response {
  return json(status, { error: { code, message, requestId: "req-test-1" } });
}

/** A promise the test resolves when it wants the API to answer (to see loading states). */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export function mockApi(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(
      typeof input === "string" ? input : input instanceof URL ? input.href : input.url,
      "http://caliper.test",
    );
    const method = (init?.method ?? "GET").toUpperCase();
    const headers = Object.fromEntries(
      Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
    calls.push({ method, url, headers, body });
    const handler = routes[`${method} ${url.pathname}`];
    if (!handler) return apiError(404, "not_found", `no route ${method} ${url.pathname}`);
    const out = await handler({ url, body, headers });
    if (out instanceof Response) return out;
    if (typeof out === "string") return new Response(out, { status: 200, headers: { "content-type": "text/csv" } });
    return json(200, out);
  });
  vi.stubGlobal("fetch", fetchMock);
  return { calls, fetchMock };
}

/**
 * `GET /v1/tickets/T-1001` held by `brands` only (ids are unique per brand, not across brands):
 * `detail` as that brand's ticket, a 404 for any other brand.
 */
export function ticketHeldBy<T extends { ticket: object }>(brands: readonly string[], detail: T): Handler {
  return ({ url }) => {
    const brand = url.searchParams.get("brand") ?? "";
    return brands.includes(brand)
      ? { ...detail, ticket: { ...detail.ticket, brand } }
      : apiError(404, "not_found", `no ticket 'T-1001' for brand '${brand}'`);
  };
}
