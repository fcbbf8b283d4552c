import http from "node:http";
import { ADMIN_KEY } from "./common.ts";

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export interface HttpResponse {
  status: number;
  body: string;
  ms: number;
}

/** One request over a keep-alive connection, with the admin key; `ms` is the time to the last byte. */
export function request(
  url: string,
  o: { method?: string; body?: string; contentType?: string; key?: string } = {},
): Promise<HttpResponse> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { authorization: `Bearer ${o.key ?? ADMIN_KEY}` };
    if (o.body !== undefined) {
      headers["content-type"] = o.contentType ?? "application/json";
      headers["content-length"] = Buffer.byteLength(o.body);
    }
    const req = http.request(url, { method: o.method ?? "GET", agent, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (d: Buffer) => parts.push(d));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(parts).toString("utf8"),
          ms: performance.now() - t0,
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}

/** GET returning parsed JSON; throws on a non-2xx status. */
export async function getJson<T>(url: string): Promise<{ data: T; ms: number }> {
  const r = await request(url);
  if (r.status < 200 || r.status >= 300) throw new Error(`GET ${url} -> ${r.status}: ${r.body.slice(0, 500)}`);
  return { data: JSON.parse(r.body) as T, ms: r.ms };
}

export const closeAgent = (): void => agent.destroy();
