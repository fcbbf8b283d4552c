/**
 * Tremor charts (recharts underneath) — imported lazily, through LazyCharts, by the pages that
 * draw them, so the first bundle stays small.
 */
import { BarChart, LineChart } from "@tremor/react";

export interface ChartProps {
  data: Record<string, string | number | null>[];
  index: string;
  categories: string[];
  colors: string[];
  valueFormatter: (v: number) => string;
  /** Describes the chart for screen readers (the numbers are also in a table below it). */
  label: string;
  minValue?: number;
  maxValue?: number;
}

export interface BarsProps extends ChartProps {
  /**
   * "vertical": one labelled row per index value, for a few named values (categories, channels)
   * whose labels would be skipped under columns; default "horizontal" (periods).
   */
  layout?: "horizontal" | "vertical";
}

export function LineTrend({ data, index, categories, colors, valueFormatter, label, minValue, maxValue }: ChartProps) {
  return (
    <div role="img" aria-label={label}>
      <LineChart
        className="h-56"
        data={data}
        index={index}
        categories={categories}
        colors={colors}
        valueFormatter={valueFormatter}
        yAxisWidth={64}
        connectNulls
        showAnimation={false}
        {...(minValue !== undefined ? { minValue } : {})}
        {...(maxValue !== undefined ? { maxValue } : {})}
      />
    </div>
  );
}

/** Bars of counts (tickets, breaches): whole-number ticks only, or "1.5" shows as a second "2". */
export function Bars({ data, index, categories, colors, valueFormatter, label, layout = "horizontal" }: BarsProps) {
  const vertical = layout === "vertical";
  return (
    <div role="img" aria-label={label}>
      <BarChart
        // Vertical: taller, so each value's row (up to ten) has room for its label.
        className={vertical ? "h-72" : "h-56"}
        data={data}
        index={index}
        categories={categories}
        colors={colors}
        valueFormatter={valueFormatter}
        layout={layout}
        yAxisWidth={vertical ? 112 : 56}
        allowDecimals={false}
        showAnimation={false}
      />
    </div>
  );
}
