import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ARCHIVE_START, archiveOldRuns, RUNS_END, RUNS_START, runKey } from "../lib/run-archive.ts";

const run = (time: string, figure: string, details = false) =>
  `### 2026-12-06 ${time} UTC — \`pnpm bench\`\n\n- Commit: abc\n\n#### Reads\n\n| figure | value |\n| --- | --- |\n| overview | ${figure} |\n${
    details
      ? `\nQuery plans: [benchmark-runs/2026-12-06-${time.replace(":", "")}.md](benchmark-runs/2026-12-06-${time.replace(":", "")}.md).\n`
      : ""
  }\n`;

function docs(runs: string[]): { path: string; dir: string } {
  const root = mkdtempSync(join(tmpdir(), "caliper-archive-"));
  const dir = join(root, "benchmark-runs");
  mkdirSync(dir);
  const path = join(root, "benchmarks.md");
  writeFileSync(
    path,
    `# Benchmarks\n\nAnalysis.\n\n## Runs\n\n${RUNS_START}\n\n${runs.join("")}${RUNS_END}\n\n## Soak\n\nSoak runs.\n`,
  );
  return { path, dir };
}

describe("old benchmark runs move out of docs/benchmarks.md", () => {
  it("keeps the latest runs, moves each older one with its figures into its own file, and lists them newest first", () => {
    const { path, dir } = docs([run("12:00", "3 ms", true), run("11:00", "4 ms", true), run("10:00", "5 ms")]);
    writeFileSync(
      join(dir, "2026-12-06-1100.md"),
      "# Run of 2026-12-06 11:00 UTC — `pnpm bench`: query plans and profiles\n\nCommit abc. The run's figures are in [docs/benchmarks.md](../benchmarks.md#runs).\n\n## Reads at scale\n\nEXPLAIN 1\n",
    );
    const written = archiveOldRuns(path, 1);
    expect(written.map((f) => f.slice(dir.length + 1)).sort()).toEqual(["2026-12-06-1000.md", "2026-12-06-1100.md"]);

    const page = readFileSync(path, "utf8");
    expect(page).toContain("| overview | 3 ms |");
    expect(page).not.toContain("| overview | 4 ms |");
    expect(page).toContain("## Soak\n\nSoak runs.");
    const list = page.slice(page.indexOf(ARCHIVE_START));
    expect(list.indexOf("[2026-12-06 11:00 UTC")).toBeLessThan(list.indexOf("[2026-12-06 10:00 UTC"));
    expect(list).toContain("](benchmark-runs/2026-12-06-1100.md)");

    const file = readFileSync(join(dir, "2026-12-06-1100.md"), "utf8");
    expect(file.startsWith("# Run of 2026-12-06 11:00 UTC — `pnpm bench`\n")).toBe(true);
    expect(file).toContain("| overview | 4 ms |");
    // Its details follow its figures, one level down; its link to itself no longer goes through benchmark-runs/.
    expect(file).toContain("## Query plans and profiles\n\n### Reads at scale\n\nEXPLAIN 1");
    expect(file).toContain("](2026-12-06-1100.md)");
    expect(file).not.toContain("figures are in");
    expect(readFileSync(join(dir, "2026-12-06-1000.md"), "utf8")).toContain("| overview | 5 ms |");

    // Again: nothing changes.
    expect(archiveOldRuns(path, 1)).toEqual([]);
    expect(readFileSync(path, "utf8")).toBe(page);
  });

  it("a later archive puts its runs above the ones listed before", () => {
    const { path } = docs([run("12:00", "3 ms"), run("11:00", "4 ms")]);
    archiveOldRuns(path, 1);
    const page = readFileSync(path, "utf8");
    writeFileSync(path, page.replace(RUNS_START, `${RUNS_START}\n\n${run("13:00", "2 ms")}`));
    archiveOldRuns(path, 1);
    const after = readFileSync(path, "utf8");
    const list = after.slice(after.indexOf(ARCHIVE_START));
    expect(list.indexOf("[2026-12-06 12:00 UTC")).toBeLessThan(list.indexOf("[2026-12-06 11:00 UTC"));
    expect(after.match(/### Older runs/g)).toHaveLength(1);
    expect(after).toContain("| overview | 2 ms |");
    expect(after).not.toContain("| overview | 3 ms |");
  });

  it("names a run's file after its date and time", () => {
    expect(runKey("### 2026-12-06 09:30 UTC — `pnpm bench --only reads`")).toBe("2026-12-06-0930");
    expect(runKey("### Soak 2026-12-03 15:05 UTC")).toBeNull();
  });
});
