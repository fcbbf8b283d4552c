import { NavLink, Outlet, useLocation, useNavigate } from "react-router-dom";
import { useAuth, useSession } from "../auth/AuthProvider.tsx";
import { isManagerRole } from "../auth/session.ts";
import { btnSecondary } from "../components/styles.ts";

/** Keeps the shared filters (brand, range) when moving between pages. */
function carriedQuery(search: string): string {
  const from = new URLSearchParams(search);
  const next = new URLSearchParams();
  for (const name of ["brand", "range", "from", "to"]) {
    const v = from.get(name);
    if (v) next.set(name, v);
  }
  const s = next.toString();
  return s ? `?${s}` : "";
}

const navClass = ({ isActive }: { isActive: boolean }) =>
  `rounded-tremor-small px-3 py-2 text-tremor-default font-medium ${
    isActive
      ? "bg-tremor-brand-faint text-tremor-brand-emphasis"
      : "text-tremor-content-emphasis hover:bg-tremor-background-subtle"
  }`;

/** The app shell: skip link, navigation for the key's role, sign-out, and the page. */
export function Layout() {
  const session = useSession();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const query = carriedQuery(location.search);
  const manager = isManagerRole(session.me.role);

  return (
    <div className="min-h-screen bg-tremor-background-muted">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-tremor-background focus:p-2"
      >
        Skip to content
      </a>
      <header className="border-b border-tremor-border bg-tremor-background">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-2 px-4 py-2">
          <div className="flex flex-wrap items-center gap-3">
            <span className="text-lg font-semibold text-tremor-content-strong">Caliper</span>
            <nav aria-label="Main">
              <ul className="flex flex-wrap gap-1">
                {manager ? (
                  <>
                    <li>
                      <NavLink to={`/overview${query}`} className={navClass}>
                        Overview
                      </NavLink>
                    </li>
                    <li>
                      <NavLink to={`/sla${query}`} className={navClass}>
                        SLA queue
                      </NavLink>
                    </li>
                    <li>
                      <NavLink to={`/audits${query}`} className={navClass}>
                        Audits
                      </NavLink>
                    </li>
                  </>
                ) : (
                  <li>
                    <NavLink to={`/me${query}`} className={navClass}>
                      My scorecard
                    </NavLink>
                  </li>
                )}
              </ul>
            </nav>
          </div>
          <div className="flex items-center gap-3 text-tremor-default">
            <span className="text-tremor-content" data-testid="signed-in-as">
              {session.me.role === "agent" ? `Agent ${session.me.agentId ?? ""}` : session.me.role}
              <span className="sr-only"> key</span>
            </span>
            <button
              type="button"
              className={btnSecondary}
              onClick={() => {
                signOut();
                navigate("/sign-in", { replace: true });
              }}
            >
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl space-y-6 px-4 py-6 focus:outline-none">
        <Outlet />
      </main>
    </div>
  );
}
