import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { clearKey, loadKey, saveKey } from "./key-storage.ts";
import { openSession, type Session, SignInError } from "./session.ts";

export type AuthState =
  | { status: "restoring" }
  | { status: "signed-out"; notice: string | null }
  | { status: "restore-failed"; message: string }
  | { status: "signed-in"; session: Session };

export interface AuthValue {
  state: AuthState;
  /** Validates the key; throws SignInError with a message for the user. */
  signIn(key: string): Promise<Session>;
  /** Forgets the key (memory and sessionStorage). */
  signOut(notice?: string): void;
  /** Retries restoring the stored key after a network failure. */
  retryRestore(): void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>(() =>
    loadKey() ? { status: "restoring" } : { status: "signed-out", notice: null },
  );
  const generation = useRef(0);

  /** Restores a key kept in sessionStorage (a reload of the tab). */
  const restore = useCallback(() => {
    const stored = loadKey();
    const run = ++generation.current;
    if (!stored) {
      setState({ status: "signed-out", notice: null });
      return;
    }
    setState({ status: "restoring" });
    openSession(stored).then(
      (session) => {
        if (run === generation.current) setState({ status: "signed-in", session });
      },
      (err: unknown) => {
        if (run !== generation.current) return;
        if (err instanceof SignInError && err.final) {
          clearKey();
          setState({ status: "signed-out", notice: err.message });
        } else {
          setState({ status: "restore-failed", message: err instanceof Error ? err.message : String(err) });
        }
      },
    );
  }, []);

  useEffect(() => {
    restore();
    return () => {
      generation.current++;
    };
  }, [restore]);

  const signIn = useCallback(async (raw: string) => {
    const key = raw.trim();
    if (!key) throw new SignInError("Enter your access key.", true);
    const session = await openSession(key);
    generation.current++;
    saveKey(key);
    setState({ status: "signed-in", session });
    return session;
  }, []);

  const signOut = useCallback((notice?: string) => {
    generation.current++;
    clearKey();
    setState({ status: "signed-out", notice: notice ?? null });
  }, []);

  const retryRestore = useCallback(() => restore(), [restore]);

  const value = useMemo<AuthValue>(
    () => ({ state, signIn, signOut, retryRestore }),
    [state, signIn, signOut, retryRestore],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth outside <AuthProvider>");
  return value;
}

/** The signed-in session; only for components rendered behind <RequireAuth>. */
export function useSession(): Session {
  const { state } = useAuth();
  if (state.status !== "signed-in") throw new Error("useSession without a signed-in session");
  return state.session;
}
