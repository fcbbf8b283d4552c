import { type BrandSummary, CaliperApiError, createClient, type Me } from "@caliper/client";

export interface Session {
  key: string;
  me: Me;
  brands: BrandSummary[];
}

/** Same-origin requests; `fetch` looked up at call time so tests can replace it. */
export const lateFetch: typeof fetch = (input, init) => globalThis.fetch(input, init);

/** A sign-in failure with a message for the user. */
export class SignInError extends Error {
  override name = "SignInError";
  /** true when retrying the same key cannot help (unknown, revoked or unsuitable key). */
  constructor(
    message: string,
    readonly final: boolean,
  ) {
    super(message);
  }
}

export const isManagerRole = (role: Me["role"]): boolean => role === "admin" || role === "manager";

/** Checks a key with GET /v1/me and loads the brands it can see. */
export async function openSession(key: string): Promise<Session> {
  const client = createClient({ baseUrl: "", key, fetch: lateFetch });
  let me: Me;
  try {
    me = await client.me();
  } catch (err) {
    throw new SignInError(signInMessage(err), isFinal(err));
  }
  if (me.role === "ingest") {
    throw new SignInError("This is an ingest key: it can send events but not open the dashboard.", true);
  }
  if (me.role === "agent" && !me.agentId) {
    throw new SignInError("This agent key is not bound to an agent.", true);
  }
  let brands: BrandSummary[];
  try {
    brands = (await client.brands()).brands;
  } catch (err) {
    if (err instanceof CaliperApiError && err.status === 401) throw new SignInError(signInMessage(err), true);
    // Fall back to the brands the key is scoped to.
    brands = (me.brands ?? []).map((b) => ({ brand: b, name: b, timezone: "UTC" }));
  }
  if (me.brands) {
    const allowed = new Set(me.brands);
    brands = brands.filter((b) => allowed.has(b.brand));
  }
  return { key, me, brands };
}

const isFinal = (err: unknown): boolean => err instanceof CaliperApiError && (err.status === 401 || err.status === 403);

export function signInMessage(err: unknown): string {
  if (err instanceof CaliperApiError) {
    if (err.status === 401) return "Unknown or revoked key.";
    if (err.status === 403) return "This key is not allowed to open the dashboard.";
    if (err.status === 429) return "Too many attempts. Wait a moment and try again.";
    return `The API answered: ${err.message}`;
  }
  return "Could not reach the Caliper API. Check your connection and try again.";
}
