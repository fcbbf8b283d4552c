/**
 * Links to one ticket's pages. Ticket ids are unique per brand only, so every link names the
 * brand; a review link may also name the audit sample it belongs to.
 */
export const ticketHref = (ticketId: string, brand: string): string =>
  `/tickets/${encodeURIComponent(ticketId)}?${new URLSearchParams({ brand })}`;

export const reviewHref = (ticketId: string, brand: string, sampleId?: string | null): string =>
  `/audits/review/${encodeURIComponent(ticketId)}?${new URLSearchParams({ brand, ...(sampleId ? { sample: sampleId } : {}) })}`;
