import { listReviews, type ReviewRecord } from "@caliper/db";
import type { Services } from "../services.ts";

/** QA reviews of a ticket, oldest first. */
export async function ticketReviews(s: Services, brand: string, ticketId: string): Promise<ReviewRecord[]> {
  return listReviews(s.db, { brand, ticketId });
}
