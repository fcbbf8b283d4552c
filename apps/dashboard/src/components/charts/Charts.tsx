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

/**
 * The series' names beside their colours. Tremor's own legend is a scroll box with tabindex 0: a
 * tab stop inside the chart's role="img" (whose content assistive technology does not see) with
 * nothing to do, one per chart. This one is text only.
 */
function Legend({ categories, colors }: { categories: string[]; colors: string[] }) {
  return (
    <ul className="mb-2 flex flex-wrap justify-end gap-x-4 gap-y-1 text-tremor-default text-tremor-content">
      {categories.map((c, i) => (
        <li key={c} className="flex items-center gap-1.5">
          <span className={`h-2 w-2 shrink-0 rounded-full bg-${colors[i % colors.length]}-500`} />
          {c}
        </li>
      ))}
    </ul>
  );
}

export function LineTrend({ data, index, categories, colors, valueFormatter, label, minValue, maxValue }: ChartProps) {
  return (
    <div role="img" aria-label={label}>
      <Legend categories={categories} colors={colors} />
      <LineChart
        className="h-56"
        data={data}
        index={index}
        categories={categories}
        colors={colors}
        valueFormatter={valueFormatter}
        yAxisWidth={64}
        connectNulls
        showLegend={false}
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
      <Legend categories={categories} colors={colors} />
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
        showLegend={false}
        showAnimation={false}
      />
    </div>
  );
}
