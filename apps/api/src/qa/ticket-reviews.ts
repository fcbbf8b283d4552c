import type { Services } from "../services.ts";

/** QA reviews of a ticket (filled by the audits module). */
export async function ticketReviews(_s: Services, _brand: string, _ticketId: string): Promise<unknown[]> {
  return [];
}
