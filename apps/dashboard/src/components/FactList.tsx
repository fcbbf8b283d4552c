/** A fact: its name and what it is ("Status", "Solved"). */
export type Fact = readonly [term: string, value: string];

const LAYOUT = {
  /** A card of facts in up to three columns (the ticket page). */
  grid: {
    list: "grid grid-cols-1 gap-x-6 gap-y-2 rounded-tremor-default border border-tremor-border bg-tremor-background p-4 text-tremor-default shadow-tremor-card sm:grid-cols-2 lg:grid-cols-3",
    item: "flex gap-2",
    term: "min-w-28 text-tremor-content",
  },
  /** One fact a line, the value beside its name or under it when narrow (the review page's ticket context). */
  stack: {
    list: "space-y-1 rounded-tremor-default border border-tremor-border bg-tremor-background p-3 text-tremor-default",
    item: "flex flex-wrap gap-x-2",
    term: "text-tremor-content",
  },
} as const;

/** A ticket's facts (or any name–value pairs) as a description list. */
export function FactList({ facts, layout }: { facts: readonly Fact[]; layout: keyof typeof LAYOUT }) {
  const c = LAYOUT[layout];
  return (
    <dl className={c.list}>
      {facts.map(([term, value]) => (
        <div key={term} className={c.item}>
          <dt className={c.term}>{term}</dt>
          <dd className="font-medium text-tremor-content-strong">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
