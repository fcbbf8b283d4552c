import type { RouteDef } from "../http/route.ts";
import { postEvents } from "./events/post-events.ts";
import { getHealthz, getLive } from "./system/healthz.ts";
import { getTicketRoute } from "./tickets/get-ticket.ts";

/** Every API route. The authorisation matrix test walks this list. */
export const API_ROUTES: readonly RouteDef[] = [getHealthz, getLive, postEvents, getTicketRoute];
