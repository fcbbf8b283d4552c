import { type CaliperEvent, compareEvents } from "@caliper/domain";
import { writeRows } from "../bulk-write.ts";
import { type ClockInstance, orderClocks } from "@caliper/policy";
import type { Insertable, Selectable, Transaction } from "kysely";
import type { ClocksTable, Database, OrdersTable, RollupKeyColumns } from "../schema.ts";
import { clockToRow, finishedStatus, rowToClock } from "./clock-rows.ts";
import type { ProjectionContext } from "./projector.ts";
import type { RollupDelta } from "./rollup-delta.ts";
import { writeClockChanges } from "./clock-changes.ts";
import { selectClocks } from "./select-subjects.ts";

/** An order's state from its events (first of each kind counts), in time order. */
export function orderRow(
  events: readonly CaliperEvent[],
  localDate: (iso: string) => string,
): Insertable<OrdersTable> | null {
  const sorted = [...events].sort(compareEvents);
  const first = sorted[0];
  if (!first || first.orderId === undefined) return null;
  const row: Insertable<OrdersTable> = {
    brand: first.brand,
    order_id: first.orderId,
    placed_at: null,
    shipped_at: null,
    delivered_at: null,
    return_requested_at: null,
    return_reason: null,
    return_received_at: null,
    passed_inspection: null,
    refunded_at: null,
    refund_amount: null,
    refund_currency: null,
    period_at: first.at,
    period_day: "",
    last_event_at: first.at,
    event_count: 0,
  };
  for (const e of sorted) {
    row.event_count = (row.event_count ?? 0) + 1;
    row.last_event_at = e.at;
    switch (e.type) {
      case "order.placed":
        row.placed_at ??= e.at;
        break;
      case "order.shipped":
        row.shipped_at ??= e.at;
        break;
      case "order.delivered":
        row.delivered_at ??= e.at;
        break;
      case "return.requested":
        if (row.return_requested_at == null) {
          row.return_requested_at = e.at;
          row.return_reason = e.data.reason;
        }
        break;
      case "return.received":
        if (row.return_received_at == null) {
          row.return_received_at = e.at;
          row.passed_inspection = e.data.passedInspection ? 1 : 0;
        }
        break;
      case "refund.issued":
        if (row.refunded_at == null) {
          row.refunded_at = e.at;
          row.refund_amount = e.data.amount;
          row.refund_currency = e.data.currency;
        }
        break;
      default:
        break;
    }
  }
  row.period_at = row.placed_at ?? first.at;
  row.period_day = localDate(row.period_at);
  return row;
}

const orderKey = (brand: string, day: string): RollupKeyColumns => ({
  brand,
  day,
  agent: "",
  category: "",
  channel: "",
});

/** What one order's complete event set projects to. */
export interface OrderProjection {
  readonly row: Insertable<OrdersTable>;
  readonly clocks: readonly ClockInstance[];
  readonly clockRows: readonly Insertable<ClocksTable>[];
}

/** Projects one order (state and clocks); null when its events make no order. */
export function computeOrder(ctx: ProjectionContext, events: readonly CaliperEvent[]): OrderProjection | null {
  const first = events[0];
  if (!first) return null;
  const cal = ctx.policies.calendar(first.brand);
  const row = orderRow(events, (iso) => cal.localDate(iso));
  if (!row) return null;
  const attribution = { periodAt: row.period_at, periodDay: row.period_day, agent: "", category: "", channel: "" };
  const clocks = orderClocks(events, ctx.policies.get(first.brand), cal);
  return { row, clocks, clockRows: clocks.map((c) => clockToRow(c, attribution)) };
}

/** Adds (or with sign -1 removes) what an order's finished clocks contribute to the SLA rollups. */
export function contributeOrder(
  delta: RollupDelta,
  brand: string,
  periodDay: string,
  clocks: readonly ClockInstance[],
  sign: 1 | -1,
): void {
  for (const c of clocks) {
    const status = finishedStatus(c);
    if (status) delta.addClock(orderKey(brand, periodDay), c.clock, status, sign);
  }
}

/** Recomputes orders and their clocks (dispatch, delivery, refund) and their SLA rollup contributions. */
export async function projectOrders(
  trx: Transaction<Database>,
  ctx: ProjectionContext,
  orders: ReadonlyMap<string, readonly CaliperEvent[]>,
  oldRows: ReadonlyMap<string, Selectable<OrdersTable>>,
  delta: RollupDelta,
): Promise<void> {
  if (orders.size === 0) return;
  const keys = [...orders.keys()];
  const oldClocks = await selectClocks(
    trx,
    ctx.backend,
    "order",
    keys.filter((k) => oldRows.has(k)),
  );
  const rows: Insertable<OrdersTable>[] = [];
  const clockRows: Insertable<ClocksTable>[] = [];
  for (const [key, events] of orders) {
    const old = oldRows.get(key);
    if (old) contributeOrder(delta, old.brand, old.period_day, (oldClocks.get(key) ?? []).map(rowToClock), -1);
    const p = computeOrder(ctx, events);
    if (!p) continue;
    rows.push(p.row);
    clockRows.push(...p.clockRows);
    contributeOrder(delta, p.row.brand, p.row.period_day, p.clocks, 1);
  }
  await writeRows(trx, ctx.backend, "orders", rows, { kind: "replace", keys: ["brand", "order_id"] });
  await writeClockChanges(trx, ctx.backend, [...oldClocks.values()].flat(), clockRows);
}
