import { lazy, type ReactNode, Suspense } from "react";
import { Route, Routes } from "react-router-dom";
import { Loading } from "../components/states.tsx";
import { AGENT_ROLES, MANAGER_ROLES, RequireAuth, RequireRole, RoleHome } from "./guards.tsx";
import { Layout } from "./Layout.tsx";

// Every page is its own chunk: the first load carries the shell only.
const SignInPage = lazy(() => import("../pages/sign-in/SignInPage.tsx"));
const OverviewPage = lazy(() => import("../pages/overview/OverviewPage.tsx"));
const SlaQueuePage = lazy(() => import("../pages/sla-queue/SlaQueuePage.tsx"));
const TicketPage = lazy(() => import("../pages/ticket/TicketPage.tsx"));
const AuditsPage = lazy(() => import("../pages/audits/AuditsPage.tsx"));
const ReviewPage = lazy(() => import("../pages/audits/ReviewPage.tsx"));
const AgentScorecardPage = lazy(() => import("../pages/agent-scorecard/AgentScorecardPage.tsx"));
const NotFoundPage = lazy(() => import("../pages/not-found/NotFoundPage.tsx"));

const page = (element: ReactNode) => <Suspense fallback={<Loading label="page" />}>{element}</Suspense>;
const manager = (element: ReactNode) => <RequireRole roles={MANAGER_ROLES}>{page(element)}</RequireRole>;

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/sign-in" element={page(<SignInPage />)} />
      <Route
        element={
          <RequireAuth>
            <Layout />
          </RequireAuth>
        }
      >
        <Route index element={<RoleHome />} />
        <Route path="overview" element={manager(<OverviewPage />)} />
        <Route path="sla" element={manager(<SlaQueuePage />)} />
        <Route path="tickets/:ticketId" element={manager(<TicketPage />)} />
        <Route path="audits" element={manager(<AuditsPage />)} />
        <Route path="audits/review/:ticketId" element={manager(<ReviewPage />)} />
        <Route path="agents/:agentId" element={manager(<AgentScorecardPage />)} />
        <Route path="me" element={<RequireRole roles={AGENT_ROLES}>{page(<AgentScorecardPage own />)}</RequireRole>} />
        <Route path="*" element={page(<NotFoundPage />)} />
      </Route>
    </Routes>
  );
}
