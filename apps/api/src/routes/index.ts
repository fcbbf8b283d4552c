import type { RouteDef } from "../http/route.ts";
import { getScorecard } from "./agents/scorecard.ts";
import { createReview } from "./audits/create-review.ts";
import { createSample } from "./audits/create-sample.ts";
import { auditSummaryRoute, listReviewsRoute } from "./audits/read-reviews.ts";
import { getSampleRoute, listSamplesRoute } from "./audits/read-samples.ts";
import { checkMessageRoute } from "./checks/check-message.ts";
import { chatwootWebhook } from "./connectors/chatwoot-webhook.ts";
import { getDeadLetters } from "./connectors/dead-letters.ts";
import { postEvents } from "./events/post-events.ts";
import { exportAgents, exportTickets } from "./export/export-csv.ts";
import { createFeedbackLink } from "./feedback/create-link.ts";
import { feedbackPage, feedbackScript } from "./feedback/feedback-page.ts";
import { submitFeedback } from "./feedback/submit-feedback.ts";
import { getMe } from "./me/get-me.ts";
import { listBrands } from "./me/list-brands.ts";
import { getAgents } from "./metrics/agents.ts";
import { getOverview } from "./metrics/overview.ts";
import { getTimeseries } from "./metrics/timeseries.ts";
import { getPolicy } from "./policies/get-policy.ts";
import { listClocks } from "./sla/list-clocks.ts";
import { getHealthz, getLive } from "./system/healthz.ts";
import { getMetrics } from "./system/metrics.ts";
import { getTicketRoute } from "./tickets/get-ticket.ts";

/** Every API route. The authorisation matrix test walks this list. */
export const API_ROUTES: readonly RouteDef[] = [
  getHealthz,
  getLive,
  getMetrics,
  getMe,
  listBrands,
  postEvents,
  getTicketRoute,
  getPolicy,
  listClocks,
  getOverview,
  getTimeseries,
  getAgents,
  getScorecard,
  createFeedbackLink,
  submitFeedback,
  feedbackPage,
  feedbackScript,
  chatwootWebhook,
  getDeadLetters,
  exportTickets,
  exportAgents,
  checkMessageRoute,
  createSample,
  listSamplesRoute,
  getSampleRoute,
  createReview,
  listReviewsRoute,
  auditSummaryRoute,
];
