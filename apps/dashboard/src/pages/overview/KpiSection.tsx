import type { Overview } from "@caliper/client";
import { useApi } from "../../api/use-api.ts";
import { KpiCard } from "../../components/KpiCard.tsx";
import { Section } from "../../components/PageHeader.tsx";
import { AsyncView, Empty } from "../../components/states.tsx";
import type { Instants } from "../../lib/date-range.ts";
import { formatDateTime } from "../../lib/format.ts";
import { buildKpis } from "./kpis.ts";

export function KpiSection({
  brand,
  instants,
  previous,
  businessHours,
  timeZone,
  comparedTo,
}: {
  brand: string;
  instants: Instants;
  previous: Instants;
  businessHours: boolean;
  /** The store's: "As of" is read on its clock. */
  timeZone: string;
  comparedTo: string;
}) {
  const result = useApi(`kpis|${brand}|${instants.from}|${instants.to}`, async (client) => {
    const [current, prev] = await Promise.allSettled([
      client.overview({ brand, ...instants }),
      client.overview({ brand, ...previous }),
    ]);
    if (current.status === "rejected") throw current.reason;
    return { current: current.value, previous: prev.status === "fulfilled" ? prev.value : null };
  });

  return (
    <Section title="Key figures">
      <AsyncView
        result={result}
        label="key figures"
        isEmpty={(d) => d.current.tickets.created === 0 && d.current.qa.reviews === 0}
        empty={<Empty title="No tickets in this period">Try a longer date range or another brand.</Empty>}
      >
        {({ current, previous: prev }: { current: Overview; previous: Overview | null }) => (
          <>
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3 2xl:grid-cols-6">
              {buildKpis(current, prev, businessHours).map((k) => (
                <KpiCard
                  key={k.id}
                  title={k.title}
                  value={k.value}
                  detail={k.detail}
                  change={k.change}
                  comparedTo={prev ? comparedTo : "previous period unavailable"}
                />
              ))}
            </div>
            <p className="text-tremor-label text-tremor-content">
              {current.precision === "sketch"
                ? "Percentiles are read from sketches (within 1% of exact). "
                : "Figures are exact. "}
              As of {formatDateTime(current.period.asOf, timeZone)}.
            </p>
          </>
        )}
      </AsyncView>
    </Section>
  );
}
