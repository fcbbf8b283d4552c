import type { ReactNode } from "react";

export function ChartCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <figure className="rounded-tremor-default border border-tremor-border bg-tremor-background p-4 shadow-tremor-card">
      <figcaption className="mb-2 font-medium text-tremor-content-strong">{title}</figcaption>
      {children}
    </figure>
  );
}
