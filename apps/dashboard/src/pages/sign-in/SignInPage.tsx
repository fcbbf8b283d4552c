import { type FormEvent, useEffect, useRef, useState } from "react";
import { Navigate, useLocation, useNavigate } from "react-router-dom";
import { useAuth } from "../../auth/AuthProvider.tsx";
import { SignInError } from "../../auth/session.ts";
import { btnPrimary, field, fieldLabel } from "../../components/styles.ts";

/** Where to go after signing in: back where the user was sent from, else the role's home. */
function destination(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === "string" && from.startsWith("/") && !from.startsWith("/sign-in") ? from : "/";
}

export default function SignInPage() {
  const { state, signIn } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [key, setKey] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
  }, []);

  if (state.status === "signed-in" && !busy) return <Navigate to={destination(location.state)} replace />;

  const notice = state.status === "signed-out" ? state.notice : null;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(key);
      setKey("");
      navigate(destination(location.state), { replace: true });
    } catch (err) {
      setError(err instanceof SignInError ? err.message : "Could not sign in.");
      setBusy(false);
      input.current?.focus();
    }
  }

  return (
    <main className="flex min-h-screen items-center justify-center bg-tremor-background-muted px-4">
      <div className="w-full max-w-sm space-y-4 rounded-tremor-default border border-tremor-border bg-tremor-background p-6 shadow-tremor-card">
        <div>
          <h1 className="text-2xl font-semibold text-tremor-content-strong">Sign in to Caliper</h1>
          <p className="mt-1 text-tremor-default text-tremor-content">
            Use the access key you were given. It stays in this browser tab only.
          </p>
        </div>
        {notice && !error ? (
          <p role="status" className="rounded-tremor-small bg-amber-50 p-2 text-tremor-default text-amber-900">
            {notice}
          </p>
        ) : null}
        {/* method="post": even without JavaScript the key never lands in a URL. */}
        <form method="post" onSubmit={onSubmit} className="space-y-3" noValidate>
          <div>
            <label htmlFor="access-key" className={fieldLabel}>
              Access key
            </label>
            <input
              ref={input}
              id="access-key"
              name="access-key"
              type="password"
              autoComplete="off"
              spellCheck={false}
              className={field}
              value={key}
              onChange={(e) => setKey(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "sign-in-error" : undefined}
              required
            />
          </div>
          {error ? (
            <p id="sign-in-error" role="alert" className="text-tremor-default text-rose-700">
              {error}
            </p>
          ) : null}
          <button type="submit" className={`${btnPrimary} w-full`} disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </form>
      </div>
    </main>
  );
}
