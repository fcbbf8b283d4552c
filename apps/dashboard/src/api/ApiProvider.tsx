import { type CaliperClient, createClient } from "@caliper/client";
import { createContext, type ReactNode, useContext, useMemo } from "react";
import { useAuth } from "../auth/AuthProvider.tsx";
import { lateFetch } from "../auth/session.ts";

const ApiContext = createContext<CaliperClient | null>(null);

/**
 * Provides the typed client built from the signed-in key (same origin: baseUrl ""). A 401 on
 * any call means the key was revoked mid-session: the user is signed out with a notice.
 */
export function ApiProvider({ children }: { children: ReactNode }) {
  const { state, signOut } = useAuth();
  const key = state.status === "signed-in" ? state.session.key : null;
  const client = useMemo(() => {
    if (!key) return null;
    const guardedFetch: typeof fetch = async (input, init) => {
      const res = await lateFetch(input, init);
      if (res.status === 401) signOut("Your key is no longer accepted (unknown or revoked key). Sign in again.");
      return res;
    };
    return createClient({ baseUrl: "", key, fetch: guardedFetch });
  }, [key, signOut]);
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

/** The API client of the signed-in key. */
export function useClient(): CaliperClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error("useClient needs a signed-in session inside <ApiProvider>");
  return client;
}
