import type { Review } from "@caliper/client";
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { useClient } from "../../api/ApiProvider.tsx";
import { useApi } from "../../api/use-api.ts";
import { usePageFilters } from "../../app/page-filters.ts";
import { brandTimeZone } from "../../lib/brand-time-zone.ts";
import { PageHeader, Section } from "../../components/PageHeader.tsx";
import { AsyncView, Empty, ErrorState } from "../../components/states.tsx";
import { formatScoreOutOf100 } from "../../lib/format.ts";
import { reviewHref, ticketHref } from "../../lib/links.ts";
import { TicketBrandFinder } from "../ticket/TicketBrandFinder.tsx";
import { ReviewForm } from "./ReviewForm.tsx";
import { TicketContext } from "./TicketContext.tsx";
import { verdictText } from "./ReviewsTable.tsx";
import { btnSecondary, link } from "../../components/styles.ts";

/** Review one ticket with the brand's scorecard (from its policy). */
export default function ReviewPage() {
  const { ticketId = "" } = useParams();
  const client = useClient();
  // Without a brand in the URL (ids are unique per brand only) the ticket is looked up in the
  // key's brands, as on the ticket page, rather than reviewed in the first one.
  const { brand, brands, params } = usePageFilters({ firstBrand: false });
  const sampleId = params.get("sample");
  const [saved, setSaved] = useState<Review | null>(null);
  const [submitError, setSubmitError] = useState<unknown>(null);

  const policy = useApi(brand ? `policy|${brand}` : null, (c) => c.policy(brand ?? ""));
  const ticket = useApi(brand ? `ticket|${brand}|${ticketId}` : null, (c) => c.ticket(brand ?? "", ticketId));
  const backTo = `/audits?${new URLSearchParams({ brand: brand ?? "", ...(sampleId ? { sample: sampleId } : {}) })}`;

  if (!brand)
    return (
      <>
        <PageHeader title={`Review ticket ${ticketId}`} />
        <TicketBrandFinder ticketId={ticketId} brands={brands} hrefFor={(b) => reviewHref(ticketId, b, sampleId)} />
      </>
    );
  return (
    <>
      <PageHeader
        title={`Review ticket ${ticketId}`}
        subtitle={sampleId ? `Audit sample ${sampleId}` : "Ad-hoc review (not part of a sample)"}
        actions={
          <>
            <Link className={btnSecondary} to={ticketHref(ticketId, brand)}>
              Open ticket
            </Link>
            <Link className={btnSecondary} to={backTo}>
              Back to audits
            </Link>
          </>
        }
      />
      {/* On a phone the conversation comes first and can be long: a way straight to the form
          (on a desktop, where both are in view, it shows only when focused). */}
      <a href="#scorecard" className={`${link} inline-block lg:sr-only lg:focus:not-sr-only lg:focus:inline-block`}>
        Skip to scorecard
      </a>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        {/* The conversation first: above the form on a phone, on the left (kept in view while the
            form scrolls) on a desktop. It loads on its own: the form works without it. */}
        <aside
          aria-label="Ticket context"
          // Keyboard users can scroll it where it scrolls on its own (desktop).
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable
          tabIndex={0}
          className="min-w-0 focus:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto lg:pr-2"
        >
          <Section title="Ticket">
            <AsyncView result={ticket} label="ticket">
              {(d) => <TicketContext detail={d} timeZone={brandTimeZone(brands, d.ticket.brand)} />}
            </AsyncView>
          </Section>
        </aside>
        <div id="scorecard" tabIndex={-1} className="min-w-0 focus:outline-none">
          <Section title="Scorecard">
            {saved ? (
              <div
                role="status"
                className="space-y-2 rounded-tremor-default border border-emerald-200 bg-emerald-50 p-4 text-emerald-900"
              >
                <p className="font-semibold">
                  Review saved: score {formatScoreOutOf100(saved.score)} ({verdictText(saved)}).
                </p>
                <Link className={link} to={backTo}>
                  Back to the review queue
                </Link>
              </div>
            ) : (
              <AsyncView result={policy} label="scorecard">
                {(p) => {
                  const scorecard = p.policy.scorecard;
                  if (!scorecard || scorecard.categories.length === 0) {
                    return <Empty title="This brand's policy has no scorecard" />;
                  }
                  return (
                    <>
                      {submitError ? <ErrorState error={submitError} title="The review was not saved" /> : null}
                      <ReviewForm
                        categories={scorecard.categories}
                        passScore={scorecard.passScore}
                        onSubmit={async (payload) => {
                          setSubmitError(null);
                          try {
                            const res = await client.createReview({
                              brand,
                              ticketId,
                              ...(sampleId ? { sampleId } : {}),
                              ...payload,
                            });
                            setSaved(res.review);
                          } catch (err) {
                            setSubmitError(err);
                          }
                        }}
                      />
                    </>
                  );
                }}
              </AsyncView>
            )}
          </Section>
        </div>
      </div>
    </>
  );
}
