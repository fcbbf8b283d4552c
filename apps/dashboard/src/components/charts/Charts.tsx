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
export function Bars({ data, index, categories, colors, valueFormatter, label }: ChartProps) {
  return (
    <div role="img" aria-label={label}>
      <BarChart
        className="h-56"
        data={data}
        index={index}
        categories={categories}
        colors={colors}
        valueFormatter={valueFormatter}
        yAxisWidth={56}
        allowDecimals={false}
        showAnimation={false}
      />
    </div>
  );
}
