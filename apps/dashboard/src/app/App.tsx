import { ApiProvider } from "../api/ApiProvider.tsx";
import { AuthProvider } from "../auth/AuthProvider.tsx";
import { AppRoutes } from "./routes.tsx";

/** Providers and routes; the router itself comes from main.tsx (or a test's MemoryRouter). */
export function App() {
  return (
    <AuthProvider>
      <ApiProvider>
        <AppRoutes />
      </ApiProvider>
    </AuthProvider>
  );
}
