import type { Role } from "@caliper/client";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { useAuth } from "../auth/AuthProvider.tsx";
import { ErrorState, Loading } from "../components/states.tsx";
import { btnSecondary } from "../components/styles.ts";

export const MANAGER_ROLES: readonly Role[] = ["admin", "manager"];
export const AGENT_ROLES: readonly Role[] = ["agent"];

/** Keeps only the brand from the current query (what a redirect carries across pages). */
function brandQuery(search: string): string {
  const brand = new URLSearchParams(search).get("brand");
  return brand ? `?${new URLSearchParams({ brand })}` : "";
}

/** Renders its children only for a signed-in key; otherwise sends to the sign-in page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state, retryRestore, signOut } = useAuth();
  const location = useLocation();
  if (state.status === "restoring") {
    return (
      <main className="mx-auto max-w-md p-6">
        <Loading label="your session" />
      </main>
    );
  }
  if (state.status === "restore-failed") {
    return (
      <main className="mx-auto max-w-md space-y-3 p-6">
        <ErrorState error={new Error(state.message)} title="Could not restore your session" onRetry={retryRestore} />
        <button type="button" className={btnSecondary} onClick={() => signOut()}>
          Sign out
        </button>
      </main>
    );
  }
  if (state.status === "signed-out") {
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  }
  return <>{children}</>;
}

/**
 * Renders its children only for the given roles. Agent keys are sent to their own scorecard,
 * manager and admin keys to the overview.
 */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status !== "signed-in") return null;
  const role = state.session.me.role;
  if (roles.includes(role)) return <>{children}</>;
  const home = role === "agent" ? "/me" : "/overview";
  return <Navigate to={`${home}${brandQuery(location.search)}`} replace state={{ denied: location.pathname }} />;
}

/** "/" -> the role's home page. */
export function RoleHome() {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status !== "signed-in") return null;
  const home = state.session.me.role === "agent" ? "/me" : "/overview";
  return <Navigate to={`${home}${location.search}`} replace />;
}
