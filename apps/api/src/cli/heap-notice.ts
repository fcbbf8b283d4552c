import { getHeapStatistics } from "node:v8";

/** Above this heap limit Node has sized its heap from a machine with memory to spare (uncapped). */
const UNCAPPED_BYTES = 2 * 2 ** 30;

/**
 * A line for the start of `caliper serve` when Node's heap is uncapped: V8 then lets garbage grow
 * to about four times the live heap between full collections, so the server's memory is several
 * times what it uses (docs/operations.md, "Memory"). Null when a cap is set, as `pnpm serve` does.
 */
export function heapNotice(limitBytes = getHeapStatistics().heap_size_limit): string | null {
  if (limitBytes <= UNCAPPED_BYTES) return null;
  const gb = (limitBytes / 2 ** 30).toFixed(1);
  return `Node's heap limit is ${gb} GB (uncapped): start the server with --max-old-space-size=1024 --max-semi-space-size=32, as pnpm serve does, to keep its memory near what it uses (docs/operations.md, "Memory").`;
}
