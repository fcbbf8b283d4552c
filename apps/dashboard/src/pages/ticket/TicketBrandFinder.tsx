import { type BrandSummary, CaliperApiError, type CaliperClient } from "@caliper/client";
import { useEffect } from "react";
import { Link } from "react-router-dom";
import { useApi } from "../../api/use-api.ts";
import { AsyncView, ErrorState } from "../../components/states.tsx";
import { link } from "../../components/styles.ts";
import { ticketHref } from "../../lib/links.ts";
import { useUrlState } from "../../lib/use-url-state.ts";

/**
 * The brands (of `brands`) that have a ticket with this id: the ticket read
 * (`GET /v1/tickets/{id}?brand=`) per brand, all at once; a 404 means "not in this brand", any
 * other error fails the search.
 */
export async function brandsWithTicket(
  client: CaliperClient,
  brands: readonly BrandSummary[],
  ticketId: string,
): Promise<BrandSummary[]> {
  const found = await Promise.all(
    brands.map(async (b) => {
      try {
        await client.ticket(b.brand, ticketId);
        return b;
      } catch (err) {
        if (err instanceof CaliperApiError && err.status === 404) return null;
        throw err;
      }
    }),
  );
  return found.filter((b): b is BrandSummary => b !== null);
}

/**
 * A ticket link without its brand (ticket ids are unique per brand only), for a key with several
 * brands: looks the id up in each, then opens the one brand that has it (writing it into the URL,
 * in place of the current entry, where the page reads it) or lets the reader choose when several
 * have it (`hrefFor` a brand: where its choice leads, the ticket page unless told otherwise).
 */
export function TicketBrandFinder({
  ticketId,
  brands,
  hrefFor = (brand) => ticketHref(ticketId, brand),
}: {
  ticketId: string;
  brands: readonly BrandSummary[];
  hrefFor?: (brand: string) => string;
}) {
  const result = useApi(`ticket-brands|${ticketId}|${brands.map((b) => b.brand).join(",")}`, (c) =>
    brandsWithTicket(c, brands, ticketId),
  );
  const only = result.status === "success" && result.data.length === 1 ? result.data[0]?.brand : undefined;
  const { setFilters } = useUrlState();
  useEffect(() => {
    if (only) setFilters({ brand: only }, { replace: true });
  }, [only, setFilters]);

  return (
    <AsyncView result={result} label="ticket">
      {(found) => {
        if (found.length === 1) return null;
        if (found.length === 0) {
          const searched =
            brands.length > 0 ? `looked in ${brands.map((b) => b.name).join(", ")}` : "this key has none";
          return (
            <ErrorState
              title="Could not load ticket"
              error={new Error(`No ticket '${ticketId}' in your brands (${searched}).`)}
              onRetry={result.reload}
            />
          );
        }
        return (
          <div className="space-y-2 rounded-tremor-default border border-amber-200 bg-amber-50 p-4 text-tremor-default text-amber-900">
            <p className="font-medium">
              Ticket {ticketId} exists in {found.length} of your brands. Which one do you mean?
            </p>
            <ul aria-label="Brands with this ticket" className="list-disc space-y-1 pl-5">
              {found.map((b) => (
                <li key={b.brand}>
                  <Link className={link} to={hrefFor(b.brand)}>
                    {b.name === b.brand ? b.brand : `${b.name} (${b.brand})`}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        );
      }}
    </AsyncView>
  );
}
