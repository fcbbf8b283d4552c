import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * docs/benchmarks.md keeps the sections of its latest runs; older ones move to their run's file
 * in benchmark-runs/ (beside its query plans and profiles, if it has any), and an index of them,
 * newest first, follows the runs list. Nothing of a run is dropped, and the page stays readable
 * (it had passed 1 MiB, 43 runs, when this was added).
 */
export const RUNS_START = "<!-- bench:runs:start (bench/run.ts inserts each run below, newest first) -->";
export const RUNS_END = "<!-- bench:runs:end -->";
export const ARCHIVE_START = "<!-- bench:archived-runs:start (older runs, newest first, each in its own file) -->";
export const ARCHIVE_END = "<!-- bench:archived-runs:end -->";

/** Run sections kept in docs/benchmarks.md. */
export const RUNS_KEPT = 8;

/** "### 2026-12-06 12:41 UTC — `pnpm bench`" → "2026-12-06-1241", the name of the run's file. */
export function runKey(title: string): string | null {
  const m = /^### (\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}) UTC/.exec(title);
  return m ? `${m[1]}-${m[2]}${m[3]}` : null;
}

/** The first line of a details file written before its figures joined it: its title and a pointer back. */
const DETAILS_HEAD = /^# Run of [^\n]*\n+Commit [^\n]*The run's figures are in [^\n]*\n+/;

/** A run's file with its figures first, then its details (if any); unchanged if it holds them already. */
function runFile(title: string, body: string, existing: string | null): string | null {
  const heading = `# Run of ${title.replace(/^### /, "")}`;
  if (existing?.startsWith(`${heading}\n`)) return null;
  // The section's links point into benchmark-runs/ from docs/; the file is in benchmark-runs/.
  const figures = body.replaceAll("](benchmark-runs/", "](").trim();
  const details = existing === null ? "" : existing.replace(DETAILS_HEAD, "").trim();
  return `${heading}\n\n${figures}\n${details ? `\n## Query plans and profiles\n\n${details.replace(/^#/gm, "##")}\n` : ""}`;
}

/**
 * Moves the run sections after the first `keep` out of the docs file at `path` into
 * benchmark-runs/<key>.md, and lists them between ARCHIVE_START and ARCHIVE_END; returns the files
 * written. Running it again changes nothing.
 */
export function archiveOldRuns(path: string, keep = RUNS_KEPT): string[] {
  const text = readFileSync(path, "utf8");
  const start = text.indexOf(RUNS_START);
  const end = text.indexOf(RUNS_END);
  if (start === -1 || end === -1 || end < start) return [];
  const runs = text.slice(start + RUNS_START.length, end);
  const sections = runs.split(/^(?=### )/m).filter((s) => s.startsWith("### "));
  if (sections.length <= keep) return [];

  const dir = join(dirname(path), "benchmark-runs");
  const written: string[] = [];
  const entries: string[] = [];
  for (const section of sections.slice(keep)) {
    const [title = "", ...rest] = section.split("\n");
    const key = runKey(title);
    if (key === null) throw new Error(`a run section without a date: ${title}`);
    const file = join(dir, `${key}.md`);
    const content = runFile(title, rest.join("\n"), existsSync(file) ? readFileSync(file, "utf8") : null);
    if (content !== null) {
      writeFileSync(file, content);
      written.push(file);
    }
    entries.push(`- [${title.replace(/^### /, "")}](benchmark-runs/${key}.md)`);
  }

  const kept = `\n\n${sections.slice(0, keep).join("").trimEnd()}\n`;
  let after = text.slice(end + RUNS_END.length);
  const a = after.indexOf(ARCHIVE_START);
  const b = after.indexOf(ARCHIVE_END);
  let listed: string[] = [];
  if (a !== -1 && b > a) {
    listed = after
      .slice(a + ARCHIVE_START.length, b)
      .split("\n")
      .filter((l) => l.startsWith("- "));
    after = after.slice(0, a).trimEnd() + after.slice(b + ARCHIVE_END.length);
  }
  const list = [...entries, ...listed.filter((l) => !entries.includes(l))];
  const archive = `\n\n${ARCHIVE_START}\n\n### Older runs\n\n${list.join("\n")}\n\n${ARCHIVE_END}`;
  writeFileSync(path, `${text.slice(0, start + RUNS_START.length)}${kept}${RUNS_END}${archive}${after}`);
  return written;
}
