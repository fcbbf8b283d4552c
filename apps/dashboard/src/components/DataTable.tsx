import { type ReactNode, useId, useMemo, useState } from "react";
import { type CsvValue, toCsv } from "../lib/csv.ts";
import { csvFilename, downloadText } from "../lib/download.ts";
import { btnSecondary } from "./styles.ts";

export type SortDir = "asc" | "desc";
export interface SortState {
  column: string;
  dir: SortDir;
}

export interface Column<T> {
  id: string;
  header: string;
  /** The CSV column name when it differs (e.g. "Median first response (s)": the CSV holds seconds). */
  csvHeader?: string;
  /** The cell's raw value: what sorting compares and (by default) what the CSV holds. */
  value: (row: T) => string | number | null;
  /** What the cell shows; defaults to the value. */
  render?: (row: T) => ReactNode;
  /** The CSV cell; defaults to the value. */
  csv?: (row: T) => CsvValue;
  align?: "left" | "right";
  sortable?: boolean;
}

export interface DataTableProps<T> {
  /** The table's accessible name and visible title. */
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Base of the CSV file name. */
  filename: string;
  /** Uncontrolled initial sort; omit to keep the rows' order. */
  initialSort?: SortState;
  /** Controlled sort (e.g. kept in the URL). */
  sort?: SortState | null;
  onSortChange?: (sort: SortState) => void;
  emptyMessage?: string;
  /** Extra buttons beside the CSV download. */
  actions?: ReactNode;
  description?: ReactNode;
  /** Hide the title (when a section heading already names the table). */
  hideCaption?: boolean;
  /** Render the first column as row headers (<th scope="row">). */
  rowHeader?: boolean;
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), "en", { numeric: true });
}

/** Sorts rows by a column; empty values go last in both directions. */
export function sortRows<T>(rows: readonly T[], columns: readonly Column<T>[], sort: SortState | null): T[] {
  const column = sort ? columns.find((c) => c.id === sort.column) : undefined;
  if (!sort || !column) return [...rows];
  const sign = sort.dir === "asc" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, v: column.value(row) }))
    .sort((x, y) => {
      if (x.v === null || y.v === null) return compare(x.v, y.v) || x.index - y.index;
      return sign * compare(x.v, y.v) || x.index - y.index;
    })
    .map((x) => x.row);
}

/** The CSV of the rows as shown (same order, same columns). */
export function tableCsv<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  return toCsv(
    columns.map((c) => c.csvHeader ?? c.header),
    rows.map((row) => columns.map((c) => (c.csv ? c.csv(row) : c.value(row)))),
  );
}

/** A sortable table with a CSV download of what it shows. */
export function DataTable<T>(props: DataTableProps<T>) {
  const { caption, columns, rows, rowKey, filename, emptyMessage, actions, description, hideCaption, rowHeader } =
    props;
  const [localSort, setLocalSort] = useState<SortState | null>(props.initialSort ?? null);
  const sort = props.sort !== undefined ? props.sort : localSort;
  const titleId = useId();
  const sorted = useMemo(() => sortRows(rows, columns, sort), [rows, columns, sort]);

  const onSort = (column: Column<T>) => {
    const dir: SortDir =
      sort?.column === column.id ? (sort.dir === "asc" ? "desc" : "asc") : column.align === "right" ? "desc" : "asc";
    const next = { column: column.id, dir };
    if (props.onSortChange) props.onSortChange(next);
    if (props.sort === undefined) setLocalSort(next);
  };

  return (
    <div className="rounded-tremor-default border border-tremor-border bg-tremor-background shadow-tremor-card">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-tremor-border px-4 py-3">
        <div>
          <h3 id={titleId} className={hideCaption ? "sr-only" : "font-semibold text-tremor-content-strong"}>
            {caption}
          </h3>
          {description ? <div className="text-tremor-label text-tremor-content">{description}</div> : null}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {actions}
          <button
            type="button"
            className={btnSecondary}
            aria-label={`Download CSV: ${caption}`}
            onClick={() => downloadText(csvFilename(filename), tableCsv(columns, sorted))}
          >
            Download CSV
          </button>
        </div>
      </div>
      {/* A size container: the empty message below is as wide as this box, not as the table. Positioned,
          so visually hidden cell text (absolute, "sr-only") scrolls with the table instead of
          widening the page. */}
      <div className="relative overflow-x-auto" style={{ containerType: "inline-size" }}>
        <table aria-labelledby={titleId} className="w-full min-w-max border-collapse text-tremor-default">
          <thead>
            <tr className="border-b border-tremor-border bg-tremor-background-muted">
              {columns.map((c) => {
                const active = sort?.column === c.id;
                const ariaSort = active ? (sort.dir === "asc" ? "ascending" : "descending") : undefined;
                const sortable = c.sortable !== false;
                return (
                  <th
                    key={c.id}
                    scope="col"
                    aria-sort={sortable ? (ariaSort ?? "none") : undefined}
                    className={`px-3 py-2 font-medium text-tremor-content-emphasis ${c.align === "right" ? "text-right" : "text-left"}`}
                  >
                    {sortable ? (
                      <button
                        type="button"
                        onClick={() => onSort(c)}
                        className={`inline-flex items-center gap-1 rounded hover:text-tremor-content-strong ${c.align === "right" ? "flex-row-reverse" : ""}`}
                      >
                        {c.header}
                        <span
                          aria-hidden="true"
                          className={active ? "text-tremor-brand" : "text-tremor-content-subtle"}
                        >
                          {active ? (sort.dir === "asc" ? "▲" : "▼") : "↕"}
                        </span>
                      </button>
                    ) : (
                      c.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {sorted.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="p-0">
                  {/* Stays in view when the headers are wider than the box (a phone): never cut off. */}
                  <div className="sticky left-0 px-3 py-6 text-center text-tremor-content" style={{ width: "100cqi" }}>
                    {emptyMessage ?? "Nothing to show."}
                  </div>
                </td>
              </tr>
            ) : (
              sorted.map((row) => (
                <tr
                  key={rowKey(row)}
                  className="border-b border-tremor-border last:border-0 hover:bg-tremor-background-muted"
                >
                  {columns.map((c, i) => {
                    const Cell = rowHeader && i === 0 ? "th" : "td";
                    return (
                      <Cell
                        key={c.id}
                        {...(Cell === "th" ? { scope: "row" } : {})}
                        className={`whitespace-nowrap px-3 py-2 ${Cell === "th" ? "font-medium" : ""} ${c.align === "right" ? "text-right tabular-nums" : "text-left"}`}
                      >
                        {c.render ? c.render(row) : (c.value(row) ?? "—")}
                      </Cell>
                    );
                  })}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
