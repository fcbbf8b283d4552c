import { lazy, Suspense } from "react";
import { Loading } from "../states.tsx";
import type { BarsProps, ChartProps } from "./Charts.tsx";

const LineTrendLazy = lazy(() => import("./Charts.tsx").then((m) => ({ default: m.LineTrend })));
const BarsLazy = lazy(() => import("./Charts.tsx").then((m) => ({ default: m.Bars })));

export function LineTrend(props: ChartProps) {
  return (
    <Suspense fallback={<Loading label="chart" />}>
      <LineTrendLazy {...props} />
    </Suspense>
  );
}

export function Bars(props: BarsProps) {
  return (
    <Suspense fallback={<Loading label="chart" />}>
      <BarsLazy {...props} />
    </Suspense>
  );
}
