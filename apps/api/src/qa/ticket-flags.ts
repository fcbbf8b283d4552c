import type { Services } from "../services.ts";

/** Message-rule flags stored for a ticket's agent messages (filled by the QA module). */
export async function ticketFlags(_s: Services, _brand: string, _ticketId: string): Promise<unknown[]> {
  return [];
}
