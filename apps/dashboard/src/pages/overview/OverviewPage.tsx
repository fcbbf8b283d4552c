import type { Interval } from "@caliper/client";
import { usePageFilters } from "../../app/page-filters.ts";
import { ExportButton } from "../../components/ExportButton.tsx";
import { FilterBar } from "../../components/FilterBar.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { Segmented } from "../../components/Segmented.tsx";
import { Empty } from "../../components/states.tsx";
import { useClient } from "../../api/ApiProvider.tsx";
import { describeRange, rangeDays } from "../../lib/date-range.ts";
import { csvFilename } from "../../lib/download.ts";
import { readBool, readEnum } from "../../lib/url-state.ts";
import { AgentsSection } from "./AgentsSection.tsx";
import { BreakdownSection } from "./BreakdownSection.tsx";
import { KpiSection } from "./KpiSection.tsx";
import { TrendSection } from "./TrendSection.tsx";

const INTERVALS = ["day", "week"] as const;

/** Manager overview: KPIs with their change, trends, breakdowns and the agents table. */
export default function OverviewPage() {
  const client = useClient();
  const { brand, brands, timeZone, range, instants, previous, params, setFilters, setParams } = usePageFilters();
  const businessHours = readBool(params, "bh");
  const interval: Interval = readEnum(params, "interval", INTERVALS, rangeDays(instants) > 31 ? "week" : "day");
  const rangeLabel = describeRange(range);

  return (
    <>
      <PageHeader
        title="Overview"
        subtitle={`${brands.find((b) => b.brand === brand)?.name ?? brand ?? ""} · ${rangeLabel}`}
        actions={
          brand ? (
            <ExportButton
              label="Export tickets (CSV)"
              filename={csvFilename("tickets", brand, instants.from.slice(0, 10), instants.to.slice(0, 10))}
              load={() => client.exportTickets({ brand, from: instants.from, to: instants.to })}
            />
          ) : null
        }
      />
      <FilterBar
        brands={brands}
        brand={brand}
        onBrandChange={(b) => setFilters({ brand: b })}
        range={range}
        onRangeChange={(r) => setFilters({ range: r })}
      >
        <Segmented
          label="Trend interval"
          options={[
            { value: "day", label: "Day" },
            { value: "week", label: "Week" },
          ]}
          value={interval}
          onChange={(v) => setParams({ interval: v })}
        />
        <div className="flex items-center gap-2 pb-2">
          <input
            id="business-hours"
            type="checkbox"
            className="h-4 w-4 rounded border-tremor-border"
            checked={businessHours}
            onChange={(e) => setParams({ bh: e.target.checked ? "1" : null })}
          />
          <label htmlFor="business-hours" className="text-tremor-default text-tremor-content-emphasis">
            First response in business hours
          </label>
        </div>
      </FilterBar>
      {brand ? (
        <>
          <KpiSection
            brand={brand}
            instants={instants}
            previous={previous}
            businessHours={businessHours}
            timeZone={timeZone}
            comparedTo={`vs previous ${rangeDays(instants)} days`}
          />
          <TrendSection brand={brand} instants={instants} interval={interval} timeZone={timeZone} />
          <BreakdownSection
            brand={brand}
            instants={instants}
            dimension={readEnum(params, "breakdown", ["category", "channel"] as const, "category")}
            onDimensionChange={(d) => setParams({ breakdown: d })}
            businessHours={businessHours}
          />
          <AgentsSection brand={brand} range={range} instants={instants} businessHours={businessHours} />
        </>
      ) : (
        <Empty title="No brand to show">This key cannot see any brand.</Empty>
      )}
    </>
  );
}
