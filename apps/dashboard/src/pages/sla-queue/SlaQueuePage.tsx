import type { CaliperClient, ClockName, ClockView } from "@caliper/client";
import { Badge } from "@tremor/react";
import { Link } from "react-router-dom";
import { useApi } from "../../api/use-api.ts";
import { usePageFilters } from "../../app/page-filters.ts";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { FilterBar } from "../../components/FilterBar.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { AsyncView, Empty } from "../../components/states.tsx";
import { formatDateTime, formatDuration } from "../../lib/format.ts";
import { CLOCKS, clockLabel } from "../../lib/labels.ts";
import { readEnum } from "../../lib/url-state.ts";
import { buildQueue, type QueueRow } from "./queue.ts";
import { btnSecondary, field, fieldLabel, link } from "../../components/styles.ts";
import { ticketHref } from "../../lib/links.ts";

const STATES = ["all", "breached", "at_risk"] as const;
type StateFilter = (typeof STATES)[number];
const CLOCK_FILTER = ["all", ...CLOCKS] as const;

/** Reads every page of a clocks query (bounded: the queue is about open work, not history). */
async function allClocks(client: CaliperClient, q: Parameters<CaliperClient["clocks"]>[0]): Promise<ClockView[]> {
  const out: ClockView[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const res = await client.clocks({ ...q, limit: 500, ...(cursor ? { cursor } : {}) });
    out.push(...res.clocks);
    if (!res.nextCursor) break;
    cursor = res.nextCursor;
  }
  return out;
}

export function timeLeftText(row: QueueRow): string {
  return row.secondsLeft >= 0 ? `${formatDuration(row.secondsLeft)} left` : `${formatDuration(-row.secondsLeft)} over`;
}

/** SLA queue: breached and at-risk clocks, oldest first, with time left or over. */
export default function SlaQueuePage() {
  const { brand, brands, timeZone, params, setFilters, setParams } = usePageFilters();
  const state: StateFilter = readEnum(params, "state", STATES, "all");
  const clock = readEnum(params, "clock", CLOCK_FILTER, "all");

  const result = useApi(brand ? `sla|${brand}|${clock}` : null, async (client) => {
    const asOf = new Date();
    const base = {
      brand: brand ?? "",
      asOf: asOf.toISOString(),
      ...(clock !== "all" ? { clock: clock as ClockName } : {}),
    };
    const [breached, atRisk] = await Promise.all([
      allClocks(client, { ...base, status: "breached" }),
      allClocks(client, { ...base, status: "atRisk" }),
    ]);
    return { asOf, rows: buildQueue([...breached, ...atRisk], asOf) };
  });

  const columns: Column<QueueRow>[] = [
    {
      id: "state",
      header: "State",
      value: (r) => (r.state === "breached" ? "Breached" : "At risk"),
      render: (r) =>
        r.state === "breached" ? (
          <Badge color="rose" size="xs">
            Breached
          </Badge>
        ) : (
          <Badge color="amber" size="xs">
            At risk
          </Badge>
        ),
    },
    { id: "clock", header: "Clock", value: (r) => clockLabel(r.clock.clock) },
    {
      id: "ticket",
      header: "Ticket / order",
      value: (r) => r.clock.ticketId ?? r.clock.orderId,
      render: (r) =>
        r.clock.ticketId ? (
          <Link className={`${link} font-medium`} to={ticketHref(r.clock.ticketId, brand ?? "")}>
            {r.clock.ticketId}
          </Link>
        ) : (
          <span>Order {r.clock.orderId ?? "—"}</span>
        ),
    },
    { id: "agent", header: "Agent", value: (r) => r.clock.agent },
    {
      id: "started",
      header: "Started",
      value: (r) => r.clock.startedAt,
      render: (r) => formatDateTime(r.clock.startedAt, timeZone),
    },
    {
      id: "limit",
      header: "Limit",
      value: (r) => r.clock.limitDeadline,
      render: (r) => `${formatDateTime(r.clock.limitDeadline, timeZone)} (${r.clock.limit})`,
      csv: (r) => r.clock.limitDeadline,
    },
    {
      id: "left",
      header: "Time left / over",
      value: (r) => r.secondsLeft,
      render: (r) => (
        <span className={r.secondsLeft < 0 ? "font-medium text-rose-700" : "text-amber-800"}>{timeLeftText(r)}</span>
      ),
      csv: (r) => timeLeftText(r),
      align: "right",
    },
  ];

  return (
    <>
      <PageHeader
        title="SLA queue"
        subtitle="Running clocks past their target (at risk) or their limit (breached), oldest first."
        actions={
          <button type="button" className={btnSecondary} onClick={result.reload}>
            Refresh
          </button>
        }
      />
      <FilterBar brands={brands} brand={brand} onBrandChange={(b) => setFilters({ brand: b })}>
        <div>
          <label htmlFor="sla-clock" className={fieldLabel}>
            Clock
          </label>
          <select
            id="sla-clock"
            className={field}
            value={clock}
            onChange={(e) => setParams({ clock: e.target.value === "all" ? null : e.target.value })}
          >
            <option value="all">All clocks</option>
            {CLOCKS.map((c) => (
              <option key={c} value={c}>
                {clockLabel(c)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="sla-state" className={fieldLabel}>
            Show
          </label>
          <select
            id="sla-state"
            className={field}
            value={state}
            onChange={(e) => setParams({ state: e.target.value === "all" ? null : e.target.value })}
          >
            <option value="all">Breached and at risk</option>
            <option value="breached">Breached only</option>
            <option value="at_risk">At risk only</option>
          </select>
        </div>
      </FilterBar>
      <AsyncView result={result} label="SLA queue">
        {({ asOf, rows }) => {
          const shown = state === "all" ? rows : rows.filter((r) => r.state === state);
          const breached = rows.filter((r) => r.state === "breached").length;
          return shown.length === 0 ? (
            <Empty title="No breached or at-risk clocks">Every running clock is within its target.</Empty>
          ) : (
            <DataTable
              caption="SLA queue"
              description={`${breached} breached · ${rows.length - breached} at risk · as of ${formatDateTime(asOf.toISOString(), timeZone)}`}
              columns={columns}
              rows={shown}
              rowKey={(r) => r.key}
              filename={`sla-queue-${brand ?? ""}`}
            />
          );
        }}
      </AsyncView>
    </>
  );
}
