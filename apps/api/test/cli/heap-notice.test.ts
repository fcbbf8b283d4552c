import { describe, expect, it } from "vitest";
import { heapNotice } from "../../src/cli/heap-notice.ts";

describe("heapNotice", () => {
  it("tells how to cap an uncapped heap (Node's default on a machine with memory to spare)", () => {
    const line = heapNotice(4.1 * 2 ** 30);
    expect(line).toContain("4.1 GB");
    expect(line).toContain("--max-old-space-size=1024");
  });

  it("says nothing when a cap is set, as pnpm serve and scripts/demo do", () => {
    // --max-old-space-size=1024 gives a heap limit of ~1.05 GiB (old space plus the young generation).
    expect(heapNotice(1.05 * 2 ** 30)).toBeNull();
    expect(heapNotice(2 * 2 ** 30)).toBeNull();
  });
});
